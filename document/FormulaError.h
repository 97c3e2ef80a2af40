#pragma once

#include <QString>

namespace gs {

/// A place in a formula's text: 1-based line and column (in characters), and a length.
struct SourceSpan {
    int line = 0;
    int column = 0;
    int offset = 0;
    int length = 1;
};

/// A formula that cannot be read, or a document that cannot be written as one. `line` is 0 when
/// the problem has no place in the text.
struct FormulaError {
    QString message;
    int line = 0;
    int column = 0;
    int length = 1;
    QString sourceLine; ///< the text of that line, for the caret

    /// "line 2, column 9: expected an expression after '+'"
    QString headline() const;
    /// The headline, then the line of text and a caret under the place:
    ///     line 2, column 9: expected an expression after '+'
    ///       loss = z +
    ///                  ^
    QString formatted() const;

    static FormulaError at(const QString& text, const SourceSpan& span, const QString& message);
};

/// Thrown inside the formula reader and caught at its public functions: users never see it.
struct FormulaException {
    SourceSpan span;
    QString message;
};

/// Limits that keep hostile or accidental input from exhausting the stack or the memory.
namespace formulalimits {
constexpr int maxLength = 256 * 1024; ///< characters of formula text
constexpr int maxNesting = 100;       ///< brackets, calls and unary signs inside each other
constexpr int maxHeight = 400;        ///< operations on the longest path of one expression
constexpr int maxNodes = 10'000;      ///< nodes a formula may create
constexpr int maxElements = 1'000'000; ///< elements of one literal tensor
} // namespace formulalimits

} // namespace gs
