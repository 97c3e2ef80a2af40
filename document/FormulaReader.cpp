#include "document/FormulaReader.h"

#include "document/FormulaAst.h"
#include "document/GraphLayout.h"
#include "document/OpCatalog.h"
#include "engine/ops/OpDef.h"

#include <QHash>
#include <QSet>

#include <cmath>

namespace gs {

namespace {

/// The engine op behind each infix operator.
const char* infixOp(const QString& symbol)
{
    static const std::pair<const char*, const char*> table[] = {
        {"+", "add"},     {"-", "sub"},      {"*", "mul"},  {"/", "div"},           {"@", "matmul"},
        {"**", "pow"},    {"<", "less"},     {">", "greater"}, {"<=", "less_equal"}, {">=", "greater_equal"},
        {"==", "equal"},
    };
    for (const auto& [s, op] : table)
        if (symbol == QLatin1StringView(s))
            return op;
    return nullptr;
}

bool isCall(const Expr& e, const char* name)
{
    return e.kind == Expr::Kind::Call
           && (e.text == QLatin1StringView(name) || e.text == QLatin1StringView("tf.") + QLatin1StringView(name));
}

bool isName(const Expr& e, const char* name)
{
    return e.kind == Expr::Kind::Name && e.text == QLatin1StringView(name);
}

std::optional<double> specialNumber(const QString& name)
{
    if (name == u"inf" || name == u"math.inf" || name == u"np.inf")
        return INFINITY;
    if (name == u"nan" || name == u"math.nan" || name == u"np.nan")
        return NAN;
    return std::nullopt;
}

class Builder {
public:
    GraphData run(const FormulaProgram& program)
    {
        if (program.statements.empty())
            throw FormulaException{{}, QStringLiteral("the formula is empty: write an expression such as 3 * w1 ** 2")};
        NodeId last;
        for (const Statement& s : program.statements)
            last = statement(s);
        g_.target = last;
        layoutInLayers(g_);
        return std::move(g_);
    }

private:
    struct Body {
        NodeId custom;
        QHash<QString, NodeId> params;
        std::vector<NodeId> outer; ///< the outer node behind each parameter, by index
        bool inGrad = false;
        NodeId upstream;
    };

    [[noreturn]] void fail(const SourceSpan& span, const QString& message) const
    {
        throw FormulaException{span, message};
    }

    NodeId addNode(Node n, const SourceSpan& span)
    {
        if (static_cast<int>(g_.nodes.size()) >= formulalimits::maxNodes)
            fail(span, QStringLiteral("the formula makes too many nodes (at most %1)").arg(formulalimits::maxNodes));
        n.id = g_.nextNodeId();
        n.scope = body_ ? body_->custom : NodeId{};
        const NodeId id = n.id;
        g_.nodes.emplace(id, std::move(n));
        return id;
    }

    void connect(NodeId from, NodeId to, PortIndex port)
    {
        const ConnectionId id = g_.nextConnectionId();
        g_.connections.emplace(id, Connection{id, from, to, port});
    }

    NodeId constant(TensorValue value, const SourceSpan& span)
    {
        Node n;
        n.kind = NodeKind::Constant;
        n.value = std::move(value);
        return addNode(std::move(n), span);
    }

    // --- statements -----------------------------------------------------------------------------

    NodeId statement(const Statement& s)
    {
        const NodeId first = g_.nextNodeId();
        const NodeId root = build(*s.value);
        if (s.name.isEmpty())
            return root;
        checkAssignable(s.name, s.nameSpan);
        if (auto it = names_.find(s.name); it != names_.end()) {
            const int line = definedOn_.value(s.name);
            if (implicit_.contains(s.name))
                fail(s.nameSpan, QStringLiteral("'%1' is used on line %2 before it is assigned here; assign it first")
                                     .arg(s.name)
                                     .arg(line));
            fail(s.nameSpan, QStringLiteral("'%1' is already defined on line %2").arg(s.name).arg(line));
        }
        NodeId named = root;
        Node* n = g_.node(root);
        if (root < first || !n->label.isEmpty()) {
            Node alias;
            alias.op = QStringLiteral("identity");
            alias.ports = 1;
            named = addNode(std::move(alias), s.nameSpan);
            connect(root, named, 0);
            n = g_.node(named);
        }
        n->label = s.name;
        names_.insert(s.name, named);
        definedOn_.insert(s.name, s.nameSpan.line);
        return named;
    }

