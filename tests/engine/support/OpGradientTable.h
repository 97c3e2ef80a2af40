#pragma once

// The table behind tst_op_gradients: one row per op call (an op may have several rows), each an
// op applied by name to float64 inputs at ordinary points, with what the tape must give. Adding
// an op to the registry means adding its row to OpGradientTable.cpp.

#include "FiniteDifference.h"

#include "engine/core/Tensor.h"
#include "engine/ops/Attrs.h"

#include <limits>
#include <string>
#include <vector>

namespace gs::testing {

inline constexpr double Inf = std::numeric_limits<double>::infinity();
inline constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
inline constexpr DType F32 = DType::Float32;
inline constexpr DType F64 = DType::Float64;

/// custom_gradient is registered so tapes can name it, but it is only recorded by customGradient()
/// and cannot be applied by name, so it has no row (customGradientCannotBeAppliedByName checks
/// why).
inline const std::string customGradientOp = "custom_gradient";

inline Tensor s(double value, DType dtype = F64) { return Tensor::scalar(value, dtype); }
inline Tensor v(const std::vector<double>& values, DType dtype = F64)
{
    return Tensor::vector(values, dtype);
}
inline Tensor m(const std::vector<std::vector<double>>& rows, DType dtype = F64)
{
    return Tensor::matrix(rows, dtype);
}
inline Tensor b(const std::vector<std::vector<double>>& rows) { return Tensor::matrix(rows, DType::Bool); }

/// What the tape must give for each floating input of a row.
enum class Expect {
    Gradient, ///< a tensor equal to central finite differences of sum(op(inputs))
    None,     ///< std::nullopt: the op lets no gradient through (TensorFlow's None)
    Zeros     ///< a tensor of zeros: TensorFlow defines sign's gradient so, rather than None
};

/// One row of the gradient table: an op applied by name to float64 inputs.
struct OpCase {
    std::string tag;
    std::string op;
    std::vector<Tensor> inputs;
    Attrs attrs;
    Expect expect = Expect::Gradient;
    /// Also compare the second derivatives (nested tapes) with finite differences of the first.
    bool secondOrder = false;
    StepOptions step;
    Tolerance tolerance{1e-6, 1e-6};
    /// The output's shape in TensorFlow's notation; "" when the row does not check it.
    std::string outputShape;

    OpCase& gives(std::string shape)
    {
        outputShape = std::move(shape);
        return *this;
    }
    OpCase& alsoSecondOrder()
    {
        secondOrder = true;
        return *this;
    }
    /// For rows with a float32 input or output: larger steps, looser tolerance.
    OpCase& float32()
    {
        step.relStep = 1e-2;
        tolerance = {1e-4, 1e-4};
        return *this;
    }
};

/// Every row, built once.
const std::vector<OpCase>& opCases();

} // namespace gs::testing
