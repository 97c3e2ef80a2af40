#pragma once

#include "document/DocumentIds.h"

#include <QString>

namespace gs {

struct Node;
struct GraphData;
struct NodeState;
struct EdgeState;
class Tensor;

/// A tensor written in full precision: every float32 to 9 significant digits and every float64
/// to 17, the digits that give the same float back, so that a hover card can be put beside
/// TensorFlow's output digit for digit. Up to 8x8 elements; larger tensors end with "…".
QString exactTensor(const Tensor& tensor);

/// What a hover card calls a node: its label, else its op or kind, as the title of its box says
/// (cheap, since cards are built whenever the graph is refreshed; never the internal id).
QString hoverName(const GraphData& data, NodeId id);

/// The rich-text card shown when the pointer rests on a node: its name and op, dtype and shape,
/// the exact value and gradient, why it has no gradient, where a NaN or infinity was born.
QString nodeHoverCard(const GraphData& data, const Node& node, const NodeState& state);

/// The card of a wire: the shape it carries and the exact gradient flowing back along it.
QString edgeHoverCard(const GraphData& data, const EdgeState& state, const QString& from, const QString& to);

} // namespace gs
