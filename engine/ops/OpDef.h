#pragma once

#include "engine/core/BufferPool.h"
#include "engine/core/Tensor.h"
#include "engine/ops/Attrs.h"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace gs {

/// The static type of a value: what shape rules reason about.
struct TensorType {
    DType dtype = DType::Float32;
    Shape shape;
    friend bool operator==(const TensorType& a, const TensorType& b)
    {
        return a.dtype == b.dtype && a.shape == b.shape;
    }
};

/// What a gradient rule sees of one recorded op call.
struct GradContext {
    std::span<const Tensor> inputs;
    const Tensor& output;
    const Tensor& upstream;
    const Attrs& attrs;
    /// needed[i] is false when no source depends on input i: the rule may skip that input (and
    /// should, so that a NaN in a gradient nobody asked for is never reported).
    std::span<const bool> needed;
    bool needs(std::size_t i) const { return i < needed.size() && needed[i]; }
};

/// One gradient per input; std::nullopt is TensorFlow's None (no gradient flows to that input).
/// Every backward op returns one, so its few elements come from the thread's buffer pool: a
/// malloc and free pair per op was the largest fixed cost of a small gradient (callgrind,
/// issue 16).
using Gradients = std::vector<std::optional<Tensor>, bufferpool::Allocator<std::optional<Tensor>>>;

/// Documentation of one attribute, for the formula language, the palette and the inspector.
struct AttrSpec {
    std::string name;
    AttrValue defaultValue;
    std::string doc;
};

/// One op: the registry entry that tells everything about it. Adding an op means writing one of
/// these (and one row in the table-driven gradient test).
struct OpDef {
    std::string name;
    std::string summary;      ///< one line for the palette and `--help`
    std::string category;     ///< "arithmetic", "math", "activation", "comparison", "reduction", ...
    int minArity = 1;
    int maxArity = 1;         ///< -1: any number (add_n, stack, concat)
    std::vector<std::string> inputNames;  ///< "x", "y", ... (the last one repeats for variadic ops)
    std::vector<AttrSpec> attrs;

    /// Output dtype and shape, or an EngineError naming the op, the argument and the shapes.
    TensorType (*infer)(const OpDef& op, std::span<const TensorType> inputs, const Attrs& attrs) = nullptr;
    /// Computes the output in the inputs' dtype. Called only after infer() succeeded.
    Tensor (*forward)(std::span<const Tensor> inputs, const Attrs& attrs) = nullptr;
    /// Gradient rule written with engine ops (so it can itself be differentiated). nullptr means
    /// the op is not differentiable: no gradient flows through it (stop_gradient, round, greater).
    Gradients (*gradient)(const GradContext& ctx) = nullptr;
    /// Set for ops that TensorFlow itself builds from other ops (norm): apply() expands them, so
    /// tapes, event logs and traces see the primitive ops exactly as TensorFlow would run them.
    Tensor (*composite)(std::span<const Tensor> inputs, const Attrs& attrs) = nullptr;

    /// The op on one or two float32 or float64 scalars, for traced graphs made of scalars only
    /// (engine/graph/ScalarPlan.h): the same functor as forward's one-element path, so the same
    /// bits (tst_scalar_plan checks every op that has them against forward). Null for the ops
    /// without (attributes, integer outputs, shapes).
    struct ScalarKernels {
        float (*unary32)(float) = nullptr;
        double (*unary64)(double) = nullptr;
        float (*binary32)(float, float) = nullptr;
        double (*binary64)(double, double) = nullptr;
    };
    ScalarKernels scalar;

    bool differentiable() const { return gradient != nullptr; }
    const std::string& inputName(std::size_t i) const;
};

} // namespace gs
