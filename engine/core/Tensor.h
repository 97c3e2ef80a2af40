#pragma once

#include "engine/core/DType.h"
#include "engine/core/Shape.h"

#include <Eigen/Core>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

namespace gs {

template <class T>
using ArrayX = Eigen::Array<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <class T> using ConstArrayMap = Eigen::Map<const ArrayX<T>>;
template <class T> using ArrayMap = Eigen::Map<ArrayX<T>>;

/// Identifies a value for tapes and event logs. Copies of a Tensor share its id; every op result
/// gets a fresh one; all reads of a Variable share the variable's id (so a tape sums over them).
using TensorId = std::uint64_t;
TensorId newTensorId();

/// An immutable value: dtype, shape (rank 0-2, row-major) and elements. Copying is cheap: a
/// single-element tensor keeps its element inline, larger ones share one heap buffer.
class Tensor {
public:
    Tensor() = default;

    static Tensor scalar(double value, DType dtype = DType::Float32);
    static Tensor vector(const std::vector<double>& values, DType dtype = DType::Float32);
    static Tensor matrix(const std::vector<std::vector<double>>& rows,
                         DType dtype = DType::Float32);
    static Tensor full(const Shape& shape, double value, DType dtype = DType::Float32);
    static Tensor zeros(const Shape& shape, DType dtype = DType::Float32)
    {
        return full(shape, 0.0, dtype);
    }
    static Tensor ones(const Shape& shape, DType dtype = DType::Float32)
    {
        return full(shape, 1.0, dtype);
    }
    /// Row-major values converted to `dtype` (rounded to float32 when asked, like tf.constant).
    static Tensor fromValues(const Shape& shape, const std::vector<double>& values,
                             DType dtype = DType::Float32);
    /// Uninitialised storage for a kernel to fill through mutableData().
    static Tensor allocate(const Shape& shape, DType dtype);
    /// Wraps an Eigen array result as a tensor of the given shape.
    template <class T, class Expr> static Tensor fromArray(const Shape& shape, const Expr& expr)
    {
        Tensor t = allocate(shape, dtypeOf<T>());
        t.mutableArray<T>() = expr;
        return t;
    }

    bool valid() const { return valid_; }
    DType dtype() const { return dtype_; }
    const Shape& shape() const { return shape_; }
    int rank() const { return shape_.rank; }
    std::int64_t size() const { return shape_.size(); }
    TensorId id() const { return id_; }

    template <class T> const T* data() const
    {
        return buffer_ ? static_cast<const T*>(buffer_.get()) : reinterpret_cast<const T*>(&inline_);
    }
    template <class T> T* mutableData()
    {
        return buffer_ ? static_cast<T*>(buffer_.get()) : reinterpret_cast<T*>(&inline_);
    }
    template <class T> ConstArrayMap<T> array() const
    {
        return ConstArrayMap<T>(data<T>(), shape_.rows, shape_.cols);
    }
    template <class T> ArrayMap<T> mutableArray()
    {
        return ArrayMap<T>(mutableData<T>(), shape_.rows, shape_.cols);
    }

    /// Element `i` (row-major) as a double, whatever the dtype.
    double at(std::int64_t i) const;
    double at(std::int64_t row, std::int64_t col) const { return at(row * shape_.cols + col); }
    /// The single element of a one-element tensor; throws otherwise.
    double item() const;
    std::vector<double> toDoubles() const;
    bool allFinite() const;

    /// The same elements under another shape with the same element count (no copy).
    Tensor reshaped(const Shape& shape) const;
    /// Becomes a copy of `from` (the same value and id), writing `from`'s elements into this
    /// tensor's own buffer when no other tensor shares that buffer and it has the same dtype and
    /// element count; otherwise shares `from`'s buffer as `*this = from` would. What keeps many
    /// values for a long time (the training timeline's 10,000 steps) can then overwrite its
    /// oldest ones in place instead of holding buffers allocated among the engine's short-lived
    /// ones, which leaves the heap fragmented for as long as the run goes on.
    void assignReusingBuffer(const Tensor& from);
    /// A copy of this tensor carrying another identity (used by Variable reads).
    Tensor withId(TensorId id) const
    {
        Tensor t = *this;
        t.id_ = id;
        return t;
    }

    /// TensorFlow-like rendering: `36.0`, `[1.0 2.0]`, `[[1 2]\n [3 4]]`; integers as `3`.
    std::string str() const;
    /// e.g. `<tf.Tensor: shape=(), dtype=float32, numpy=36.0>`.
    std::string repr() const;

private:
    Shape shape_;
    DType dtype_ = DType::Float32;
    bool valid_ = false;
    TensorId id_ = 0;
    union Inline {
        double d;
        float f;
        bool b;
        std::int32_t i32;
        std::int64_t i64;
    } inline_{0.0};
    std::shared_ptr<void> buffer_;
};

/// Shortest decimal text that reads back to the same value in its dtype (`36.0`, `0.1`, `nan`).
std::string formatNumber(double value, DType dtype);

} // namespace gs
