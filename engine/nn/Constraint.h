#pragma once

#include "engine/core/Tensor.h"

#include <string>

namespace gs::nn {

/// A projection applied to a weight after every optimizer update (keras.constraints), as the
/// book's loop does: `variable.assign(variable.constraint(variable))`.
struct Constraint {
    enum class Kind {
        None,
        MaxNorm, ///< w * clip(norm, 0, max_value) / (1e-7 + norm), norms along `axis`
        NonNeg,  ///< max(w, 0)
    };
    Kind kind = Kind::None;
    double maxValue = 2.0; ///< Keras's default for max_norm
    int axis = 0;          ///< 0: each column of a Dense kernel (the weights into one unit)

    static Constraint maxNorm(double maxValue, int axis = 0)
    {
        return {Kind::MaxNorm, maxValue, axis};
    }
    static Constraint nonNeg() { return {Kind::NonNeg, 2.0, 0}; }

    bool active() const { return kind != Kind::None; }
    /// "max_norm", "non_neg" or "none".
    std::string name() const;
    /// The projected value (engine ops; callers run it with tapes paused).
    Tensor operator()(const Tensor& w) const;
};

} // namespace gs::nn
