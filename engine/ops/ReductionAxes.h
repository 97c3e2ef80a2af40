#pragma once

#include "engine/ops/OpDef.h"

#include <algorithm>
#include <optional>

namespace gs::reduction {

// What every reduction shares: the `axis` and `keepdims` attributes, where the reduced axis lands
// in the 2-D (rows, cols) storage, and the shapes that follow from it.

/// Where a reduction's axis lands in the 2-D storage.
enum class Axis { All, Rows, Cols };

/// The storage axis the `axis` attribute names (All when there is none); throws an EngineError
/// naming `op` for an axis out of range.
Axis storageAxis(const Shape& in, const Attrs& attrs, const char* op);
/// The input shape with the reduced dimensions set to 1 (what keepdims=True gives).
Shape keptShape(const Shape& in, Axis axis);
/// The output shape of a reduction.
Shape reducedShape(const Shape& in, Axis axis, bool keepdims);
/// The same `axis` attribute with keepdims=True.
Attrs keepdimsLike(const Attrs& attrs);

/// A reduction's registry entry: input `input_tensor`, attributes `axis` and `keepdims`, the shape
/// rule inferFloating and category "reduction". The caller adds the kernel and gradient.
OpDef reductionOp(const char* name, const char* summary);
/// Shape rule of a reduction of a floating tensor (reduce_max and reduce_min refuse empty ones).
TensorType inferFloating(const OpDef& op, std::span<const TensorType> in, const Attrs& attrs);

/// The upstream gradient of a reduction, reshaped to keepdims form and broadcast back to the
/// input's shape: every element's share before any local factor.
Tensor spreadBack(const GradContext& c, Axis axis);
/// The gradient of a mean: spreadBack divided by `count`, the elements averaged into each output
/// (div(spreadBack(c, axis), count), in one pass when fusedGradientAllowed).
Tensor spreadBackMean(const GradContext& c, Axis axis, double count);

/// reduce_sum's kernel with keepdims, run directly (no op): what unbroadcast's fused path sums
/// with when nothing observes the ops (see fusedGradientAllowed).
Tensor sumKept(const Tensor& x, Axis axis);

/// Applies the reduction `name` over all elements (axis std::nullopt) or one axis.
Tensor call(const char* name, const Tensor& x, std::optional<int> axis, bool keepdims);

/// A reduction's result (already in its output's element order) as a tensor of shape `out`.
template <class T> Tensor toTensor(const Shape& out, const ArrayX<T>& result)
{
    Tensor t = Tensor::allocate(out, dtypeOf<T>());
    std::copy(result.data(), result.data() + result.size(), t.mutableData<T>());
    return t;
}

} // namespace gs::reduction
