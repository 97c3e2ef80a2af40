// Traced graphs of scalars run as a plan of scalar steps (engine/graph/ScalarPlan.h): every op's
// scalar kernel gives forward's bits on awkward numbers (denormals, infinities, NaN, huge
// arguments), the plan is made exactly when the graph is all scalars of one dtype with such ops,
// and a traced call gives eager mode's bits, reads variables at each call and checks its inputs.
#include "engine/core/EngineError.h"
#include "engine/core/FloatEnvironment.h"
#include "engine/graph/Function.h"
#include "engine/ops/OpRegistry.h"
#include "engine/ops/Ops.h"

#include <QTest>

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

using namespace gs;

namespace {

/// Awkward numbers of type T, then random bit patterns (every exponent, NaNs included).
template <class T> std::vector<T> awkwardNumbers()
{
    using L = std::numeric_limits<T>;
    std::vector<T> v{T(0),          -T(0),        T(1),           T(-1),        T(0.5),        T(-2.5),
                     T(3.14159),    T(100),       T(-100),        T(1e-3),      L::denorm_min(), -L::denorm_min(),
                     L::min(),      L::min() / 4, L::max(),       -L::max(),    L::infinity(), -L::infinity(),
                     L::quiet_NaN(), L::epsilon(), T(1e6),        T(-1e6),      T(710),        T(89)};
    using Bits = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
    std::mt19937_64 random(12);
    for (int i = 0; i < 3000; ++i)
        v.push_back(std::bit_cast<T>(static_cast<Bits>(random())));
    return v;
}

template <class T> auto bitsOf(T x)
{
    using Bits = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
    return std::bit_cast<Bits>(x);
}

template <class T> T forwardOf(const OpDef& op, std::span<const Tensor> in)
{
    return *op.forward(in, Attrs{}).template data<T>();
}

/// The first operand (and second) where op's scalar kernel and forward differ, or "".
template <class T> std::string firstDifference(const OpDef& op)
{
    const DType dtype = sizeof(T) == 4 ? DType::Float32 : DType::Float64;
    T (*unary)(T) = nullptr;
    T (*binary)(T, T) = nullptr;
    if constexpr (sizeof(T) == 4) {
        unary = op.scalar.unary32;
        binary = op.scalar.binary32;
    } else {
        unary = op.scalar.unary64;
        binary = op.scalar.binary64;
    }
    const std::vector<T> numbers = awkwardNumbers<T>();
    TensorFlowFloatEnvironment environment; // as eager ops and the plan run
    for (std::size_t i = 0; i < numbers.size(); ++i) {
        const Tensor x = Tensor::scalar(static_cast<double>(numbers[i]), dtype);
        if (unary && bitsOf(unary(*x.data<T>())) != bitsOf(forwardOf<T>(op, std::span<const Tensor>(&x, 1))))
            return op.name + "(" + std::to_string(numbers[i]) + ")";
        if (binary) {
            const Tensor xy[2] = {x, Tensor::scalar(static_cast<double>(numbers[(i * 7 + 3) % numbers.size()]), dtype)};
            if (bitsOf(binary(*xy[0].data<T>(), *xy[1].data<T>())) != bitsOf(forwardOf<T>(op, xy)))
                return op.name + "(" + std::to_string(*xy[0].data<T>()) + ", " + std::to_string(*xy[1].data<T>()) + ")";
        }
    }
    return {};
}

/// The book's 200-op chain (sin, * 1.01, + 0.1 in turn), as bench_engine runs it.
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

} // namespace

class TestScalarPlan : public QObject {
    Q_OBJECT
private slots:
    void everyScalarKernelGivesForwardsBits()
    {
        int kernels = 0;
        for (const auto& op : OpRegistry::instance().all()) {
            const OpDef::ScalarKernels& s = op->scalar;
            // A dtype's kernel without the other's would make a plan for one dtype only: both or neither.
            QCOMPARE(s.unary32 == nullptr, s.unary64 == nullptr);
            QCOMPARE(s.binary32 == nullptr, s.binary64 == nullptr);
            if (!s.unary32 && !s.binary32)
                continue;
            ++kernels;
            QCOMPARE(QString::fromStdString(firstDifference<float>(*op)), QString());
            QCOMPARE(QString::fromStdString(firstDifference<double>(*op)), QString());
        }
        // add, sub, mul, div, neg and the 18 unary math ops at least.
        QVERIFY2(kernels >= 23, qPrintable(QString::number(kernels)));
    }

