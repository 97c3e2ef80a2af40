#pragma once

#include "document/TensorValue.h"

#include <QString>

#include <optional>
#include <vector>

namespace gs {

/// One argument of a traced call, as written: `x=constant(2.0)`, `x=[10, 20]`,
/// `x=TensorSpec(shape=[2], dtype=float64)` (tensors: keyed by dtype and shape) or `x=10` (a plain
/// Python number: keyed by its value). See note [tensor or number] in TraceArguments.cpp.
struct TraceArgument {
    QString name;
    /// A tensor argument's value (a TensorSpec's is zeros); unset for a plain number.
    std::optional<TensorValue> tensor;
    double number = 0; ///< a plain number's value
    bool integer = false; ///< a plain number written without '.' or an exponent: a Python int
    bool spec = false; ///< written as a TensorSpec: only its signature matters
};

/// The arguments of one call, or why the text is not one (then without arguments).
struct TraceArgumentsResult {
    std::vector<TraceArgument> arguments;
    QString error; ///< names the argument and what is wrong with it
    bool ok() const { return error.isEmpty(); }
};

/// Reads `name=value, name=value` (commas inside brackets and calls do not separate). A name may
/// appear once. An empty text is a call without arguments.
TraceArgumentsResult parseTraceArguments(const QString& text);

} // namespace gs
