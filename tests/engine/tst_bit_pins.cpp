// Exact-bit pins for the engine's speed work (issue 16): the book's 5-epoch training run (every
// step's losses, every epoch's report, the final weights and optimizer slots), every optimizer on
// a small problem, and every row of the op-gradient table in float64 and float32 (value and
// gradients, eager and traced). Speed changes must not move a single bit of any of them.
//
// The expected bits live in data/bit_pins.txt, one line per item, each number as its hex bit
// pattern. To regenerate it after an intended change of results (never for a speed change):
//   GRADSCOPE_WRITE_BIT_PINS=1 build/default/tests/engine/tst_bit_pins
#include "support/OpGradientTable.h"

#include "engine/autodiff/GradientTape.h"
#include "engine/core/EngineError.h"
#include "engine/graph/Function.h"
#include "engine/nn/RunSpec.h"
#include "engine/ops/Apply.h"
#include "engine/ops/OpRegistry.h"
#include "engine/ops/Ops.h"

#include <QTest>

#include <bit>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

using namespace gs;
using namespace gs::testing;

namespace {

/// A double's bits as 16 hex digits: NaN payloads, -0 and denormals all show.
std::string bits(double v)
{
    char buf[24];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(std::bit_cast<std::uint64_t>(v)));
    return buf;
}

/// A tensor's dtype, shape and every element's exact bits (float32 as its own 8 digits).
std::string bits(const Tensor& t)
{
    if (!t.valid())
        return "None";
    std::string s = std::string(dtypeName(t.dtype())) + t.shape().str();
    dispatchAny(t.dtype(), [&](auto tag) {
        using T = decltype(tag);
        const T* p = t.data<T>();
        for (std::int64_t i = 0; i < t.size(); ++i) {
            char buf[24];
            if constexpr (std::is_same_v<T, float>)
                std::snprintf(buf, sizeof buf, " %08x", std::bit_cast<std::uint32_t>(p[i]));
            else if constexpr (std::is_same_v<T, double>)
                std::snprintf(buf, sizeof buf, " %s", bits(p[i]).c_str());
            else
                std::snprintf(buf, sizeof buf, " %lld", static_cast<long long>(p[i]));
            s += buf;
        }
    });
    return s;
}

std::string bits(const std::optional<Tensor>& t) { return t ? bits(*t) : std::string("None"); }

/// Runs `f`, giving its text or the error it threw (an error is a pinned result too).
template <class F> std::string orError(F&& f)
{
    try {
        return f();
    } catch (const std::exception& e) {
        return std::string("throws: ") + e.what();
    }
}

/// The row's inputs with every float64 converted to `dtype` (other dtypes kept).
std::vector<Tensor> inDtype(const std::vector<Tensor>& inputs, DType dtype)
{
    std::vector<Tensor> out;
    for (const Tensor& t : inputs)
        out.push_back(t.dtype() == DType::Float64 ? cast(t, dtype) : t);
    return out;
}

/// Value and tape gradients of one op call, every floating input watched.
std::string opLine(const OpDef& op, const std::vector<Tensor>& inputs, const Attrs& attrs)
{
    return orError([&] {
        GradientTape tape(TapeOptions{.persistent = true});
        for (const Tensor& x : inputs)
            tape.watch(x);
        Tensor y = gs::apply(op, inputs, attrs);
        Tensor target = isFloating(y.dtype()) ? y : cast(y, DType::Float64);
        tape.stop();
        std::string s = "value " + bits(y);
        const auto grads = tape.gradient(target, std::vector<Source>(inputs.begin(), inputs.end()));
        for (const auto& g : grads)
            s += " | grad " + bits(g);
        return s;
    });
}

/// The same op call through a traced Function (the executor's path): value and backward graph.
std::string tracedLine(const OpDef& op, const std::vector<Tensor>& inputs, const Attrs& attrs)
{
    return orError([&] {
        std::vector<std::string> names;
        for (std::size_t i = 0; i < inputs.size(); ++i)
            names.push_back("x" + std::to_string(i));
        gs::Function f("pin", names, [&op, attrs](const std::vector<FunctionArg>& args) {
            std::vector<Tensor> in;
            for (const FunctionArg& a : args)
                in.push_back(std::get<Tensor>(a));
            return std::vector<Tensor>{gs::apply(op, in, attrs)};
        });
        const std::vector<FunctionArg> args(inputs.begin(), inputs.end());
        std::string s = "traced";
        for (const Tensor& t : f(args))
            s += " " + bits(t);
        s += " | again";
        for (const Tensor& t : f(args)) // the second call reuses the concrete function
            s += " " + bits(t);
        return s;
    });
}

void pinOps(std::vector<std::string>& out)
{
    for (const OpCase& c : opCases()) {
        const OpDef& op = OpRegistry::instance().get(c.op);
        for (DType dtype : {DType::Float64, DType::Float32}) {
            const std::string tag = "op " + c.tag + " " + std::string(dtypeName(dtype)) + ": ";
            const auto inputs = orError([&] { inDtype(c.inputs, dtype); return std::string(); });
            if (!inputs.empty()) {
                out.push_back(tag + inputs);
                continue;
            }
            const auto in = inDtype(c.inputs, dtype);
            out.push_back(tag + opLine(op, in, c.attrs));
            out.push_back(tag + tracedLine(op, in, c.attrs));
        }
    }
}

