#pragma once

#include "document/DocumentIds.h"

#include <QObject>
#include <QPointF>
#include <QString>

#include <vector>

namespace gs {

class EditorSession;
class GraphScene;

/// The editing operations of the canvas, each one undoable command on the session's stack:
/// adding nodes from the palette, deleting, copying, pasting and duplicating the selection,
/// choosing the target and the sources the tape watches.
class GraphEditing : public QObject {
    Q_OBJECT
public:
    GraphEditing(EditorSession* session, GraphScene* scene, QObject* parent = nullptr);

    /// The canvas whose selection these operations act on (the Inspector follows it too).
    GraphScene* scene() const { return scene_; }

    /// Adds what palette entry `key` makes at `position`, selects it and returns its (first) node.
    NodeId addFromPalette(const QString& key, const QPointF& position);
    /// Adds what `key` makes and wires it to `anchor`, as one undo step: an output anchor feeds
    /// the first input port that accepts it, an input anchor takes the new node's output.
    void addWiredTo(const QString& key, const QPointF& position, const struct PortRef& anchor);
    /// Deletes the selected nodes and comments (one undo step).
    void deleteSelection();
    /// Puts the selected nodes into a new name scope (`name`, or "scope1", "scope2"...).
    void groupSelection(const QString& name = {});
    /// Dissolves the scopes of the selected nodes; their nodes move to the enclosing scope.
    void ungroupSelection();
    /// Adds a comment at `position` and starts editing its text.
    void addComment(const QPointF& position, const QString& text = {});
    void copySelection();
    void cutSelection();
    /// Pastes copied nodes (or formula text) with their top-left corner at `at`.
    void paste(const QPointF& at);
    void duplicateSelection();
    void selectAll();
    bool canPaste() const;

    /// Makes `id` the value whose gradients are taken.
    void setTarget(NodeId id);
    /// Starts or stops watching `id` (a top-level node) on the tape.
    void setWatched(NodeId id, bool watched);
    bool isWatched(NodeId id) const;

signals:
    void message(const QString& text);

private:
    void pasteSubgraph(const struct GraphData& sub, const QPointF& at, const QString& text);

    EditorSession* session_;
    GraphScene* scene_;
};

} // namespace gs
