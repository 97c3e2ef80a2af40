// Recursive descent with Python's precedence, from loosest to tightest:
//   comparison (< <= > >= == !=, not chained)  ->  + -  ->  * / // % @  ->  unary - +  ->  ** (right
//   associative; its right operand may carry a sign: 2 ** -x)  ->  call, name, literal, ( ), [ ].
// A depth counter bounds nesting and each expression's height is tracked, so that no input can
// exhaust the stack here or in the code that walks the tree later.
#include "document/FormulaAst.h"
#include "document/FormulaLexer.h"

namespace gs {

namespace {

class Parser {
public:
    explicit Parser(std::vector<Token> tokens)
        : tokens_(std::move(tokens))
    {
    }

    FormulaProgram program()
    {
        FormulaProgram program;
        while (peek().kind != Token::Kind::End) {
            if (peek().kind == Token::Kind::Newline) {
                ++pos_;
                continue;
            }
            program.statements.push_back(statement());
            if (peek().kind != Token::Kind::Newline)
                fail(peek().span, QStringLiteral("expected the end of the statement, found %1").arg(describe(peek())));
        }
        return program;
    }

private:
    struct DepthGuard {
        Parser& p;
        DepthGuard(Parser& parser, const SourceSpan& span)
            : p(parser)
        {
            if (++p.depth_ > formulalimits::maxNesting)
                p.fail(span, QStringLiteral("the expression is nested too deeply (more than %1 levels)")
                                 .arg(formulalimits::maxNesting));
        }
        ~DepthGuard() { --p.depth_; }
        DepthGuard(const DepthGuard&) = delete;
        DepthGuard& operator=(const DepthGuard&) = delete;
    };

    const Token& peek(int ahead = 0) const
    {
        const std::size_t i = std::min(pos_ + static_cast<std::size_t>(ahead), tokens_.size() - 1);
        return tokens_[i];
    }
    const Token& take() { return tokens_[std::min(pos_++, tokens_.size() - 1)]; }
    bool isSymbol(const char* s, int ahead = 0) const
    {
        const Token& t = peek(ahead);
        return t.kind == Token::Kind::Symbol && t.text == QLatin1StringView(s);
    }

    [[noreturn]] void fail(const SourceSpan& span, const QString& message) const
    {
        throw FormulaException{span, message};
    }

    static QString describe(const Token& t)
    {
        switch (t.kind) {
        case Token::Kind::Newline: return QStringLiteral("the end of the line");
        case Token::Kind::End: return QStringLiteral("the end of the formula");
        case Token::Kind::Number: return QStringLiteral("the number %1").arg(t.text);
        case Token::Kind::String: return QStringLiteral("a string");
        case Token::Kind::Name: return QStringLiteral("'%1'").arg(t.text);
        case Token::Kind::Symbol: return QStringLiteral("'%1'").arg(t.text);
        }
        return QString();
    }

    void expect(const char* symbol, const Token& opener)
    {
        if (!isSymbol(symbol))
            fail(peek().span, QStringLiteral("expected '%1' to close the '%2' at line %3, column %4, found %5")
                                  .arg(QLatin1StringView(symbol), opener.text)
                                  .arg(opener.span.line)
                                  .arg(opener.span.column)
                                  .arg(describe(peek())));
        ++pos_;
    }

    ExprPtr make(Expr::Kind kind, const SourceSpan& span, QString text = {})
    {
        auto e = std::make_unique<Expr>();
        e->kind = kind;
        e->span = span;
        e->text = std::move(text);
        return e;
    }

    ExprPtr withChildren(ExprPtr e)
    {
        int height = 0;
        for (const ExprPtr& item : e->items)
            height = std::max(height, item->height);
        for (const KeywordArg& k : e->keywords)
            height = std::max(height, k.value->height);
        e->height = height + 1;
        if (e->height > formulalimits::maxHeight)
            fail(e->span, QStringLiteral("this expression is too long to follow (more than %1 operations in a chain); "
                                         "split it into named steps")
                              .arg(formulalimits::maxHeight));
        return e;
    }

    ExprPtr binary(const Token& op, ExprPtr left, ExprPtr right)
    {
        ExprPtr e = make(Expr::Kind::Binary, op.span, op.text);
        e->items.push_back(std::move(left));
        e->items.push_back(std::move(right));
        return withChildren(std::move(e));
    }

    Statement statement()
    {
        Statement s;
        if (peek().kind == Token::Kind::Name && peek().text == u"return")
            ++pos_;
        else if (peek().kind == Token::Kind::Name && isSymbol("=", 1)) {
            const Token& name = take();
            s.name = name.text;
            s.nameSpan = name.span;
            if (name.text.contains(u'.'))
                fail(name.span, QStringLiteral("'%1' cannot be assigned to: use a plain name").arg(name.text));
            ++pos_;
        }
        s.value = expression();
        if (isSymbol("=")) {
            if (s.name.isEmpty())
                fail(peek().span, QStringLiteral("only a name can be assigned to (name = expression)"));
            fail(peek().span, QStringLiteral("one name per assignment: a = b = c is not supported"));
        }
        return s;
    }

