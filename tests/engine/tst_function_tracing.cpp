// Tracing into graphs like tf.function: retracing rules, passes, execution against eager mode.
#include "engine/autodiff/GradientTape.h"
#include "engine/core/EngineError.h"
#include "engine/graph/Executor.h"
#include "engine/graph/Function.h"
#include "engine/graph/Tracer.h"
#include "engine/ops/Apply.h"
#include "engine/ops/Ops.h"

#include <QTest>

#include <cstring>
#include <random>

using namespace gs;

namespace {

/// The book's cube(x) = x ** 3, for tensor or plain-number x.
Function makeCube()
{
    return Function("cube", {"x"}, [](const std::vector<FunctionArg>& args) {
        const FunctionArg& a = args[0];
        const Tensor x = std::holds_alternative<Tensor>(a) ? std::get<Tensor>(a) : Tensor::scalar(std::get<PythonNumber>(a).value);
        return std::vector<Tensor>{pow(x, 3.0)};
    });
}

bool bitIdentical(const Tensor& a, const Tensor& b)
{
    if (a.dtype() != b.dtype() || a.shape() != b.shape())
        return false;
    return dispatchAny(a.dtype(), [&](auto tag) {
        using T = decltype(tag);
        return std::memcmp(a.data<T>(), b.data<T>(), sizeof(T) * static_cast<std::size_t>(a.size())) == 0;
    });
}

const PassReport& reportNamed(const ConcreteFunction& cf, const std::string& name)
{
    for (const PassReport& r : cf.passes)
        if (r.name == name)
            return r;
    throw std::runtime_error("no pass " + name);
}

} // namespace

class TestFunctionTracing : public QObject {
    Q_OBJECT

private slots:
    void tensorsAreKeyedByDtypeAndShape()
    {
        Function cube = makeCube();
        QCOMPARE(cube({Tensor::scalar(10.0)}).front().item(), 1000.0);
        QCOMPARE(cube({Tensor::scalar(20.0)}).front().item(), 8000.0);
        QCOMPARE(cube.traceCount(), 1); // same dtype and shape: the graph is reused
        QVERIFY(!cube.calls()[1].traced);
        cube({Tensor::vector({10.0, 20.0})});
        QCOMPARE(cube.traceCount(), 2);
        QVERIFY(cube.calls()[2].traced);
        QVERIFY(QString::fromStdString(cube.calls()[2].reason).contains("(2,)"));
        cube({Tensor::scalar(2.0, DType::Float64)});
        QCOMPARE(cube.traceCount(), 3);
        QVERIFY(QString::fromStdString(cube.calls()[3].reason).contains("float64"));
    }

    void plainNumbersAreKeyedByValue()
    {
        Function cube = makeCube();
        cube({PythonNumber(10, true)});
        cube({PythonNumber(20, true)});
        cube({PythonNumber(10, true)});
        QCOMPARE(cube.traceCount(), 2);
        QVERIFY(cube.calls()[1].traced);
        QVERIFY(QString::fromStdString(cube.calls()[1].reason).contains("x=20"));
        QVERIFY(!cube.calls()[2].traced);
        QCOMPARE(cube.concreteFunctions()[0]->signature, std::string("x=10"));
        // A plain number is baked in: the graph has no inputs and folds to a constant.
        const ConcreteFunction& cf = *cube.concreteFunctions()[0];
        QVERIFY(cf.optimized.inputs.empty());
        QCOMPARE(cf.optimized.opCount(), std::size_t{0});
        QCOMPARE(reportNamed(cf, "constant_folding").changed, 1);
    }

    // TensorFlow's trace type for a Python literal compares values only (Literal.__eq__), so
    // cube(2.0) after cube(2) runs the graph traced for 2: 2 == 2.0 in Python.
    void anIntAndAnEqualFloatShareAGraph()
    {
        Function cube = makeCube();
        cube({PythonNumber(2, true)});
        cube({PythonNumber(2.0, false)});
        cube({PythonNumber(2.5, false)});
        QCOMPARE(cube.traceCount(), 2);
        QCOMPARE(cube.calls()[0].signature, std::string("x=2"));
        QCOMPARE(cube.calls()[1].signature, std::string("x=2.0"));
        QVERIFY(!cube.calls()[1].traced);
        QCOMPARE(cube.calls()[1].concrete, 0);
        QVERIFY(QString::fromStdString(cube.calls()[1].reason).startsWith("reused the graph traced for x=2 ("));
        QCOMPARE(cube.calls()[2].signature, std::string("x=2.5"));
        QCOMPARE(cube.calls()[2].concrete, 1);
        QVERIFY(QString::fromStdString(cube.calls()[2].reason).contains("(the last graph has x=2)"));
        QCOMPARE(cube.concreteFunctions()[1]->signature, std::string("x=2.5"));
    }

