#pragma once

#include "document/FormulaError.h"

#include <QString>

#include <vector>

namespace gs {

struct Token {
    enum class Kind { Number, Name, String, Symbol, Newline, End };
    Kind kind = Kind::End;
    QString text;          ///< the name (dotted names such as tf.math.log are one token), symbol or string
    double number = 0;     ///< Number
    bool integer = false;  ///< Number written without '.' or exponent
    SourceSpan span;
};

/// Splits formula text into tokens, Python style: `#` starts a comment, newlines end statements
/// except inside brackets or after a backslash, `;` also ends one. Throws FormulaException.
std::vector<Token> tokenizeFormula(const QString& text);

} // namespace gs
