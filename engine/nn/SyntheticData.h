#pragma once

#include "engine/nn/Dataset.h"

#include <optional>
#include <string_view>

namespace gs::nn {

/// A regression set shaped like the book's California housing data (fetch_california_housing):
/// 8 features named as scikit-learn names them, 20640 rows split 11610 / 3870 / 5160
/// (train / valid / test, as the book's two train_test_split calls give), features standardized
/// on the training split. The numbers are synthetic (no download), deterministic for a seed.
///
/// Generator (all from nn::Rng, so the same on every platform with IEEE doubles and a correctly
/// behaving libm): per row, latent standard normals z0..z7 with the correlations of the real
/// data's main pairs: AveRooms z2 = 0.33 z0 + 0.94 e2, AveBedrms z3 = 0.85 z2 + 0.53 e3,
/// Longitude z7 = -0.92 z6 + 0.39 e7 (others independent). The target is
///   y = 2.07 + 0.83 z0 + 0.12 z1 - 0.27 z2 + 0.31 z3 - 0.004 z4 - 0.04 z5 - 0.90 z6 - 0.87 z7
///       + 0.15 (z0^2 - 1) + 0.25 sin(2 z6) + 0.5 n
/// (linear coefficients close to a linear regression on the real scaled data, plus two
/// nonlinear terms a network can learn and noise n ~ N(0, 1)), clipped to [0.15, 5.00001] like
/// the real median house values. Each feature is then an affine map of its z to the real
/// feature's mean and spread (MedInc 3.87 +- 1.9, HouseAge 28.6 +- 12.6, ...).
DatasetSplit housingLike(std::uint64_t seed = 42);

/// The classic 2-D classification sets of the TensorFlow Playground, labels 1 and 0, features
/// "x1", "x2" (about [-6, 6] before standardization), target "label".
enum class Classic2D {
    Circle, ///< label 1 inside radius 2.5, 0 on the ring 3.5..5
    Xor,    ///< label 1 where x1 * x2 >= 0
    Gauss,  ///< two Gaussian clouds around (2, 2) (label 1) and (-2, -2) (label 0)
    Spiral, ///< two interleaved spirals
};
std::optional<Classic2D> classic2DFromName(std::string_view name);
std::string_view classic2DName(Classic2D kind);

/// `samples` points (half per class), `noise` in [0, 0.5] as the Playground's noise slider / 100.
DatasetSplit classic2D(Classic2D kind, std::int64_t samples = 500, double noise = 0.0,
                       const SplitOptions& options = {});

} // namespace gs::nn
