#include "engine/autodiff/EventLog.h"

#include "engine/autodiff/NonFinite.h"

#include <algorithm>

namespace gs {

namespace {
thread_local std::vector<EventLog*> activeLogs;

Event::Kind kindOf(bool cut) { return cut ? Event::Kind::Cut : Event::Kind::Backward; }
} // namespace

EventLog::EventLog()
{
    observers::activate(this);
    activeLogs.push_back(this);
}

EventLog::~EventLog() { stop(); }

void EventLog::stop()
{
    if (!active_)
        return;
    active_ = false;
    observers::deactivate(this);
    activeLogs.erase(std::remove(activeLogs.begin(), activeLogs.end(), this), activeLogs.end());
}

EventLog* EventLog::current() { return activeLogs.empty() ? nullptr : activeLogs.back(); }

EventLog::BackwardScope::BackwardScope(EventLog* log) : log_(log)
{
    if (log_)
        ++log_->backwardDepth_;
}

EventLog::BackwardScope::~BackwardScope()
{
    if (log_)
        --log_->backwardDepth_;
}

void EventLog::onOp(const OpRecord& record)
{
    if (backwardDepth_ > 0)
        return;
    Event e;
    e.kind = Event::Kind::Forward;
    e.op = record.op.name;
    e.attrs = record.attrs;
    for (const Tensor& t : record.inputs) {
        e.inputIds.push_back(t.id());
        e.inputs.push_back(t);
    }
    e.outputId = record.output.id();
    e.output = record.output;
    e.nonfinite = explainForwardNonFinite(e.op, e.inputs, e.output);
    events_.push_back(std::move(e));
}

void EventLog::recordBackward(const OpDef& op, const std::shared_ptr<const CustomGradFn>& custom,
                              const GradContext& ctx, const Gradients& grads)
{
    Event e;
    e.kind = kindOf(false);
    e.op = op.name;
    e.attrs = ctx.attrs;
    e.inputs.assign(ctx.inputs.begin(), ctx.inputs.end());
    for (const Tensor& t : ctx.inputs)
        e.inputIds.push_back(t.id());
    e.outputId = ctx.output.id();
    e.output = ctx.output;
    e.upstream = ctx.upstream;
    e.contributions.assign(grads.begin(), grads.end());
    e.contributions.resize(ctx.inputs.size());
    {
        // The local derivative is the same rule applied to a unit upstream gradient; computing
        // it must not reach any tape or this log.
        TapePause pause;
        BackwardScope quiet(this);
        const Tensor ones = Tensor::ones(ctx.output.shape(), ctx.output.dtype());
        const GradContext unit{ctx.inputs, ctx.output, ones, ctx.attrs, ctx.needed};
        Gradients local = custom ? (*custom)(ones) : op.gradient(unit);
        local.resize(ctx.inputs.size());
        for (std::size_t i = 0; i < local.size(); ++i)
            if (!ctx.needs(i))
                local[i].reset();
        e.local.assign(std::make_move_iterator(local.begin()), std::make_move_iterator(local.end()));
    }
    for (std::size_t i = 0; i < e.contributions.size() && e.nonfinite.empty(); ++i)
        if (e.contributions[i])
            e.nonfinite = explainBackwardNonFinite(e.op, e.inputs, e.output, e.upstream, i, *e.contributions[i],
                                                   e.local[i]);
    events_.push_back(std::move(e));
}

void EventLog::recordSum(TensorId id, const std::vector<Tensor>& parts, const Tensor& sum)
{
    Event e;
    e.kind = Event::Kind::Sum;
    e.op = "add_n";
    e.outputId = id;
    e.upstream = sum;
    e.contributions.assign(parts.begin(), parts.end());
    e.nonfinite = explainSumNonFinite(parts, sum);
    events_.push_back(std::move(e));
}

void EventLog::recordCut(const std::string& op, std::span<const Tensor> inputs, const Tensor& output,
                         const Tensor& upstream)
{
    Event e;
    e.kind = kindOf(true);
    e.op = op;
    e.inputs.assign(inputs.begin(), inputs.end());
    for (const Tensor& t : inputs)
        e.inputIds.push_back(t.id());
    e.outputId = output.id();
    e.output = output;
    e.upstream = upstream;
    e.contributions.resize(inputs.size());
    events_.push_back(std::move(e));
}

} // namespace gs
