// writeTensorFlow(): expressions, statements, custom gradient functions and names.
// See note [TensorFlow code] in TensorFlowProgram.h.
#include "document/TensorFlowProgram.h"

#include "document/FormulaInfix.h"
#include "document/OpCatalog.h"
#include "document/TensorFlowOps.h"
#include "engine/ops/OpDef.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace gs::tensorflow {

namespace {

constexpr int maxInlineDepth = 40;

const QSet<QString>& reservedNames()
{
    static const QSet<QString> names = {
        // Python's keywords and the builtin the program calls
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
        "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
        "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
        "print",
        // the modules it uses, and names the formula language reads as numbers and dtypes
        "tf", "np", "inf", "nan", "float32", "float64"};
    return names;
}

bool isValidName(const QString& name)
{
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    return identifier.match(name).hasMatch() && !reservedNames().contains(name);
}

QString attrValueText(const std::string& name, const AttrValue& value)
{
    if (auto s = std::get_if<std::string>(&value)) {
        if (name == "dtype" || name == "output_type")
            return QStringLiteral("tf.") + QString::fromStdString(s->rfind("tf.", 0) == 0 ? s->substr(3) : *s);
        return u'\'' + QString::fromStdString(*s) + u'\'';
    }
    if (auto d = std::get_if<double>(&value))
        return QString::fromStdString(formatNumber(*d, DType::Float64));
    return QString::fromStdString(formatAttrValue(value));
}

QString dimsText(const std::vector<std::int64_t>& dims)
{
    QStringList items;
    for (std::int64_t d : dims)
        items << QString::number(d);
    return u'[' + items.join(QStringLiteral(", ")) + u']';
}

/// Attributes TensorFlow takes positionally (tf.reshape(x, [2, -1]), tf.slice(x, begin, size)).
bool positionalAttr(const QString& op, const std::string& attr)
{
    return ((op == u"reshape" || op == u"broadcast_to") && attr == "shape")
           || (op == u"slice" && (attr == "begin" || attr == "size")) || (op == u"cast" && attr == "dtype");
}

} // namespace

Names::Names(const QSet<QString>& labels, QSet<QString> taken)
    : labels_(labels)
    , taken_(std::move(taken))
{
    taken_.unite(reservedNames());
}

QString Names::reserve(QString wanted)
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

QString Names::fresh()
{
    QString name;
    do
        name = QStringLiteral("t%1").arg(++temp_);
    while (taken_.contains(name) || labels_.contains(name));
    taken_.insert(name);
    return name;
}

Program::Program(const GraphData& g, const EvaluationOptions& o)
    : g_(g)
    , index_(g)
    , o_(o)
    , names_(labels_)
{
    for (const auto& [id, n] : g.nodes)
        if (!n.label.isEmpty())
            labels_.insert(n.label);
}

const TensorValue* Program::valueOf(const Node& n) const
{
    if (auto it = o_.values.find(n.id); it != o_.values.end())
        return &it->second;
    if (!n.label.isEmpty() && !n.scope.valid())
        if (auto it = g_.savedValues.constFind(n.label); it != g_.savedValues.constEnd())
            return &it.value();
    return n.value ? &*n.value : nullptr;
}

QString Program::number(double v, bool asFloat)
{
    if (std::isnan(v) || std::isinf(v)) {
        numpy_ = true;
        return std::isnan(v) ? QStringLiteral("np.nan") : v > 0 ? QStringLiteral("np.inf") : QStringLiteral("-np.inf");
    }
    if (v == 0 && std::signbit(v))
        return QStringLiteral("-0.0");
    if (!asFloat)
        if (std::optional<QString> whole = formulaWholeNumber(v))
            return *whole;
    // The shortest digits that read back to the same double: Python reads exactly this value, and
    // TensorFlow rounds it to float32 as the engine does.
    return QString::fromStdString(formatNumber(v, DType::Float64));
}

