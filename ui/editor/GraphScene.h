#pragma once

#include "document/DocumentIds.h"
#include "ui/editor/PortRef.h"
#include "ui/render/EditorStyle.h"

#include <QGraphicsScene>

#include <memory>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace gs {

class BodyFrameItem;
class EdgeItem;
class CommentItem;
class EditorSession;
class GroupFrameItem;
class HaloItem;
class WireLabelLayer;
class NodeItem;
class ProbeItem;
class WireDrag;
struct GraphData;
struct GraphOverlay;

/// The canvas's scene: a mirror of the session's document. It creates, updates and removes one
/// NodeItem per node and one EdgeItem per connection in reply to the document's signals, and
/// refreshes what they show after every evaluation. It changes the document only by pushing
/// commands: a finished drag of nodes (one MoveNodesCommand) and a wire dropped on a port
/// (ConnectCommand, or DisconnectCommand when a detached wire is dropped on nothing).
class GraphScene : public QGraphicsScene {
    Q_OBJECT
public:
    explicit GraphScene(EditorSession* session, QObject* parent = nullptr);
    ~GraphScene() override;

    EditorSession* session() const { return session_; }
    const GraphData& data() const;
    const GraphOverlay& overlay() const;
    const EditorStyle& editorStyle() const { return style_; }
    void setEditorStyle(const EditorStyle& style);

    NodeItem* nodeItem(NodeId id) const;
    EdgeItem* edgeItem(ConnectionId id) const;
    const std::unordered_map<ConnectionId, EdgeItem*>& edgeItems() const { return edges_; }
    /// The item that draws every wire and its label (null while the scene is torn down).
    WireLabelLayer* wireLayer() const { return labels_; }
    std::vector<NodeId> selectedNodes() const;
    void selectNodes(const std::vector<NodeId>& ids);
    /// The node the inspector shows: the selected one, or the last one selected.
    NodeId currentNode() const { return current_; }
    /// The bounding rectangle of the nodes and wires (scene coordinates).
    QRectF graphBounds() const;
    /// A node's extent relative to its position (for the layout).
    QRectF nodeExtent(NodeId id) const;

    // Wire dragging, driven by the PortItem that was pressed.
    void beginWire(const PortRef& from, const QPointF& scenePos);
    void moveWire(const QPointF& scenePos);
    void endWire(const QPointF& scenePos);
    bool wireActive() const;
    /// Why the last dropped wire was refused ("" when it was not).
    QString lastRefusal() const;

    /// True when a wire feeds input `port` of `id` (kept by the scene, so that refreshing a node
    /// does not search every connection).
    bool inputConnected(NodeId id, PortIndex port) const;

    /// Nodes and wires along the one at `id` refresh (while it is dragged).
    void nodeMoved(NodeId id);

    // Name scopes collapse into one box (a view state, not part of the document).
    GroupFrameItem* groupFrame(GroupId id) const;
    CommentItem* commentItem(CommentId id) const;
    bool isCollapsed(GroupId id) const { return collapsed_.count(id) > 0; }
    void setCollapsed(GroupId id, bool collapsed);
    /// The outermost collapsed scope that hides `id`, or an invalid id when it is visible.
    GroupId hiddenBy(NodeId id) const;
    /// `group` and the scopes around it, innermost first.
    std::vector<GroupId> scopeChain(GroupId group) const;
    /// True when node `id` is in scope `group` or in a scope nested inside it.
    bool inScope(NodeId id, GroupId group) const;
    /// Where a wire leaving `id` starts and where one entering its input `port` ends: the node's
    /// port, or the side of the collapsed scope that hides it.
    QPointF outputAnchor(NodeId id) const;
    QPointF inputAnchor(NodeId id, PortIndex port) const;

    /// Probes pinned on wires (view state: they sample every evaluation while they exist).
    ProbeItem* probe(ConnectionId id) const;
    void setProbe(ConnectionId id, bool pinned);

    /// Halos around these nodes (what a lesson step points at), replacing the ones shown before.
    void setHighlighted(const std::vector<NodeId>& ids);
    std::vector<NodeId> highlighted() const;
    /// What the graph is about, in scene coordinates: the highlighted nodes, else the target's
    /// node; empty when neither is there.
    QRectF focusBounds() const;

    /// Puts every callout and wire label where it covers no node, pill or other label (see
    /// placeAnnotations()). Done after every refresh of the whole graph, and soon after nodes or
    /// wires change (several moves in one event are placed once); never while painting.
    void placeAnnotations();

signals:
    /// A sentence for the status bar (a refused connection, what a drop did).
    void message(const QString& text);
    void currentNodeChanged(gs::NodeId id);
    /// A new wire from `anchor` was dropped on empty canvas at `scenePos`: the editor offers the
    /// palette there and wires what is chosen to `anchor` (Blender's link-drag-search).
    void wireDroppedOnCanvas(const gs::PortRef& anchor, const QPointF& scenePos);

protected:
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
    /// Writes the hover cards of the nodes and wires under the pointer, then shows the topmost.
    void helpEvent(QGraphicsSceneHelpEvent* event) override;

private:
    void rebuild();
    void addNodeItem(NodeId id);
    void removeNodeItem(NodeId id);
    void nodeChanged(NodeId id);
    void addEdgeItem(ConnectionId id);
    void removeEdgeItem(ConnectionId id);
    void refreshAll();
    void refreshEdgesOf(NodeId id);
    void refreshFrames();
    void refreshGroups();
    void refreshProbes();
    void applyCollapse();
    void addGroupItem(GroupId id);
    void removeGroupItem(GroupId id);
    void addCommentItem(CommentId id);
    void removeCommentItem(CommentId id);
    void updateCurrent();
    void commitMoves();
    void schedulePlacement();
    void refreshHalo(NodeId id);
    void refreshLabels();

    EditorSession* session_;
    EditorStyle style_;
    std::unordered_map<NodeId, NodeItem*> nodes_;
    std::unordered_map<ConnectionId, EdgeItem*> edges_;
    std::unordered_map<NodeId, BodyFrameItem*> frames_; ///< per custom gradient node
    std::unordered_map<GroupId, GroupFrameItem*> groups_;
    std::unordered_map<CommentId, CommentItem*> comments_;
    std::unordered_set<GroupId> collapsed_;
    std::unordered_map<ConnectionId, ProbeItem*> probes_;
    std::unordered_map<NodeId, HaloItem*> halos_;
    WireLabelLayer* labels_ = nullptr; ///< every wire's label, above the wires
    bool placementPending_ = false;
    std::unordered_set<std::uint64_t> connectedInputs_;  ///< (node << 32) | port
    bool rebuilding_ = false;
    std::unique_ptr<WireDrag> wire_;
    NodeId current_;
};

} // namespace gs
