#pragma once

#include "document/DocumentIds.h"

#include <QPointF>

#include <unordered_map>
#include <unordered_set>

namespace gs {

struct EditorStyle;
struct Evaluation;
struct GraphData;

/// New positions for the nodes of `data` (except those in `keep`): a Graphviz layout that leaves
/// each node the room it takes when drawn with its values, in either view (so that switching
/// between forward values and gradients never makes nodes overlap). `evaluation` is the graph's
/// evaluation if the caller has one; otherwise the graph is evaluated first.
std::unordered_map<NodeId, QPointF> autoLayout(const GraphData& data, const EditorStyle& style,
                                               const std::unordered_set<NodeId>& keep = {},
                                               const Evaluation* evaluation = nullptr);

/// True when no node of `data` has a position (a file written by hand or by a script): such a
/// graph is laid out when it is opened.
bool needsLayout(const GraphData& data);

/// Applies autoLayout() to every node of `data`.
void applyAutoLayout(GraphData& data, const EditorStyle& style);

} // namespace gs
