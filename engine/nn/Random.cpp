#include "engine/nn/Random.h"

#include <cmath>
#include <limits>
#include <numbers>

namespace gs::nn {

double Rng::uniform()
{
    // 53 random bits scaled by 2^-53: every double in [0, 1) on that grid, equally likely.
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

double Rng::normal()
{
    if (spare_.has) {
        spare_.has = false;
        return spare_.value;
    }
    // 1 - uniform() lies in (0, 1], so the logarithm is finite.
    const double u1 = 1.0 - uniform();
    const double u2 = uniform();
    const double radius = std::sqrt(-2.0 * std::log(u1));
    const double angle = 2.0 * std::numbers::pi * u2;
    spare_ = {true, radius * std::sin(angle)};
    return radius * std::cos(angle);
}

double Rng::truncatedNormal(double stddev)
{
    for (;;) {
        const double z = normal();
        if (std::abs(z) <= 2.0)
            return stddev * z;
    }
}

std::int64_t Rng::below(std::int64_t n)
{
    if (n <= 1)
        return 0;
    const auto range = static_cast<std::uint64_t>(n);
    // Draws at or above `limit` would make the low residues more likely: redraw them.
    const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max()
                                - std::numeric_limits<std::uint64_t>::max() % range;
    std::uint64_t r = next();
    while (r >= limit)
        r = next();
    return static_cast<std::int64_t>(r % range);
}

void Rng::setState(const State& state)
{
    if (state.seed != seed_ || state.draws < draws_) {
        engine_.seed(state.seed);
        seed_ = state.seed;
        draws_ = 0;
    }
    engine_.discard(state.draws - draws_);
    draws_ = state.draws;
    spare_ = {state.hasSpare, state.spare};
}

std::uint64_t deriveSeed(std::uint64_t seed, std::uint64_t stream)
{
    std::uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (stream + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

} // namespace gs::nn
