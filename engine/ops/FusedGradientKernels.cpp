// Compiled with -O3 -fno-trapping-math (engine/CMakeLists.txt): -O2's cheap cost model leaves
// these loops scalar, and a select is blended only when a compare may not trap.
// Every element is computed on its own (no sum across elements), so vectorizing cannot change
// a bit.
#include "engine/ops/FusedGradientKernels.h"

#include "engine/core/FloatEnvironment.h"

namespace gs::fused {

Tensor eluGrad(const Tensor& upstream, const Tensor& y, double alpha)
{
    TensorFlowFloatEnvironment environment;
    return dispatchFloating(y.dtype(), [&](auto tag) {
        using T = decltype(tag);
        Tensor out = Tensor::allocate(y.shape(), y.dtype());
        const T* g = upstream.data<T>();
        const T* v = y.data<T>();
        T* d = out.mutableData<T>();
        const T a = static_cast<T>(alpha);
        for (std::int64_t i = 0, n = y.size(); i < n; ++i) {
            // Both sides computed, one kept, as where() does: a blend the loop can vectorize.
            const T scaled = g[i] * (v[i] + a);
            d[i] = v[i] < T(0) ? scaled : g[i];
        }
        return out;
    });
}

void divideInPlace(Tensor& t, double count)
{
    TensorFlowFloatEnvironment environment;
    dispatchFloating(t.dtype(), [&](auto tag) {
        using T = decltype(tag);
        const T divisor = static_cast<T>(count);
        T* d = t.mutableData<T>();
        for (std::int64_t i = 0, n = t.size(); i < n; ++i)
            d[i] = d[i] / divisor;
    });
}

} // namespace gs::fused
