#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace gs::nn {

/// The one source of randomness in engine/nn: weight initialisation, batch sampling, dropout
/// masks and the synthetic datasets.
///
/// Only std::mt19937_64 is taken from the standard library, because its output sequence is fixed
/// by the C++ standard. Everything built on it (uniform doubles, Box-Muller normals, unbiased
/// integers, shuffles) is written here, since std::*_distribution may differ between standard
/// libraries, and a run file must reproduce the same numbers everywhere.
class Rng {
public:
    explicit Rng(std::uint64_t seed = 42)
        : engine_(seed)
        , seed_(seed)
    {}

    void seed(std::uint64_t seed)
    {
        engine_.seed(seed);
        seed_ = seed;
        draws_ = 0;
        spare_.reset();
    }

    /// Where the generator stands: its seed, the draws made since, and the spare normal. 32
    /// bytes, where a copy of the generator would take 2.5 KB, so that a training view can keep
    /// one per step.
    struct State {
        std::uint64_t seed = 42;
        std::uint64_t draws = 0;
        bool hasSpare = false;
        double spare = 0.0;
        friend bool operator==(const State&, const State&) = default;
    };
    State state() const { return {seed_, draws_, spare_.has, spare_.value}; }
    /// Puts the generator where `state` says: reseeds and skips its draws (forward from here when
    /// the seed is the same and no draw has to be taken back), so the next numbers are those that
    /// came after `state` was taken. Costs about a nanosecond a skipped draw.
    void setState(const State& state);

    std::uint64_t next()
    {
        ++draws_;
        return engine_();
    }
    /// Uniform in [0, 1): the top 53 bits of one draw.
    double uniform();
    /// Uniform in [lo, hi).
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    /// Standard normal by Box-Muller; the second value of each pair is kept for the next call.
    double normal();
    double normal(double mean, double stddev) { return mean + stddev * normal(); }
    /// Normal redrawn until within two standard deviations (Keras's truncated_normal).
    double truncatedNormal(double stddev);
    /// Uniform integer in [0, n) by rejection, without modulo bias (np.random.randint(n)).
    std::int64_t below(std::int64_t n);
    /// Fisher-Yates shuffle of `items`, drawing from this generator.
    template <class T> void shuffle(std::vector<T>& items)
    {
        for (std::size_t i = items.size(); i > 1; --i) {
            const auto j = static_cast<std::size_t>(below(static_cast<std::int64_t>(i)));
            std::swap(items[i - 1], items[j]);
        }
    }

private:
    struct Spare {
        bool has = false;
        double value = 0.0;
        void reset() { has = false; }
    };
    std::mt19937_64 engine_;
    std::uint64_t seed_;
    std::uint64_t draws_ = 0; ///< engine_ outputs since seed_
    Spare spare_;
};

/// A well-spread seed derived from (`seed`, `stream`) by SplitMix64: independent streams for the
/// parts of a run (initial weights, batches, each dropout layer) from one user-given seed.
std::uint64_t deriveSeed(std::uint64_t seed, std::uint64_t stream);

} // namespace gs::nn
