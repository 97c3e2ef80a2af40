#pragma once

#include "document/DocumentIds.h"
#include "document/LessonStep.h"
#include "document/TensorValue.h"
#include "engine/ops/Attrs.h"

#include <QList>
#include <QMap>
#include <QPointF>
#include <QString>

#include <map>
#include <unordered_map>
#include <unordered_set>
#include <optional>
#include <vector>

namespace gs {

struct OpDef;

/// What a node is. Every node has one output; its input ports depend on the kind.
enum class NodeKind {
    Op,             ///< a registered op (add, exp, reduce_sum, ...): `op`, `attrs`, `ports` inputs
    Variable,       ///< tf.Variable: `value` (unset: given at evaluation), `trainable`
    Constant,       ///< tf.constant: `value`
    Input,          ///< a value given at evaluation time; `value` is its default, if any
    CustomGradient, ///< tf.custom_gradient; see note [custom gradient nodes] in GraphData.cpp
    Parameter,      ///< inside a custom gradient: its input number `index`
    Upstream,       ///< inside a custom gradient's gradient: dy, the gradient arriving from above
};

/// The name used in files and messages: "op", "variable", "custom_gradient", ...
QString nodeKindName(NodeKind kind);
std::optional<NodeKind> nodeKindNamed(const QString& name);

struct Node {
    NodeId id;
    NodeKind kind = NodeKind::Op;
    QString op;       ///< Op: the registered op's name
    Attrs attrs;      ///< Op: attributes given explicitly (others take the op's defaults)
    int ports = 0;    ///< number of input ports (Op: its arity; CustomGradient: 2 * inputs + 1)
    int index = 0;    ///< Parameter: which input of its custom gradient it stands for
    QString label;    ///< the name in formulas (`w1`, `loss`); may be empty
    QPointF position; ///< where the editor draws it
    GroupId group;    ///< its name scope, if any
    NodeId scope;     ///< the custom gradient node whose body this node belongs to, if any
    std::optional<TensorValue> value; ///< Variable, Constant, Input
    bool trainable = true;            ///< Variable

    friend bool operator==(const Node&, const Node&) = default;
};

/// From the output of `from` into input port `port` of `to`.
struct Connection {
    ConnectionId id;
    NodeId from;
    NodeId to;
    PortIndex port = 0;
    friend bool operator==(const Connection&, const Connection&) = default;
};

/// A name scope (tf.name_scope): nodes and comments can belong to one; groups nest.
struct Group {
    GroupId id;
    QString name;
    GroupId parent;
    friend bool operator==(const Group&, const Group&) = default;
};

struct Comment {
    CommentId id;
    QString text;
    QPointF position;
    GroupId group;
    friend bool operator==(const Comment&, const Comment&) = default;
};

/// What a lesson says about itself, and its steps in order (see LessonStep and lessonFrame()).
struct LessonInfo {
    QString title;
    QString notes;
    std::vector<LessonStep> steps;
    friend bool operator==(const LessonInfo&, const LessonInfo&) = default;
};

/// Everything a document holds, as plain copyable data: what files store, formulas describe,
/// commands snapshot and evaluations read. GraphDocument wraps it and signals every change.
struct GraphData {
    std::map<NodeId, Node> nodes;
    std::map<ConnectionId, Connection> connections;
    std::map<GroupId, Group> groups;
    std::map<CommentId, Comment> comments;
    NodeId target; ///< the value whose gradients are taken
    LessonInfo lesson;
    /// Values saved with the document (by name), used over the declared ones when evaluating.
    QMap<QString, TensorValue> savedValues;

    friend bool operator==(const GraphData&, const GraphData&) = default;

    const Node* node(NodeId id) const;
    Node* node(NodeId id);
    const Connection* connection(ConnectionId id) const;
    /// The connection into `port` of `to`, or nullptr.
    const Connection* connectionInto(NodeId to, PortIndex port) const;
    /// Connections into `to`, by port.
    std::vector<const Connection*> inputsOf(NodeId to) const;
    /// Connections out of `from`, by id.
    std::vector<const Connection*> outputsOf(NodeId from) const;
    /// The node labelled `label` in `scope` (the top level by default), or an invalid id.
    NodeId findLabel(const QString& label, NodeId scope = {}) const;

    NodeId nextNodeId() const;
    ConnectionId nextConnectionId() const;
    GroupId nextGroupId() const;
    CommentId nextCommentId() const;

    /// Why `from` cannot feed port `port` of `to` ("" when it can): missing nodes, a port out of
    /// range or already taken, a connection across custom gradient bodies, or a cycle.
    QString connectError(NodeId from, NodeId to, PortIndex port) const;
    /// True when a path of connections leads from `from` to `to` (or they are the same node).
    bool reaches(NodeId from, NodeId to) const;
    /// `id` and every node with a path of connections to it.
    std::unordered_set<NodeId> ancestors(NodeId id) const;
    /// `ids` and every node a path of connections leads to from one of them.
    std::unordered_set<NodeId> descendants(const std::vector<NodeId>& ids) const;
    /// The nodes of `scope` (top level by default) in an order where every node comes after the
    /// nodes of the same scope that feed it; ties go to the smaller id. Nodes on a cycle are left
    /// out (a valid document has none).
    std::vector<NodeId> topologicalOrder(NodeId scope = {}) const;
    /// A connection on a cycle (the one with the smallest id on the first cycle found), or nullptr
    /// when there is none: what a file must not contain.
    const Connection* connectionOnCycle() const;

    /// How many inputs a custom gradient node has.
    static int customInputs(const Node& node) { return node.ports > 0 ? (node.ports - 1) / 2 : 0; }
    /// The op of an Op node, or nullptr.
    static const OpDef* opOf(const Node& node);
    /// The name of input port `port` of `node`: "x", "y", "inputs[2]", "forward", "grad x".
    QString portName(const Node& node, PortIndex port) const;
    /// How a node is called in messages: its label, else "exp#7".
    QString displayName(NodeId id) const;
};

/// Connections by their ends, for code that looks many up (evaluation, layout, writing formulas):
/// building it takes one pass, each lookup then costs the node's own connections only. It points
/// into the data it was built from and is valid until that changes.
class ConnectionIndex {
public:
    explicit ConnectionIndex(const GraphData& data);
    /// The connection into `port` of `to`, or nullptr.
    const Connection* into(NodeId to, PortIndex port) const;
    /// Connections into `to`, by port.
    const std::vector<const Connection*>& inputs(NodeId to) const;
    /// Connections out of `from`, by id.
    const std::vector<const Connection*>& outputs(NodeId from) const;

private:
    std::unordered_map<NodeId, std::vector<const Connection*>> inputs_;
    std::unordered_map<NodeId, std::vector<const Connection*>> outputs_;
};

} // namespace gs
