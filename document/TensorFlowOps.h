#pragma once

#include <span>
#include <string_view>

namespace gs {

/// How a TensorFlow function takes an op's inputs.
enum class TensorFlowArgs {
    Positional, ///< in order, then attributes by keyword: tf.reduce_sum(x, axis=0)
    List,       ///< as one list: tf.add_n([a, b]), tf.stack([a, b], axis=1)
    Keywords,   ///< by name only, as every tf.raw_ops function: tf.raw_ops.SqrtGrad(y=y, dy=dy)
    Decorator,  ///< not a call: @tf.custom_gradient decorates a function
};

/// One engine op and the TensorFlow 2 function that computes it, so that written code runs
/// unchanged. The engine's input names are TensorFlow's where inputs go by keyword.
struct TensorFlowOp {
    std::string_view op;       ///< the engine's name: "log"
    std::string_view function; ///< TensorFlow's: "tf.math.log"
    TensorFlowArgs args = TensorFlowArgs::Positional;
};

/// Every registered op's TensorFlow function. An op added to the registry needs its row here
/// (tst_tensorflow_writer fails until it has one).
std::span<const TensorFlowOp> tensorFlowOps();

/// The row of engine op `op`, or nullptr.
const TensorFlowOp* tensorFlowOp(std::string_view op);

} // namespace gs
