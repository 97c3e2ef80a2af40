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
    {}

    void seed(std::uint64_t seed)
    {
        engine_.seed(seed);
        spare_.reset();
    }

    std::uint64_t next() { return engine_(); }
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
    Spare spare_;
};

/// A well-spread seed derived from (`seed`, `stream`) by SplitMix64: independent streams for the
/// parts of a run (initial weights, batches, each dropout layer) from one user-given seed.
std::uint64_t deriveSeed(std::uint64_t seed, std::uint64_t stream);

} // namespace gs::nn
