#include "document/TensorFlowOps.h"

#include <algorithm>

namespace gs {

namespace {

using enum TensorFlowArgs;

// The public names of TensorFlow 2: tf.* where the function is exported at the top level,
// tf.math.* and tf.nn.* otherwise. Attributes keep their names as keywords (axis, keepdims, alpha,
// shape, begin, size); the writer spells cast's dtype and pad's paddings as TensorFlow wants them.
constexpr TensorFlowOp table[] = {
    // arithmetic
    {"add", "tf.add"},
    {"sub", "tf.subtract"},
    {"mul", "tf.multiply"},
    {"div", "tf.divide"},
    {"floordiv", "tf.math.floordiv"},
    {"floormod", "tf.math.floormod"},
    {"neg", "tf.negative"},
    {"pow", "tf.pow"},
    {"square", "tf.square"},
    {"add_n", "tf.add_n", List},
    {"divide_no_nan", "tf.math.divide_no_nan"},
    {"xlogy", "tf.math.xlogy"},
    {"xdivy", "tf.math.xdivy"},
    {"squared_difference", "tf.math.squared_difference"},
    // math
    {"sqrt", "tf.sqrt"},
    {"sqrt_grad", "tf.raw_ops.SqrtGrad", Keywords},
    {"exp", "tf.exp"},
    {"log", "tf.math.log"},
    {"log1p", "tf.math.log1p"},
    {"abs", "tf.abs"},
    {"sign", "tf.sign"},
    {"sin", "tf.sin"},
    {"cos", "tf.cos"},
    {"tanh", "tf.tanh"},
    {"round", "tf.round"},
    {"floor", "tf.floor"},
    {"tan", "tf.math.tan"},
    {"atan", "tf.math.atan"},
    {"sinh", "tf.math.sinh"},
    {"cosh", "tf.math.cosh"},
    {"asinh", "tf.math.asinh"},
    {"erf", "tf.math.erf"},
    {"expm1", "tf.math.expm1"},
    {"reciprocal", "tf.math.reciprocal"},
    {"reciprocal_grad", "tf.raw_ops.ReciprocalGrad", Keywords},
    {"rsqrt", "tf.math.rsqrt"},
    {"rsqrt_grad", "tf.raw_ops.RsqrtGrad", Keywords},
    {"is_finite", "tf.math.is_finite"},
    {"cumsum", "tf.math.cumsum"},
    {"cumprod", "tf.math.cumprod"},
    // activations
    {"sigmoid", "tf.sigmoid"},
    {"relu", "tf.nn.relu"},
    {"relu_grad", "tf.raw_ops.ReluGrad", Keywords},
    {"elu", "tf.nn.elu"},
    {"selu", "tf.nn.selu"},
    {"leaky_relu", "tf.nn.leaky_relu"},
    {"leaky_relu_grad", "tf.raw_ops.LeakyReluGrad", Keywords},
    {"softplus", "tf.nn.softplus"},
    {"gelu", "tf.nn.gelu"},
    {"silu", "tf.nn.silu"},
    {"softsign", "tf.nn.softsign"},
    {"log_sigmoid", "tf.math.log_sigmoid"},
    {"softmax", "tf.nn.softmax"},
    {"log_softmax", "tf.nn.log_softmax"},
    // comparison and selection
    {"greater", "tf.greater"},
    {"greater_equal", "tf.greater_equal"},
    {"less", "tf.less"},
    {"less_equal", "tf.less_equal"},
    {"equal", "tf.equal"},
    {"not_equal", "tf.not_equal"},
    {"maximum", "tf.maximum"},
    {"minimum", "tf.minimum"},
    {"where", "tf.where"},
    {"clip_by_value", "tf.clip_by_value"},
    {"clip_by_norm", "tf.clip_by_norm"},
    {"logical_and", "tf.logical_and"},
    {"logical_or", "tf.logical_or"},
    {"logical_not", "tf.logical_not"},
    // reductions
    {"reduce_sum", "tf.reduce_sum"},
    {"reduce_mean", "tf.reduce_mean"},
    {"reduce_max", "tf.reduce_max"},
    {"norm", "tf.norm"},
    {"reduce_min", "tf.reduce_min"},
    {"reduce_prod", "tf.reduce_prod"},
    {"reduce_logsumexp", "tf.reduce_logsumexp"},
    {"reduce_variance", "tf.math.reduce_variance"},
    {"reduce_std", "tf.math.reduce_std"},
    {"reduce_any", "tf.reduce_any"},
    {"reduce_all", "tf.reduce_all"},
    // losses
    {"sigmoid_cross_entropy_with_logits", "tf.nn.sigmoid_cross_entropy_with_logits"},
    {"softmax_cross_entropy_with_logits", "tf.nn.softmax_cross_entropy_with_logits"},
    {"l2_loss", "tf.nn.l2_loss"},
    {"sparse_softmax_cross_entropy_with_logits", "tf.nn.sparse_softmax_cross_entropy_with_logits"},
    // integer indices
    {"argmax", "tf.math.argmax"},
    {"argmin", "tf.math.argmin"},
    {"one_hot", "tf.one_hot"},
    {"gather", "tf.gather"},
    {"unsorted_segment_sum", "tf.math.unsorted_segment_sum"},
    // shapes and structure
    {"reshape", "tf.reshape"},
    {"transpose", "tf.transpose"},
    {"stack", "tf.stack", List},
    {"concat", "tf.concat", List},
    {"identity", "tf.identity"},
    {"cast", "tf.cast"},
    {"broadcast_to", "tf.broadcast_to"},
    {"slice", "tf.slice"},
    {"pad", "tf.pad"},
    {"expand_dims", "tf.expand_dims"},
    {"squeeze", "tf.squeeze"},
    {"tile", "tf.tile"},
    {"reverse", "tf.reverse"},
    // linear algebra
    {"matmul", "tf.matmul"},
    {"matrix_inverse", "tf.linalg.inv"},
    {"matrix_determinant", "tf.linalg.det"},
    {"trace", "tf.linalg.trace"},
    {"diag", "tf.linalg.diag"},
    {"diag_part", "tf.linalg.diag_part"},
    // gradients
    {"stop_gradient", "tf.stop_gradient"},
    {"custom_gradient", "tf.custom_gradient", Decorator},
};

} // namespace

std::span<const TensorFlowOp> tensorFlowOps() { return table; }

const TensorFlowOp* tensorFlowOp(std::string_view op)
{
    const auto it = std::find_if(std::begin(table), std::end(table), [&](const TensorFlowOp& row) { return row.op == op; });
    return it == std::end(table) ? nullptr : &*it;
}

} // namespace gs
