// Training speed: the book's custom training loop on a California-housing-shaped set.
//   bench_training --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
// Goal (issue #6): at most 15 microseconds per training step (median), batch 32, 11610 x 8 rows,
// Dense(30, elu, he_normal, l2 0.05) -> Dense(1, l2 0.05), MSE, Nadam(0.01).
#include "engine/autodiff/GradientTape.h"
#include "engine/nn/RunSpec.h"
#include "engine/nn/SyntheticData.h"
#include "engine/ops/Ops.h"

#include <benchmark/benchmark.h>

using namespace gs;
using namespace gs::nn;

namespace {

/// The book's run with enough epochs never to finish and no validation set, so every iteration
/// is exactly one step of TrainingLoop (sample, forward, loss, gradients, clip, apply,
/// constraints, metrics).
std::unique_ptr<TrainingLoop> bookLoop()
{
    RunSpec spec = RunSpec::book();
    spec.training.epochs = 1'000'000;
    DatasetSplit data = housingLike(42);
    data.valid = {};
    Sequential model = buildModel(spec.layers, data.train.x.shape().cols, spec.training.seed);
    return std::make_unique<TrainingLoop>(std::move(model), spec.loss,
                                          makeOptimizer(spec.optimizer), spec.metrics,
                                          std::move(data), spec.training);
}

void BM_BookTrainingStep(benchmark::State& state)
{
    auto loop = bookLoop();
    for (auto _ : state)
        loop->advanceStep();
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BookTrainingStep);

/// The same step written as the book writes it, without TrainingLoop's bookkeeping: what the
/// engine itself costs.
void BM_BookStepByHand(benchmark::State& state)
{
    const DatasetSplit data = housingLike(42);
    RunSpec spec = RunSpec::book();
    Sequential model = buildModel(spec.layers, 8, 42);
    auto optimizer = makeOptimizer(spec.optimizer);
    const std::vector<Variable> vars = model.trainableVariables();
    const std::vector<Source> sources(vars.begin(), vars.end());
    Rng rng(7);
    std::vector<std::int64_t> idx(32);
    for (auto _ : state) {
        for (auto& i : idx)
            i = rng.below(data.train.size());
        const Dataset batch = gatherRows(data.train, idx);
        GradientTape tape;
        const Tensor yPred = model(batch.x, true);
        std::vector<Tensor> terms{reduce_mean(mean_squared_error(batch.y, yPred))};
        for (const Tensor& l : model.losses())
            terms.push_back(l);
        const Tensor loss = add_n(terms);
        tape.stop();
        optimizer->applyGradients(tape.gradient(loss, sources), vars);
        benchmark::DoNotOptimize(loss);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BookStepByHand);

/// Forward pass and loss only (no tape): how the step splits between forward and backward.
void BM_BookForwardOnly(benchmark::State& state)
{
    const DatasetSplit data = housingLike(42);
    RunSpec spec = RunSpec::book();
    Sequential model = buildModel(spec.layers, 8, 42);
    std::vector<std::int64_t> idx(32);
    for (std::size_t i = 0; i < idx.size(); ++i)
        idx[i] = static_cast<std::int64_t>(i * 97);
    const Dataset batch = gatherRows(data.train, idx);
    for (auto _ : state) {
        const Tensor yPred = model(batch.x, true);
        std::vector<Tensor> terms{reduce_mean(mean_squared_error(batch.y, yPred))};
        for (const Tensor& l : model.losses())
            terms.push_back(l);
        benchmark::DoNotOptimize(add_n(terms));
    }
}
BENCHMARK(BM_BookForwardOnly);

} // namespace

BENCHMARK_MAIN();
