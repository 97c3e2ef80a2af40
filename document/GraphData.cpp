#include "document/GraphData.h"

#include "document/NodeNames.h"
#include "engine/ops/OpRegistry.h"

#include <algorithm>
#include <queue>
#include <unordered_map>

// Note [custom gradient nodes]
// A CustomGradient node with n inputs has 2n + 1 input ports:
//   ports 0 .. n-1    the inputs, fed from its own scope (like any op's inputs);
//   port  n           "forward": the result of its forward body;
//   ports n+1 .. 2n   "grad <input>": the gradient for each input, written with dy (an Upstream
//                     node) and the Parameter nodes; an unconnected grad port means None.
// The body nodes (Parameter i stands for input i, Upstream for dy, and everything computed from
// them) have `scope` set to the custom gradient node: they are evaluated when it runs, never on
// their own, and only connect to each other and to its forward and grad ports. Bodies do not nest.

namespace gs {

namespace {

struct KindName {
    NodeKind kind;
    const char* name;
};
constexpr KindName kindNames[] = {
    {NodeKind::Op, "op"},
    {NodeKind::Variable, "variable"},
    {NodeKind::Constant, "constant"},
    {NodeKind::Input, "input"},
    {NodeKind::CustomGradient, "custom_gradient"},
    {NodeKind::Parameter, "parameter"},
    {NodeKind::Upstream, "upstream"},
};

template <class Map, class Id> auto lookup(Map& map, Id id) -> decltype(&map.begin()->second)
{
    auto it = map.find(id);
    return it == map.end() ? nullptr : &it->second;
}

template <class Id, class Map> Id nextId(const Map& map)
{
    return Id{map.empty() ? 1 : map.rbegin()->first.value + 1};
}

} // namespace

QString nodeKindName(NodeKind kind)
{
    for (const KindName& k : kindNames)
        if (k.kind == kind)
            return QString::fromLatin1(k.name);
    return QStringLiteral("?");
}

std::optional<NodeKind> nodeKindNamed(const QString& name)
{
    for (const KindName& k : kindNames)
        if (name == QLatin1StringView(k.name))
            return k.kind;
    return std::nullopt;
}

const Node* GraphData::node(NodeId id) const { return lookup(nodes, id); }
Node* GraphData::node(NodeId id) { return lookup(nodes, id); }
const Connection* GraphData::connection(ConnectionId id) const { return lookup(connections, id); }

const Connection* GraphData::connectionInto(NodeId to, PortIndex port) const
{
    for (const auto& [id, c] : connections)
        if (c.to == to && c.port == port)
            return &c;
    return nullptr;
}

std::vector<const Connection*> GraphData::inputsOf(NodeId to) const
{
    std::vector<const Connection*> result;
    for (const auto& [id, c] : connections)
        if (c.to == to)
            result.push_back(&c);
    std::sort(result.begin(), result.end(), [](const Connection* a, const Connection* b) { return a->port < b->port; });
    return result;
}

std::vector<const Connection*> GraphData::outputsOf(NodeId from) const
{
    std::vector<const Connection*> result;
    for (const auto& [id, c] : connections)
        if (c.from == from)
            result.push_back(&c);
    return result;
}

NodeId GraphData::findLabel(const QString& label, NodeId scope) const
{
    for (const auto& [id, n] : nodes)
        if (n.scope == scope && n.label == label)
            return id;
    return {};
}

NodeId GraphData::nextNodeId() const { return nextId<NodeId>(nodes); }
ConnectionId GraphData::nextConnectionId() const { return nextId<ConnectionId>(connections); }
GroupId GraphData::nextGroupId() const { return nextId<GroupId>(groups); }
CommentId GraphData::nextCommentId() const { return nextId<CommentId>(comments); }

QString GraphData::connectError(NodeId from, NodeId to, PortIndex port) const
{
    // Shown in the status bar when a wire is refused: nodes named as students know them.
    const Node* source = node(from);
    const Node* sink = node(to);
    if (!source || !sink)
        return QStringLiteral("no node %1").arg(source ? to.value : from.value);
    if (port < 0 || port >= sink->ports)
        return QStringLiteral("%1 has no input port %2").arg(friendlyName(*this, to)).arg(port);
    if (connectionInto(to, port))
        return QStringLiteral("input '%1' of %2 is already connected").arg(portName(*sink, port), friendlyName(*this, to));
    const bool intoBody = sink->kind == NodeKind::CustomGradient && port >= customInputs(*sink);
    const NodeId expectedScope = intoBody ? to : sink->scope;
    if (source->scope != expectedScope) {
        if (intoBody)
            return QStringLiteral("the %1 port of %2 takes a value computed inside its body")
                .arg(portName(*sink, port), friendlyName(*this, to));
        return QStringLiteral("%1 and %2 are not in the same scope: a custom gradient's body only connects to itself")
            .arg(friendlyName(*this, from), friendlyName(*this, to));
    }
    if (reaches(to, from)) {
        // While a wire is dragged off an input, that input reads "?": an op is then named by
        // its kind ("pow"), which is what its title on the canvas says.
        const auto named = [this](NodeId id) {
            const QString name = quotedName(*this, id);
            const Node* n = node(id);
            return name.contains(u'?') && n && !n->op.isEmpty() ? n->op : name;
        };
        return QStringLiteral("connecting %1 to %2 would make a cycle: %1 depends on %2").arg(named(from), named(to));
    }
    return {};
}

bool GraphData::reaches(NodeId from, NodeId to) const
{
    if (from == to)
        return true;
    std::unordered_map<NodeId, std::vector<NodeId>> next;
    for (const auto& [id, c] : connections)
        next[c.from].push_back(c.to);
    std::unordered_set<NodeId> seen{from};
    std::vector<NodeId> stack{from};
    while (!stack.empty()) {
        const NodeId n = stack.back();
        stack.pop_back();
        for (NodeId m : next[n]) {
            if (m == to)
                return true;
            if (seen.insert(m).second)
                stack.push_back(m);
        }
    }
    return false;
}

namespace {
std::unordered_set<NodeId> closure(const std::map<ConnectionId, Connection>& connections, const std::vector<NodeId>& start,
                                   bool forward)
{
    std::unordered_map<NodeId, std::vector<NodeId>> next;
    for (const auto& [id, c] : connections)
        next[forward ? c.from : c.to].push_back(forward ? c.to : c.from);
    std::unordered_set<NodeId> seen(start.begin(), start.end());
    std::vector<NodeId> stack(start);
    while (!stack.empty()) {
        const NodeId n = stack.back();
        stack.pop_back();
        for (NodeId m : next[n])
            if (seen.insert(m).second)
                stack.push_back(m);
    }
    return seen;
}
} // namespace

std::unordered_set<NodeId> GraphData::ancestors(NodeId id) const { return closure(connections, {id}, false); }

std::unordered_set<NodeId> GraphData::descendants(const std::vector<NodeId>& ids) const
{
    return closure(connections, ids, true);
}

std::vector<NodeId> GraphData::topologicalOrder(NodeId scope) const
{
    std::unordered_map<NodeId, int> pending;
    std::unordered_map<NodeId, std::vector<NodeId>> next;
    for (const auto& [id, n] : nodes)
        if (n.scope == scope)
            pending[id] = 0;
    for (const auto& [id, c] : connections)
        if (pending.count(c.from) && pending.count(c.to)) {
            ++pending[c.to];
            next[c.from].push_back(c.to);
        }
    std::priority_queue<NodeId, std::vector<NodeId>, std::greater<>> ready;
    for (const auto& [id, count] : pending)
        if (count == 0)
            ready.push(id);
    std::vector<NodeId> order;
    order.reserve(pending.size());
    while (!ready.empty()) {
        const NodeId n = ready.top();
        ready.pop();
        order.push_back(n);
        for (NodeId m : next[n])
            if (--pending[m] == 0)
                ready.push(m);
    }
    return order;
}

const Connection* GraphData::connectionOnCycle() const
{
    std::unordered_map<NodeId, int> pending;
    std::unordered_map<NodeId, std::vector<const Connection*>> out, in;
    for (const auto& [id, c] : connections) {
        ++pending[c.to];
        out[c.from].push_back(&c);
        in[c.to].push_back(&c);
    }
    std::vector<NodeId> ready;
    for (const auto& [id, n] : nodes)
        if (!pending[id])
            ready.push_back(id);
    while (!ready.empty()) {
        const NodeId n = ready.back();
        ready.pop_back();
        for (const Connection* c : out[n])
            if (--pending[c->to] == 0)
                ready.push_back(c->to);
    }
    NodeId start;
    for (const auto& [id, count] : pending)
        if (count > 0 && (!start.valid() || id < start))
            start = id;
    if (!start.valid())
        return nullptr;
    std::unordered_map<NodeId, const Connection*> via;
    NodeId n = start;
    while (!via.count(n)) {
        const Connection* back = nullptr;
        for (const Connection* c : in[n])
            if (pending[c->from] > 0)
                back = c;
        via[n] = back;
        n = back->from;
    }
    const Connection* best = via[n];
    for (NodeId m = via[n]->from; m != n; m = via[m]->from)
        if (via[m]->id < best->id)
            best = via[m];
    return best;
}

const OpDef* GraphData::opOf(const Node& node)
{
    if (node.kind != NodeKind::Op)
        return nullptr;
    return OpRegistry::instance().find(node.op.toStdString());
}

QString GraphData::portName(const Node& n, PortIndex port) const
{
    if (n.kind == NodeKind::CustomGradient) {
        const int inputs = customInputs(n);
        auto inputName = [&](int i) {
            for (const auto& [id, p] : nodes)
                if (p.scope == n.id && p.kind == NodeKind::Parameter && p.index == i && !p.label.isEmpty())
                    return p.label;
            return QStringLiteral("x%1").arg(i);
        };
        if (port < inputs)
            return inputName(port);
        if (port == inputs)
            return QStringLiteral("forward");
        return QStringLiteral("grad ") + inputName(port - inputs - 1);
    }
    const OpDef* op = opOf(n);
    if (!op)
        return QStringLiteral("x%1").arg(port);
    const QString name = QString::fromStdString(op->inputName(static_cast<std::size_t>(port)));
    if (op->maxArity < 0 && static_cast<std::size_t>(port) + 1 >= op->inputNames.size())
        return QStringLiteral("%1[%2]").arg(name).arg(port - static_cast<int>(op->inputNames.size()) + 1);
    return name;
}

QString GraphData::displayName(NodeId id) const
{
    const Node* n = node(id);
    if (!n)
        return QStringLiteral("node %1").arg(id.value);
    if (!n->label.isEmpty())
        return n->label;
    QString what = n->kind == NodeKind::Op ? n->op : nodeKindName(n->kind);
    if (n->kind == NodeKind::Upstream)
        what = QStringLiteral("dy");
    return QStringLiteral("%1#%2").arg(what).arg(id.value);
}

ConnectionIndex::ConnectionIndex(const GraphData& data)
{
    for (const auto& [id, c] : data.connections) {
        inputs_[c.to].push_back(&c);
        outputs_[c.from].push_back(&c);
    }
    for (auto& [id, list] : inputs_)
        std::sort(list.begin(), list.end(), [](const Connection* a, const Connection* b) { return a->port < b->port; });
}

const Connection* ConnectionIndex::into(NodeId to, PortIndex port) const
{
    for (const Connection* c : inputs(to))
        if (c->port == port)
            return c;
    return nullptr;
}

const std::vector<const Connection*>& ConnectionIndex::inputs(NodeId to) const
{
    static const std::vector<const Connection*> none;
    auto it = inputs_.find(to);
    return it == inputs_.end() ? none : it->second;
}

const std::vector<const Connection*>& ConnectionIndex::outputs(NodeId from) const
{
    static const std::vector<const Connection*> none;
    auto it = outputs_.find(from);
    return it == outputs_.end() ? none : it->second;
}

} // namespace gs
