#pragma once

namespace gs {

struct GraphData;

/// Places every node in columns by its longest distance from a node without inputs, and stacks
/// each column's nodes in id order: a readable first layout for a graph read from a formula. The
/// body of a custom gradient goes in its own band below the main graph, under its node.
void layoutInLayers(GraphData& data);

} // namespace gs
