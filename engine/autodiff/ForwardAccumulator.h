#pragma once

#include "engine/autodiff/GradientTape.h"
#include "engine/autodiff/Variable.h"
#include "engine/ops/OpObserver.h"

#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace gs {

/// How a tangent was pushed through one op (forward mode).
enum class ForwardRule {
    Linear,    ///< a linear op (add, reshape, reduce_sum...): the op applied to the tangents
    Product,   ///< a bilinear op (mul, matmul): op(ta, b) + op(a, tb)
    DoubleVjp, ///< any other op: J v = d/du <v, J^T u>, from the op's own gradient rule
    Cut        ///< an op that lets no derivative through (stop_gradient, round): no tangent
};

const char* forwardRuleName(ForwardRule rule);

/// One op a tangent went through, in forward order: what forward mode does op by op.
struct ForwardStep {
    std::string op;
    std::vector<Tensor> inputs;
    std::vector<std::optional<Tensor>> inputTangents; ///< None where an input has no tangent
    Tensor output;
    std::optional<Tensor> tangent; ///< d output along the direction; None for a cut
    ForwardRule rule = ForwardRule::DoubleVjp;
};

/// The tangent of one op's output (its Jacobian-vector product J v) given the tangents of its
/// inputs (None: no tangent, i.e. zero and not connected). None when no input with a tangent
/// reaches the output through the op's derivative (a non-differentiable op, a bool output).
/// `custom` is the gradient of a tf.custom_gradient op. Sets `rule` to how it was computed.
std::optional<Tensor> pushTangent(const OpDef& op, std::span<const Tensor> inputs, const Tensor& output,
                                  const Attrs& attrs, std::span<const std::optional<Tensor>> tangents,
                                  const CustomGradFn* custom = nullptr, ForwardRule* rule = nullptr);

/// tf.autodiff.ForwardAccumulator: forward-mode autodiff. Given primals (the sources) and a
/// tangent for each (a direction), every value computed from them while the accumulator records
/// gets a tangent, d value along the direction (a Jacobian-vector product), op by op in forward
/// order. jvp() of a value that does not depend on the primals is None, as in TensorFlow.
///
/// No op needs a forward rule of its own: for y = f(x), vjp(u) = J^T u is linear in u, so
/// J v = d/du <v, J^T u>, computed with the op's differentiable gradient rule and a tape watching
/// u (TensorFlow's fallback, the "double VJP"). Linear and bilinear ops take a direct rule, which
/// is cheaper and exact.
///
/// Recording starts at construction and ends with stop() or destruction; tangents are computed
/// when asked (jvp(), steps()), outside the ops being recorded. Like a tape, it is paused by
/// TapePause (stop_recording, a custom gradient's forward function).
class ForwardAccumulator : public OpObserver {
public:
    ForwardAccumulator();
    /// primals[i] gets tangents[i], which must have its dtype and shape (an EngineError says
    /// which differs).
    ForwardAccumulator(const std::vector<Tensor>& primals, const std::vector<Tensor>& tangents);
    ~ForwardAccumulator() override;
    ForwardAccumulator(const ForwardAccumulator&) = delete;
    ForwardAccumulator& operator=(const ForwardAccumulator&) = delete;

    /// Gives `primal` the tangent `tangent` (same dtype and shape, floating).
    void watch(const Tensor& primal, const Tensor& tangent);
    void watch(const Variable& primal, const Tensor& tangent);
    void stop();
    bool recording() const { return recording_; }

    /// The tangent of `value`: std::nullopt (None) when it does not depend on the primals, or
    /// zeros with UnconnectedGradients::Zero.
    std::optional<Tensor> jvp(const Tensor& value, UnconnectedGradients unconnected = UnconnectedGradients::None);
    std::optional<Tensor> jvp(const Variable& value, UnconnectedGradients unconnected = UnconnectedGradients::None);
    /// Every op a tangent went through so far, in forward order.
    const std::vector<ForwardStep>& steps();

    void onOp(const OpRecord& record) override;
    bool isTape() const override { return true; }

private:
    struct Entry {
        const OpDef* op = nullptr;
        std::vector<Tensor> inputs;
        Attrs attrs;
        Tensor output;
        std::shared_ptr<const CustomGradFn> custom;
    };
    void watchId(TensorId id, const TensorType& type, const Tensor& tangent);
    /// Computes the tangents of every entry recorded since the last call.
    void advance();

    bool recording_ = true;
    bool sweeping_ = false;
    std::vector<Entry> entries_;
    std::size_t done_ = 0;
    std::unordered_set<TensorId> reached_; ///< primals and values recorded from them
    std::unordered_map<TensorId, Tensor> tangents_;
    std::vector<ForwardStep> steps_;
};

} // namespace gs
