#include "document/FormulaWriter.h"

#include "document/FormulaError.h"
#include "document/FormulaInfix.h"
#include "document/GraphData.h"
#include "document/NodeNames.h"
#include "engine/ops/OpDef.h"

#include <QRegularExpression>
#include <QSet>
#include <QStringList>

#include <cmath>
#include <unordered_map>

namespace gs {

namespace {

enum Precedence { Compare = 1, Sum = 2, Product = 3, Unary = 4, Power = 5, Atom = 6 };

constexpr int maxInlineDepth = 40;

struct Text {
    QString text;
    int precedence = Atom;
};

/// Thrown inside the writer for graphs that have no formula; caught by writeFormula().
struct WriteFailure {
    QString message;
};

QString expressionNumber(double v)
{
    if (std::optional<QString> whole = formulaWholeNumber(v))
        return *whole;
    return QString::fromStdString(formatNumber(v, DType::Float64));
}

QString literalText(const TensorValue& value, bool declaration)
{
    if (declaration)
        return value.text(DType::Float64);
    auto number = [&](std::int64_t i) { return expressionNumber(value.values[static_cast<std::size_t>(i)]); };
    auto row = [&](std::int64_t r) {
        QStringList items;
        for (std::int64_t c = 0; c < value.shape.cols; ++c)
            items << number(r * value.shape.cols + c);
        return u'[' + items.join(QStringLiteral(", ")) + u']';
    };
    if (value.shape.rank == 0)
        return number(0);
    if (value.shape.rank == 1)
        return row(0);
    QStringList rows;
    for (std::int64_t r = 0; r < value.shape.rows; ++r)
        rows << row(r);
    return u'[' + rows.join(QStringLiteral(", ")) + u']';
}

QString attrText(const std::string& name, const AttrValue& value)
{
    if (name == "dtype")
        if (auto s = std::get_if<std::string>(&value))
            return QString::fromStdString(*s);
    return QString::fromStdString(formatAttrValue(value));
}

bool isValidName(const QString& name)
{
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    static const QSet<QString> reserved = {
        "True", "False", "None", "inf", "nan", "float32", "float64", "and", "as", "assert", "async", "await",
        "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
        "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
        "while", "with", "yield"};
    return identifier.match(name).hasMatch() && !reserved.contains(name);
}

class Writer {
public:
    explicit Writer(const GraphData& g)
        : g_(g)
        , index_(g)
    {
    }

    QString run()
    {
        std::vector<NodeId> order = g_.topologicalOrder({});
        int topNodes = 0;
        for (const auto& [id, n] : g_.nodes)
            topNodes += n.scope.valid() ? 0 : 1;
        if (static_cast<int>(order.size()) != topNodes)
            throw WriteFailure{QStringLiteral("the graph has a cycle")};
        for (const auto& [id, c] : g_.connections)
            ++consumers_[c.from];
        chooseNames(order);

        QStringList lines;
        NodeId lastStatement;
        for (NodeId id : order) {
            if (id == g_.target && !names_.count(id))
                continue;
            const QString line = statement(id);
            if (!line.isNull()) {
                lines << line;
                lastStatement = id;
            }
        }
        if (g_.target.valid()) {
            if (!names_.count(g_.target))
                lines << expression(g_.target).text;
            else if (lastStatement != g_.target)
                lines << names_.at(g_.target);
        }
        return lines.join(u'\n') + u'\n';
    }

private:
    const Node& node(NodeId id) const { return *g_.node(id); }

    QString reserve(QString wanted)
    {
        if (!isValidName(wanted)) {
            wanted.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_]")), QStringLiteral("_"));
            if (wanted.isEmpty() || wanted[0].isDigit())
                wanted.prepend(u'_');
            if (!isValidName(wanted))
                wanted += u'_';
        }
        QString name = wanted;
        for (int i = 2; taken_.contains(name); ++i)
            name = QStringLiteral("%1_%2").arg(wanted).arg(i);
        taken_.insert(name);
        return name;
    }

    QString fresh()
    {
        QString name;
        do
            name = QStringLiteral("t%1").arg(++temp_);
        while (taken_.contains(name) || labels_.contains(name));
        taken_.insert(name);
        return name;
    }

    void chooseNames(const std::vector<NodeId>& order)
    {
        for (NodeId id : order)
            labels_.insert(node(id).label);
        for (NodeId id : order)
            if (!node(id).label.isEmpty())
                names_[id] = reserve(node(id).label);
        std::unordered_map<NodeId, int> depth;
        for (NodeId id : order) {
            if (names_.count(id))
                continue;
            const Node& n = node(id);
            const int uses = consumers_[id];
            const bool implicitVariable = n.kind == NodeKind::Variable && !n.value && n.trainable;
            QString name;
            if ((id == g_.target && uses > 0) || uses >= 2 || implicitVariable)
                name = fresh();
            for (const Connection* c : index_.outputs(id))
                if (name.isNull() && node(c->to).kind == NodeKind::CustomGradient
                    && c->port < GraphData::customInputs(node(c->to))) {
                    const QString wanted = g_.portName(node(c->to), c->port);
                    name = isValidName(wanted) && !taken_.contains(wanted) && !labels_.contains(wanted)
                               ? reserve(wanted)
                               : fresh();
                }
            if (name.isNull()) {
                int d = 1;
                for (const Connection* in : index_.inputs(id))
                    if (!names_.count(in->from) && !node(in->from).scope.valid())
                        d = std::max(d, depth[in->from] + 1);
                depth[id] = d;
                if (d > maxInlineDepth) {
                    name = fresh();
                    depth[id] = 1;
                }
            }
            if (!name.isNull())
                names_[id] = name;
        }
    }

