#pragma once

#include <QString>

#include <cmath>
#include <optional>

namespace gs {

/// How tightly an operator binds when a graph is written as a formula (Python's precedence).
enum class FormulaPrecedence { Compare = 1, Sum = 2, Product = 3, Unary = 4, Power = 5, Atom = 6 };

/// An op written between its two operands.
struct FormulaInfix {
    const char* op;
    const char* symbol;
    FormulaPrecedence precedence;
};

/// Every op a formula writes infix; shared by the formula writer and the names of values in
/// sentences (NodeNames), so that both read like the formula bar.
inline constexpr FormulaInfix formulaInfixes[] = {
    {"add", "+", FormulaPrecedence::Sum},          {"sub", "-", FormulaPrecedence::Sum},
    {"mul", "*", FormulaPrecedence::Product},      {"div", "/", FormulaPrecedence::Product},
    {"floordiv", "//", FormulaPrecedence::Product}, {"floormod", "%", FormulaPrecedence::Product},
    {"matmul", "@", FormulaPrecedence::Product},   {"pow", "**", FormulaPrecedence::Power},
    {"less", "<", FormulaPrecedence::Compare},     {"greater", ">", FormulaPrecedence::Compare},
    {"less_equal", "<=", FormulaPrecedence::Compare}, {"greater_equal", ">=", FormulaPrecedence::Compare},
    {"equal", "==", FormulaPrecedence::Compare},   {"not_equal", "!=", FormulaPrecedence::Compare},
};

/// A number as a formula writes it when that needs no choice of digits: nan, inf, -inf, and
/// whole numbers without a point; unset for the others, which each writer rounds its own way.
inline std::optional<QString> formulaWholeNumber(double v)
{
    if (std::isnan(v))
        return QStringLiteral("nan");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    if (std::floor(v) == v && std::abs(v) < 1e15)
        return QString::number(static_cast<long long>(v));
    return std::nullopt;
}

} // namespace gs
