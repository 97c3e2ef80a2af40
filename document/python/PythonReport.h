#pragma once

#include "document/TraceArguments.h"
#include "document/python/PythonEvaluation.h"

#include <QString>
#include <QStringList>

namespace gs {

/// The program's results as one JSON object, in the order the code first makes them: name (or an
/// expression's text) to value, tensors in the encoding of `gradscope eval --json` (numbers or
/// nested lists, "NaN" and "Infinity"), lists as arrays, None as null.
QString pythonResultsJson(const PythonProgram& program, const PythonEvaluation& evaluation);

/// The same for people: `name = value`, one per line.
QString pythonResultsTable(const PythonProgram& program, const PythonEvaluation& evaluation);

/// The tf.function `trace` shows: the one named `name` (its Python name or a name bound to it), or
/// without a name the last one the code calls (else the last one it makes); nullptr when none is.
const PythonFunction* pythonFunctionNamed(const PythonProgram& program, const QString& name = {});

/// The calls the code makes to a tf.function, as `trace` makes them: tensors (keyed by dtype and
/// shape) and plain numbers (keyed by value), with the values the code gave them.
struct PythonTraceCalls {
    std::vector<std::vector<TraceArgument>> calls;
    QStringList texts; ///< "line 12: tf_cube(2)", per call
    QString error;     ///< names the call and the argument that cannot be one
    bool ok() const { return error.isEmpty(); }
};
PythonTraceCalls pythonTraceCalls(const PythonProgram& program, const PythonEvaluation& evaluation, const PythonFunction& function);

} // namespace gs