void pinBookRun(std::vector<std::string>& out)
{
    const auto loop = nn::makeTrainingLoop(nn::RunSpec::book());
    std::int64_t step = 0;
    loop->onStep([&](const nn::StepReport& r) {
        std::string s = "book step " + std::to_string(step++) + ": loss " + bits(r.loss) + " main "
                        + bits(r.mainLoss) + " reg " + bits(r.regularizationLoss) + " mean " + bits(r.meanLoss);
        for (double m : r.metrics)
            s += " metric " + bits(m);
        for (double n : r.gradientNorms)
            s += " norm " + bits(n);
        out.push_back(s);
    });
    loop->run();
    for (const nn::EpochReport& e : loop->history()) {
        std::string s = "book epoch " + std::to_string(e.epoch) + ": loss " + bits(e.loss);
        for (const auto& [name, value] : e.values)
            s += " " + name + " " + bits(value);
        out.push_back(s);
    }
    for (const Variable& v : loop->model().variables())
        out.push_back("book weight " + v.name() + ": " + bits(v.peek()));
    for (const Variable& v : loop->optimizer().variables())
        for (const std::string& slot : loop->optimizer().slotNames())
            out.push_back("book slot " + v.name() + " " + slot + ": " + bits(loop->optimizer().slot(v, slot)));
    for (const auto& [name, value] : loop->optimizer().scalarState())
        out.push_back("book optimizer " + name + ": " + bits(value));
}

void pinOptimizers(std::vector<std::string>& out)
{
    std::vector<std::pair<std::string, nn::OptimizerSpec>> specs;
    for (const char* name : {"sgd", "adagrad", "rmsprop", "adam", "nadam"}) {
        nn::OptimizerSpec s;
        s.name = name;
        specs.emplace_back(name, s);
    }
    nn::OptimizerSpec momentum;
    momentum.name = "sgd", momentum.momentum = 0.9, momentum.nesterov = true;
    specs.emplace_back("sgd nesterov", momentum);
    nn::OptimizerSpec centered;
    centered.name = "rmsprop", centered.momentum = 0.5, centered.centered = true;
    specs.emplace_back("rmsprop centered", centered);
    nn::OptimizerSpec amsgrad;
    amsgrad.name = "adam", amsgrad.amsgrad = true;
    specs.emplace_back("adam amsgrad", amsgrad);
    nn::OptimizerSpec legacy;
    legacy.name = "nadam", legacy.legacy = true;
    specs.emplace_back("nadam legacy", legacy);
    nn::OptimizerSpec clipped;
    clipped.name = "nadam", clipped.clipping.clipnorm = 0.5;
    specs.emplace_back("nadam clipnorm", clipped);

    for (const auto& [label, spec] : specs)
        for (DType dtype : {DType::Float32, DType::Float64}) {
            const auto optimizer = nn::makeOptimizer(spec);
            std::vector<Variable> vars{Variable(Tensor::matrix({{0.5, -1.25, 3.0}, {1e-3, -2.0, 0.0}}, dtype)),
                                       Variable(Tensor::scalar(0.75, dtype))};
            for (int i = 0; i < 7; ++i) {
                const double k = 0.3 * i - 0.8;
                std::vector<std::optional<Tensor>> grads{
                    Tensor::matrix({{k, 1.5 - k, 0.01 * k}, {-k * k, 2.0, 1e-8}}, dtype),
                    i % 3 == 1 ? std::nullopt : std::optional<Tensor>(Tensor::scalar(k * 0.5, dtype))};
                optimizer->applyGradients(grads, vars);
            }
            for (std::size_t i = 0; i < vars.size(); ++i)
                out.push_back("optimizer " + label + " " + std::string(dtypeName(dtype)) + " var "
                              + std::to_string(i) + ": " + bits(vars[i].peek()));
        }
}

std::vector<std::string> allPins()
{
    std::vector<std::string> out;
    pinBookRun(out);
    pinOptimizers(out);
    pinOps(out);
    return out;
}

} // namespace

class TestBitPins : public QObject {
    Q_OBJECT

private slots:
    void everyPinnedBitIsUnchanged()
    {
        const std::vector<std::string> lines = allPins();
        if (std::getenv("GRADSCOPE_WRITE_BIT_PINS")) {
            std::ofstream file(GRADSCOPE_BIT_PINS);
            for (const std::string& l : lines)
                file << l << '\n';
            QVERIFY(file.good());
            qWarning("wrote %zu pins to %s", lines.size(), GRADSCOPE_BIT_PINS);
            return;
        }
        std::ifstream file(GRADSCOPE_BIT_PINS);
        QVERIFY2(file.good(), "data/bit_pins.txt is missing");
        std::vector<std::string> expected;
        for (std::string l; std::getline(file, l);)
            expected.push_back(l);
        QVERIFY2(expected.size() > 1000, "data/bit_pins.txt is too short");
        int differences = 0;
        for (std::size_t i = 0; i < std::max(lines.size(), expected.size()); ++i) {
            const std::string got = i < lines.size() ? lines[i] : "(nothing)";
            const std::string want = i < expected.size() ? expected[i] : "(nothing)";
            if (got != want && ++differences <= 10)
                qWarning("line %zu\n  pinned: %s\n  now:    %s", i + 1, want.c_str(), got.c_str());
        }
        QCOMPARE(differences, 0);
    }
};

QTEST_GUILESS_MAIN(TestBitPins)
#include "tst_bit_pins.moc"
