#include "document/FormulaBuilder.h"

#include "document/GraphLayout.h"

namespace gs::detail {

namespace {

/// The engine op behind each infix operator.
const char* infixOp(const QString& symbol)
{
    static const std::pair<const char*, const char*> table[] = {
        {"+", "add"},     {"-", "sub"},      {"*", "mul"},  {"/", "div"},           {"@", "matmul"},
        {"**", "pow"},    {"<", "less"},     {">", "greater"}, {"<=", "less_equal"}, {">=", "greater_equal"},
        {"==", "equal"},  {"!=", "not_equal"}, {"//", "floordiv"}, {"%", "floormod"},
    };
    for (const auto& [s, op] : table)
        if (symbol == QLatin1StringView(s))
            return op;
    return nullptr;
}

} // namespace

GraphData FormulaBuilder::run(const FormulaProgram& program)
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

NodeId FormulaBuilder::addNode(Node n, const SourceSpan& span)
{
    if (static_cast<int>(g_.nodes.size()) >= formulalimits::maxNodes)
        fail(span, QStringLiteral("the formula makes too many nodes (at most %1)").arg(formulalimits::maxNodes));
    n.id = g_.nextNodeId();
    n.scope = body_ ? body_->custom : NodeId{};
    const NodeId id = n.id;
    g_.nodes.emplace(id, std::move(n));
    return id;
}

void FormulaBuilder::connect(NodeId from, NodeId to, PortIndex port)
{
    const ConnectionId id = g_.nextConnectionId();
    g_.connections.emplace(id, Connection{id, from, to, port});
}

NodeId FormulaBuilder::constant(TensorValue value, const SourceSpan& span)
{
    Node n;
    n.kind = NodeKind::Constant;
    n.value = std::move(value);
    return addNode(std::move(n), span);
}

NodeId FormulaBuilder::statement(const Statement& s)
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

void FormulaBuilder::checkAssignable(const QString& name, const SourceSpan& span) const
{
    static const char* const reserved[] = {"True", "False", "None", "inf", "nan", "float32", "float64"};
    for (const char* r : reserved)
        if (name == QLatin1StringView(r))
            fail(span, QStringLiteral("'%1' is a reserved name and cannot be assigned to").arg(name));
}

NodeId FormulaBuilder::build(const Expr& e)
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

NodeId FormulaBuilder::op(const QString& name, const std::vector<NodeId>& inputs, const SourceSpan& span, Attrs attrs)
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

NodeId FormulaBuilder::name(const Expr& e)
{
    const QString& name = e.text;
    if (auto number = specialNumber(name))
        return constant(TensorValue::scalar(*number), e.span);
    if (name == u"True" || name == u"False" || name == u"None")
        fail(e.span, QStringLiteral("%1 can only be an attribute value here").arg(name));
    if (dtypeNamed(name))
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

NodeId FormulaBuilder::bodyName(const Expr& e)
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

NodeId FormulaBuilder::paramNode(int index) const
{
    for (auto it = body_->params.begin(); it != body_->params.end(); ++it)
        if (g_.node(*it)->index == index)
            return *it;
    return {};
}

NodeId FormulaBuilder::list(const Expr& e)
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

std::optional<TensorValue> FormulaBuilder::literal(const Expr& e) const
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

std::optional<double> FormulaBuilder::scalarLiteral(const Expr& e)
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

} // namespace gs::detail
