#pragma once

#include "engine/ops/OpDef.h"
#include "engine/ops/OpObserver.h"

#include <initializer_list>
#include <span>
#include <string_view>

namespace gs {

/// The single door every op call goes through: checks arity, dtypes and shapes (an EngineError
/// names the op, the argument and the shapes), computes the result eagerly in the inputs' dtype,
/// and tells every active observer (tapes, event logs, tracers).
Tensor apply(const OpDef& op, std::span<const Tensor> inputs, const Attrs& attrs = {});
Tensor apply(const OpDef& op, std::initializer_list<Tensor> inputs, const Attrs& attrs = {});
/// By name, for documents and formulas.
Tensor apply(std::string_view opName, std::span<const Tensor> inputs, const Attrs& attrs = {});

/// Checks a call without running it: the output type, or an EngineError.
TensorType inferType(const OpDef& op, std::span<const TensorType> inputs, const Attrs& attrs = {});

/// Records an op whose output was computed elsewhere and whose gradient is user-supplied
/// (tf.custom_gradient). Returns the output under a fresh identity.
Tensor recordCustomGradient(std::span<const Tensor> inputs, const Tensor& output,
                            std::shared_ptr<const CustomGradFn> gradient);

} // namespace gs
