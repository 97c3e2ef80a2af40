// Calls in formulas: Variable(), constant(), Input(), custom_gradient() and every op by name.
#include "document/FormulaBuilder.h"

#include "document/OpCatalog.h"

#include <algorithm>

namespace gs::detail {

NodeId FormulaBuilder::call(const Expr& e)
{
    if (isCall(e, "Variable"))
        return declaration(e, NodeKind::Variable);
    if (isCall(e, "constant") || isCall(e, "convert_to_tensor"))
        return declaration(e, NodeKind::Constant);
    if (isCall(e, "Input"))
        return declaration(e, NodeKind::Input);
    if (isCall(e, "custom_gradient"))
        return customGradient(e);
    const OpDef* def = opcatalog::find(e.text);
    if (!def)
        fail(e.span, opcatalog::unknownMessage(e.text));
    return opCall(*def, e);
}

namespace {

/// 10, -3, [1, 2] or [[1, 2], [3, 4]]: numbers written without '.' or an exponent.
bool integerLiteral(const Expr& e)
{
    switch (e.kind) {
    case Expr::Kind::Number: return e.integer;
    case Expr::Kind::Unary: return !e.grouped && e.items.size() == 1 && e.items[0]->kind == Expr::Kind::Number && e.items[0]->integer;
    case Expr::Kind::List:
        return !e.items.empty() && std::all_of(e.items.begin(), e.items.end(), [](const ExprPtr& item) { return integerLiteral(*item); });
    default: return false;
    }
}

} // namespace

NodeId FormulaBuilder::declaration(const Expr& e, NodeKind kind)
{
    const QString what = nodeKindName(kind);
    if (body_)
        fail(e.span, QStringLiteral("declare values outside custom_gradient and use them by name inside it"));
    if (e.items.size() > 1)
        fail(e.items[1]->span, QStringLiteral("%1 takes one value; give the others as keywords (dtype=float64)").arg(e.text));
    Node n;
    n.kind = kind;
    if (!e.items.empty()) {
        n.value = literal(*e.items[0]);
        if (!n.value)
            fail(e.items[0]->span, QStringLiteral("the value of %1 must be a number or a list of numbers (such as [[1, 2], [3, 4]])").arg(e.text));
    } else if (kind == NodeKind::Constant) {
        fail(e.span, QStringLiteral("%1 needs a value, such as %1(100.0)").arg(e.text));
    }
    std::optional<DType> dtype;
    for (const KeywordArg& k : e.keywords) {
        if (k.name == u"dtype") {
            const Expr& v = *k.value;
            dtype = (v.kind == Expr::Kind::Name || v.kind == Expr::Kind::String) ? dtypeNamed(v.text) : std::nullopt;
            if (!dtype)
                fail(v.span, QStringLiteral("dtype must be float32 or float64 (or int32, int64)"));
        } else if (k.name == u"trainable" && kind == NodeKind::Variable) {
            if (!isName(*k.value, "True") && !isName(*k.value, "False"))
                fail(k.value->span, QStringLiteral("trainable must be True or False"));
            n.trainable = isName(*k.value, "True");
        } else if (k.name != u"name") { // name= is accepted for pasted code; the label comes from the assignment
            fail(k.span, QStringLiteral("%1 has no keyword '%2' (it takes %3)")
                             .arg(e.text, k.name,
                                  kind == NodeKind::Variable ? QStringLiteral("dtype, trainable and name")
                                                             : QStringLiteral("dtype and name")));
        }
    }
    // TensorFlow's rule: tf.constant(10) and tf.constant([1, 2]) are int32 (int64 past int32's
    // range); tf.constant(10.0) is a float. A Variable keeps the document's float dtype.
    if (!dtype && kind == NodeKind::Constant && n.value && !e.items.empty() && integerLiteral(*e.items[0])) {
        dtype = DType::Int32;
        for (double x : n.value->values)
            if (x > 2147483647.0 || x < -2147483648.0)
                dtype = DType::Int64;
    }
    if (dtype) {
        if (!n.value)
            fail(e.span, QStringLiteral("give %1 a value to go with its dtype").arg(e.text));
        n.value->dtype = dtype;
    }
    return addNode(std::move(n), e.span);
}

AttrValue FormulaBuilder::attrValue(const Expr& e) const
{
    if (auto x = scalarLiteral(e)) {
        const bool integer = e.kind == Expr::Kind::Number ? e.integer
                             : e.kind == Expr::Kind::Unary && e.items[0]->kind == Expr::Kind::Number && e.items[0]->integer;
        if (integer && std::abs(*x) < 9e15)
            return static_cast<std::int64_t>(*x);
        return *x;
    }
    if (isName(e, "True") || isName(e, "False"))
        return isName(e, "True");
    if (e.kind == Expr::Kind::Name || e.kind == Expr::Kind::String)
        return e.text.toStdString();
    if (e.kind == Expr::Kind::List) {
        std::vector<std::int64_t> dims;
        for (const ExprPtr& item : e.items) {
            auto v = scalarLiteral(*item);
            if (!v || std::floor(*v) != *v || std::abs(*v) > 1e9)
                fail(item->span, QStringLiteral("expected an integer"));
            dims.push_back(static_cast<std::int64_t>(*v));
        }
        return dims;
    }
    fail(e.span, QStringLiteral("an attribute value must be a number, True, False, a name or a list of integers"));
}

void FormulaBuilder::setAttr(const OpDef& def, Attrs& attrs, const QString& name, const Expr& value, const SourceSpan& span) const
{
    const opcatalog::AttrResult r = opcatalog::coerceAttr(def, name, attrValue(value));
    if (!r.value)
        fail(span, r.error);
    attrs.set(name.toStdString(), *r.value);
}

NodeId FormulaBuilder::opCall(const OpDef& def, const Expr& e)
{
    const QString opName = QString::fromStdString(def.name);
    std::vector<const Expr*> inputs;
    Attrs attrs;
    std::size_t nextAttr = 0;
    auto positionalAttr = [&](const Expr& item) {
        if (nextAttr >= def.attrs.size())
            fail(item.span, QStringLiteral("%1 takes %2; this argument is one too many")
                                .arg(opName, arityText(def)));
        setAttr(def, attrs, QString::fromStdString(def.attrs[nextAttr++].name), item, item.span);
    };
    if (opcatalog::variadic(def)) {
        const bool listForm = !e.items.empty() && e.items[0]->kind == Expr::Kind::List;
        if (listForm) {
            for (const ExprPtr& item : e.items[0]->items)
                inputs.push_back(item.get());
            for (std::size_t i = 1; i < e.items.size(); ++i)
                positionalAttr(*e.items[i]);
        } else {
            for (const ExprPtr& item : e.items)
                inputs.push_back(item.get());
        }
    } else {
        const auto arity = static_cast<std::size_t>(def.maxArity);
        inputs.assign(arity, nullptr);
        for (std::size_t i = 0; i < e.items.size(); ++i) {
            if (i < arity)
                inputs[i] = e.items[i].get();
            else
                positionalAttr(*e.items[i]);
        }
    }
    for (const KeywordArg& k : e.keywords) {
        bool isInput = false;
        if (!opcatalog::variadic(def))
            for (std::size_t i = 0; i < inputs.size(); ++i)
                if (k.name == QString::fromStdString(def.inputName(i)) && i < def.inputNames.size()) {
                    if (inputs[i])
                        fail(k.span, QStringLiteral("%1 is given twice").arg(k.name));
                    inputs[i] = k.value.get();
                    isInput = true;
                }
        if (!isInput) {
            if (!opcatalog::hasAttr(def, k.name))
                fail(k.span, QStringLiteral("%1 has no input or attribute '%2' (%3)").arg(opName, k.name, arityText(def)));
            setAttr(def, attrs, k.name, *k.value, k.span);
        }
    }
    for (std::size_t i = 0; i < inputs.size(); ++i)
        if (!inputs[i])
            fail(e.span, QStringLiteral("%1 is missing its input '%2' (%1 takes %3)")
                             .arg(opName, QString::fromStdString(def.inputName(i)), arityText(def)));
    const QString portsError = opcatalog::portsError(def, static_cast<int>(inputs.size()));
    if (!portsError.isEmpty())
        fail(e.span, portsError);
    std::vector<NodeId> ids;
    for (const Expr* input : inputs)
        ids.push_back(build(*input));
    return op(opName, ids, e.span, std::move(attrs));
}

QString FormulaBuilder::arityText(const OpDef& def)
{
    QStringList parts;
    if (opcatalog::variadic(def))
        parts << QStringLiteral("a list of inputs");
    else
        for (int i = 0; i < def.maxArity; ++i)
            parts << QString::fromStdString(def.inputName(static_cast<std::size_t>(i)));
    for (const AttrSpec& a : def.attrs)
        parts << QString::fromStdString(a.name) + u'=';
    return parts.isEmpty() ? QStringLiteral("no arguments") : parts.join(QStringLiteral(", "));
}

NodeId FormulaBuilder::customGradient(const Expr& e)
{
    if (body_)
        fail(e.span, QStringLiteral("custom_gradient cannot be used inside another custom_gradient"));
    const Expr* forward = e.items.empty() ? nullptr : e.items[0].get();
    const Expr* grad = e.items.size() > 1 ? e.items[1].get() : nullptr;
    if (e.items.size() > 2)
        fail(e.items[2]->span, QStringLiteral("custom_gradient takes a forward expression and grad="));
    for (const KeywordArg& k : e.keywords) {
        if (k.name == u"grad" && !grad)
            grad = k.value.get();
        else if (k.name == u"forward" && !forward)
            forward = k.value.get();
        else
            fail(k.span, QStringLiteral("custom_gradient takes a forward expression and grad=, not '%1'").arg(k.name));
    }
    if (!forward || !grad)
        fail(e.span, QStringLiteral("custom_gradient needs a forward expression and grad=, as in "
                                    "custom_gradient(log(exp(x) + 1), grad=dy / (1 + 1 / exp(x)))"));
    Node c;
    c.kind = NodeKind::CustomGradient;
    const NodeId custom = addNode(std::move(c), e.span);
    Body body{custom, {}, {}, false, {}};
    body_ = &body;
    const NodeId forwardRoot = build(*forward);
    const int n = static_cast<int>(body.outer.size());
    if (n == 0)
        fail(e.span, QStringLiteral("the forward expression of custom_gradient uses no inputs, so nothing can be differentiated"));
    body.inGrad = true;
    std::vector<NodeId> grads(static_cast<std::size_t>(n));
    if (n == 1) {
        if (!isName(*grad, "None"))
            grads[0] = build(*grad);
    } else {
        QStringList names;
        for (int i = 0; i < n; ++i)
            names << g_.node(paramNode(i))->label;
        if (grad->kind != Expr::Kind::List || static_cast<int>(grad->items.size()) != n)
            fail(grad->span, QStringLiteral("custom_gradient has %1 inputs (%2): grad needs a list of %1 gradients, one per input")
                                 .arg(n)
                                 .arg(names.join(QStringLiteral(", "))));
        for (int i = 0; i < n; ++i)
            if (!isName(*grad->items[static_cast<std::size_t>(i)], "None"))
                grads[static_cast<std::size_t>(i)] = build(*grad->items[static_cast<std::size_t>(i)]);
    }
    body_ = nullptr;
    g_.node(custom)->ports = 2 * n + 1;
    for (int i = 0; i < n; ++i)
        connect(body.outer[static_cast<std::size_t>(i)], custom, i);
    connect(forwardRoot, custom, n);
    for (int i = 0; i < n; ++i)
        if (grads[static_cast<std::size_t>(i)].valid())
            connect(grads[static_cast<std::size_t>(i)], custom, n + 1 + i);
    return custom;
}

} // namespace gs::detail
