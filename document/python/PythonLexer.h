#pragma once

// Internal to the Python reader (see PythonReader.h): Python source as tokens.
#include "document/FormulaError.h"

#include <QString>

#include <vector>

namespace gs::python {

struct PyToken {
    enum class Kind { Number, Name, String, Symbol, Newline, Indent, Dedent, End };
    Kind kind = Kind::End;
    QString text;         ///< the name, the symbol, or a string's characters
    double number = 0;    ///< Number
    bool integer = false; ///< Number written without '.', exponent or 'j'
    SourceSpan span;      ///< in the original text, prompts included
};

/// Splits Python source into tokens the way Python's tokenizer does: NEWLINE ends a logical line,
/// INDENT and DEDENT follow its indentation, brackets and a backslash join physical lines, comments
/// and blank lines make no tokens. Interactive sessions pasted from the book or a notebook read as
/// code: `>>> ` and `... ` are cut from the start of the lines they begin, and what a session
/// printed (the lines after a prompt that have none, up to the next blank line) is skipped.
/// Throws FormulaException with the place in the original text.
std::vector<PyToken> tokenizePython(const QString& text);

} // namespace gs::python
