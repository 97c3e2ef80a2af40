#include "engine/autodiff/ForwardAccumulator.h"

#include "engine/autodiff/EventLog.h"
#include "engine/core/EngineError.h"
#include "engine/ops/Apply.h"
#include "engine/ops/Ops.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace gs {

const char* forwardRuleName(ForwardRule rule)
{
    switch (rule) {
    case ForwardRule::Linear: return "linear";
    case ForwardRule::Product: return "product";
    case ForwardRule::DoubleVjp: return "double-vjp";
    case ForwardRule::Cut: return "cut";
    }
    return "";
}

namespace {

/// Ops linear in all their (floating) inputs together: J v is the op applied to the tangents,
/// with zeros for inputs that have none.
bool isLinear(std::string_view name)
{
    static constexpr std::array<std::string_view, 20> linear{
        "add",     "sub",         "neg",     "add_n",     "identity", "reduce_sum",  "reduce_mean",
        "reshape", "transpose",   "concat",  "stack",     "slice",    "pad",         "expand_dims",
        "squeeze", "tile",        "reverse", "diag",      "diag_part", "broadcast_to"};
    return std::find(linear.begin(), linear.end(), name) != linear.end();
}

/// Ops linear in each input separately: J v = op(ta, b) + op(a, tb).
bool isBilinear(std::string_view name) { return name == "mul" || name == "matmul"; }

/// J v by the double VJP: u is a dummy upstream gradient watched by a tape; the op's gradient
/// rule gives J^T u (linear in u); the gradient of <v, J^T u> with respect to u is J v.
std::optional<Tensor> doubleVjp(const OpDef& op, std::span<const Tensor> inputs, const Tensor& output,
                                const Attrs& attrs, std::span<const std::optional<Tensor>> tangents,
                                const CustomGradFn* custom)
{
    if (observers::tapesPaused())
        throw EngineError("forward mode cannot push a tangent through " + op.name
                          + " while tapes are paused (stop_recording)");
    const Tensor u = Tensor::zeros(output.shape(), output.dtype());
    GradientTape transpose;
    transpose.watch(u);
    std::vector<char> neededStorage(inputs.size());
    for (std::size_t i = 0; i < inputs.size(); ++i)
        neededStorage[i] = i < tangents.size() && tangents[i].has_value();
    const std::span<const bool> needed(reinterpret_cast<const bool*>(neededStorage.data()), neededStorage.size());
    const GradContext ctx{inputs, output, u, attrs, needed};
    const Gradients grads = custom ? (*custom)(u) : op.gradient(ctx);
    Tensor inner;
    for (std::size_t i = 0; i < inputs.size() && i < grads.size(); ++i) {
        if (!needed[i] || !grads[i])
            continue;
        const Tensor term = reduce_sum(mul(*grads[i], *tangents[i]));
        inner = inner.valid() ? add(inner, term) : term;
    }
    transpose.stop();
    if (!inner.valid())
        return std::nullopt;
    GradientOptions zeros;
    zeros.unconnected = UnconnectedGradients::Zero;
    return transpose.gradient(inner, u, zeros);
}

} // namespace

std::optional<Tensor> pushTangent(const OpDef& op, std::span<const Tensor> inputs, const Tensor& output,
                                  const Attrs& attrs, std::span<const std::optional<Tensor>> tangents,
                                  const CustomGradFn* custom, ForwardRule* rule)
{
    ForwardRule used = ForwardRule::Cut;
    auto done = [&](std::optional<Tensor> t) {
        if (rule)
            *rule = used;
        return t;
    };
    bool any = false;
    for (std::size_t i = 0; i < inputs.size() && i < tangents.size(); ++i)
        any = any || tangents[i].has_value();
    if (!any || !isFloating(output.dtype()) || (!custom && !op.differentiable()))
        return done(std::nullopt);
    bool allFloating = true;
    for (const Tensor& x : inputs)
        allFloating = allFloating && isFloating(x.dtype());
    if (!custom && allFloating && isLinear(op.name)) {
        used = ForwardRule::Linear;
        std::vector<Tensor> in;
        for (std::size_t i = 0; i < inputs.size(); ++i)
            in.push_back(i < tangents.size() && tangents[i] ? *tangents[i]
                                                            : Tensor::zeros(inputs[i].shape(), inputs[i].dtype()));
        return done(apply(op, std::span<const Tensor>(in), attrs));
    }
    if (!custom && allFloating && isBilinear(op.name) && inputs.size() == 2) {
        used = ForwardRule::Product;
        std::optional<Tensor> sum;
        for (std::size_t i = 0; i < 2; ++i) {
            if (i >= tangents.size() || !tangents[i])
                continue;
            const std::array<Tensor, 2> in{i == 0 ? *tangents[0] : inputs[0], i == 1 ? *tangents[1] : inputs[1]};
            const Tensor term = apply(op, std::span<const Tensor>(in), attrs);
            sum = sum ? add(*sum, term) : term;
        }
        if (sum && sum->shape() != output.shape()) // cannot happen: op(ta, b) has the output's shape
            sum = broadcast_to(*sum, output.shape());
        return done(sum);
    }
    used = ForwardRule::DoubleVjp;
    return done(doubleVjp(op, inputs, output, attrs, tangents, custom));
}