    /// The line for a node that needs one ("" when it is inlined or implicit).
    QString statement(NodeId id)
    {
        const Node& n = node(id);
        auto named = names_.find(id);
        if (named == names_.end())
            return consumers_[id] == 0 ? expression(id).text : QString();
        // An undeclared variable is written where it is used; one nothing uses is a bare name.
        if (n.kind == NodeKind::Variable && !n.value && n.trainable)
            return consumers_[id] == 0 && id != g_.target ? named->second : QString();
        if (n.kind == NodeKind::Op && n.op == u"identity" && n.attrs.empty()) {
            if (const Connection* in = index_.into(id, 0); in && names_.count(in->from))
                return named->second + QStringLiteral(" = ") + names_.at(in->from);
        }
        if (n.kind == NodeKind::Constant && n.value && !n.value->dtype)
            return named->second + QStringLiteral(" = constant(") + literalText(*n.value, true) + u')';
        return named->second + QStringLiteral(" = ") + definition(id).text;
    }

    Text expression(NodeId id)
    {
        if (auto it = names_.find(id); it != names_.end())
            return {it->second, Atom};
        return definition(id);
    }

    Text definition(NodeId id)
    {
        const Node& n = node(id);
        switch (n.kind) {
        case NodeKind::Constant:
            if (!n.value)
                throw WriteFailure{QStringLiteral("the constant %1 has no value").arg(g_.displayName(id))};
            if (n.value->dtype)
                return {declaration(QStringLiteral("constant"), n), Atom};
            return literal(*n.value);
        case NodeKind::Variable: return {declaration(QStringLiteral("Variable"), n), Atom};
        case NodeKind::Input: return {declaration(QStringLiteral("Input"), n), Atom};
        case NodeKind::Op: return operation(id, [this](NodeId in) { return expression(in); });
        case NodeKind::CustomGradient: return {customGradient(id), Atom};
        case NodeKind::Parameter:
        case NodeKind::Upstream: break;
        }
        throw WriteFailure{QStringLiteral("%1 is outside its custom gradient").arg(g_.displayName(id))};
    }

    static Text literal(const TensorValue& value)
    {
        const QString text = literalText(value, false);
        return {text, text.startsWith(u'-') ? Unary : Atom};
    }

    static QString declaration(const QString& function, const Node& n)
    {
        QStringList args;
        if (n.value && n.value->values.size() == static_cast<std::size_t>(n.value->shape.size()))
            args << literalText(*n.value, true);
        if (n.value && n.value->dtype)
            args << QStringLiteral("dtype=") + QString::fromLatin1(dtypeName(*n.value->dtype).data());
        if (n.kind == NodeKind::Variable && !n.trainable)
            args << QStringLiteral("trainable=False");
        return function + u'(' + args.join(QStringLiteral(", ")) + u')';
    }

    template <class Inner> Text operation(NodeId id, Inner inner)
    {
        const Node& n = node(id);
        std::vector<NodeId> inputs;
        for (int port = 0; port < n.ports; ++port) {
            const Connection* c = index_.into(id, port);
            if (!c)
                throw WriteFailure{QStringLiteral("input '%1' of %2 is not connected")
                                       .arg(g_.portName(n, port), quotedName(g_, id))};
            inputs.push_back(c->from);
        }
        auto operand = [&](NodeId in, int required) {
            Text t = inner(in);
            checkLength(t.text);
            return t.precedence < required ? u'(' + t.text + u')' : t.text;
        };
        if (n.attrs.empty()) {
            if (n.op == u"neg" && inputs.size() == 1) {
                const Node& x = node(inputs[0]);
                const bool bareNumber = x.kind == NodeKind::Constant && !names_.count(inputs[0]) && x.value
                                        && x.value->shape.rank == 0 && !x.value->dtype;
                return {u'-' + (bareNumber ? u'(' + inner(inputs[0]).text + u')' : operand(inputs[0], Unary)), Unary};
            }
            for (const FormulaInfix& f : formulaInfixes)
                if (n.op == QLatin1StringView(f.op) && inputs.size() == 2) {
                    const int p = static_cast<int>(f.precedence);
                    const int left = p == Power ? Atom : p == Compare ? Sum : p;
                    const int right = p == Power ? Unary : p == Compare ? Sum : p + 1;
                    const QString a = operand(inputs[0], left); // in order: custom gradient
                    const QString b = operand(inputs[1], right); // bodies number inputs by appearance
                    return {a + u' ' + QLatin1StringView(f.symbol) + u' ' + b, p};
                }
        }
        QStringList args;
        for (NodeId in : inputs)
            args << operand(in, Compare);
        const OpDef* def = GraphData::opOf(n);
        const bool variadic = def && def->maxArity < 0;
        if (variadic) {
            const QString list = u'[' + args.join(QStringLiteral(", ")) + u']';
            bool allLiterals = true;
            for (NodeId in : inputs)
                allLiterals = allLiterals && node(in).kind == NodeKind::Constant && !names_.count(in)
                              && node(in).value && !node(in).value->dtype;
            if (n.op == u"stack" && n.attrs.empty() && !allLiterals)
                return {list, Atom};
            args = QStringList{list};
        }
        for (const auto& [name, value] : n.attrs.items())
            args << QString::fromStdString(name) + u'=' + attrText(name, value);
        return {n.op + u'(' + args.join(QStringLiteral(", ")) + u')', Atom};
    }