QString Program::valueText(const TensorValue& value, DType dtype, bool asFloat)
{
    auto element = [&](std::int64_t i) -> QString {
        const double v = value.values[static_cast<std::size_t>(i)];
        if (dtype == DType::Bool)
            return v != 0 ? QStringLiteral("True") : QStringLiteral("False");
        if (!isFloating(dtype))
            return QString::number(static_cast<qlonglong>(v));
        return number(v, asFloat);
    };
    auto row = [&](std::int64_t r) {
        QStringList items;
        for (std::int64_t c = 0; c < value.shape.cols; ++c)
            items << element(r * value.shape.cols + c);
        return u'[' + items.join(QStringLiteral(", ")) + u']';
    };
    if (static_cast<std::int64_t>(value.values.size()) != value.shape.size())
        throw Failure{QStringLiteral("a value has %1 elements but its shape %2 needs %3")
                          .arg(value.values.size())
                          .arg(QString::fromStdString(value.shape.str()))
                          .arg(value.shape.size())};
    if (value.shape.rank == 0)
        return element(0);
    if (value.shape.rank == 1)
        return row(0);
    QStringList rows;
    for (std::int64_t r = 0; r < value.shape.rows; ++r)
        rows << row(r);
    return u'[' + rows.join(QStringLiteral(", ")) + u']';
}

QString Program::dtypeText(DType dtype) { return QStringLiteral("tf.") + QLatin1StringView(dtypeName(dtype).data()); }

QString Program::tensorLiteral(const TensorValue& value, DType dtype)
{
    return QStringLiteral("tf.constant(%1, dtype=%2)").arg(valueText(value, dtype, true), dtypeText(dtype));
}

Code Program::tensor(const Code& code)
{
    return code.literal ? Code{tensorLiteral(*code.literal, literalDType_)} : code;
}

Code Program::argument(const Code& code)
{
    // A Python float becomes a float32 tensor: fine where float32 is what the engine uses.
    if (!code.literal || literalDType_ != DType::Float32)
        return tensor(code);
    const QString text = valueText(*code.literal, DType::Float32, true);
    return {text, text.startsWith(u'-') ? Unary : Atom};
}

Code Program::operand(const Code& code)
{
    if (!code.literal)
        return code;
    const QString text = valueText(*code.literal, literalDType_, false);
    return {text, text.startsWith(u'-') ? Unary : Atom};
}

QString Program::parenthesized(const Code& code, int required)
{
    return code.precedence < required ? u'(' + code.text + u')' : code.text;
}

void Program::plan(Block& block, const std::vector<NodeId>& roots, const std::unordered_set<NodeId>& mustName,
                   const std::function<QString(NodeId)>& nameOf, NodeId returned)
{
    const std::unordered_set<NodeId> members(block.order.begin(), block.order.end());
    std::unordered_map<NodeId, int> uses;
    for (NodeId id : block.order)
        for (const Connection* c : index_.inputs(id))
            ++uses[c->from];
    for (NodeId root : roots)
        ++uses[root];
    std::unordered_map<NodeId, int> depth;
    for (NodeId id : block.order) {
        if (block.names.count(id))
            continue;
        const Node& n = node(id);
        const bool constant = n.kind == NodeKind::Constant; // written where it is used
        const bool labelled = !n.label.isEmpty() && !(id == returned && uses[id] == 1);
        bool named = labelled || mustName.count(id) || (!constant && uses[id] >= 2);
        if (!named && !constant) {
            int d = 1;
            for (const Connection* c : index_.inputs(id))
                if (members.count(c->from) && !block.names.count(c->from))
                    d = std::max(d, depth[c->from] + 1);
            depth[id] = d;
            named = d > maxInlineDepth;
        }
        if (named) {
            block.names[id] = nameOf(id);
            block.statements.insert(id);
        }
    }
}

QStringList Program::statements(const Block& block, const QString& indent, const std::function<QStringList(NodeId)>& after)
{
    QStringList lines;
    for (NodeId id : block.order) {
        if (!block.statements.count(id))
            continue;
        lines << indent + block.names.at(id) + QStringLiteral(" = ") + tensor(definition(id, block)).text;
        if (after)
            for (const QString& line : after(id))
                lines << indent + line;
    }
    return lines;
}

Code Program::expression(NodeId id, const Block& block)
{
    if (auto it = block.names.find(id); it != block.names.end())
        return {it->second};
    return definition(id, block);
}

