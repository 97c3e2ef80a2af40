#include "engine/autodiff/GradientTape.h"

#include "engine/autodiff/EventLog.h"
#include "engine/core/EngineError.h"
#include "engine/core/FloatEnvironment.h"
#include "engine/ops/Apply.h"
#include "engine/ops/FusedGradient.h"
#include "engine/ops/FusedGradientKernels.h"
#include "engine/ops/Ops.h"

#include <algorithm>
#include <memory>

namespace gs {

struct GradientTape::Storage {
    std::vector<Entry> entries;
    IdMap watched;
    IdMap producers;
};

namespace {
/// A training step or a book gradient makes and drops a tape every time: its entry array (about
/// 12 KB for 32 entries) and two id tables were the largest allocations of a small gradient
/// (callgrind, issue 16). A few emptied ones are kept per thread (nested tapes take several) and
/// small enough to clear cheaply; a tape that grew large gives its memory back.
constexpr std::size_t keptStorages = 4;
constexpr std::size_t keptEntries = 4096;
} // namespace

std::vector<GradientTape::Storage>& GradientTape::storagePool()
{
    thread_local std::vector<Storage> pool;
    return pool;
}

GradientTape::GradientTape(TapeOptions options) : options_(options)
{
    std::vector<Storage>& pool = storagePool();
    if (!pool.empty()) {
        Storage& s = pool.back();
        entries_.swap(s.entries);
        watchedLeaves_ = std::move(s.watched);
        producers_ = std::move(s.producers);
        pool.pop_back();
    } else {
        entries_.reserve(32);
    }
    observers::activate(this);
}

GradientTape::~GradientTape()
{
    stop();
    std::vector<Storage>& pool = storagePool();
    if (pool.size() < keptStorages && entries_.capacity() <= keptEntries) {
        entries_.clear();
        watchedLeaves_.clear();
        producers_.clear();
        pool.push_back(Storage{std::move(entries_), std::move(watchedLeaves_), std::move(producers_)});
    }
}

void GradientTape::stop()
{
    if (recording_) {
        observers::deactivate(this);
        recording_ = false;
    }
}

void GradientTape::watch(const Tensor& tensor)
{
    if (!tensor.valid())
        throw EngineError("GradientTape.watch: cannot watch None");
    if (!isFloating(tensor.dtype()))
        warnings_.push_back("The dtype of the watched tensor must be floating (e.g. tf.float32), got tf."
                            + std::string(dtypeName(tensor.dtype())));
    watchedLeaves_.set(tensor.id(), 0);
}

void GradientTape::watch(const Variable& variable)
{
    if (!isFloating(variable.dtype()))
        warnings_.push_back("The dtype of the watched tensor must be floating (e.g. tf.float32), got tf."
                            + std::string(dtypeName(variable.dtype())));
    watchedLeaves_.set(variable.id(), 0);
}

void GradientTape::onVariableRead(const Variable& variable)
{
    if (recording_ && !sweeping_ && !observers::tapesPaused() && variable.trainable()
        && options_.watchAccessedVariables)
        watchedLeaves_.set(variable.id(), 0);
}

bool GradientTape::isWatched(TensorId id) const
{
    if (watchedLeaves_.contains(id))
        return true;
    const int p = producers_.find(id);
    return p != IdMap::missing && entries_[static_cast<std::size_t>(p)].differentiable();
}

void GradientTape::onOp(const OpRecord& record)
{
    if (sweeping_)
        return;
    const std::size_t n = record.inputs.size();
    bool touchesWatched = false;
    int producers[3];
    std::vector<int> manyProducers(n > 3 ? n : 0);
    for (std::size_t i = 0; i < n; ++i) {
        const TensorId id = record.inputs[i].id();
        const int p = producers_.find(id);
        const int producer = p == IdMap::missing ? -1 : p;
        (n > 3 ? manyProducers[i] : producers[i]) = producer;
        // As TensorFlow's tape (ShouldRecord): only a float input can carry a gradient, so an op
        // whose watched inputs are all integers is not recorded.
        touchesWatched = touchesWatched
                         || (isFloating(record.inputs[i].dtype())
                             && (watchedLeaves_.contains(id)
                                 || (producer >= 0 && entries_[static_cast<std::size_t>(producer)].differentiable())));
    }
    if (!touchesWatched)
        return;
    Entry& e = entries_.emplace_back();
    e.op = &record.op;
    e.count = n;
    if (n <= 3) {
        std::copy(record.inputs.begin(), record.inputs.end(), e.few.begin());
        std::copy(producers, producers + n, e.fewProducers.begin());
    } else {
        e.many.assign(record.inputs.begin(), record.inputs.end());
        e.manyProducers = std::move(manyProducers);
    }
    if (!record.attrs.empty()) // the entry comes cleared: most ops have neither
        e.attrs = record.attrs;
    e.output = record.output;
    if (record.custom)
        e.custom = record.custom;
    // Non-differentiable outputs (stop_gradient, greater) are mapped too, but isWatched() is
    // false for them: what is computed from them alone does not depend on the sources.
    producers_.set(record.output.id(), static_cast<int>(entries_.size() - 1));
}

void GradientTape::consume()
{
    if (used_ && !options_.persistent)
        throw EngineError("A non-persistent GradientTape can only be used to compute one set of gradients "
                          "(or jacobians); create it with persistent = true to call gradient() again");
    used_ = true;
}

namespace {

void checkCustomGradients(const Gradients& g, std::span<const Tensor> inputs)
{
    if (g.size() != inputs.size())
        throw EngineError("custom gradient: the gradient function returned " + std::to_string(g.size())
                          + " gradients for " + std::to_string(inputs.size()) + " inputs");
    for (std::size_t i = 0; i < g.size(); ++i)
        if (g[i] && (g[i]->shape() != inputs[i].shape() || g[i]->dtype() != inputs[i].dtype()))
            throw EngineError("custom gradient: gradient #" + std::to_string(i) + " has shape " + g[i]->shape().str()
                              + " and dtype " + std::string(dtypeName(g[i]->dtype())) + ", but input #"
                              + std::to_string(i) + " has shape " + inputs[i].shape().str() + " and dtype "
                              + std::string(dtypeName(inputs[i].dtype())));
}

/// The gradient contributions that reached one value, summed when it is settled. Most values
/// receive exactly one, which needs no allocation.
struct Pending {
    Tensor first;
    std::vector<Tensor> more;
    bool empty() const { return !first.valid(); }
    /// Empties it, keeping `more`'s capacity for the next sweep's values reached twice.
    void reset()
    {
        first = Tensor();
        more.clear();
    }
    void add(Tensor t)
    {
        if (!first.valid())
            first = std::move(t);
        else
            more.push_back(std::move(t));
    }
    /// The sum, as one add_n op so that an outer tape records it (or add_n's sums in one kernel
    /// when nothing observes, see fusedGradientAllowed).
    Tensor settle(TensorId id, EventLog* log)
    {
        if (more.empty())
            return first;
        if (!log && gradientOpsUnobserved())
            if (std::optional<Tensor> sum = fused::sum(first, more))
                return std::move(*sum);
        std::vector<Tensor> parts;
        parts.reserve(more.size() + 1);
        parts.push_back(first);
        parts.insert(parts.end(), more.begin(), more.end());
        Tensor sum = add_n(parts);
        if (log)
            log->recordSum(id, parts, sum);
        return sum;
    }
};

/// The arrays of one reverse sweep, kept per thread so that the next sweep reuses them (they
/// were a fifth of a small gradient's allocations). A stack: a custom gradient may take another
/// tape's gradient inside a sweep.
struct SweepScratch {
    IdMap leafSources;
    std::vector<unsigned char> flags;
    std::vector<Pending> atEntry;
    std::vector<Pending> atLeaf;
    std::vector<std::optional<Tensor>> settledAt;
};

class ScratchLease {
public:
    ScratchLease()
    {
        if (free().empty()) {
            scratch_ = std::make_unique<SweepScratch>();
        } else {
            scratch_ = std::move(free().back());
            free().pop_back();
        }
    }
    ~ScratchLease()
    {
        // What the sweep left (the settled gradients of leaves) is released now, not at the
        // next sweep; a sweep over a very large tape gives its arrays back.
        // The sweep empties each entry as it settles it; what is still full here is a leaf's
        // settled gradient or what a throwing gradient rule left.
        for (Pending& p : scratch_->atLeaf)
            if (!p.empty())
                p.reset();
        for (Pending& p : scratch_->atEntry)
            if (!p.empty())
                p.reset();
        scratch_->settledAt.clear();
        if (free().size() < 4 && scratch_->flags.capacity() <= 4096)
            free().push_back(std::move(scratch_));
    }
    ScratchLease(const ScratchLease&) = delete;
    ScratchLease& operator=(const ScratchLease&) = delete;
    SweepScratch& operator*() { return *scratch_; }

private:
    static std::vector<std::unique_ptr<SweepScratch>>& free()
    {
        thread_local std::vector<std::unique_ptr<SweepScratch>> pool;
        return pool;
    }
    std::unique_ptr<SweepScratch> scratch_;
};

} // namespace

std::vector<std::optional<Tensor>> GradientTape::sweep(const Tensor& target, const Tensor& seed,
                                                        const std::vector<Source>& sources,
                                                        std::unordered_map<TensorId, Tensor>* keepAll)
{
    struct SweepGuard {
        bool& flag;
        explicit SweepGuard(bool& f) : flag(f) { flag = true; }
        ~SweepGuard() { flag = false; }
    } guard(sweeping_);
    EventLog* log = EventLog::current();
    EventLog::BackwardScope backwardScope(log);
    TensorFlowFloatEnvironment environment; // once for the whole sweep
    const std::size_t n = entries_.size();

    ScratchLease lease;
    SweepScratch& scratch = *lease;
    // Leaf sources (constants, variables) by id; a source the tape never watched gets None.
    IdMap& leafSources = scratch.leafSources;
    leafSources.clear();
    for (std::size_t s = 0; s < sources.size(); ++s)
        if (watchedLeaves_.contains(sources[s].id) && producers_.find(sources[s].id) == IdMap::missing
            && !leafSources.contains(sources[s].id)) // a repeated source shares the first one's slot
            leafSources.set(sources[s].id, static_cast<int>(s));
    // Intermediate sources mark their producing entry.
    enum Flag : unsigned char { ProducesSource = 1, DependsOnSource = 2, Cut = 4 };
    std::vector<unsigned char>& flags = scratch.flags;
    flags.assign(n, 0);
    for (const Source& src : sources)
        if (const int p = producers_.find(src.id); p != IdMap::missing && entries_[static_cast<std::size_t>(p)].differentiable())
            flags[static_cast<std::size_t>(p)] |= ProducesSource;

    // dependsOnSource[k]: entry k's output depends on a source through differentiable ops. Only
    // such entries lie on a path from the sources to the target and are visited. With an event
    // log, non-differentiable entries fed by the sources are followed too, to show the cut.
    auto inputDepends = [&](const Entry& e, std::size_t i) {
        const int p = e.producer(i);
        if (p >= 0)
            return (flags[static_cast<std::size_t>(p)] & (DependsOnSource | ProducesSource)) != 0;
        return leafSources.contains(e.inputs()[i].id());
    };
    for (std::size_t k = 0; k < n; ++k) {
        const Entry& e = entries_[k];
        bool fed = false;
        for (std::size_t i = 0; i < e.count && !fed; ++i)
            fed = inputDepends(e, i);
        if (!fed)
            continue;
        if (e.differentiable())
            flags[k] |= DependsOnSource;
        else if (log)
            flags[k] |= Cut;
    }

    std::vector<Pending>& atEntry = scratch.atEntry;
    atEntry.resize(n);
    std::vector<Pending>& atLeaf = scratch.atLeaf;
    atLeaf.resize(sources.size());
    std::vector<std::optional<Tensor>>& settledAt = scratch.settledAt;
    settledAt.resize(n);
    if (const int t = producers_.find(target.id()); t != IdMap::missing)
        atEntry[static_cast<std::size_t>(t)].add(seed);
    else if (const int s = leafSources.find(target.id()); s != IdMap::missing)
        atLeaf[static_cast<std::size_t>(s)].add(seed);

    for (std::size_t k = n; k-- > 0;) {
        if (atEntry[k].empty())
            continue;
        const Entry& e = entries_[k];
        const TensorId out = e.output.id();
        const Tensor upstream = atEntry[k].settle(out, log);
        atEntry[k].reset();
        if (flags[k] & ProducesSource)
            settledAt[k] = upstream;
        if (keepAll)
            (*keepAll)[out] = upstream;
        if (flags[k] & Cut) {
            log->recordCut(e.op->name, e.inputs(), e.output, upstream);
            continue;
        }
        if (!(flags[k] & DependsOnSource))
            continue;
        bool needed[8];
        std::vector<char> manyNeeded(e.count > 8 ? e.count : 0);
        bool* neededPtr = e.count > 8 ? reinterpret_cast<bool*>(manyNeeded.data()) : needed;
        for (std::size_t i = 0; i < e.count; ++i) {
            const int p = e.producer(i);
            neededPtr[i] = inputDepends(e, i) || (p >= 0 && (flags[static_cast<std::size_t>(p)] & Cut));
        }
        const std::span<const bool> neededSpan(neededPtr, e.count);
        const GradContext ctx{e.inputs(), e.output, upstream, e.attrs, neededSpan};
        Gradients grads = e.custom ? (*e.custom)(upstream) : e.op->gradient(ctx);
        if (e.custom)
            checkCustomGradients(grads, e.inputs());
        if (log)
            log->recordBackward(*e.op, e.custom, ctx, grads);
        for (std::size_t i = 0; i < e.count && i < grads.size(); ++i) {
            if (!neededPtr[i] || !grads[i])
                continue;
            if (const int p = e.producer(i); p >= 0)
                atEntry[static_cast<std::size_t>(p)].add(std::move(*grads[i]));
            else if (const int s = leafSources.find(e.inputs()[i].id()); s != IdMap::missing)
                atLeaf[static_cast<std::size_t>(s)].add(std::move(*grads[i]));
        }
    }
    std::vector<std::optional<Tensor>> result(sources.size());
    for (std::size_t s = 0; s < sources.size(); ++s) {
        if (!atLeaf[s].empty()) {
            result[s] = atLeaf[s].settle(sources[s].id, log);
            if (keepAll)
                (*keepAll)[sources[s].id] = *result[s];
        } else if (const int p = producers_.find(sources[s].id); p != IdMap::missing) {
            result[s] = settledAt[static_cast<std::size_t>(p)];
        } else if (const int first = leafSources.find(sources[s].id); first != IdMap::missing && std::size_t(first) < s) {
            result[s] = result[static_cast<std::size_t>(first)]; // TF answers a repeated source each time
        }
    }
    return result;
}

std::vector<std::optional<Tensor>> GradientTape::gradient(const Tensor& target, const std::vector<Source>& sources,
                                                          const GradientOptions& options)
{
    if (!target.valid())
        throw EngineError("GradientTape.gradient: the target is None");
    consume();
    // TensorFlow's backprop.py: a non-float target is not an error; it logs this text and every
    // source's gradient is None (zeros with UnconnectedGradients.ZERO).
    const bool floatingTarget = isFloating(target.dtype());
    if (!floatingTarget)
        warnings_.push_back("The dtype of the target tensor must be floating (e.g. tf.float32) when calling "
                            "GradientTape.gradient, got tf." + std::string(dtypeName(target.dtype())));
    for (const Source& s : sources)
        if (!isFloating(s.type.dtype))
            warnings_.push_back("The dtype of the source tensor must be floating (e.g. tf.float32) when calling "
                                "GradientTape.gradient, got tf." + std::string(dtypeName(s.type.dtype)));
    if (!floatingTarget) {
        if (options.adjoints)
            options.adjoints->clear();
        std::vector<std::optional<Tensor>> none(sources.size());
        for (std::size_t s = 0; s < sources.size(); ++s)
            if (options.unconnected == UnconnectedGradients::Zero)
                none[s] = Tensor::zeros(sources[s].type.shape, sources[s].type.dtype);
        return none;
    }
    Tensor seed = Tensor::ones(target.shape(), target.dtype());
    if (options.outputGradient) {
        const Tensor& g = *options.outputGradient;
        if (g.shape() != target.shape() || g.dtype() != target.dtype())
            throw EngineError("GradientTape.gradient: output_gradients has shape " + g.shape().str() + " but the target has shape "
                              + target.shape().str());
        seed = g;
    }
    if (options.adjoints)
        options.adjoints->clear();
    std::vector<std::optional<Tensor>> result = sweep(target, seed, sources, options.adjoints);
    for (std::size_t s = 0; s < sources.size(); ++s)
        if (!result[s] && options.unconnected == UnconnectedGradients::Zero)
            result[s] = Tensor::zeros(sources[s].type.shape, sources[s].type.dtype);
    return result;
}

std::optional<Tensor> GradientTape::gradient(const Tensor& target, const Tensor& source, const GradientOptions& options)
{
    return gradient(target, std::vector<Source>{source}, options).front();
}

std::optional<Tensor> GradientTape::gradient(const Tensor& target, const Variable& source, const GradientOptions& options)
{
    return gradient(target, std::vector<Source>{source}, options).front();
}

std::optional<Tensor> GradientTape::jacobian(const Tensor& target, const Source& source, UnconnectedGradients unconnected)
{
    if (!target.valid())
        throw EngineError("GradientTape.jacobian: the target is None");
    const Shape& ts = target.shape();
    const Shape& ss = source.type.shape;
    if (ts.rank + ss.rank > 2)
        throw EngineError("GradientTape.jacobian: a target of shape " + ts.str() + " and a source of shape " + ss.str()
                          + " give a rank-" + std::to_string(ts.rank + ss.rank)
                          + " jacobian; GradScope supports rank 2 at most");
    consume();
    const std::vector<Source> sources{source};
    std::vector<Tensor> rows;
    bool connected = false;
    for (std::int64_t i = 0; i < target.size(); ++i) {
        Tensor seed = Tensor::zeros(ts, target.dtype());
        dispatchFloating(target.dtype(), [&](auto tag) { seed.mutableData<decltype(tag)>()[i] = 1; });
        std::optional<Tensor> row = sweep(target, seed, sources, nullptr).front();
        if (row) {
            connected = true;
            rows.push_back(*row);
        } else {
            rows.push_back(Tensor::zeros(ss, source.type.dtype));
        }
    }
    if (!connected && unconnected == UnconnectedGradients::None)
        return std::nullopt;
    if (ts.rank == 0)
        return rows.front();
    if (ss.rank == 0) {
        Tensor flat = stack(rows);
        return ts.rank == 1 ? flat : reshape(flat, ts.dims());
    }
    return stack(rows);
}

} // namespace gs