    QString customGradient(NodeId id)
    {
        const Node& c = node(id);
        const int inputs = GraphData::customInputs(c);
        std::vector<QString> outer(static_cast<std::size_t>(inputs));
        for (int i = 0; i < inputs; ++i) {
            const Connection* in = index_.into(id, i);
            if (!in)
                throw WriteFailure{QStringLiteral("input '%1' of %2 is not connected").arg(g_.portName(c, i), quotedName(g_, id))};
            outer[static_cast<std::size_t>(i)] = names_.at(in->from);
            for (int j = 0; j < i; ++j)
                if (outer[static_cast<std::size_t>(j)] == outer[static_cast<std::size_t>(i)])
                    throw WriteFailure{QStringLiteral("inputs %1 and %2 of %3 both come from %4; a formula cannot tell them apart")
                                           .arg(j).arg(i).arg(g_.displayName(id), outer[static_cast<std::size_t>(i)])};
        }
        const Connection* forward = index_.into(id, inputs);
        if (!forward)
            throw WriteFailure{QStringLiteral("the forward port of %1 is not connected").arg(quotedName(g_, id))};
        std::vector<int> appearance;
        const QString forwardText = body(forward->from, outer, 0, &appearance).text;
        if (static_cast<int>(appearance.size()) != inputs)
            throw WriteFailure{QStringLiteral("the forward expression of %1 does not use all of its inputs").arg(g_.displayName(id))};
        QStringList grads;
        for (int k = 0; k < inputs; ++k) {
            const Connection* g = index_.into(id, inputs + 1 + appearance[static_cast<std::size_t>(k)]);
            grads << (g ? body(g->from, outer, 0, nullptr).text : QStringLiteral("None"));
        }
        const QString grad = inputs == 1 ? grads.front() : u'[' + grads.join(QStringLiteral(", ")) + u']';
        return QStringLiteral("custom_gradient(") + forwardText + QStringLiteral(", grad=") + grad + u')';
    }

    /// A body expression, written out in full (bodies have no statements of their own).
    Text body(NodeId id, const std::vector<QString>& outer, int depth, std::vector<int>* appearance)
    {
        if (depth > maxInlineDepth)
            throw WriteFailure{QStringLiteral("the body of a custom gradient is nested too deeply to write as a formula")};
        const Node& n = node(id);
        switch (n.kind) {
        case NodeKind::Parameter:
            if (n.index < 0 || n.index >= static_cast<int>(outer.size()))
                throw WriteFailure{QStringLiteral("%1 has no input %2").arg(g_.displayName(n.scope)).arg(n.index)};
            if (appearance && std::find(appearance->begin(), appearance->end(), n.index) == appearance->end())
                appearance->push_back(n.index);
            return {outer[static_cast<std::size_t>(n.index)], Atom};
        case NodeKind::Upstream: return {QStringLiteral("dy"), Atom};
        case NodeKind::Constant:
            if (!n.value)
                throw WriteFailure{QStringLiteral("the constant %1 has no value").arg(g_.displayName(id))};
            return n.value->dtype ? Text{declaration(QStringLiteral("constant"), n), Atom} : literal(*n.value);
        case NodeKind::Op:
            return operation(id, [&](NodeId in) { return body(in, outer, depth + 1, appearance); });
        default: break;
        }
        throw WriteFailure{QStringLiteral("%1 cannot be inside a custom gradient").arg(g_.displayName(id))};
    }

    static void checkLength(const QString& text)
    {
        if (text.size() > formulalimits::maxLength)
            throw WriteFailure{QStringLiteral("the formula would be longer than %1 characters").arg(formulalimits::maxLength)};
    }

    const GraphData& g_;
    const ConnectionIndex index_;
    std::unordered_map<NodeId, int> consumers_;
    std::unordered_map<NodeId, QString> names_;
    QSet<QString> taken_;
    QSet<QString> labels_; ///< labels as the document has them (a fresh name must not read as one)
    int temp_ = 0;
};

} // namespace

FormulaText writeFormula(const GraphData& data)
{
    try {
        return {Writer(data).run(), {}};
    } catch (const WriteFailure& failure) {
        return {{}, failure.message};
    }
}

} // namespace gs