    void checkAssignable(const QString& name, const SourceSpan& span) const
    {
        static const char* const reserved[] = {"True", "False", "None", "inf", "nan", "float32", "float64"};
        for (const char* r : reserved)
            if (name == QLatin1StringView(r))
                fail(span, QStringLiteral("'%1' is a reserved name and cannot be assigned to").arg(name));
    }

    // --- expressions ----------------------------------------------------------------------------

    NodeId build(const Expr& e)
    {
        switch (e.kind) {
        case Expr::Kind::Number: return constant(TensorValue::scalar(e.number), e.span);
        case Expr::Kind::Name: return name(e);
        case Expr::Kind::String:
            fail(e.span, QStringLiteral("a string can only be an attribute value (such as dtype='float64')"));
        case Expr::Kind::List: return list(e);
        case Expr::Kind::Unary:
            if (e.text == u"+")
                return build(*e.items[0]);
            if (auto x = scalarLiteral(*e.items[0]); x && !e.items[0]->grouped && e.items[0]->kind != Expr::Kind::Unary)
                return constant(TensorValue::scalar(-*x), e.span);
            return op(QStringLiteral("neg"), {build(*e.items[0])}, e.span);
        case Expr::Kind::Binary: {
            const NodeId left = build(*e.items[0]);
            const NodeId right = build(*e.items[1]);
            return op(QString::fromLatin1(infixOp(e.text)), {left, right}, e.span);
        }
        case Expr::Kind::Call: return call(e);
        }
        fail(e.span, QStringLiteral("unexpected expression"));
    }

    NodeId op(const QString& name, const std::vector<NodeId>& inputs, const SourceSpan& span, Attrs attrs = {})
    {
        Node n;
        n.op = name;
        n.attrs = std::move(attrs);
        n.ports = static_cast<int>(inputs.size());
        const NodeId id = addNode(std::move(n), span);
        for (std::size_t i = 0; i < inputs.size(); ++i)
            connect(inputs[i], id, static_cast<PortIndex>(i));
        return id;
    }

    NodeId name(const Expr& e)
    {
        const QString& name = e.text;
        if (auto number = specialNumber(name))
            return constant(TensorValue::scalar(*number), e.span);
        if (name == u"True" || name == u"False" || name == u"None")
            fail(e.span, QStringLiteral("%1 can only be an attribute value here").arg(name));
        if (floatDTypeNamed(name))
            fail(e.span, QStringLiteral("%1 is a dtype: use it as dtype=%1").arg(name));
        if (body_)
            return bodyName(e);
        if (auto it = names_.find(name); it != names_.end())
            return *it;
        if (name.contains(u'.'))
            fail(e.span, QStringLiteral("unknown name '%1'").arg(name));
        Node n;
        n.kind = NodeKind::Variable;
        n.label = name;
        const NodeId id = addNode(std::move(n), e.span);
        names_.insert(name, id);
        implicit_.insert(name);
        definedOn_.insert(name, e.span.line);
        return id;
    }

    NodeId bodyName(const Expr& e)
    {
        const QString& name = e.text;
        if (name == u"dy") {
            if (!body_->inGrad)
                fail(e.span, QStringLiteral("dy names the upstream gradient inside grad=; the forward expression cannot use it"));
            if (!body_->upstream.valid()) {
                Node n;
                n.kind = NodeKind::Upstream;
                n.label = QStringLiteral("dy");
                body_->upstream = addNode(std::move(n), e.span);
            }
            return body_->upstream;
        }
        if (auto it = body_->params.find(name); it != body_->params.end())
            return *it;
        if (body_->inGrad) {
            QStringList known;
            for (std::size_t i = 0; i < body_->outer.size(); ++i)
                known << g_.node(paramNode(static_cast<int>(i)))->label;
            fail(e.span, QStringLiteral("the gradient can use dy and the inputs of the forward expression (%1); "
                                        "'%2' is not one of them")
                             .arg(known.join(QStringLiteral(", ")), name));
        }
        Body* body = body_;
        body_ = nullptr;
        const NodeId outer = this->name(e);
        body_ = body;
        Node n;
        n.kind = NodeKind::Parameter;
        n.label = name;
        n.index = static_cast<int>(body_->outer.size());
        const NodeId id = addNode(std::move(n), e.span);
        body_->params.insert(name, id);
        body_->outer.push_back(outer);
        return id;
    }

    NodeId paramNode(int index) const
    {
        for (auto it = body_->params.begin(); it != body_->params.end(); ++it)
            if (g_.node(*it)->index == index)
                return *it;
        return {};
    }