    void retracingWarning()
    {
        Function cube = makeCube();
        for (int i = 0; i < Function::retraceWarningThreshold - 1; ++i)
            cube({static_cast<double>(i)});
        QVERIFY(cube.warning().empty());
        cube({100.0});
        QVERIFY(QString::fromStdString(cube.warning()).contains("triggered tracing"));
    }

    void fixedInputSignature()
    {
        Function f("f", {"x"}, [](const std::vector<FunctionArg>& a) { return std::vector<Tensor>{std::get<Tensor>(a[0]) * 2.0}; },
                   std::vector<TensorSpec>{{DType::Float32, Shape::vector(2)}});
        QCOMPARE(f({Tensor::vector({1.0, 2.0})}).front().toDoubles(), (std::vector<double>{2.0, 4.0}));
        try {
            f({Tensor::vector({1.0, 2.0, 3.0})});
            QFAIL("a call that does not match the input signature must throw");
        } catch (const EngineError& e) {
            QVERIFY(QString(e.what()).contains("input signature"));
        }
    }

    void constantFoldingAndPruning()
    {
        // y = x * (1 + 2), plus a dead branch.
        Function f("f", {"x"}, [](const std::vector<FunctionArg>& a) {
            const Tensor x = std::get<Tensor>(a[0]);
            const Tensor three = Tensor::scalar(1.0) + Tensor::scalar(2.0);
            const Tensor unused = exp(x);
            (void)unused;
            return std::vector<Tensor>{x * three};
        });
        const ConcreteFunction& cf = f.concrete({Tensor::scalar(4.0)});
        QCOMPARE(reportNamed(cf, "constant_folding").changed, 1);
        QVERIFY(reportNamed(cf, "pruning").changed >= 1); // exp, and the folded add's inputs
        QCOMPARE(cf.traced.opCount(), std::size_t{3});
        QCOMPARE(cf.optimized.opCount(), std::size_t{1});
        QCOMPARE(cf.run({Tensor::scalar(4.0)}).front().item(), 12.0);
    }

    void commonSubexpressions()
    {
        Function f("f", {"x"}, [](const std::vector<FunctionArg>& a) {
            const Tensor x = std::get<Tensor>(a[0]);
            return std::vector<Tensor>{sin(x) * sin(x)};
        });
        const ConcreteFunction& cf = f.concrete({Tensor::scalar(0.5)});
        QCOMPARE(reportNamed(cf, "common_subexpression_elimination").changed, 1);
        QCOMPARE(cf.optimized.opCount(), std::size_t{2});
    }

    void algebraicSimplificationIsNaNSafe()
    {
        Function f("f", {"x"}, [](const std::vector<FunctionArg>& a) {
            const Tensor x = std::get<Tensor>(a[0]);
            return std::vector<Tensor>{(x * 1.0) - 0.0, x * 0.0, x + 0.0};
        });
        const ConcreteFunction& cf = f.concrete({Tensor::scalar(2.0)});
        const PassReport& r = reportNamed(cf, "algebraic_simplification");
        QCOMPARE(r.changed, 2); // x * 1 and x - 0
        QString notes;
        for (const auto& n : r.notes)
            notes += QString::fromStdString(n) + "\n";
        QVERIFY2(notes.contains("inf or NaN"), qPrintable(notes));
        QVERIFY2(notes.contains("-0.0"), qPrintable(notes));
        const auto inf = cf.run({Tensor::scalar(std::numeric_limits<double>::infinity())});
        QVERIFY(std::isnan(inf[1].item())); // inf * 0 is still NaN
        const auto negZero = cf.run({Tensor::scalar(-0.0)});
        QVERIFY(!std::signbit(negZero[2].item())); // -0.0 + 0 is +0.0
    }