Code Program::definition(NodeId id, const Block& block)
{
    const Node& n = node(id);
    switch (n.kind) {
    case NodeKind::Constant: {
        const TensorValue* value = n.scope.valid() ? (n.value ? &*n.value : nullptr) : valueOf(n);
        if (!value)
            throw Failure{QStringLiteral("the constant %1 has no value").arg(g_.displayName(id))};
        if (value->dtype)
            return {tensorLiteral(*value, o_.dtype.value_or(*value->dtype))};
        return {QString(), Atom, value};
    }
    case NodeKind::Op: return operation(id, block);
    case NodeKind::CustomGradient: {
        QStringList arguments;
        for (int i = 0; i < GraphData::customInputs(n); ++i) {
            const Connection* c = index_.into(id, i);
            if (!c)
                throw Failure{QStringLiteral("input '%1' of %2 is not connected").arg(g_.portName(n, i), g_.displayName(id))};
            arguments << tensor(expression(c->from, block)).text;
        }
        return {customNames_.at(id) + u'(' + arguments.join(QStringLiteral(", ")) + u')'};
    }
    case NodeKind::Upstream:
        throw Failure{QStringLiteral("%1 (dy) only exists in the gradient of its custom gradient, not in the forward expression")
                          .arg(g_.displayName(id))};
    case NodeKind::Variable:
    case NodeKind::Input:
    case NodeKind::Parameter: break;
    }
    throw Failure{QStringLiteral("%1 cannot be used here (it belongs to another part of the graph)").arg(g_.displayName(id))};
}

Code Program::operation(NodeId id, const Block& block)
{
    const Node& n = node(id);
    std::vector<Code> inputs;
    for (int port = 0; port < n.ports; ++port) {
        const Connection* c = index_.into(id, port);
        if (!c)
            throw Failure{QStringLiteral("input '%1' of %2 is not connected").arg(g_.portName(n, port), g_.displayName(id))};
        inputs.push_back(expression(c->from, block));
    }
    // Python's operators where TensorFlow overloads them, as long as one operand is a tensor.
    if (n.attrs.empty()) {
        if (n.op == u"neg" && inputs.size() == 1 && !inputs[0].literal)
            return {u'-' + parenthesized(inputs[0], Unary), Unary};
        if (inputs.size() == 2 && !(inputs[0].literal && inputs[1].literal))
            for (const FormulaInfix& f : formulaInfixes)
                if (n.op == QLatin1StringView(f.op)) {
                    const int p = static_cast<int>(f.precedence);
                    const int left = p == Power ? Atom : p == Compare ? Sum : p;
                    const int right = p == Power ? Unary : p == Compare ? Sum : p + 1;
                    return {parenthesized(operand(inputs[0]), left) + u' ' + QLatin1StringView(f.symbol) + u' '
                                + parenthesized(operand(inputs[1]), right),
                            p};
                }
    }
    return {call(n, inputs)};
}

QString Program::call(const Node& n, const std::vector<Code>& inputs)
{
    const TensorFlowOp* row = tensorFlowOp(n.op.toStdString());
    const OpDef* def = GraphData::opOf(n);
    if (!row || row->args == TensorFlowArgs::Decorator || !def)
        throw Failure{QStringLiteral("the op '%1' has no TensorFlow function in GradScope's table").arg(n.op)};
    QString function = QString::fromUtf8(row->function.data(), static_cast<qsizetype>(row->function.size()));
    QStringList args;
    QStringList items;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        // A list given as indices (gather, one_hot) is written as the integers TensorFlow wants.
        const QString text = inputs[i].literal && opcatalog::takesIndices(*def, i) ? valueText(*inputs[i].literal, DType::Int32, false)
                                                                                 : argument(inputs[i]).text;
        if (row->args == TensorFlowArgs::Keywords)
            items << QString::fromStdString(def->inputName(i)) + u'=' + text;
        else
            items << text;
    }
    if (row->args == TensorFlowArgs::List)
        args << u'[' + items.join(QStringLiteral(", ")) + u']';
    else
        args = items;

    if (n.op == u"pad") {
        // tf.pad takes [[before, after], ...] for each dimension.
        const std::vector<std::int64_t> before = n.attrs.dims("before");
        const std::vector<std::int64_t> after = n.attrs.dims("after");
        QStringList paddings;
        for (std::size_t d = 0; d < std::max(before.size(), after.size()); ++d)
            paddings << QStringLiteral("[%1, %2]").arg(d < before.size() ? before[d] : 0).arg(d < after.size() ? after[d] : 0);
        args << u'[' + paddings.join(QStringLiteral(", ")) + u']';
    } else {
        for (const AttrSpec& spec : def->attrs) {
            const AttrValue* value = n.attrs.find(spec.name);
            const bool positional = positionalAttr(n.op, spec.name);
            if (n.op == u"elu" && spec.name == "alpha") {
                // tf.nn.elu has no alpha; Keras' elu scales the negative part by it.
                if (value && n.attrs.number("alpha", 1.0) != 1.0) {
                    function = QStringLiteral("tf.keras.activations.elu");
                    args << QStringLiteral("alpha=") + attrValueText(spec.name, *value);
                }
                continue;
            }
            if (!value && n.op == u"concat" && spec.name == "axis")
                value = &spec.defaultValue; // tf.concat has no default axis
            if (!value && positional)
                value = &spec.defaultValue;
            if (!value)
                continue;
            const QString text = std::holds_alternative<std::vector<std::int64_t>>(*value)
                                     ? dimsText(std::get<std::vector<std::int64_t>>(*value))
                                     : attrValueText(spec.name, *value);
            args << (positional ? text : QString::fromStdString(spec.name) + u'=' + text);
        }
    }
    return function + u'(' + args.join(QStringLiteral(", ")) + u')';
}

