#pragma once

#include "engine/core/Tensor.h"

#include <QString>

#include <optional>
#include <vector>

namespace gs {

/// A value stored in a document: the initial value of a variable, a constant, an input's default,
/// or a value given on the command line. Elements are kept as doubles so that one document can be
/// evaluated in float32 and in float64; `dtype` is set only when the user asked for one.
struct TensorValue {
    Shape shape;
    std::vector<double> values; ///< row-major, shape.size() of them
    std::optional<DType> dtype; ///< explicit dtype (`dtype=float64`), else the evaluation's

    static TensorValue scalar(double value, std::optional<DType> dtype = std::nullopt);
    static TensorValue fromTensor(const Tensor& tensor);

    /// The value as an engine tensor in its own dtype, or in `fallback` when it has none.
    Tensor toTensor(DType fallback) const;
    /// `5.0`, `[1.0, 2.0]`, `[[1.0, 2.0], [3.0, 4.0]]`; NaN and infinities as nan, inf, -inf.
    QString text(DType numbers = DType::Float64) const;

    /// Equal shape, dtype and elements; a NaN equals a NaN (so that undo can be checked exactly).
    friend bool operator==(const TensorValue& a, const TensorValue& b);
};

/// The dtype named `float32` or `float64` (also `tf.float32`, `tf.float64`); nullopt otherwise.
std::optional<DType> floatDTypeNamed(const QString& name);
/// Like floatDTypeNamed, and also `int32` and `int64` (the dtypes a stored value may declare).
std::optional<DType> dtypeNamed(const QString& name);

} // namespace gs
