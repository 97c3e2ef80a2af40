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

void requireFloating(const OpDef& op, std::span<const TensorType> in, std::size_t index);
void requireSameDType(const OpDef& op, std::span<const TensorType> in, std::size_t a, std::size_t b);

} // namespace gs::rules
