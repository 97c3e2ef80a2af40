#pragma once

#include "document/GraphData.h"

#include <QPointF>

#include <optional>
#include <vector>

class QMimeData;
class QUndoCommand;

namespace gs {

class GraphDocument;

/// The MIME type of copied nodes: a .gscope document of just those nodes.
inline constexpr char graphMimeType[] = "application/x-gradscope";

/// The nodes `ids` (with the bodies of custom gradients among them) and the connections between
/// them, as a document of their own.
GraphData extractSubgraph(const GraphData& data, const std::vector<NodeId>& ids);

/// Clipboard contents for a subgraph: the .gscope JSON, and its formula as text when it has one.
QMimeData* mimeForSubgraph(const GraphData& subgraph);
/// What can be pasted from `mime`: copied nodes, or formula text (code pasted from the book).
std::optional<GraphData> subgraphFromMime(const QMimeData* mime);

/// One undoable command that adds `subgraph` to `document` with fresh ids, its top-left node at
/// `at`, and labels renamed where they would clash (w1 becomes w1_2). `added` receives the ids the
/// top-level nodes will have.
QUndoCommand* pasteCommand(GraphDocument* document, const GraphData& subgraph, const QPointF& at,
                           std::vector<NodeId>* added, const QString& text);

} // namespace gs
