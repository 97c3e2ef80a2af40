#pragma once

#include "engine/ops/OpDef.h"

#include <functional>
#include <memory>
#include <span>

namespace gs {

class Variable;

/// A user-supplied gradient (tf.custom_gradient): maps the upstream gradient to one gradient per
/// input of the custom op.
using CustomGradFn = std::function<Gradients(const Tensor& upstream)>;

/// What apply() tells observers about one op call.
struct OpRecord {
    const OpDef& op;
    std::span<const Tensor> inputs;
    const Attrs& attrs;
    const Tensor& output;
    /// Set for a custom-gradient op: its gradient comes from here instead of op.gradient.
    const std::shared_ptr<const CustomGradFn>& custom;
    /// For a custom-gradient op: the forward function's own result, of which `output` is a copy
    /// under a new identity (tracers link the two).
    const Tensor* customForward = nullptr;
};

/// Something that watches ops as they run: a gradient tape, an event log, a tracer. Eager
/// evaluation, recording and tracing all meet in apply(), which calls every active observer.
class OpObserver {
public:
    virtual ~OpObserver() = default;
    virtual void onOp(const OpRecord& record) = 0;
    /// A variable was read. Tapes use this to watch trainable variables automatically.
    virtual void onVariableRead(const Variable& /*variable*/) {}
    /// The program gave `tensor` a name of its own (the user's label for a node). The tracer keeps
    /// it, so a traced graph shows the user's `y`, not only "pow".
    virtual void onName(const Tensor& /*tensor*/, const std::string& /*name*/) {}
    /// Tapes are paused by stop_recording and inside a custom gradient's forward function; other
    /// observers (event logs) keep seeing every op.
    virtual bool isTape() const { return false; }
};

/// The observers active on this thread, innermost last.
namespace observers {
void activate(OpObserver* observer);
void deactivate(OpObserver* observer);
std::span<OpObserver* const> active();
bool tapesPaused();
/// Tells every active observer that `tensor` is called `name`.
void nameTensor(const Tensor& tensor, const std::string& name);
} // namespace observers

/// While alive, tapes record nothing on this thread (tf.GradientTape.stop_recording()).
class TapePause {
public:
    TapePause();
    ~TapePause();
    TapePause(const TapePause&) = delete;
    TapePause& operator=(const TapePause&) = delete;
};

} // namespace gs
