// Expressions of Python code (see Parser in PythonParser.h).
#include "document/python/PythonParser.h"

namespace gs::python {

PyExprPtr Parser::makeExpr(PyExpr::Kind kind, const SourceSpan& span, QString text)
{
    auto e = std::make_unique<PyExpr>();
    e->kind = kind;
    e->span = span;
    e->text = std::move(text);
    return e;
}

/// `a, b, c` (a tuple) or one expression.
PyExprPtr Parser::testList()
{
    const PyToken& first = peek();
    PyExprPtr e = expression();
    if (!isSymbol(","))
        return e;
    PyExprPtr tuple = makeExpr(PyExpr::Kind::Tuple, first.span);
    tuple->items.push_back(std::move(e));
    while (isSymbol(",")) {
        ++pos_;
        if (!startsExpression())
            break;
        tuple->items.push_back(expression());
    }
    return tuple;
}

bool Parser::startsExpression() const
{
    const PyToken& t = peek();
    if (t.kind == PyToken::Kind::Number || t.kind == PyToken::Kind::String)
        return true;
    if (t.kind == PyToken::Kind::Name) {
        const Keyword* k = keyword(t);
        return !k || t.text == u"not" || k->message;
    }
    return t.kind == PyToken::Kind::Symbol
           && (t.text == u"(" || t.text == u"[" || t.text == u"{" || t.text == u"-" || t.text == u"+" || t.text == u"~");
}

PyExprPtr Parser::expression()
{
    DepthGuard guard(*this, peek().span);
    if (isWord("lambda"))
        fail(peek().span, QStringLiteral("lambda expressions are not supported: write a def"));
    PyExprPtr e = orTest();
    if (isSymbol(":="))
        fail(peek().span, QStringLiteral("assignment expressions (:=) are not supported"));
    if (!isWord("if"))
        return e;
    const PyToken& op = take();
    PyExprPtr test = orTest();
    if (!isWord("else"))
        fail(peek().span, QStringLiteral("expected 'else' in the conditional expression, found %1").arg(describe(peek())));
    ++pos_;
    PyExprPtr c = makeExpr(PyExpr::Kind::Conditional, op.span);
    c->items.push_back(std::move(e));
    c->items.push_back(std::move(test));
    c->items.push_back(expression());
    return c;
}

PyExprPtr Parser::boolChain(const char* word, PyExprPtr (Parser::*operand)())
{
    PyExprPtr e = (this->*operand)();
    if (!isWord(word))
        return e;
    PyExprPtr b = makeExpr(PyExpr::Kind::BoolOp, peek().span, QString::fromLatin1(word));
    b->items.push_back(std::move(e));
    while (isWord(word)) {
        ++pos_;
        b->items.push_back((this->*operand)());
    }
    return b;
}

PyExprPtr Parser::notTest()
{
    if (!isWord("not"))
        return comparison();
    const PyToken& op = take();
    DepthGuard guard(*this, op.span);
    PyExprPtr e = makeExpr(PyExpr::Kind::Unary, op.span, QStringLiteral("not"));
    e->items.push_back(notTest());
    return e;
}

/// The comparison operator at the current token ("not in" and "is not" are two words), or "".
QString Parser::comparisonOperator() const
{
    const PyToken& t = peek();
    if (t.kind == PyToken::Kind::Symbol
        && (t.text == u"<" || t.text == u">" || t.text == u"==" || t.text == u">=" || t.text == u"<=" || t.text == u"!="))
        return t.text;
    if (isWord("in"))
        return QStringLiteral("in");
    if (isWord("not") && isWord("in", 1))
        return QStringLiteral("not in");
    if (isWord("is"))
        return isWord("not", 1) ? QStringLiteral("is not") : QStringLiteral("is");
    return QString();
}

PyExprPtr Parser::comparison()
{
    PyExprPtr e = bitwise();
    QString op = comparisonOperator();
    if (op.isEmpty())
        return e;
    PyExprPtr c = makeExpr(PyExpr::Kind::Compare, peek().span);
    c->items.push_back(std::move(e));
    while (!op.isEmpty()) {
        pos_ += op.contains(u' ') ? 2 : 1;
        c->ops.push_back(op);
        c->items.push_back(bitwise());
        op = comparisonOperator();
    }
    return c;
}

PyExprPtr Parser::bitwise()
{
    PyExprPtr e = arith();
    for (const char* s : {"&", "|", "^", "<<", ">>"})
        if (isSymbol(s))
            fail(peek().span, QStringLiteral("the operator '%1' is not supported").arg(peek().text));
    return e;
}

PyExprPtr Parser::binary(const PyToken& op, PyExprPtr left, PyExprPtr right)
{
    PyExprPtr e = makeExpr(PyExpr::Kind::Binary, op.span, op.text);
    e->items.push_back(std::move(left));
    e->items.push_back(std::move(right));
    return e;
}

PyExprPtr Parser::arith()
{
    PyExprPtr left = term();
    while (isSymbol("+") || isSymbol("-")) {
        const PyToken& op = take();
        DepthGuard guard(*this, op.span);
        left = binary(op, std::move(left), term());
    }
    return left;
}

PyExprPtr Parser::term()
{
    PyExprPtr left = factor();
    while (isSymbol("*") || isSymbol("/") || isSymbol("//") || isSymbol("%") || isSymbol("@")) {
        const PyToken& op = take();
        DepthGuard guard(*this, op.span);
        left = binary(op, std::move(left), factor());
    }
    return left;
}

PyExprPtr Parser::factor()
{
    if (isSymbol("~"))
        fail(peek().span, QStringLiteral("the operator '~' is not supported"));
    if (isSymbol("-") || isSymbol("+")) {
        const PyToken& op = take();
        DepthGuard guard(*this, op.span);
        PyExprPtr e = makeExpr(PyExpr::Kind::Unary, op.span, op.text);
        e->items.push_back(factor());
        return e;
    }
    return power();
}

PyExprPtr Parser::power()
{
    PyExprPtr base = primary();
    if (!isSymbol("**"))
        return base;
    const PyToken& op = take();
    DepthGuard guard(*this, op.span);
    return binary(op, std::move(base), factor());
}

PyExprPtr Parser::primary()
{
    const std::size_t first = pos_;
    PyExprPtr e = atom();
    // Each call, subscript and attribute wraps the expression before it: a chain of them
    // (a.b.c..., f()()...) nests as deeply as brackets do, and is bounded the same way.
    int links = 0;
    while (true) {
        if ((isSymbol("(") || isSymbol("[") || isSymbol(".")) && depth_ + ++links > formulalimits::maxNesting)
            fail(peek().span, QStringLiteral("the code is nested too deeply (more than %1 levels)").arg(formulalimits::maxNesting));
        if (isSymbol("(")) {
            const PyToken& open = take();
            DepthGuard guard(*this, open.span);
            PyExprPtr call = makeExpr(PyExpr::Kind::Call, e->span); // the called name: f, or gradient in tape.gradient
            call->items.push_back(std::move(e));
            arguments(*call);
            call->source = sourceFrom(first);
            e = std::move(call);
        } else if (isSymbol("[")) {
            const PyToken& open = take();
            DepthGuard guard(*this, open.span);
            PyExprPtr sub = makeExpr(PyExpr::Kind::Subscript, open.span);
            sub->items.push_back(std::move(e));
            if (isSymbol(":"))
                fail(peek().span, QStringLiteral("slices are not supported"));
            sub->items.push_back(testList());
            if (isSymbol(":"))
                fail(peek().span, QStringLiteral("slices are not supported"));
            expectSymbol("]", "to close the subscript");
            e = std::move(sub);
        } else if (isSymbol(".")) {
            ++pos_;
            const PyToken& name = expectName("an attribute name after '.'");
            PyExprPtr attr = makeExpr(PyExpr::Kind::Attribute, name.span, name.text);
            attr->items.push_back(std::move(e));
            e = std::move(attr);
        } else {
            return e;
        }
    }
}

void Parser::arguments(PyExpr& call)
{
    while (!isSymbol(")")) {
        if (isSymbol("*") || isSymbol("**"))
            fail(peek().span, QStringLiteral("%1 arguments are not supported").arg(isSymbol("*") ? "*args" : "**kwargs"));
        PyArg arg;
        if (peek().kind == PyToken::Kind::Name && !keyword(peek()) && isSymbol("=", 1)) {
            const PyToken& key = take();
            ++pos_;
            for (const PyArg& a : call.args)
                if (a.keyword == key.text)
                    fail(key.span, QStringLiteral("keyword argument '%1' is given twice").arg(key.text));
            arg.keyword = key.text;
            arg.span = key.span;
        } else if (!call.args.empty() && !call.args.back().keyword.isEmpty()) {
            fail(peek().span, QStringLiteral("a positional argument cannot follow a keyword argument"));
        }
        arg.value = expression();
        if (arg.keyword.isEmpty() && isWord("for")) { // f(x for x in xs)
            PyExprPtr comp = makeExpr(PyExpr::Kind::ListComp, arg.value->span);
            comp->items.push_back(std::move(arg.value));
            generators(*comp);
            arg.value = std::move(comp);
        }
        arg.span = arg.keyword.isEmpty() ? arg.value->span : arg.span;
        call.args.push_back(std::move(arg));
        if (!isSymbol(","))
            break;
        ++pos_;
    }
    expectSymbol(")", "to close the call");
}

void Parser::generators(PyExpr& comp)
{
    while (isWord("for")) {
        ++pos_;
        PyGenerator g;
        g.target = primaryTarget();
        if (!isWord("in"))
            fail(peek().span, QStringLiteral("expected 'in' in the comprehension, found %1").arg(describe(peek())));
        ++pos_;
        g.iterable = orTest();
        while (isWord("if")) {
            ++pos_;
            g.conditions.push_back(orTest());
        }
        comp.generators.push_back(std::move(g));
    }
}

/// The items of a list or tuple display up to `close`, or a comprehension.
PyExprPtr Parser::display(PyExpr::Kind kind, const PyToken& open, const char* close)
{
    DepthGuard guard(*this, open.span);
    PyExprPtr e = makeExpr(kind, open.span);
    bool comma = false;
    while (!isSymbol(close)) {
        e->items.push_back(expression());
        if (e->items.size() == 1 && isWord("for")) {
            e->kind = PyExpr::Kind::ListComp;
            generators(*e);
            break;
        }
        if (!isSymbol(","))
            break;
        comma = true;
        ++pos_;
    }
    expectSymbol(close, kind == PyExpr::Kind::List ? "to close the list" : "to close the parentheses");
    if (kind == PyExpr::Kind::Tuple && e->kind == PyExpr::Kind::Tuple && e->items.size() == 1 && !comma)
        return std::move(e->items.front()); // (x) is x
    return e;
}

PyExprPtr Parser::atom()
{
    const PyToken& t = peek();
    switch (t.kind) {
    case PyToken::Kind::Number: {
        ++pos_;
        PyExprPtr e = makeExpr(PyExpr::Kind::Number, t.span, t.text);
        e->number = t.number;
        e->integer = t.integer;
        return e;
    }
    case PyToken::Kind::String: {
        PyExprPtr e = makeExpr(PyExpr::Kind::String, t.span);
        while (peek().kind == PyToken::Kind::String)
            e->text += take().text;
        return e;
    }
    case PyToken::Kind::Name: {
        if (const Keyword* k = keyword(t)) {
            if (k->message)
                fail(t.span, QString::fromLatin1(k->message));
            fail(t.span, QStringLiteral("expected an expression, found '%1'").arg(t.text));
        }
        ++pos_;
        return makeExpr(PyExpr::Kind::Name, t.span, t.text);
    }
    case PyToken::Kind::Symbol:
        if (t.text == u"(") {
            ++pos_;
            return display(PyExpr::Kind::Tuple, t, ")");
        }
        if (t.text == u"[") {
            ++pos_;
            return display(PyExpr::Kind::List, t, "]");
        }
        if (t.text == u"{")
            fail(t.span, QStringLiteral("dictionaries and sets are not supported"));
        if (t.text == u"...")
            fail(t.span, QStringLiteral("'...' (Ellipsis) is not supported"));
        break;
    default: break;
    }
    fail(t.span, QStringLiteral("expected an expression, found %1").arg(describe(t)));
}

} // namespace gs::python
