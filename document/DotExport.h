#pragma once

#include <QString>

namespace gs {

struct GraphData;
struct Evaluation;

/// The graph as Graphviz DOT text: one box per node (its label, op and value), one edge per
/// connection (labelled with the input it feeds), a cluster per group and per custom gradient
/// body, the target drawn with a double border. With an evaluation, nodes also show their value
/// and gradient, non-finite values are red and connections a stop_gradient cuts are dashed.
QString exportDot(const GraphData& data, const Evaluation* evaluation = nullptr);

} // namespace gs
