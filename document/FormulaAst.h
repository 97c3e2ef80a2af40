#pragma once

#include "document/FormulaError.h"

#include <QString>

#include <memory>
#include <vector>

namespace gs {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct KeywordArg {
    QString name;
    SourceSpan span; ///< of the name
    ExprPtr value;
};

/// One node of a parsed formula expression.
struct Expr {
    enum class Kind {
        Number, ///< `number` (`integer` when written without '.' or exponent)
        Name,   ///< `text`: w1, tf.float64, True, dy
        String, ///< `text`: the characters between the quotes
        List,   ///< `items`: [a, b, c]
        Unary,  ///< `text` is "-" or "+", `items[0]` the operand
        Binary, ///< `text` is the operator (+ - * / // % @ ** < <= > >= == !=), `items` the two operands
        Call,   ///< `text` is the function's name, `items` the positional arguments, `keywords`
    };
    Kind kind = Kind::Number;
    SourceSpan span; ///< the literal, the name, the operator or the called name
    double number = 0;
    bool integer = false;
    QString text;
    std::vector<ExprPtr> items;
    std::vector<KeywordArg> keywords;
    int height = 1; ///< operations on the longest path down from here
    bool grouped = false; ///< written in parentheses: -(3) stays an operation, -3 is a literal
};

/// `name = value`, or a bare expression when `name` is empty.
struct Statement {
    QString name;
    SourceSpan nameSpan;
    ExprPtr value;
};

struct FormulaProgram {
    std::vector<Statement> statements;
};

/// Reads formula text into statements. Throws FormulaException (see FormulaError.h for limits).
FormulaProgram parseFormulaProgram(const QString& text);

} // namespace gs