ForwardAccumulator::ForwardAccumulator() { observers::activate(this); }

ForwardAccumulator::ForwardAccumulator(const std::vector<Tensor>& primals, const std::vector<Tensor>& tangents)
{
    if (primals.size() != tangents.size())
        throw EngineError("ForwardAccumulator: " + std::to_string(primals.size()) + " primals but "
                          + std::to_string(tangents.size()) + " tangents; give one tangent per primal");
    for (std::size_t i = 0; i < primals.size(); ++i)
        watch(primals[i], tangents[i]);
    observers::activate(this);
}

ForwardAccumulator::~ForwardAccumulator() { stop(); }

void ForwardAccumulator::stop()
{
    if (recording_) {
        observers::deactivate(this);
        recording_ = false;
    }
}

void ForwardAccumulator::watchId(TensorId id, const TensorType& type, const Tensor& tangent)
{
    if (!tangent.valid())
        throw EngineError("ForwardAccumulator: the tangent is None");
    if (!isFloating(type.dtype))
        throw EngineError("ForwardAccumulator: a primal of dtype " + std::string(dtypeName(type.dtype))
                          + " has no tangent; forward mode needs float32 or float64 primals");
    if (tangent.dtype() != type.dtype || tangent.shape() != type.shape)
        throw EngineError("ForwardAccumulator: the tangent has shape " + tangent.shape().str() + " and dtype "
                          + std::string(dtypeName(tangent.dtype())) + ", but its primal has shape "
                          + type.shape.str() + " and dtype " + std::string(dtypeName(type.dtype)));
    reached_.insert(id);
    tangents_[id] = tangent;
}

void ForwardAccumulator::watch(const Tensor& primal, const Tensor& tangent)
{
    if (!primal.valid())
        throw EngineError("ForwardAccumulator: cannot watch None");
    watchId(primal.id(), TensorType{primal.dtype(), primal.shape()}, tangent);
}

void ForwardAccumulator::watch(const Variable& primal, const Tensor& tangent)
{
    watchId(primal.id(), TensorType{primal.dtype(), primal.shape()}, tangent);
}

void ForwardAccumulator::onOp(const OpRecord& record)
{
    if (sweeping_)
        return;
    bool touches = false;
    for (const Tensor& x : record.inputs)
        touches = touches || reached_.count(x.id()) != 0;
    if (!touches)
        return;
    Entry& e = entries_.emplace_back();
    e.op = &record.op;
    e.inputs.assign(record.inputs.begin(), record.inputs.end());
    e.attrs = record.attrs;
    e.output = record.output;
    e.custom = record.custom;
    reached_.insert(record.output.id());
}

void ForwardAccumulator::advance()
{
    if (done_ == entries_.size())
        return;
    struct SweepGuard {
        bool& flag;
        explicit SweepGuard(bool& f) : flag(f) { flag = true; }
        ~SweepGuard() { flag = false; }
    } guard(sweeping_);
    // The tangents' own ops are no forward events of an evaluation being logged: the log in
    // effect is told they are backward work, and a log of our own takes the inner tape's steps.
    EventLog::BackwardScope quiet(EventLog::current());
    std::optional<EventLog> sink;
    if (EventLog::current())
        sink.emplace();
    for (; done_ < entries_.size(); ++done_) {
        const Entry& e = entries_[done_];
        ForwardStep step;
        step.op = e.op->name;
        step.inputs = e.inputs;
        step.output = e.output;
        for (const Tensor& x : e.inputs) {
            const auto it = tangents_.find(x.id());
            step.inputTangents.push_back(it == tangents_.end() ? std::nullopt : std::optional<Tensor>(it->second));
        }
        step.tangent = pushTangent(*e.op, e.inputs, e.output, e.attrs, step.inputTangents, e.custom.get(), &step.rule);
        if (step.tangent)
            tangents_[e.output.id()] = *step.tangent;
        steps_.push_back(std::move(step));
    }
}

std::optional<Tensor> ForwardAccumulator::jvp(const Tensor& value, UnconnectedGradients unconnected)
{
    if (!value.valid())
        throw EngineError("ForwardAccumulator.jvp: the value is None");
    advance();
    if (const auto it = tangents_.find(value.id()); it != tangents_.end())
        return it->second;
    if (unconnected == UnconnectedGradients::Zero && isFloating(value.dtype()))
        return Tensor::zeros(value.shape(), value.dtype());
    return std::nullopt;
}

std::optional<Tensor> ForwardAccumulator::jvp(const Variable& value, UnconnectedGradients unconnected)
{
    return jvp(value.peek(), unconnected);
}

const std::vector<ForwardStep>& ForwardAccumulator::steps()
{
    advance();
    return steps_;
}

} // namespace gs