    ExprPtr expression()
    {
        DepthGuard guard(*this, peek().span);
        return comparison();
    }

    static bool isComparison(const Token& t)
    {
        if (t.kind != Token::Kind::Symbol)
            return false;
        return t.text == u"<" || t.text == u"<=" || t.text == u">" || t.text == u">=" || t.text == u"=="
               || t.text == u"!=";
    }

    ExprPtr comparison()
    {
        ExprPtr left = sum();
        if (!isComparison(peek()))
            return left;
        const Token& op = take();
        ExprPtr right = sum();
        if (isComparison(peek()))
            fail(peek().span, QStringLiteral("chained comparisons (a < b < c) are not supported"));
        return binary(op, std::move(left), std::move(right));
    }

    ExprPtr sum()
    {
        ExprPtr left = term();
        while (isSymbol("+") || isSymbol("-")) {
            const Token& op = take();
            left = binary(op, std::move(left), term());
        }
        return left;
    }

    ExprPtr term()
    {
        ExprPtr left = unary();
        while (true) {
            if (!(isSymbol("*") || isSymbol("/") || isSymbol("//") || isSymbol("%") || isSymbol("@")))
                return left;
            const Token& op = take();
            left = binary(op, std::move(left), unary());
        }
    }

    ExprPtr unary()
    {
        if (isSymbol("-") || isSymbol("+")) {
            const Token& op = take();
            DepthGuard guard(*this, op.span);
            ExprPtr e = make(Expr::Kind::Unary, op.span, op.text);
            e->items.push_back(unary());
            return withChildren(std::move(e));
        }
        return power();
    }

    ExprPtr power()
    {
        ExprPtr base = primary();
        if (!isSymbol("**"))
            return base;
        const Token& op = take();
        DepthGuard guard(*this, op.span);
        return binary(op, std::move(base), unary());
    }

    ExprPtr primary()
    {
        const Token& t = peek();
        switch (t.kind) {
        case Token::Kind::Number: {
            ++pos_;
            ExprPtr e = make(Expr::Kind::Number, t.span, t.text);
            e->number = t.number;
            e->integer = t.integer;
            return e;
        }
        case Token::Kind::String:
            ++pos_;
            return make(Expr::Kind::String, t.span, t.text);
        case Token::Kind::Name:
            ++pos_;
            if (isSymbol("("))
                return call(t);
            return make(Expr::Kind::Name, t.span, t.text);
        case Token::Kind::Symbol:
            if (t.text == u"(") {
                ++pos_;
                ExprPtr inner = expression();
                inner->grouped = true;
                expect(")", t);
                return inner;
            }
            if (t.text == u"[")
                return list();
            break;
        case Token::Kind::Newline:
        case Token::Kind::End: break;
        }
        const Token& before = pos_ > 0 ? tokens_[pos_ - 1] : t;
        if (pos_ > 0 && before.kind == Token::Kind::Symbol && before.text != u"(" && before.text != u"[")
            fail(t.span, QStringLiteral("expected an expression after '%1', found %2").arg(before.text, describe(t)));
        fail(t.span, QStringLiteral("expected an expression, found %1").arg(describe(t)));
    }

    ExprPtr list()
    {
        const Token& open = take();
        ExprPtr e = make(Expr::Kind::List, open.span);
        while (!isSymbol("]")) {
            e->items.push_back(expression());
            if (!isSymbol(","))
                break;
            ++pos_;
        }
        expect("]", open);
        return withChildren(std::move(e));
    }

    ExprPtr call(const Token& name)
    {
        const Token& open = take();
        ExprPtr e = make(Expr::Kind::Call, name.span, name.text);
        while (!isSymbol(")")) {
            if (peek().kind == Token::Kind::Name && isSymbol("=", 1)) {
                const Token& key = take();
                ++pos_;
                for (const KeywordArg& k : e->keywords)
                    if (k.name == key.text)
                        fail(key.span, QStringLiteral("keyword argument '%1' is given twice").arg(key.text));
                e->keywords.push_back(KeywordArg{key.text, key.span, expression()});
            } else {
                if (!e->keywords.empty())
                    fail(peek().span, QStringLiteral("a positional argument cannot follow a keyword argument"));
                e->items.push_back(expression());
            }
            if (!isSymbol(","))
                break;
            ++pos_;
        }
        expect(")", open);
        return withChildren(std::move(e));
    }

    std::vector<Token> tokens_;
    std::size_t pos_ = 0;
    int depth_ = 0;
};

} // namespace

FormulaProgram parseFormulaProgram(const QString& text) { return Parser(tokenizeFormula(text)).program(); }

} // namespace gs
