#pragma once

// Internal to the Python reader: the parser behind parsePython() (PythonAst.h), split over
// PythonParser.cpp (statements) and PythonExpressionParser.cpp (expressions).
#include "document/python/PythonAst.h"
#include "document/python/PythonLexer.h"

#include <algorithm>

namespace gs::python {

/// A keyword that cannot be a name, with what to say when code uses it (null: the grammar knows it).
struct Keyword {
    const char* word;
    const char* message;
};

/// The keyword `t` is, or nullptr.
const Keyword* keyword(const PyToken& t);

/// Recursive descent over Python's grammar, restricted to what the reader runs: statements (def,
/// with, for, if, return, del, import, assignment) and expressions with Python's precedence, from
/// loosest to tightest: `x if c else y` -> or -> and -> not -> comparisons (chained) -> + - ->
/// * / // % @ -> unary - + -> ** -> calls, subscripts, attributes -> atoms. Everything else is
/// refused where it starts, with the construct's name. A depth counter bounds nesting.
class Parser {
public:
    Parser(const QString& text, std::vector<PyToken> tokens)
        : text_(text)
        , tokens_(std::move(tokens))
    {
    }

    PyModule module();

private:
    struct DepthGuard {
        Parser& p;
        DepthGuard(Parser& parser, const SourceSpan& span)
            : p(parser)
        {
            if (++p.depth_ > formulalimits::maxNesting)
                p.fail(span, QStringLiteral("the code is nested too deeply (more than %1 levels)").arg(formulalimits::maxNesting));
        }
        ~DepthGuard() { --p.depth_; }
        DepthGuard(const DepthGuard&) = delete;
        DepthGuard& operator=(const DepthGuard&) = delete;
    };

    const PyToken& peek(int ahead = 0) const
    {
        const std::size_t i = std::min(pos_ + static_cast<std::size_t>(ahead), tokens_.size() - 1);
        return tokens_[i];
    }
    const PyToken& take() { return tokens_[std::min(pos_++, tokens_.size() - 1)]; }
    bool isSymbol(const char* s, int ahead = 0) const
    {
        const PyToken& t = peek(ahead);
        return t.kind == PyToken::Kind::Symbol && t.text == QLatin1StringView(s);
    }
    bool isWord(const char* w, int ahead = 0) const
    {
        const PyToken& t = peek(ahead);
        return t.kind == PyToken::Kind::Name && t.text == QLatin1StringView(w);
    }

    [[noreturn]] void fail(const SourceSpan& span, const QString& message) const { throw FormulaException{span, message}; }

    static QString describe(const PyToken& t);
    void expectSymbol(const char* symbol, const char* context);
    const PyToken& expectName(const char* what);
    void endOfStatement();

    /// The text of the tokens from `first` to the last one taken.
    QString sourceFrom(std::size_t first) const;

    // --- statements ------------------------------------------------------------------------------

    void statement(std::vector<PyStmtPtr>& out);
    void simpleStatements(std::vector<PyStmtPtr>& out);
    PyStmtPtr make(PyStmt::Kind kind, const SourceSpan& span);
    PyStmtPtr smallStatement();
    void checkTarget(const PyExpr& e);
    QString dottedName();
    PyExprPtr nameExpr(const PyToken& t);
    PyStmtPtr importStatement();
    PyStmtPtr fromImport();
    void block(std::vector<PyStmtPtr>& body, const char* what);
    PyStmtPtr def();
    PyStmtPtr withStatement();

    /// A name, or a tuple of names, as the target of `as` or `for`.
    PyExprPtr primaryTarget();
    PyExprPtr targetList();
    PyStmtPtr forStatement();
    PyStmtPtr ifStatement();

    // --- expressions -----------------------------------------------------------------------------

    PyExprPtr makeExpr(PyExpr::Kind kind, const SourceSpan& span, QString text = {});

    /// `a, b, c` (a tuple) or one expression.
    PyExprPtr testList();
    bool startsExpression() const;
    PyExprPtr expression();
    PyExprPtr boolChain(const char* word, PyExprPtr (Parser::*operand)());

    PyExprPtr orTest() { return boolChain("or", &Parser::andTest); }
    PyExprPtr andTest() { return boolChain("and", &Parser::notTest); }

    PyExprPtr notTest();

    /// The comparison operator at the current token ("not in" and "is not" are two words), or "".
    QString comparisonOperator() const;
    PyExprPtr comparison();
    PyExprPtr bitwise();
    PyExprPtr binary(const PyToken& op, PyExprPtr left, PyExprPtr right);
    PyExprPtr arith();
    PyExprPtr term();
    PyExprPtr factor();
    PyExprPtr power();
    PyExprPtr primary();
    void arguments(PyExpr& call);
    void generators(PyExpr& comp);

    /// The items of a list or tuple display up to `close`, or a comprehension.
    PyExprPtr display(PyExpr::Kind kind, const PyToken& open, const char* close);
    PyExprPtr atom();
    const QString& text_;
    std::vector<PyToken> tokens_;
    std::size_t pos_ = 0;
    int depth_ = 0;
};

} // namespace gs::python