QStringList Program::customFunction(NodeId id)
{
    const Node& c = node(id);
    const int inputs = GraphData::customInputs(c);
    QSet<QString> global{function_};
    for (const auto& [other, name] : customNames_)
        global.insert(name);
    Names local(labels_, global);
    const QString grad = local.reserve(QStringLiteral("grad"));
    const QString upstream = local.reserve(QStringLiteral("upstream"));
    QStringList parameters;
    for (int i = 0; i < inputs; ++i)
        parameters << local.reserve(g_.portName(c, i));

    Block forward;
    Block backward;
    for (const auto& [bid, b] : g_.nodes) {
        if (b.scope != id)
            continue;
        if (b.kind == NodeKind::Parameter) {
            if (b.index < 0 || b.index >= inputs)
                throw Failure{QStringLiteral("%1 has no input %2").arg(g_.displayName(id)).arg(b.index)};
            forward.names[bid] = backward.names[bid] = parameters[b.index];
        } else if (b.kind == NodeKind::Upstream) {
            backward.names[bid] = upstream;
        }
    }
    const Connection* forwardIn = index_.into(id, inputs);
    if (!forwardIn)
        throw Failure{QStringLiteral("the forward port of %1 is not connected").arg(g_.displayName(id))};
    std::vector<NodeId> gradRoots;
    for (int i = 0; i < inputs; ++i)
        if (const Connection* g = index_.into(id, inputs + 1 + i))
            gradRoots.push_back(g->from);

    // Each part computes what it needs from the inputs (see note [TensorFlow code]).
    const std::vector<NodeId> bodyOrder = g_.topologicalOrder(id);
    auto fill = [&](Block& block, const std::vector<NodeId>& roots) {
        std::unordered_set<NodeId> needed;
        for (NodeId root : roots)
            for (NodeId a : g_.ancestors(root))
                needed.insert(a);
        for (NodeId bid : bodyOrder)
            if (needed.count(bid) && !block.names.count(bid))
                block.order.push_back(bid);
    };
    fill(forward, {forwardIn->from});
    fill(backward, gradRoots);
    std::unordered_map<NodeId, QString> labelledNames;
    auto nameOf = [&](NodeId bid) {
        if (node(bid).label.isEmpty())
            return local.fresh();
        auto it = labelledNames.find(bid);
        return it != labelledNames.end() ? it->second : (labelledNames[bid] = local.reserve(node(bid).label));
    };
    plan(forward, {forwardIn->from}, {}, nameOf);
    plan(backward, gradRoots, {}, nameOf);

    QStringList lines{QStringLiteral("@tf.custom_gradient"),
                      QStringLiteral("def %1(%2):").arg(customNames_.at(id), parameters.join(QStringLiteral(", ")))};
    lines += statements(forward, indentUnit);
    lines << indentUnit + QStringLiteral("def %1(%2):").arg(grad, upstream);
    lines += statements(backward, indentUnit + indentUnit);
    QStringList grads;
    for (int i = 0; i < inputs; ++i) {
        const Connection* g = index_.into(id, inputs + 1 + i);
        grads << (g ? tensor(expression(g->from, backward)).text : QStringLiteral("None"));
    }
    lines << indentUnit + indentUnit + QStringLiteral("return ") + grads.join(QStringLiteral(", "));
    lines << indentUnit + QStringLiteral("return %1, %2").arg(tensor(expression(forwardIn->from, forward)).text, grad);
    return lines;
}

} // namespace gs::tensorflow
