#include "document/NodeNames.h"

#include "document/FormulaInfix.h"
#include "document/GraphData.h"
#include "engine/ops/OpDef.h"

#include <QStringList>

#include <algorithm>
#include <cmath>
#include <deque>
#include <memory>
#include <unordered_map>
#include <vector>

namespace gs {

namespace {

using P = FormulaPrecedence;

struct Text {
    QString text;
    P precedence = P::Atom;
};

QString number(double v)
{
    // Six digits: only their look matters in a sentence.
    return formulaWholeNumber(v).value_or(QString::number(v, 'g', 6));
}

/// A literal as a formula writes it; long vectors and matrices shortened (only their look
/// matters in a sentence).
QString literal(const TensorValue& value)
{
    const auto& v = value.values;
    if (value.shape.rank == 0 && !v.empty())
        return number(v.front());
    if (value.shape.rank == 1 && !v.empty() && v.size() <= 4) {
        QStringList items;
        for (double x : v)
            items << number(x);
        return u'[' + items.join(QStringLiteral(", ")) + u']';
    }
    return QStringLiteral("[…]");
}

} // namespace

/// Writes a node's expression, showing the inner unlabelled ops that are `open` and eliding the
/// others: "…" for an operator's operand, "log(…)" for a function's arguments.
class NodeNamer::Writer {
public:
    using Open = std::vector<NodeId>; ///< a handful, searched linearly

    explicit Writer(const GraphData& data)
        : g_(data)
    {
        for (const auto& [id, c] : data.connections)
            inputs_[c.to].push_back(&c);
    }

    /// An unlabelled op (or custom gradient): what can be opened or elided.
    bool expandable(NodeId id) const
    {
        const Node* n = g_.node(id);
        return n && (n->label.isEmpty() || n->kind == NodeKind::Upstream)
               && (n->kind == NodeKind::Op || n->kind == NodeKind::CustomGradient);
    }

    std::vector<NodeId> operands(NodeId id) const
    {
        const Node* n = g_.node(id);
        const int ports = !n ? 0 : n->kind == NodeKind::CustomGradient ? GraphData::customInputs(*n) : n->ports;
        std::vector<NodeId> result(static_cast<std::size_t>(std::max(ports, 0)));
        if (auto it = inputs_.find(id); it != inputs_.end())
            for (const Connection* c : it->second)
                if (c->port >= 0 && c->port < ports)
                    result[static_cast<std::size_t>(c->port)] = c->from;
        return result;
    }

    Text write(NodeId id, const Open& open, bool root) const
    {
        const Node* n = g_.node(id);
        if (!n)
            return {QStringLiteral("?")};
        if (!n->label.isEmpty() && n->kind != NodeKind::Upstream)
            return {n->label};
        switch (n->kind) {
        case NodeKind::Constant:
            if (!n->value)
                return {QStringLiteral("constant")};
            return {root ? QStringLiteral("constant(%1)").arg(literal(*n->value)) : literal(*n->value),
                    !root && literal(*n->value).startsWith(u'-') ? P::Unary : P::Atom};
        case NodeKind::Variable:
            return {n->value ? QStringLiteral("Variable(%1)").arg(literal(*n->value)) : QStringLiteral("Variable()")};
        case NodeKind::Input:
            return {n->value ? QStringLiteral("Input(%1)").arg(literal(*n->value)) : QStringLiteral("Input()")};
        case NodeKind::Upstream: return {QStringLiteral("dy")};
        case NodeKind::Parameter:
            return {n->scope.valid() && g_.node(n->scope) ? g_.portName(*g_.node(n->scope), n->index)
                                                           : QStringLiteral("x%1").arg(n->index)};
        case NodeKind::CustomGradient: return call(QStringLiteral("custom_gradient"), id, open);
        case NodeKind::Op: break;
        }
        const bool opened = std::find(open.begin(), open.end(), id) != open.end();
        const std::vector<NodeId> in = operands(id);
        const FormulaInfix* infix = nullptr;
        for (const FormulaInfix& f : formulaInfixes)
            if (n->op == QLatin1StringView(f.op) && in.size() == 2)
                infix = &f;
        if (!opened)
            return {(infix || n->op == u"neg") && !root ? QStringLiteral("…") : n->op + QStringLiteral("(…)")};
        if (n->op == u"neg" && in.size() == 1)
            return {u'-' + operand(in[0], open, P::Unary), P::Unary};
        if (infix) {
            const P p = infix->precedence;
            const P left = p == P::Power ? P::Atom : p == P::Compare ? P::Sum : p;
            const P right = p == P::Power ? P::Unary : p == P::Compare ? P::Sum : static_cast<P>(static_cast<int>(p) + 1);
            return {operand(in[0], open, left) + u' ' + QLatin1StringView(infix->symbol) + u' ' + operand(in[1], open, right), p};
        }
        const OpDef* def = GraphData::opOf(*n);
        if (def && def->maxArity < 0) {
            QStringList items;
            for (NodeId i : in)
                items << operand(i, open, P::Compare);
            return {n->op + QStringLiteral("([") + items.join(QStringLiteral(", ")) + QStringLiteral("])")};
        }
        return call(n->op, id, open);
    }

private:
    QString operand(NodeId id, const Open& open, P required) const
    {
        if (!id.valid())
            return QStringLiteral("?");
        const Text t = write(id, open, false);
        return t.precedence < required ? u'(' + t.text + u')' : t.text;
    }

