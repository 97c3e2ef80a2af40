#pragma once

#include "document/FormulaError.h"
#include "document/python/PythonProgram.h"

#include <optional>

namespace gs {

/// Python code read into a document, or why it could not be.
struct PythonReadResult {
    PythonProgram program;
    std::optional<FormulaError> error;
    bool ok() const { return !error.has_value(); }
};

/// Reads the subset of Python the book's gradient and tf.function code uses (docs/python.md) into
/// the same kind of document a formula makes: one node per operation, variable and constant, the
/// code's names as labels, the last gradient call's target as the target. Functions are inlined
/// at each call, loops over lists and range() unrolled, ifs decided on Python values; interactive
/// prompts and what they printed are skipped. Anything else is an error naming the construct with
/// its line and column. Never throws.
PythonReadResult readPython(const QString& text);

/// True when text holds constructs only Python has (def, with, import, a decorator, a for loop,
/// a tuple assignment, an interactive prompt, tape.gradient(...)), so that text pasted or given on
/// the command line is read as Python rather than as a formula. Formula text never looks like it.
bool looksLikePython(const QString& text);

/// True for a file name ending in .py.
bool isPythonFileName(const QString& fileName);

} // namespace gs