    void tracedMatchesEagerBitForBit()
    {
        const Variable w1 = Variable::scalar(5.0, DType::Float32, "w1");
        Function f("f", {"w2"}, [&w1](const std::vector<FunctionArg>& a) {
            const Tensor w2 = std::get<Tensor>(a[0]);
            return std::vector<Tensor>{3.0 * pow(w1, 2.0) + 2.0 * w1 * w2, log(exp(w2) + 1.0), softplus(w2) / 3.0};
        });
        for (double v : {3.0, 0.1, -7.25, 100.0}) {
            const Tensor w2 = Tensor::scalar(v);
            const auto traced = f({w2});
            const auto eager = f.eager({w2});
            for (std::size_t i = 0; i < eager.size(); ++i)
                QVERIFY2(bitIdentical(traced[i], eager[i]), qPrintable(QString("output %1 at %2").arg(i).arg(v)));
        }
        QCOMPARE(f.traceCount(), 1);
        // Variables are read at execution time, not baked in.
        Variable(w1).assign(Tensor::scalar(6.0));
        QCOMPARE(f({Tensor::scalar(3.0)})[0].item(), 3.0 * 36.0 + 2.0 * 6.0 * 3.0);
    }

    void backwardGraphGivesTheTapeGradients()
    {
        Function f("f", {"w1", "w2"}, [](const std::vector<FunctionArg>& a) {
            const Tensor w1 = std::get<Tensor>(a[0]), w2 = std::get<Tensor>(a[1]);
            return std::vector<Tensor>{3.0 * pow(w1, 2.0) + 2.0 * w1 * w2};
        });
        const ConcreteFunction& cf = f.concrete({Tensor::scalar(5.0), Tensor::scalar(3.0)});
        const Graph backward = cf.backwardGraph();
        const auto out = execute(backward, {Tensor::scalar(5.0), Tensor::scalar(3.0)});
        QCOMPARE(out.size(), std::size_t{3});
        QCOMPARE(out[0].item(), 105.0);
        QCOMPARE(out[1].item(), 36.0);
        QCOMPARE(out[2].item(), 10.0);
        QVERIFY(QString::fromStdString(toDot(backward, "f backward")).contains("digraph"));
    }

    void replayIsDifferentiable()
    {
        Function f("f", {"x"}, [](const std::vector<FunctionArg>& a) {
            const Tensor x = std::get<Tensor>(a[0]);
            return std::vector<Tensor>{x * x * x};
        });
        const ConcreteFunction& cf = f.concrete({Tensor::scalar(2.0)});
        const Tensor x = Tensor::scalar(2.0);
        GradientTape tape;
        tape.watch(x);
        const Tensor y = replay(cf.optimized, {x}).front();
        QCOMPARE(tape.gradient(y, std::vector<Source>{x}).front()->item(), 12.0);
    }

    void passesNeverChangeResults()
    {
        // Random expression graphs over one input, with constants that fold, duplicates that
        // merge and identities that simplify; every pass result must match eager to the bit.
        std::mt19937 rng(1234);
        const char* unary[] = {"exp", "sin", "tanh", "neg", "square", "sigmoid", "abs"};
        const char* binary[] = {"add", "sub", "mul", "div", "maximum"};
        for (int trial = 0; trial < 200; ++trial) {
            const unsigned seed = rng();
            auto body = [seed, &unary, &binary](const std::vector<FunctionArg>& a) {
                std::mt19937 r(seed);
                std::vector<Tensor> pool{std::get<Tensor>(a[0]), Tensor::scalar(1.0), Tensor::scalar(0.0),
                                         Tensor::scalar(2.5), Tensor::scalar(-0.0)};
                for (int k = 0; k < 12; ++k) {
                    const Tensor& p = pool[r() % pool.size()];
                    const Tensor& q = pool[r() % pool.size()];
                    const std::vector<Tensor> args = r() % 2 ? std::vector<Tensor>{p} : std::vector<Tensor>{p, q};
                    const char* op = args.size() == 1 ? unary[r() % 7] : binary[r() % 5];
                    pool.push_back(gs::apply(std::string_view(op), std::span<const Tensor>(args)));
                }
                return std::vector<Tensor>{pool.back(), pool[pool.size() - 2]};
            };
            Function f("random", {"x"}, body);
            for (double v : {0.3, -1.7, 0.0, -0.0, 40.0}) {
                const Tensor x = Tensor::scalar(v);
                const auto traced = f({x});
                const auto eager = body({x});
                for (std::size_t i = 0; i < eager.size(); ++i)
                    QVERIFY2(bitIdentical(traced[i], eager[i]),
                             qPrintable(QString("trial %1 x=%2 output %3: %4 vs %5")
                                            .arg(trial).arg(v).arg(i)
                                            .arg(QString::fromStdString(traced[i].str()), QString::fromStdString(eager[i].str()))));
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestFunctionTracing)
#include "tst_function_tracing.moc"
