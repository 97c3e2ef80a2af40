// Engine speed: the figures are medians over repetitions on the 2-core CI machine.
//   bench_engine --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include "engine/autodiff/GradientTape.h"
#include "engine/graph/Function.h"
#include "engine/ops/Ops.h"

#include <benchmark/benchmark.h>

#include <cmath>
#include <variant>
#include <vector>

using namespace gs;

namespace {

/// Tape + gradient of the book's f(w1, w2) = 3 * w1 ** 2 + 2 * w1 * w2 on scalars.
void BM_BookGradient(benchmark::State& state)
{
    const Variable w1 = Variable::scalar(5.0), w2 = Variable::scalar(3.0);
    for (auto _ : state) {
        GradientTape tape;
        const Tensor z = 3.0 * pow(w1, 2.0) + 2.0 * w1 * w2;
        tape.stop();
        auto g = tape.gradient(z, {w1, w2});
        benchmark::DoNotOptimize(g);
    }
}
BENCHMARK(BM_BookGradient);

/// The forward pass alone, to separate op overhead from tape overhead.
void BM_BookForwardOnly(benchmark::State& state)
{
    const Tensor w1 = Tensor::scalar(5.0), w2 = Tensor::scalar(3.0);
    for (auto _ : state) {
        Tensor z = 3.0 * pow(w1, 2.0) + 2.0 * w1 * w2;
        benchmark::DoNotOptimize(z);
    }
}
BENCHMARK(BM_BookForwardOnly);

/// A chain of 200 scalar ops (sin, mul, add in turn) with its gradient.
void BM_Chain200(benchmark::State& state)
{
    const Variable x = Variable::scalar(0.5);
    for (auto _ : state) {
        GradientTape tape;
        Tensor y = x;
        for (int i = 0; i < 200; ++i) {
            switch (i % 3) {
            case 0: y = sin(y); break;
            case 1: y = y * 1.01; break;
            default: y = y + 0.1; break;
            }
        }
        tape.stop();
        auto g = tape.gradient(y, x);
        benchmark::DoNotOptimize(g);
    }
    state.SetItemsProcessed(state.iterations() * 200);
}
BENCHMARK(BM_Chain200);

/// Ten 64x64 matmuls with tanh between them, and the gradient: arithmetic dominates here.
void BM_MatmulChain64(benchmark::State& state)
{
    std::vector<double> values(64 * 64);
    for (std::size_t i = 0; i < values.size(); ++i)
        values[i] = 0.01 * static_cast<double>((i * 7919) % 101) - 0.5;
    const Variable w(Tensor::fromValues(Shape::matrix(64, 64), values));
    const Tensor x0 = Tensor::fromValues(Shape::matrix(64, 64), values);
    for (auto _ : state) {
        GradientTape tape;
        Tensor y = x0;
        for (int i = 0; i < 10; ++i)
            y = tanh(matmul(y, w));
        const Tensor loss = reduce_sum(y);
        tape.stop();
        auto g = tape.gradient(loss, w);
        benchmark::DoNotOptimize(g);
    }
}
BENCHMARK(BM_MatmulChain64);

/// The 200-op chain without a tape: eager, then traced (issue #7 wants traced >= 3x faster).
std::vector<Tensor> chain200(const std::vector<FunctionArg>& args)
{
    Tensor y = std::get<Tensor>(args[0]);
    for (int i = 0; i < 200; ++i) {
        switch (i % 3) {
        case 0: y = sin(y); break;
        case 1: y = y * 1.01; break;
        default: y = y + 0.1; break;
        }
    }
    return {y};
}

void BM_Chain200Eager(benchmark::State& state)
{
    const std::vector<FunctionArg> args{Tensor::scalar(0.5)};
    for (auto _ : state)
        benchmark::DoNotOptimize(chain200(args));
}
BENCHMARK(BM_Chain200Eager);

void BM_Chain200Traced(benchmark::State& state)
{
    Function f("chain200", {"x"}, chain200);
    const std::vector<FunctionArg> args{Tensor::scalar(0.5)};
    f(args); // trace once
    for (auto _ : state)
        benchmark::DoNotOptimize(f(args));
}
BENCHMARK(BM_Chain200Traced);

/// A deterministic matrix with entries in [-0.5, 0.5).
Tensor pattern(std::int64_t rows, std::int64_t cols, double phase)
{
    std::vector<std::vector<double>> r(static_cast<std::size_t>(rows), std::vector<double>(static_cast<std::size_t>(cols)));
    for (std::int64_t i = 0; i < rows; ++i)
        for (std::int64_t j = 0; j < cols; ++j)
            r[std::size_t(i)][std::size_t(j)] = std::fmod(0.37 * double(i * cols + j) + phase, 1.0) - 0.5;
    return Tensor::matrix(r);
}

/// The book's training step without the optimizer: Dense(30, elu) -> Dense(1) on a batch of 32,
/// MSE plus the l2(0.05) penalties, and the gradients of the loss for the four weights.
std::vector<Tensor> bookStep(const std::vector<FunctionArg>& args)
{
    const Tensor& x = std::get<Tensor>(args[0]);
    const Tensor& y = std::get<Tensor>(args[1]);
    const Tensor& w1 = std::get<Tensor>(args[2]);
    const Tensor& b1 = std::get<Tensor>(args[3]);
    const Tensor& w2 = std::get<Tensor>(args[4]);
    const Tensor& b2 = std::get<Tensor>(args[5]);
    GradientTape tape;
    for (const Tensor* t : {&w1, &b1, &w2, &b2})
        tape.watch(*t);
    const Tensor h = elu(matmul(x, w1) + b1);
    const Tensor out = matmul(h, w2) + b2;
    const Tensor loss = reduce_mean(square(out - y)) + 0.05 * (reduce_sum(square(w1)) + reduce_sum(square(w2)));
    tape.stop();
    const auto g = tape.gradient(loss, {w1, b1, w2, b2});
    return {loss, *g[0], *g[1], *g[2], *g[3]};
}

std::vector<FunctionArg> bookStepArgs()
{
    return {pattern(32, 8, 0.1), pattern(32, 1, 0.2), pattern(8, 30, 0.3), pattern(1, 30, 0.4),
            pattern(30, 1, 0.5), pattern(1, 1, 0.6)};
}

void BM_BookStepEager(benchmark::State& state)
{
    const std::vector<FunctionArg> args = bookStepArgs();
    for (auto _ : state)
        benchmark::DoNotOptimize(bookStep(args));
}
BENCHMARK(BM_BookStepEager);

void BM_BookStepTraced(benchmark::State& state)
{
    Function f("book_step", {"x", "y", "w1", "b1", "w2", "b2"}, bookStep);
    const std::vector<FunctionArg> args = bookStepArgs();
    f(args); // trace once
    for (auto _ : state)
        benchmark::DoNotOptimize(f(args));
}
BENCHMARK(BM_BookStepTraced);

} // namespace

BENCHMARK_MAIN();