    void theChainRunsAsAPlanWithEagerModesBits()
    {
        for (const DType dtype : {DType::Float32, DType::Float64})
            for (const double x : {0.5, -3.0, 1e-40, 100.0, 1e30}) {
                Function f("chain200", {"x"}, chain200);
                const std::vector<FunctionArg> args{Tensor::scalar(x, dtype)};
                const ConcreteFunction& cf = f.concrete(args);
                QVERIFY(cf.scalarPlan);
                QCOMPARE(cf.scalarPlan->opCount(), std::size_t{200});
                const Tensor traced = f(args).front();
                const Tensor eager = f.eager(args).front();
                QCOMPARE(traced.dtype(), dtype);
                QCOMPARE(traced.shape(), Shape::scalar());
                if (dtype == DType::Float32)
                    QCOMPARE(bitsOf(*traced.data<float>()), bitsOf(*eager.data<float>()));
                else
                    QCOMPARE(bitsOf(*traced.data<double>()), bitsOf(*eager.data<double>()));
            }
    }

    void onlyScalarGraphsOfOneDtypeWithScalarKernelsGetAPlan()
    {
        const auto planOf = [](Function::Body body, Tensor x) {
            Function f("f", {"x"}, std::move(body));
            return f.concrete({x}).scalarPlan != nullptr;
        };
        const auto one = [](Tensor (*op)(const Tensor&)) {
            return [op](const std::vector<FunctionArg>& a) { return std::vector<Tensor>{op(std::get<Tensor>(a[0]))}; };
        };
        QVERIFY(planOf(one(&exp), Tensor::scalar(1.0)));
        // A vector, an op without a scalar kernel, a second dtype: the Tensor executor.
        QVERIFY(!planOf(one(&exp), Tensor::vector({1.0, 2.0})));
        QVERIFY(!planOf([](const std::vector<FunctionArg>& a) { return std::vector<Tensor>{reduce_sum(std::get<Tensor>(a[0]))}; },
                        Tensor::scalar(1.0)));
        QVERIFY(!planOf([](const std::vector<FunctionArg>& a) {
                            return std::vector<Tensor>{cast(std::get<Tensor>(a[0]), DType::Float64) * 2.0};
                        },
                        Tensor::scalar(1.0)));
        QVERIFY(planOf(one(&neg), Tensor::scalar(1.0)));
        QVERIFY(!planOf(one(&neg), Tensor::scalar(1.0, DType::Int32)));
    }

    void variablesAreReadAtEveryCall()
    {
        const Variable v = Variable::scalar(2.0);
        Function f("f", {"x"}, [v](const std::vector<FunctionArg>& a) { return std::vector<Tensor>{std::get<Tensor>(a[0]) * v}; });
        const std::vector<FunctionArg> args{Tensor::scalar(3.0)};
        QVERIFY(f.concrete(args).scalarPlan);
        QCOMPARE(*f(args).front().data<float>(), 6.0f);
        Variable(v).assign(Tensor::scalar(5.0));
        QCOMPARE(*f(args).front().data<float>(), 15.0f);
        QCOMPARE(f.traceCount(), 1);
    }

    void aParameterReturnedAsItIsIsTheSameTensor()
    {
        Function f("f", {"x", "y"}, [](const std::vector<FunctionArg>& a) {
            return std::vector<Tensor>{std::get<Tensor>(a[0]), std::get<Tensor>(a[0]) + std::get<Tensor>(a[1])};
        });
        const Tensor x = Tensor::scalar(1.5), y = Tensor::scalar(2.0);
        QVERIFY(f.concrete({x, y}).scalarPlan);
        const std::vector<Tensor> out = f({x, y});
        QCOMPARE(out.size(), std::size_t{2});
        QCOMPARE(out[0].id(), x.id());
        QCOMPARE(*out[1].data<float>(), 3.5f);
    }

    void wrongInputsGetTheExecutorsMessage()
    {
        Function f("f", {"x"}, [](const std::vector<FunctionArg>& a) { return std::vector<Tensor>{sin(std::get<Tensor>(a[0]))}; });
        const ConcreteFunction& cf = f.concrete({Tensor::scalar(1.0)});
        QVERIFY(cf.scalarPlan);
        try {
            cf.run({Tensor::scalar(1.0, DType::Float64)});
            QFAIL("a float64 input ran a float32 plan");
        } catch (const EngineError& e) {
            QCOMPARE(QString::fromUtf8(e.what()), QStringLiteral("input 'x' expects float32 (), got float64 ()"));
        }
    }
};

QTEST_APPLESS_MAIN(TestScalarPlan)
#include "tst_scalar_plan.moc"
