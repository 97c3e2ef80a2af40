// Statements of Python code (see Parser in PythonParser.h).
#include "document/python/PythonParser.h"

#include <QStringList>

namespace gs::python {

namespace {

constexpr Keyword keywords[] = {
    {"def", nullptr},      {"return", nullptr},    {"with", nullptr},   {"as", nullptr},      {"for", nullptr},
    {"in", nullptr},       {"if", nullptr},        {"elif", nullptr},   {"else", nullptr},    {"import", nullptr},
    {"from", nullptr},     {"del", nullptr},       {"pass", nullptr},   {"not", nullptr},     {"and", nullptr},
    {"or", nullptr},       {"is", nullptr},        {"break", nullptr},  {"continue", nullptr},
    {"lambda", "lambda expressions are not supported: write a def"},
    {"while", "while loops are not supported: GradScope unrolls for loops over lists and range(...) only"},
    {"class", "classes are not supported"},
    {"try", "try statements are not supported"},
    {"except", "try statements are not supported"},
    {"finally", "try statements are not supported"},
    {"raise", "raise is not supported"},
    {"assert", "assert is not supported"},
    {"global", "global is not supported: a function cannot rebind names outside it"},
    {"nonlocal", "nonlocal is not supported: a function cannot rebind names outside it"},
    {"yield", "generators (yield) are not supported"},
    {"async", "async functions are not supported"},
    {"await", "await is not supported"},
};

} // namespace

const Keyword* keyword(const PyToken& t)
{
    if (t.kind != PyToken::Kind::Name)
        return nullptr;
    for (const Keyword& k : keywords)
        if (t.text == QLatin1StringView(k.word))
            return &k;
    return nullptr;
}

PyModule Parser::module()
{
    PyModule m;
    while (peek().kind != PyToken::Kind::End) {
        if (peek().kind == PyToken::Kind::Newline) {
            ++pos_;
            continue;
        }
        if (peek().kind == PyToken::Kind::Indent)
            fail(peek().span, QStringLiteral("unexpected indent"));
        statement(m.body);
    }
    return m;
}

QString Parser::describe(const PyToken& t)
{
    switch (t.kind) {
    case PyToken::Kind::Newline: return QStringLiteral("the end of the line");
    case PyToken::Kind::Indent: return QStringLiteral("an indented block");
    case PyToken::Kind::Dedent: return QStringLiteral("the end of the block");
    case PyToken::Kind::End: return QStringLiteral("the end of the code");
    case PyToken::Kind::Number: return QStringLiteral("the number %1").arg(t.text);
    case PyToken::Kind::String: return QStringLiteral("a string");
    case PyToken::Kind::Name:
    case PyToken::Kind::Symbol: return QStringLiteral("'%1'").arg(t.text);
    }
    return QString();
}

void Parser::expectSymbol(const char* symbol, const char* context)
{
    if (!isSymbol(symbol))
        fail(peek().span, QStringLiteral("expected '%1' %2, found %3").arg(QLatin1StringView(symbol), QLatin1StringView(context), describe(peek())));
    ++pos_;
}

const PyToken& Parser::expectName(const char* what)
{
    const PyToken& t = peek();
    if (t.kind != PyToken::Kind::Name || keyword(t))
        fail(t.span, QStringLiteral("expected %1, found %2").arg(QLatin1StringView(what), describe(t)));
    return take();
}

void Parser::endOfStatement()
{
    if (peek().kind == PyToken::Kind::Newline) {
        ++pos_;
        return;
    }
    if (peek().kind == PyToken::Kind::End || peek().kind == PyToken::Kind::Dedent)
        return;
    if (isSymbol("="))
        fail(peek().span, QStringLiteral("only names can be assigned to"));
    if (isSymbol(":") )
        fail(peek().span, QStringLiteral("variable annotations (x: float = ...) are not supported"));
    fail(peek().span, QStringLiteral("expected the end of the statement, found %1").arg(describe(peek())));
}

/// The text of the tokens from `first` to the last one taken.
QString Parser::sourceFrom(std::size_t first) const
{
    const SourceSpan& a = tokens_[first].span;
    const SourceSpan& b = tokens_[pos_ > 0 ? pos_ - 1 : 0].span;
    const int end = b.offset + b.length;
    if (end <= a.offset)
        return QString();
    QStringList lines = text_.mid(a.offset, end - a.offset).split(u'\n');
    for (qsizetype i = 1; i < lines.size(); ++i) { // continuation lines of a session keep no prompt
        const QString trimmed = lines[i].trimmed();
        if (trimmed.startsWith(QStringLiteral("...")) || trimmed.startsWith(QStringLiteral(">>>")))
            lines[i] = trimmed.mid(3);
    }
    return lines.join(u' ').simplified().replace(QStringLiteral("[ "), QStringLiteral("[")).replace(QStringLiteral("( "), QStringLiteral("("));
}

void Parser::statement(std::vector<PyStmtPtr>& out)
{
    const PyToken& t = peek();
    if (const Keyword* k = keyword(t); k && k->message)
        fail(t.span, QString::fromLatin1(k->message));
    if (isSymbol("@") || isWord("def"))
        return out.push_back(def());
    if (isWord("with"))
        return out.push_back(withStatement());
    if (isWord("for"))
        return out.push_back(forStatement());
    if (isWord("if"))
        return out.push_back(ifStatement());
    simpleStatements(out);
}

void Parser::simpleStatements(std::vector<PyStmtPtr>& out)
{
    while (true) {
        out.push_back(smallStatement());
        if (!isSymbol(";"))
            break;
        ++pos_;
        if (peek().kind == PyToken::Kind::Newline || peek().kind == PyToken::Kind::End)
            break;
    }
    endOfStatement();
}

PyStmtPtr Parser::make(PyStmt::Kind kind, const SourceSpan& span)
{
    auto s = std::make_unique<PyStmt>();
    s->kind = kind;
    s->span = span;
    return s;
}

PyStmtPtr Parser::smallStatement()
{
    const PyToken& t = peek();
    if (const Keyword* k = keyword(t); k && k->message)
        fail(t.span, QString::fromLatin1(k->message));
    if (isWord("pass")) {
        ++pos_;
        return make(PyStmt::Kind::Pass, t.span);
    }
    if (isWord("break") || isWord("continue")) {
        ++pos_;
        PyStmtPtr s = make(PyStmt::Kind::Pass, t.span);
        s->text = t.text;
        return s;
    }
    if (isWord("return")) {
        ++pos_;
        PyStmtPtr s = make(PyStmt::Kind::Return, t.span);
        if (peek().kind != PyToken::Kind::Newline && peek().kind != PyToken::Kind::End && !isSymbol(";"))
            s->value = testList();
        return s;
    }
    if (isWord("del")) {
        ++pos_;
        PyStmtPtr s = make(PyStmt::Kind::Del, t.span);
        do {
            PyExprPtr target = expression();
            if (target->kind != PyExpr::Kind::Name)
                fail(target->span, QStringLiteral("del takes names only"));
            s->targets.push_back(std::move(target));
        } while (isSymbol(",") && (++pos_, true));
        return s;
    }
    if (isWord("import"))
        return importStatement();
    if (isWord("from"))
        return fromImport();
    const std::size_t first = pos_;
    PyExprPtr value = testList();
    if (isSymbol("=")) {
        PyStmtPtr s = make(PyStmt::Kind::Assign, value->span);
        while (isSymbol("=")) {
            ++pos_;
            checkTarget(*value);
            s->targets.push_back(std::move(value));
            value = testList();
        }
        s->value = std::move(value);
        return s;
    }
    static const char* const augmented[] = {"+=", "-=", "*=", "/=", "//=", "%=", "**=", "@="};
    for (const char* a : augmented)
        if (isSymbol(a)) {
            const PyToken& op = take();
            if (value->kind != PyExpr::Kind::Name)
                fail(value->span, QStringLiteral("only a name can take %1").arg(op.text));
            PyStmtPtr s = make(PyStmt::Kind::AugAssign, op.span);
            s->text = op.text.chopped(1);
            s->targets.push_back(std::move(value));
            s->value = testList();
            return s;
        }
    for (const char* a : {"&=", "|=", "^=", ">>=", "<<="})
        if (isSymbol(a))
            fail(peek().span, QStringLiteral("the operator '%1' is not supported").arg(peek().text));
    PyStmtPtr s = make(PyStmt::Kind::Expr, value->span);
    value->source = sourceFrom(first);
    s->value = std::move(value);
    return s;
}

void Parser::checkTarget(const PyExpr& e)
{
    if (e.kind == PyExpr::Kind::Name) {
        if (e.text == u"True" || e.text == u"False" || e.text == u"None")
            fail(e.span, QStringLiteral("cannot assign to %1").arg(e.text));
        return;
    }
    if (e.kind == PyExpr::Kind::Tuple || e.kind == PyExpr::Kind::List) {
        for (const PyExprPtr& item : e.items)
            checkTarget(*item);
        return;
    }
    if (e.kind == PyExpr::Kind::Attribute)
        fail(e.span, QStringLiteral("assigning to an attribute (%1) is not supported").arg(e.text));
    if (e.kind == PyExpr::Kind::Subscript)
        fail(e.span, QStringLiteral("assigning to an element (x[i] = ...) is not supported"));
    fail(e.span, QStringLiteral("only names can be assigned to"));
}

QString Parser::dottedName()
{
    QString name = expectName("a module name").text;
    while (isSymbol(".")) {
        ++pos_;
        name += u'.' + expectName("a module name").text;
    }
    return name;
}

PyExprPtr Parser::nameExpr(const PyToken& t)
{
    PyExprPtr e = std::make_unique<PyExpr>();
    e->kind = PyExpr::Kind::Name;
    e->span = t.span;
    e->text = t.text;
    return e;
}

PyStmtPtr Parser::importStatement()
{
    PyStmtPtr s = make(PyStmt::Kind::Import, take().span);
    do {
        const PyToken& first = peek();
        const QString module = dottedName();
        QString bound = module.section(u'.', 0, 0);
        QString what = bound;
        SourceSpan span = first.span;
        if (isWord("as")) {
            ++pos_;
            const PyToken& alias = expectName("a name after 'as'");
            bound = alias.text;
            span = alias.span;
            what = module;
        }
        PyToken named;
        named.text = bound;
        named.span = span;
        s->targets.push_back(nameExpr(named));
        s->imported.push_back(what);
    } while (isSymbol(",") && (++pos_, true));
    return s;
}

PyStmtPtr Parser::fromImport()
{
    PyStmtPtr s = make(PyStmt::Kind::Import, take().span);
    const QString module = dottedName();
    if (!isWord("import"))
        fail(peek().span, QStringLiteral("expected 'import', found %1").arg(describe(peek())));
    ++pos_;
    if (isSymbol("*"))
        fail(peek().span, QStringLiteral("'from %1 import *' is not supported: import the names you use").arg(module));
    const bool parenthesised = isSymbol("(");
    if (parenthesised)
        ++pos_;
    do {
        if (parenthesised && isSymbol(")"))
            break;
        const PyToken& name = expectName("a name to import");
        PyToken bound = name;
        if (isWord("as")) {
            ++pos_;
            bound = expectName("a name after 'as'");
        }
        s->targets.push_back(nameExpr(bound));
        s->imported.push_back(module + u'.' + name.text);
    } while (isSymbol(",") && (++pos_, true));
    if (parenthesised)
        expectSymbol(")", "to close the names imported");
    return s;
}

void Parser::block(std::vector<PyStmtPtr>& body, const char* what)
{
    expectSymbol(":", what);
    if (peek().kind != PyToken::Kind::Newline) {
        simpleStatements(body);
        return;
    }
    ++pos_;
    if (peek().kind != PyToken::Kind::Indent)
        fail(peek().span, QStringLiteral("expected an indented block, found %1").arg(describe(peek())));
    ++pos_;
    DepthGuard guard(*this, peek().span);
    while (peek().kind != PyToken::Kind::Dedent && peek().kind != PyToken::Kind::End) {
        if (peek().kind == PyToken::Kind::Newline) {
            ++pos_;
            continue;
        }
        statement(body);
    }
    if (peek().kind == PyToken::Kind::Dedent)
        ++pos_;
}

PyStmtPtr Parser::def()
{
    std::vector<PyExprPtr> decorators;
    while (isSymbol("@")) {
        ++pos_;
        decorators.push_back(expression());
        if (peek().kind != PyToken::Kind::Newline)
            fail(peek().span, QStringLiteral("expected the end of the decorator, found %1").arg(describe(peek())));
        ++pos_;
    }
    if (isWord("class"))
        fail(peek().span, QStringLiteral("classes are not supported"));
    if (isWord("async"))
        fail(peek().span, QStringLiteral("async functions are not supported"));
    if (!isWord("def"))
        fail(peek().span, QStringLiteral("expected 'def' after the decorator, found %1").arg(describe(peek())));
    PyStmtPtr s = make(PyStmt::Kind::Def, take().span);
    s->decorators = std::move(decorators);
    const PyToken& name = expectName("the function's name");
    s->text = name.text;
    s->span = name.span;
    expectSymbol("(", "after the function's name");
    while (!isSymbol(")")) {
        if (isSymbol("*") || isSymbol("**"))
            fail(peek().span, QStringLiteral("%1 parameters are not supported").arg(isSymbol("*") ? "*args" : "**kwargs"));
        if (isSymbol("/"))
            fail(peek().span, QStringLiteral("positional-only parameters (/) are not supported"));
        PyParam p;
        const PyToken& pn = expectName("a parameter name");
        p.name = pn.text;
        p.span = pn.span;
        for (const PyParam& q : s->params)
            if (q.name == p.name)
                fail(pn.span, QStringLiteral("duplicate parameter '%1'").arg(p.name));
        if (isSymbol(":")) { // an annotation, ignored
            ++pos_;
            expression();
        }
        if (isSymbol("=")) {
            ++pos_;
            p.defaultValue = expression();
        } else if (!s->params.empty() && s->params.back().defaultValue) {
            fail(pn.span, QStringLiteral("a parameter without a default cannot follow one with a default"));
        }
        s->params.push_back(std::move(p));
        if (!isSymbol(","))
            break;
        ++pos_;
    }
    expectSymbol(")", "to close the parameters");
    if (isSymbol("->")) {
        ++pos_;
        expression();
    }
    block(s->body, "after the function's parameters");
    return s;
}

PyStmtPtr Parser::withStatement()
{
    PyStmtPtr s = make(PyStmt::Kind::With, take().span);
    do {
        PyWithItem item;
        item.context = expression();
        if (isWord("as")) {
            ++pos_;
            item.target = primaryTarget();
        }
        s->items.push_back(std::move(item));
    } while (isSymbol(",") && (++pos_, true));
    block(s->body, "after the with statement");
    return s;
}

/// A name, or a tuple of names, as the target of `as` or `for`.
PyExprPtr Parser::primaryTarget()
{
    PyExprPtr e = targetList();
    checkTarget(*e);
    return e;
}

PyExprPtr Parser::targetList()
{
    const PyToken& first = peek();
    PyExprPtr e = bitwise();
    if (!isSymbol(","))
        return e;
    PyExprPtr tuple = std::make_unique<PyExpr>();
    tuple->kind = PyExpr::Kind::Tuple;
    tuple->span = first.span;
    tuple->items.push_back(std::move(e));
    while (isSymbol(",")) {
        ++pos_;
        if (isWord("in") || isSymbol(":"))
            break;
        tuple->items.push_back(bitwise());
    }
    return tuple;
}

PyStmtPtr Parser::forStatement()
{
    PyStmtPtr s = make(PyStmt::Kind::For, take().span);
    s->targets.push_back(primaryTarget());
    if (!isWord("in"))
        fail(peek().span, QStringLiteral("expected 'in' in the for statement, found %1").arg(describe(peek())));
    ++pos_;
    s->value = testList();
    block(s->body, "after the for statement");
    if (isWord("else"))
        fail(peek().span, QStringLiteral("for ... else is not supported"));
    return s;
}

PyStmtPtr Parser::ifStatement()
{
    PyStmtPtr s = make(PyStmt::Kind::If, take().span);
    s->value = expression();
    block(s->body, "after the if condition");
    if (isWord("elif")) {
        s->orelse.push_back(ifStatement());
    } else if (isWord("else")) {
        ++pos_;
        block(s->orelse, "after else");
    }
    return s;
}

PyModule parsePython(const QString& text) { return Parser(text, tokenizePython(text)).module(); }

} // namespace gs::python