    Text call(const QString& function, NodeId id, const Open& open) const
    {
        if (std::find(open.begin(), open.end(), id) == open.end())
            return {function + QStringLiteral("(…)")};
        QStringList args;
        for (NodeId i : operands(id))
            args << operand(i, open, P::Compare);
        return {function + u'(' + args.join(QStringLiteral(", ")) + u')'};
    }

    const GraphData& g_;
    std::unordered_map<NodeId, std::vector<const Connection*>> inputs_;
};

namespace {
/// Enough to show what a name in a sentence computes; bounds the cost on a large graph.
constexpr int mostOpened = 24;
} // namespace

NodeNamer::NodeNamer(const GraphData& data)
    : data_(data)
{
}

NodeNamer::~NodeNamer() = default;

QString NodeNamer::name(NodeId id, int maxLength) const
{
    const Node* n = data_.node(id);
    if (!n)
        return QStringLiteral("a removed node");
    if (!n->label.isEmpty() && n->kind != NodeKind::Upstream)
        return n->label;
    if (!writer_) // only when an unlabelled node is named: one pass over the connections
        writer_ = std::make_unique<Writer>(data_);
    const Writer& w = *writer_;
    if (!w.expandable(id))
        return w.write(id, {}, true).text;
    // Opened breadth first, outermost operands first, each as long as the whole still fits:
    // "3 * w1 ** 2 + 2 * w1 * …" rather than cutting every branch at the same depth.
    Writer::Open open{id};
    QString best = w.write(id, open, true).text;
    if (best.size() > maxLength)
        return w.write(id, {}, true).text; // "add_n(…)"
    std::deque<NodeId> next;
    for (NodeId in : w.operands(id))
        next.push_back(in);
    while (!next.empty() && static_cast<int>(open.size()) < mostOpened) {
        const NodeId candidate = next.front();
        next.pop_front();
        if (!w.expandable(candidate) || std::find(open.begin(), open.end(), candidate) != open.end())
            continue;
        open.push_back(candidate);
        const QString text = w.write(id, open, true).text;
        if (text.size() > maxLength) {
            open.pop_back();
            continue;
        }
        best = text;
        for (NodeId in : w.operands(candidate))
            next.push_back(in);
    }
    return best;
}

QString friendlyName(const GraphData& data, NodeId id, int maxLength) { return NodeNamer(data).name(id, maxLength); }

QString quotedName(const GraphData& data, NodeId id, int maxLength)
{
    const QString name = friendlyName(data, id, maxLength);
    return name.contains(u' ') ? QStringLiteral("\u201C%1\u201D").arg(name) : name;
}

QString derivativeName(const GraphData& data, NodeId id, int maxLength)
{
    const QString name = friendlyName(data, id, maxLength);
    return name.contains(u' ') ? u'(' + name + u')' : name;
}

} // namespace gs
