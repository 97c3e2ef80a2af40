#pragma once

// TensorFlow's exact numbers at the awkward points of every op (ties, kinks, zeros, infinities, the
// NaN-through-where trap, float32 limits), for tst_op_gradients' exactValues. Kept apart from the
// finite-difference table (OpGradientTable) because these rows are values to match, not points
// to differentiate.

#include "FiniteDifference.h"

#include "engine/core/Tensor.h"

#include <optional>
#include <string>
#include <vector>

namespace gs::testing {

/// A function of the inputs with exact expected results: TensorFlow's numbers at awkward points.
struct ExactCase {
    std::string tag;
    testing::Function f;
    std::vector<Tensor> inputs;
    std::vector<double> forward;
    /// One per input: the expected gradient values, or std::nullopt for None.
    std::vector<std::optional<std::vector<double>>> gradients;
    /// Relative only, so an expected 0 must be exactly 0 (denormals are not "close to 0").
    Tolerance tolerance{0.0, 0.0};
};

/// Every exact case, built once.
const std::vector<ExactCase>& exactCases();

} // namespace gs::testing
