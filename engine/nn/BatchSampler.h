#pragma once

#include "engine/nn/Random.h"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace gs::nn {

/// How a training loop picks the instances of each batch.
enum class BatchOrder {
    /// The book's random_batch: batch_size indices drawn uniformly with replacement
    /// (np.random.randint), n_steps = len(X) // batch_size per epoch.
    Random,
    /// A new permutation every epoch, cut into ceil(n / batch_size) batches (the last may be
    /// smaller): every instance once per epoch, as fit(shuffle=True).
    Shuffled,
    /// Rows in order, ceil(n / batch_size) batches per epoch.
    Sequential,
};
std::optional<BatchOrder> batchOrderFromName(std::string_view name);
std::string_view batchOrderName(BatchOrder order);

/// Produces the row indices of successive batches. Deterministic for a seed.
class BatchSampler {
public:
    BatchSampler(std::int64_t datasetSize, std::int64_t batchSize, BatchOrder order,
                 std::uint64_t seed);

    std::int64_t stepsPerEpoch() const;
    std::int64_t batchSize() const { return batchSize_; }
    std::int64_t datasetSize() const { return size_; }
    BatchOrder order() const { return order_; }
    /// The indices of batch `stepInEpoch` (0-based) of the current epoch, written to `out`.
    /// Shuffled order draws a new permutation when stepInEpoch is 0.
    void batch(std::int64_t stepInEpoch, std::vector<std::int64_t>& out);
    /// Back to the state right after construction (same seed, same batches again).
    void reset();

    /// Where the stream of batches stands, to go on later exactly from here: the generator, and
    /// for shuffled order where it stood when the current permutation was drawn (the permutation
    /// itself is drawn again from there rather than kept: 8 bytes a row).
    struct State {
        Rng::State rng;
        bool shuffled = false; ///< a permutation was drawn (shuffled order)
        Rng::State permutation;
        friend bool operator==(const State&, const State&) = default;
    };
    State state() const;
    /// Takes a state() of a sampler over the same rows, batch size and order.
    void setState(const State& state);

private:
    std::int64_t size_;
    std::int64_t batchSize_;
    BatchOrder order_;
    std::uint64_t seed_;
    Rng rng_;
    std::vector<std::int64_t> permutation_;
    std::optional<Rng::State> permutationDrawnAt_;
};

} // namespace gs::nn