    NodeId list(const Expr& e)
    {
        if (auto value = literal(e))
            return constant(std::move(*value), e.span);
        std::vector<NodeId> items;
        for (const ExprPtr& item : e.items)
            items.push_back(build(*item));
        if (items.empty())
            fail(e.span, QStringLiteral("an empty list has no value"));
        return op(QStringLiteral("stack"), items, e.span);
    }

    /// A number, or a list (of lists) of numbers, as a tensor; nullopt when `e` is not a literal.
    std::optional<TensorValue> literal(const Expr& e) const
    {
        if (auto x = scalarLiteral(e))
            return TensorValue::scalar(*x);
        if (e.kind != Expr::Kind::List)
            return std::nullopt;
        std::vector<double> values;
        const bool matrix = !e.items.empty() && e.items.front()->kind == Expr::Kind::List;
        std::int64_t cols = -1;
        for (const ExprPtr& item : e.items) {
            if (!matrix) {
                auto x = scalarLiteral(*item);
                if (!x)
                    return std::nullopt;
                values.push_back(*x);
                continue;
            }
            if (item->kind != Expr::Kind::List)
                return std::nullopt;
            if (cols >= 0 && static_cast<std::int64_t>(item->items.size()) != cols)
                fail(item->span, QStringLiteral("this row has %1 values but the first row has %2")
                                     .arg(item->items.size())
                                     .arg(cols));
            cols = static_cast<std::int64_t>(item->items.size());
            for (const ExprPtr& x : item->items) {
                if (x->kind == Expr::Kind::List)
                    fail(x->span, QStringLiteral("tensors have at most 2 dimensions"));
                auto v = scalarLiteral(*x);
                if (!v)
                    return std::nullopt;
                values.push_back(*v);
            }
            if (static_cast<std::int64_t>(values.size()) > formulalimits::maxElements)
                fail(e.span, QStringLiteral("this literal has more than %1 elements").arg(formulalimits::maxElements));
        }
        const auto rows = static_cast<std::int64_t>(e.items.size());
        const Shape shape = matrix ? Shape::matrix(rows, cols) : Shape::vector(rows);
        return TensorValue{shape, std::move(values), std::nullopt};
    }

    static std::optional<double> scalarLiteral(const Expr& e)
    {
        if (e.kind == Expr::Kind::Number)
            return e.number;
        if (e.kind == Expr::Kind::Name)
            return specialNumber(e.text);
        if (e.kind == Expr::Kind::Unary)
            if (auto x = scalarLiteral(*e.items[0]))
                return e.text == u"-" ? -*x : *x;
        return std::nullopt;
    }

    // --- calls ----------------------------------------------------------------------------------

    NodeId call(const Expr& e)
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

    NodeId declaration(const Expr& e, NodeKind kind)
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
                dtype = (v.kind == Expr::Kind::Name || v.kind == Expr::Kind::String) ? floatDTypeNamed(v.text) : std::nullopt;
                if (!dtype)
                    fail(v.span, QStringLiteral("dtype must be float32 or float64"));
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
        if (dtype) {
            if (!n.value)
                fail(e.span, QStringLiteral("give %1 a value to go with its dtype").arg(e.text));
            n.value->dtype = dtype;
        }
        return addNode(std::move(n), e.span);
    }

    AttrValue attrValue(const Expr& e) const
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

    void setAttr(const OpDef& def, Attrs& attrs, const QString& name, const Expr& value, const SourceSpan& span) const
    {
        const opcatalog::AttrResult r = opcatalog::coerceAttr(def, name, attrValue(value));
        if (!r.value)
            fail(span, r.error);
        attrs.set(name.toStdString(), *r.value);
    }

    NodeId opCall(const OpDef& def, const Expr& e)
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

    static QString arityText(const OpDef& def)
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

    NodeId customGradient(const Expr& e)
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

    GraphData g_;
    QHash<QString, NodeId> names_;
    QHash<QString, int> definedOn_;
    QSet<QString> implicit_;
    Body* body_ = nullptr;
};

} // namespace

FormulaResult readFormula(const QString& text)
{
    FormulaResult result;
    try {
        const FormulaProgram program = parseFormulaProgram(text);
        result.data = Builder().run(program);
    } catch (const FormulaException& e) {
        result.error = FormulaError::at(text, e.span, e.message);
        result.data = {};
    }
    return result;
}

} // namespace gs
