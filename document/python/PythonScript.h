#pragma once

// The Python reader's script: what the code does to tensors, in the order it does it, as a short
// list of engine calls over numbered values ("slots"). The reader writes it while it unrolls the
// code into a graph (PythonInterpreter); evaluatePython() (PythonEvaluation.h) replays it through
// the engine, so that every tape, watch and gradient call happens exactly when the code made it.
// See note [graph and script] in PythonInterpreter.cpp.
#include "document/DocumentIds.h"
#include "document/FormulaError.h"
#include "document/TensorValue.h"
#include "engine/autodiff/GradientTape.h"
#include "engine/ops/Attrs.h"

#include <QString>

#include <optional>
#include <vector>

namespace gs {

struct OpDef;

namespace python {

/// A tensor of the script; -1 is none.
using Slot = int;

struct Step {
    enum class Kind {
        Variable,  ///< out = tf.Variable(value, trainable)
        Constant,  ///< out = tf.constant(value)
        Apply,     ///< out = op(inputs, attrs)
        Custom,    ///< out = a tf.custom_gradient function of inputs; see CustomBody
        BeginTape, ///< tape starts recording (the start of a `with tf.GradientTape()` block)
        EndTape,   ///< tape stops recording (the end of the block)
        Watch,     ///< tape.watch(inputs[0])
        Gradient,  ///< outputs = tape.gradient(inputs[0], inputs[1..]) or tape.jacobian(...)
    };
    Kind kind = Kind::Apply;
    SourceSpan span;
    Slot out = -1;
    std::vector<Slot> inputs;
    const OpDef* op = nullptr;
    Attrs attrs;
    std::optional<TensorValue> value; ///< Variable, Constant; a Variable without one is given when evaluating
    bool trainable = true;
    NodeId node;  ///< Variable, Constant: the document's node, whose given value replaces `value`
    QString name; ///< Variable: the Python name, for messages
    /// Constant: a Python number (or list of numbers) that met a tensor; it takes that tensor's
    /// dtype, as TensorFlow converts Python numbers (`tf.cast(x, tf.float32) + 1` stays float32).
    bool implicit = false;
    int tape = -1;
    TapeOptions tapeOptions;
    bool jacobian = false;
    UnconnectedGradients unconnected = UnconnectedGradients::None;
    std::vector<Slot> outputs; ///< Gradient: one per source
    int body = -1;             ///< Custom: index into Script::bodies
};

/// What one call of a tf.custom_gradient function computes: the forward steps (from `params`, one
/// per input, to `output`) and the steps of the function it returned (from `upstream` and the
/// forward's values to one gradient per input; -1 is None).
struct CustomBody {
    std::vector<Slot> params;
    std::vector<Step> forward;
    Slot output = -1;
    Slot upstream = -1;
    std::vector<Step> gradient;
    std::vector<Slot> grads;
};

struct Script {
    std::vector<Step> steps;
    std::vector<CustomBody> bodies;
    int slotCount = 0;
    int tapeCount = 0;
};

} // namespace python
} // namespace gs
