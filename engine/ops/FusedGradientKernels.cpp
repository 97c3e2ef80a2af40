// Compiled with -O3 -fno-trapping-math (engine/CMakeLists.txt): -O2's cheap cost model leaves
// these loops scalar, and a select is blended only when a compare may not trap.
// Every element is computed on its own (no sum across elements), so vectorizing cannot change
// a bit.
#include "engine/ops/FusedGradientKernels.h"

#include "engine/core/FloatEnvironment.h"

#include <algorithm>
#include <cmath>

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

std::optional<Tensor> product(const Tensor& a, const Tensor& b)
{
    if (a.dtype() != b.dtype() || !isFloating(a.dtype()))
        return std::nullopt;
    if (a.rank() == 0 && b.rank() == 0) { // a scalar graph's every product: no loop, no dispatch
        TensorFlowFloatEnvironment environment;
        Tensor out = Tensor::allocate(Shape::scalar(), a.dtype());
        if (a.dtype() == DType::Float32)
            *out.mutableData<float>() = *a.data<float>() * *b.data<float>();
        else
            *out.mutableData<double>() = *a.data<double>() * *b.data<double>();
        return out;
    }
    // The shape mul's rule gives: the other operand's when one is a scalar.
    const bool sameShape = a.shape() == b.shape();
    if (!sameShape && a.rank() != 0 && b.rank() != 0)
        return std::nullopt;
    const Shape& shape = sameShape || b.rank() == 0 ? a.shape() : b.shape();
    TensorFlowFloatEnvironment environment;
    return dispatchFloating(a.dtype(), [&](auto tag) {
        using T = decltype(tag);
        Tensor out = Tensor::allocate(shape, a.dtype());
        const T* p = a.data<T>();
        const T* q = b.data<T>();
        T* d = out.mutableData<T>();
        const std::int64_t n = out.size();
        // a's element times b's, written in the order of the op's kernel.
        if (a.size() == n && b.size() == n) {
            for (std::int64_t i = 0; i < n; ++i)
                d[i] = p[i] * q[i];
        } else if (b.size() == 1) {
            const T s = *q;
            for (std::int64_t i = 0; i < n; ++i)
                d[i] = p[i] * s;
        } else {
            const T s = *p;
            for (std::int64_t i = 0; i < n; ++i)
                d[i] = s * q[i];
        }
        return out;
    });
}

std::optional<Tensor> powBaseGrad(const Tensor& upstream, const Tensor& x, const Tensor& y)
{
    if (!isFloating(x.dtype()) || upstream.dtype() != x.dtype() || y.dtype() != x.dtype()
        || upstream.shape() != x.shape() || (y.rank() != 0 && y.shape() != x.shape()))
        return std::nullopt;
    TensorFlowFloatEnvironment environment;
    return dispatchFloating(x.dtype(), [&](auto tag) {
        using T = decltype(tag);
        Tensor out = Tensor::allocate(x.shape(), x.dtype());
        const T* g = upstream.data<T>();
        const T* b = x.data<T>();
        const T* e = y.data<T>();
        T* d = out.mutableData<T>();
        const std::int64_t n = out.size();
        // mul(mul(upstream, y), pow(x, sub(y, 1))), each product with its operands in the ops'
        // order (a NaN's payload comes from the first one).
        if (y.size() == n) {
            for (std::int64_t i = 0; i < n; ++i)
                d[i] = (g[i] * e[i]) * static_cast<T>(std::pow(b[i], e[i] - T(1)));
        } else {
            const T s = *e;
            const T s1 = s - T(1);
            for (std::int64_t i = 0; i < n; ++i)
                d[i] = (g[i] * s) * static_cast<T>(std::pow(b[i], s1));
        }
        return out;
    });
}

std::optional<Tensor> sum(const Tensor& first, std::span<const Tensor> more)
{
    if (!isFloating(first.dtype()))
        return std::nullopt;
    for (const Tensor& t : more)
        if (t.dtype() != first.dtype() || t.shape() != first.shape())
            return std::nullopt;
    TensorFlowFloatEnvironment environment;
    return dispatchFloating(first.dtype(), [&](auto tag) {
        using T = decltype(tag);
        Tensor out = Tensor::allocate(first.shape(), first.dtype());
        T* d = out.mutableData<T>();
        const std::int64_t n = out.size();
        std::copy_n(first.data<T>(), n, d);
        // add_n's kernel adds the parts one after another, each element on its own.
        for (const Tensor& t : more) {
            const T* p = t.data<T>();
            for (std::int64_t i = 0; i < n; ++i)
                d[i] = d[i] + p[i];
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
