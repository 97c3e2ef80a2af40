#pragma once

#include "document/FormulaError.h"
#include "document/python/PythonProgram.h"
#include "engine/core/Tensor.h"

#include <optional>
#include <unordered_map>
#include <vector>

#include <QStringList>

namespace gs {

struct PythonEvaluationOptions {
    /// Run everything in this dtype. Unset: values keep a dtype they declare, the others take the
    /// document's (see documentDType()).
    std::optional<DType> dtype;
    /// Values that replace declared ones, by the document's node (the command line's --at).
    std::unordered_map<NodeId, TensorValue> values;
};

/// The values a Python program computes, from a replay of its script through the engine: every
/// tensor the code made, including every gradient and Jacobian its tapes gave (None included).
struct PythonEvaluation {
    DType dtype = DType::Float32;
    /// The first step that failed, with its place in the code; the values before it are kept.
    std::optional<FormulaError> error;
    /// Per slot: its tensor, or unset for None (or a slot the replay did not reach).
    std::vector<std::optional<Tensor>> values;
    /// What TensorFlow would log as warnings, once each (a watched or source tensor that is an
    /// integer: its gradient is None).
    QStringList warnings;

    bool ok() const { return !error.has_value(); }
    std::optional<Tensor> value(python::Slot slot) const;
};

/// Replays the program's script (see note [graph and script] in PythonInterpreter.cpp): variables,
/// constants and ops in the code's order, each `with tf.GradientTape()` as an engine tape that
/// starts and stops where the block does, watch() and gradient() and jacobian() calls where the
/// code makes them, custom gradients through the engine's customGradient(). Never throws.
PythonEvaluation evaluatePython(const PythonProgram& program, const PythonEvaluationOptions& options = {});

} // namespace gs
