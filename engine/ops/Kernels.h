#pragma once

#include "engine/core/Tensor.h"

#include <algorithm>
#include <utility>

namespace gs::kernels {

// Element-wise kernel helpers. `f` is a generic lambda over Eigen arrays, so each op is written
// once and computed in the tensor's own dtype (float32 overflows where float64 does not).

/// y = f(x) for a floating x (Numeric: also for an integer x).
template <bool Numeric = false, class F> Tensor mapWith(const Tensor& x, F&& f)
{
    auto dispatch = [&](auto&& body) {
        if constexpr (Numeric)
            return dispatchNumeric(x.dtype(), body);
        else
            return dispatchFloating(x.dtype(), body);
    };
    return dispatch([&](auto tag) {
        using T = decltype(tag);
        if (x.size() == 1) {
            // A fixed 1x1 array runs the same scalar functor without Eigen's dynamic-size
            // bookkeeping: scalar graphs are the common case and must be cheap.
            const Eigen::Array<T, 1, 1> in(*x.data<T>());
            const Eigen::Array<T, 1, 1> out = f(in);
            Tensor t = Tensor::allocate(x.shape(), x.dtype());
            *t.mutableData<T>() = out(0, 0);
            return t;
        }
        return Tensor::fromArray<T>(x.shape(), f(x.array<T>()));
    });
}

template <class F> Tensor mapFloat(const Tensor& x, F&& f) { return mapWith<false>(x, std::forward<F>(f)); }
/// y = f(x) for a float or integer x (neg, square, abs).
template <class F> Tensor mapNumeric(const Tensor& x, F&& f) { return mapWith<true>(x, std::forward<F>(f)); }

/// Writes `t` broadcast to rows x cols into `out` (row-major).
template <class T> void broadcastInto(const Tensor& t, T* out, std::int64_t rows, std::int64_t cols)
{
    // Row by row with fill/copy: Eigen's replicate() computes a modulo per element, which made
    // this copy the largest single cost of a bias add's training step (perf, issue 16).
    const auto a = t.array<T>();
    for (std::int64_t r = 0; r < rows; ++r) {
        const T* from = a.data() + (a.rows() == 1 ? 0 : r * a.cols());
        T* to = out + r * cols;
        if (a.cols() == 1)
            std::fill_n(to, cols, *from);
        else
            std::copy_n(from, cols, to);
    }
}

/// Materialises `t` broadcast to rows x cols.
template <class T> ArrayX<T> broadcastArray(const Tensor& t, std::int64_t rows, std::int64_t cols)
{
    ArrayX<T> out(rows, cols);
    broadcastInto<T>(t, out.data(), rows, cols);
    return out;
}

/// z = f(a, b) with NumPy broadcasting; the output dtype is T_out(T) (same as inputs by default).
template <class OutOf, bool Numeric = false, class F> Tensor zipWith(const Tensor& a, const Tensor& b, F&& f)
{
    // Operands of one shape (most calls) need no broadcasting rule.
    const Shape shape = a.shape() == b.shape() ? a.shape() : broadcastShapes(a.shape(), b.shape()).shape;
    auto dispatch = [&](auto&& body) {
        if constexpr (Numeric)
            return dispatchNumeric(a.dtype(), body);
        else
            return dispatchFloating(a.dtype(), body);
    };
    return dispatch([&](auto tag) {
        using T = decltype(tag);
        using Out = typename OutOf::template type<T>;
        if (a.size() == 1 && b.size() == 1) {
            const Eigen::Array<T, 1, 1> x(*a.data<T>()), y(*b.data<T>());
            const Eigen::Array<Out, 1, 1> out = f(x, y);
            Tensor t = Tensor::allocate(shape, dtypeOf<Out>());
            *t.mutableData<Out>() = out(0, 0);
            return t;
        }
        if (a.shape().rows == b.shape().rows && a.shape().cols == b.shape().cols)
            return Tensor::fromArray<Out>(shape, f(a.array<T>(), b.array<T>()));
        // Broadcasting copies only the operand that needs it: a one-element operand becomes a
        // constant expression and a full-size operand is read in place (a bias add stays one pass).
        if (b.size() == 1 && a.shape().rows == shape.rows && a.shape().cols == shape.cols)
            return Tensor::fromArray<Out>(shape, f(a.array<T>(), ArrayX<T>::Constant(shape.rows, shape.cols, *b.data<T>())));
        if (a.size() == 1 && b.shape().rows == shape.rows && b.shape().cols == shape.cols)
            return Tensor::fromArray<Out>(shape, f(ArrayX<T>::Constant(shape.rows, shape.cols, *a.data<T>()), b.array<T>()));
        // A row against every row of a full-size operand (a bias add): row by row, nothing
        // materialised (the broadcast copy and its heap block were a bias add's largest cost).
        const auto rowByRow = [&](const Tensor& full, const Tensor& row, bool rowFirst) {
            Tensor t = Tensor::allocate(shape, dtypeOf<Out>());
            auto out = t.mutableArray<Out>();
            const auto whole = full.array<T>();
            const auto r = row.array<T>();
            for (std::int64_t i = 0; i < shape.rows; ++i) {
                if (rowFirst)
                    out.row(i) = f(r, whole.row(i));
                else
                    out.row(i) = f(whole.row(i), r);
            }
            return t;
        };
        const auto isRow = [&](const Tensor& t) { return t.shape().rows == 1 && t.shape().cols == shape.cols; };
        if (a.shape().rows == shape.rows && a.shape().cols == shape.cols && isRow(b))
            return rowByRow(a, b, false);
        if (b.shape().rows == shape.rows && b.shape().cols == shape.cols && isRow(a))
            return rowByRow(b, a, true);
        if (a.shape().rows == shape.rows && a.shape().cols == shape.cols)
            return Tensor::fromArray<Out>(shape, f(a.array<T>(), broadcastArray<T>(b, shape.rows, shape.cols)));
        if (b.shape().rows == shape.rows && b.shape().cols == shape.cols)
            return Tensor::fromArray<Out>(shape, f(broadcastArray<T>(a, shape.rows, shape.cols), b.array<T>()));
        return Tensor::fromArray<Out>(shape, f(broadcastArray<T>(a, shape.rows, shape.cols),
                                               broadcastArray<T>(b, shape.rows, shape.cols)));
    });
}

struct SameType {
    template <class T> using type = T;
};
struct BoolType {
    template <class T> using type = bool;
};

template <class F> Tensor zipFloat(const Tensor& a, const Tensor& b, F&& f)
{
    return zipWith<SameType>(a, b, std::forward<F>(f));
}
template <class F> Tensor zipCompare(const Tensor& a, const Tensor& b, F&& f)
{
    return zipWith<BoolType>(a, b, std::forward<F>(f));
}
/// z = f(a, b) for float or integer operands of one dtype (add, mul, maximum).
template <class F> Tensor zipNumeric(const Tensor& a, const Tensor& b, F&& f)
{
    return zipWith<SameType, true>(a, b, std::forward<F>(f));
}
/// Comparisons of float or integer operands.
template <class F> Tensor zipCompareNumeric(const Tensor& a, const Tensor& b, F&& f)
{
    return zipWith<BoolType, true>(a, b, std::forward<F>(f));
}

} // namespace gs::kernels
