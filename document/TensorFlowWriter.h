#pragma once

#include "document/Evaluation.h"

#include <QString>

namespace gs {

struct GraphData;

/// A document written as TensorFlow code, or why it cannot be.
struct TensorFlowCode {
    QString text;
    QString error;
    bool ok() const { return error.isEmpty(); }
};

/// Writes a document as a runnable TensorFlow 2 program that computes what evaluate(data, options)
/// computes: `import tensorflow as tf`; the variables, constants and inputs the target needs, with
/// their values exactly as stored and their dtypes (`tf.Variable(5.0, dtype=tf.float32)`); one
/// `@tf.custom_gradient` function per custom gradient node (its gradient an inner `def grad`); one
/// function for the graph, taking those values as parameters, with one statement per labelled node
/// and everything else inlined as FormulaWriter does (ops by their TensorFlow names, see
/// TensorFlowOps.h; Python operators where the formula language has them); a `tf.GradientTape`
/// block that calls it, watching the sources a tape does not watch by itself; then the gradients,
/// the Jacobian (a persistent tape) and the Hessian (nested tapes) as the options ask, and prints
/// of each. The options' target, sources, dtype and values are used as evaluate() uses them.
/// Only def/return, with blocks, tape calls, tf.* calls, tuple assignment, @tf.custom_gradient,
/// print and del appear, so that the chapter's Python subset reads it back.
/// Fails, with a reason, for a graph with no target, a value missing, an unconnected input, or an
/// op without a TensorFlow function.
TensorFlowCode writeTensorFlow(const GraphData& data, const EvaluationOptions& options = {});

} // namespace gs
