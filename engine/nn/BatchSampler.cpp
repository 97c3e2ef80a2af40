#include "engine/nn/BatchSampler.h"

#include "engine/core/EngineError.h"

#include <algorithm>
#include <numeric>

namespace gs::nn {

std::optional<BatchOrder> batchOrderFromName(std::string_view name)
{
    for (BatchOrder o : {BatchOrder::Random, BatchOrder::Shuffled, BatchOrder::Sequential})
        if (batchOrderName(o) == name)
            return o;
    return std::nullopt;
}

std::string_view batchOrderName(BatchOrder order)
{
    switch (order) {
    case BatchOrder::Random:
        return "random";
    case BatchOrder::Shuffled:
        return "shuffled";
    case BatchOrder::Sequential:
        return "sequential";
    }
    return "?";
}

BatchSampler::BatchSampler(std::int64_t datasetSize, std::int64_t batchSize, BatchOrder order,
                           std::uint64_t seed)
    : size_(datasetSize)
    , batchSize_(batchSize)
    , order_(order)
    , seed_(seed)
    , rng_(seed)
{
    if (datasetSize < 1)
        throw EngineError("the training set is empty");
    if (batchSize < 1)
        throw EngineError("batch_size must be at least 1, got " + std::to_string(batchSize));
}

std::int64_t BatchSampler::stepsPerEpoch() const
{
    if (order_ == BatchOrder::Random)
        return std::max<std::int64_t>(1, size_ / batchSize_);
    return (size_ + batchSize_ - 1) / batchSize_;
}

void BatchSampler::batch(std::int64_t stepInEpoch, std::vector<std::int64_t>& out)
{
    out.clear();
    if (order_ == BatchOrder::Random) {
        for (std::int64_t i = 0; i < batchSize_; ++i)
            out.push_back(rng_.below(size_));
        return;
    }
    if (permutation_.empty() || (order_ == BatchOrder::Shuffled && stepInEpoch == 0)) {
        permutation_.resize(static_cast<std::size_t>(size_));
        std::iota(permutation_.begin(), permutation_.end(), 0);
        if (order_ == BatchOrder::Shuffled) {
            permutationDrawnAt_ = rng_.state();
            rng_.shuffle(permutation_);
        }
    }
    const std::int64_t begin = stepInEpoch * batchSize_;
    const std::int64_t end = std::min(size_, begin + batchSize_);
    for (std::int64_t i = begin; i < end; ++i)
        out.push_back(permutation_[static_cast<std::size_t>(i)]);
}

void BatchSampler::reset()
{
    rng_.seed(seed_);
    permutation_.clear();
    permutationDrawnAt_.reset();
}

BatchSampler::State BatchSampler::state() const
{
    State s;
    s.rng = rng_.state();
    if (permutationDrawnAt_) {
        s.shuffled = true;
        s.permutation = *permutationDrawnAt_;
    }
    return s;
}

void BatchSampler::setState(const State& state)
{
    permutation_.clear();
    permutationDrawnAt_.reset();
    if (state.shuffled && order_ == BatchOrder::Shuffled) {
        // The permutation of the current epoch, drawn again from where it was drawn.
        rng_.setState(state.permutation);
        permutationDrawnAt_ = state.permutation;
        permutation_.resize(static_cast<std::size_t>(size_));
        std::iota(permutation_.begin(), permutation_.end(), 0);
        rng_.shuffle(permutation_);
    }
    rng_.setState(state.rng);
}

} // namespace gs::nn
