#pragma once

#include "engine/core/Tensor.h"

#include <string>

namespace gs::nn {

/// A weight penalty added to the loss (keras.regularizers): l1 * sum(|w|) + l2 * sum(w^2).
/// Keras's l2(0.05) is 0.05 * sum(w^2), with no factor 1/2.
struct Regularizer {
    double l1 = 0.0;
    double l2 = 0.0;

    static Regularizer L1(double l1) { return {l1, 0.0}; }
    static Regularizer L2(double l2) { return {0.0, l2}; }
    static Regularizer L1L2(double l1, double l2) { return {l1, l2}; }

    bool active() const { return l1 != 0.0 || l2 != 0.0; }
    /// "l1", "l2", "l1_l2" or "none".
    std::string name() const;
    /// The penalty as a scalar tensor, computed with engine ops so a tape differentiates it.
    /// Keras's L1L2 starts from 0 and adds each term; adding to 0 is exact, so l1_l2 is simply
    /// the sum of the two terms.
    Tensor operator()(const Tensor& w) const;
};

} // namespace gs::nn
