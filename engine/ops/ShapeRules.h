#pragma once

#include "engine/ops/OpDef.h"

namespace gs::rules {

// Shape rules shared by many ops. Each throws an EngineError that names the op, the argument and
// the shapes or dtypes at fault.

/// One floating input; the output has its type (exp, relu, ...).
TensorType unaryFloat(const OpDef& op, std::span<const TensorType> in, const Attrs& attrs);
/// Any dtype; the output has the input's type (identity, stop_gradient).
TensorType unaryAny(const OpDef& op, std::span<const TensorType> in, const Attrs& attrs);
/// Two floating inputs of one dtype, broadcast (add, maximum, ...).
TensorType broadcastFloat(const OpDef& op, std::span<const TensorType> in, const Attrs& attrs);
/// Like broadcastFloat, but the result is bool (greater, equal, ...).
TensorType broadcastCompare(const OpDef& op, std::span<const TensorType> in, const Attrs& attrs);
/// All inputs share one floating dtype and broadcast together (clip_by_value, where's branches).
TensorType broadcastAllFloat(const OpDef& op, std::span<const TensorType> in, std::size_t first);

/// One float or integer input; the output has its type (neg, square, abs).
TensorType unaryNumeric(const OpDef& op, std::span<const TensorType> in, const Attrs& attrs);
/// Two float or integer inputs of one dtype, broadcast (add, mul, floordiv, maximum, ...).
TensorType broadcastNumeric(const OpDef& op, std::span<const TensorType> in, const Attrs& attrs);
/// Like broadcastNumeric, but the result is bool (greater, equal, ...).
TensorType broadcastCompareNumeric(const OpDef& op, std::span<const TensorType> in, const Attrs& attrs);
/// All inputs share one float or integer dtype and broadcast together.
TensorType broadcastAllNumeric(const OpDef& op, std::span<const TensorType> in, std::size_t first);

/// The name of TensorFlow's kernel for an engine op, as its messages say it (add: AddV2,
/// greater_equal: GreaterEqual).
std::string kernelName(const std::string& op);

void requireFloating(const OpDef& op, std::span<const TensorType> in, std::size_t index);
void requireNumeric(const OpDef& op, std::span<const TensorType> in, std::size_t index);
/// Different dtypes are an error. When an integer is involved the message is TensorFlow's:
/// "cannot compute AddV2 as input #1(zero-based) was expected to be a int32 tensor but is a float
/// tensor [Op:AddV2]".
void requireSameDType(const OpDef& op, std::span<const TensorType> in, std::size_t a, std::size_t b);

} // namespace gs::rules
