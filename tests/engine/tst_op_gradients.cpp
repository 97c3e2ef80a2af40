// Every op's gradient, table-driven: one row per op call (an op may have several rows), checked
// against central finite differences in float64 at ordinary points; TensorFlow's exact values at
// the awkward points (ties, kinks, 0, infinities, the NaN-through-where trap, float32 limits);
// second derivatives through nested tapes.
//
// Adding an op to the registry without a row here fails everyRegisteredOpHasARow().
#include "support/FiniteDifference.h"
#include "support/OpExactCases.h"
#include "support/OpGradientTable.h"

#include "engine/autodiff/GradientTape.h"
#include "engine/core/EngineError.h"
#include "engine/core/FloatEnvironment.h"
#include "engine/ops/Apply.h"
#include "engine/ops/OpRegistry.h"
#include "engine/ops/Ops.h"

#include <QStringList>
#include <QTest>

#include <algorithm>
#include <bit>
#include <functional>
#include <optional>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <set>

using namespace gs;
using gs::testing::Tolerance;

using namespace gs::testing;

namespace {

const OpCase& opCase(int index) { return opCases().at(static_cast<std::size_t>(index)); }

std::vector<Source> sourcesOf(const std::vector<Tensor>& inputs)
{
    return {inputs.begin(), inputs.end()};
}

/// The tape's d sum(op(inputs)) / d inputs[i] for every input, all inputs watched. A bool or
/// integer output is cast to float64 first (such a target has no gradient to take).
std::vector<std::optional<Tensor>> tapeGradients(const OpDef& op, const std::vector<Tensor>& inputs,
                                                 const Attrs& attrs)
{
    GradientTape tape;
    for (const Tensor& x : inputs)
        tape.watch(x);
    Tensor y = gs::apply(op, inputs, attrs);
    if (!isFloating(y.dtype())) // a bool (or integer) target has no gradient to take
        y = cast(y, F64);
    tape.stop();
    return tape.gradient(y, sourcesOf(inputs));
}

/// The op as a function of its inputs, for finite differences (no tape).
testing::Function opFunction(const OpDef& op, const Attrs& attrs)
{
    return [&op, attrs](const std::vector<Tensor>& in) { return gs::apply(op, in, attrs); };
}

/// The tape's first derivative with respect to input `i`, as a function of the inputs: what
/// finite differences of second derivatives are taken of. Unconnected gives zeros.
testing::Function firstDerivative(const OpDef& op, const Attrs& attrs, std::size_t i)
{
    return [&op, attrs, i](const std::vector<Tensor>& in) {
        GradientTape tape;
        for (const Tensor& x : in)
            tape.watch(x);
        const Tensor y = gs::apply(op, in, attrs);
        tape.stop();
        GradientOptions zeros;
        zeros.unconnected = UnconnectedGradients::Zero;
        return *tape.gradient(y, sourcesOf(in), zeros)[i];
    };
}

std::string valuesText(const Tensor& t) { return testing::listText(t.toDoubles()); }


} // namespace

class TestOpGradients : public QObject {
    Q_OBJECT

private slots:
    // --- The table covers the registry -----------------------------------------------------------

    void everyRegisteredOpHasARow()
    {
        std::set<std::string> covered;
        for (const OpCase& c : opCases())
            covered.insert(c.op);
        QStringList missing;
        for (const auto& op : OpRegistry::instance().all())
            if (op->name != customGradientOp && !covered.count(op->name))
                missing << QString::fromStdString(op->name);
        QVERIFY2(missing.isEmpty(),
                 qPrintable("ops without a row in the gradient table: " + missing.join(", ")));
    }

    void customGradientCannotBeAppliedByName()
    {
        QVERIFY(OpRegistry::instance().find(customGradientOp) != nullptr);
        const std::vector<Tensor> in{s(1.0)};
        try {
            gs::apply(customGradientOp, in);
            QFAIL("custom_gradient was applied by name");
        } catch (const EngineError& e) {
            QVERIFY2(QString(e.what()).contains("custom_gradient"), e.what());
        }
    }

    void everyRowIsARegisteredOpWithAUniqueTag()
    {
        std::set<std::string> tags;
        for (const OpCase& c : opCases()) {
            QVERIFY2(OpRegistry::instance().find(c.op) != nullptr, c.tag.c_str());
            QVERIFY2(tags.insert(c.tag).second, ("duplicate tag " + c.tag).c_str());
        }
    }

    /// A row expecting None must be for an op registered without a gradient, and an op registered
    /// without one must not have rows expecting one (composite ops are differentiated through the
    /// ops they expand to, so they have no gradient rule of their own).
    void rowsAgreeWithTheRegistry()
    {
        std::map<std::string, bool> expectsGradient;
        for (const OpCase& c : opCases())
            expectsGradient[c.op] = expectsGradient[c.op] || c.expect != Expect::None;
        for (const auto& [name, expected] : expectsGradient) {
            const OpDef& op = OpRegistry::instance().get(name);
            if (op.composite)
                continue;
            QVERIFY2(op.differentiable() == expected,
                     (name
                      + (op.differentiable() ? " has a gradient rule" : " has no gradient rule")
                      + " but its rows say otherwise")
                         .c_str());
        }
    }

    // --- First derivatives against finite differences ------------------------------------------

    void gradientMatchesFiniteDifferences_data()
    {
        QTest::addColumn<int>("index");
        for (std::size_t i = 0; i < opCases().size(); ++i)
            QTest::newRow(opCases()[i].tag.c_str()) << static_cast<int>(i);
    }

    void gradientMatchesFiniteDifferences()
    {
        QFETCH(int, index);
        const OpCase& c = opCase(index);
        const OpDef& op = OpRegistry::instance().get(c.op);
        const auto grads = tapeGradients(op, c.inputs, c.attrs);
        QCOMPARE(grads.size(), c.inputs.size());

        std::string problems;
        if (!c.outputShape.empty()) {
            const std::string shape = gs::apply(op, c.inputs, c.attrs).shape().str();
            if (shape != c.outputShape)
                problems += "output shape " + shape + ", expected " + c.outputShape + "\n";
        }
        for (std::size_t i = 0; i < c.inputs.size(); ++i) {
            const Tensor& x = c.inputs[i];
            std::string problem;
            if (!isFloating(x.dtype()) || c.expect == Expect::None) {
                if (grads[i])
                    problem = "expected None, got " + valuesText(*grads[i]);
            } else if (c.expect == Expect::Zeros) {
                problem = testing::compareGradient(
                    grads[i], x, std::vector<double>(static_cast<std::size_t>(x.size()), 0.0),
                    Tolerance{});
            } else {
                const auto numeric =
                    testing::numericGradient(opFunction(op, c.attrs), c.inputs, i, c.step);
                problem = testing::compareGradient(grads[i], x, numeric, c.tolerance);
            }
            if (!problem.empty())
                problems +=
                    "input #" + std::to_string(i) + " (" + op.inputName(i) + "): " + problem + "\n";
        }
        QVERIFY2(problems.empty(), problems.c_str());
    }

    /// The same rows in float32: gradient rules must keep the dtype (a float64 constant inside a
    /// rule would throw or change the gradient's dtype) and agree with float64 to float32
    /// precision.
    void float32GradientMatchesFloat64_data()
    {
        QTest::addColumn<int>("index");
        for (std::size_t i = 0; i < opCases().size(); ++i) {
            const OpCase& c = opCases()[i];
            const bool float64 = std::all_of(c.inputs.begin(), c.inputs.end(),
                                             [](const Tensor& x) { return x.dtype() != F32; });
            if (c.expect == Expect::Gradient && float64 && c.op != "cast")
                QTest::newRow(c.tag.c_str()) << static_cast<int>(i);
        }
    }

    void float32GradientMatchesFloat64()
    {
        QFETCH(int, index);
        const OpCase& c = opCase(index);
        const OpDef& op = OpRegistry::instance().get(c.op);
        std::vector<Tensor> inputs32;
        for (const Tensor& x : c.inputs)
            inputs32.push_back(x.dtype() == F64 ? Tensor::fromValues(x.shape(), x.toDoubles(), F32)
                                                : x);
        const auto grads64 = tapeGradients(op, c.inputs, c.attrs);
        const auto grads32 = tapeGradients(op, inputs32, c.attrs);
        std::string problems;
        for (std::size_t i = 0; i < c.inputs.size(); ++i) {
            if (!isFloating(c.inputs[i].dtype()))
                continue;
            QVERIFY2(grads64[i].has_value(),
                     ("no float64 gradient for input #" + std::to_string(i)).c_str());
            const std::string p = testing::compareGradient(
                grads32[i], inputs32[i], grads64[i]->toDoubles(), Tolerance{1e-4, 1e-4});
            if (!p.empty())
                problems += "input #" + std::to_string(i) + ": " + p + "\n";
        }
        QVERIFY2(problems.empty(), problems.c_str());
    }

    // --- Second derivatives: nested tapes against finite differences of the first ---------------

    void secondDerivativeMatchesFiniteDifferences_data()
    {
        QTest::addColumn<int>("index");
        for (std::size_t i = 0; i < opCases().size(); ++i)
            if (opCases()[i].secondOrder)
                QTest::newRow(opCases()[i].tag.c_str()) << static_cast<int>(i);
    }

    void secondDerivativeMatchesFiniteDifferences()
    {
        QFETCH(int, index);
        const OpCase& c = opCase(index);
        const OpDef& op = OpRegistry::instance().get(c.op);
        const std::vector<Source> sources = sourcesOf(c.inputs);

        TapeOptions persistent;
        persistent.persistent = true;
        GradientTape outer(persistent);
        for (const Tensor& x : c.inputs)
            outer.watch(x);
        std::vector<std::optional<Tensor>> first;
        {
            GradientTape inner;
            for (const Tensor& x : c.inputs)
                inner.watch(x);
            const Tensor y = gs::apply(op, c.inputs, c.attrs);
            inner.stop();
            first = inner.gradient(y, sources); // recorded by the outer tape
        }
        outer.stop();

        GradientOptions zeros;
        zeros.unconnected = UnconnectedGradients::Zero;
        std::string problems;
        for (std::size_t i = 0; i < c.inputs.size(); ++i) {
            if (!isFloating(c.inputs[i].dtype())) // integer indices have no derivatives
                continue;
            QVERIFY2(first[i].has_value(),
                     ("no first derivative for input #" + std::to_string(i)).c_str());
            for (std::size_t j = 0; j < c.inputs.size(); ++j) {
                if (!isFloating(c.inputs[j].dtype()))
                    continue;
                const auto second =
                    outer.gradient(*first[i], std::vector<Source>{sources[j]}, zeros).front();
                const auto numeric =
                    testing::numericGradient(firstDerivative(op, c.attrs, i), c.inputs, j, c.step);
                const std::string problem =
                    testing::compareGradient(second, c.inputs[j], numeric, c.tolerance);
                if (!problem.empty())
                    problems += "d/d input #" + std::to_string(j) + " of d/d input #"
                                + std::to_string(i) + ": " + problem + "\n";
            }
        }
        QVERIFY2(problems.empty(), problems.c_str());
    }

    /// TensorFlow registers ReluGradGrad and LeakyReluGradGrad returning zeros for the features,
    /// so the second derivative of these piecewise-linear activations is a zero tensor, not None
    /// (abs gets zeros through sign's gradient).
    void secondDerivativeOfPiecewiseLinearIsZeros_data()
    {
        QTest::addColumn<QString>("op");
        QTest::newRow("relu'' is zeros, not None") << QStringLiteral("relu");
        QTest::newRow("leaky_relu'' is zeros, not None") << QStringLiteral("leaky_relu");
        QTest::newRow("abs'' is zeros, not None") << QStringLiteral("abs");
    }

    void secondDerivativeOfPiecewiseLinearIsZeros()
    {
        QFETCH(QString, op);
        const Tensor x = v({-1.5, 0.5, 2.0});
        TapeOptions persistent;
        persistent.persistent = true;
        GradientTape outer(persistent);
        outer.watch(x);
        std::optional<Tensor> first;
        {
            GradientTape inner;
            inner.watch(x);
            const std::vector<Tensor> in{x};
            const Tensor y = gs::apply(op.toStdString(), in);
            inner.stop();
            first = inner.gradient(y, x);
        }
        outer.stop();
        QVERIFY(first.has_value());
        const auto second = outer.gradient(*first, x);
        const std::string problem = testing::compareGradient(second, x, {0, 0, 0}, Tolerance{});
        QVERIFY2(problem.empty(), problem.c_str());
    }

    // --- TensorFlow's exact values at the awkward points ----------------------------------------

    void exactValues_data()
    {
        QTest::addColumn<int>("index");
        for (std::size_t i = 0; i < exactCases().size(); ++i)
            QTest::newRow(exactCases()[i].tag.c_str()) << static_cast<int>(i);
    }

    void exactValues()
    {
        QFETCH(int, index);
        const ExactCase& c = exactCases().at(static_cast<std::size_t>(index));
        QCOMPARE(c.gradients.size(), c.inputs.size());

        GradientTape tape;
        for (const Tensor& x : c.inputs)
            tape.watch(x);
        const Tensor y = c.f(c.inputs);
        tape.stop();
        const auto grads = tape.gradient(y, sourcesOf(c.inputs));

        std::string problems;
        if (const std::string p = testing::compareValues(y.toDoubles(), c.forward, c.tolerance);
            !p.empty())
            problems += "forward: " + p + "\n";
        for (std::size_t i = 0; i < c.inputs.size(); ++i) {
            std::string p;
            if (!c.gradients[i])
                p = grads[i] ? "expected None, got " + valuesText(*grads[i]) : "";
            else
                p = testing::compareGradient(grads[i], c.inputs[i], *c.gradients[i], c.tolerance);
            if (!p.empty())
                problems += "gradient of input #" + std::to_string(i) + ": " + p + "\n";
        }
        QVERIFY2(problems.empty(), problems.c_str());
    }

    /// TensorFlow refuses to invert a matrix with an exact zero pivot ("Input is not invertible."),
    /// and the determinant's gradient inverts the matrix: a singular matrix has determinant 0 but
    /// no gradient.
    void singularMatricesFailLikeTensorFlow()
    {
        const Tensor a = m({{1, 2}, {2, 4}});
        QCOMPARE(matrix_determinant(a).item(), 0.0);
        QString inverseError;
        try {
            matrix_inverse(a);
        } catch (const EngineError& e) {
            inverseError = QString::fromUtf8(e.what());
        }
        QVERIFY2(inverseError.contains("not invertible"), qPrintable(inverseError));

        GradientTape tape;
        tape.watch(a);
        const Tensor d = matrix_determinant(a);
        tape.stop();
        QString gradientError;
        try {
            tape.gradient(d, std::vector<Source>{a});
        } catch (const EngineError& e) {
            gradientError = QString::fromUtf8(e.what());
        }
        QVERIFY2(gradientError.contains("not invertible"), qPrintable(gradientError));
    }

    /// A gradient rule computes in one kernel when nothing observes its ops (FusedGradient.h),
    /// and with the ops themselves when an outer tape records them: both give the same bits, on
    /// awkward numbers too (NaN, infinities, signed zeros, denormals, 0 ** 0, a negative base).
    void fusedGradientsGiveTheOpsBits()
    {
        const std::vector<double> awkward{0.0, -0.0, 1.0, -1.0, 2.0, 0.5, -2.5, 3.0, 1e-310, -1e-40, 1e30,
                                          -1e-3, 7.3, std::numeric_limits<double>::infinity(),
                                          -std::numeric_limits<double>::infinity(),
                                          std::numeric_limits<double>::quiet_NaN()};
        const auto bitsOf = [](const std::optional<Tensor>& t) {
            QStringList out;
            if (!t)
                return QString("None");
            for (double v : t->toDoubles())
                out << QString::number(std::bit_cast<std::uint64_t>(v), 16);
            return out.join(' ');
        };
        // d/dx, d/dy of sum(f(x, y) * c), once unobserved and once under a recording outer tape.
        const auto both = [&](const std::function<Tensor(const Tensor&, const Tensor&)>& f, const Tensor& x,
                              const Tensor& y, const Tensor& c) {
            QStringList runs;
            for (bool observed : {false, true}) {
                std::optional<GradientTape> outer;
                if (observed)
                    outer.emplace(TapeOptions{.persistent = true});
                GradientTape tape;
                tape.watch(x);
                tape.watch(y);
                const Tensor target = reduce_sum(f(x, y) * c);
                tape.stop();
                const auto g = tape.gradient(target, {x, y});
                runs << bitsOf(g[0]) + " | " + bitsOf(g[1]);
            }
            return runs;
        };
        const auto rotated = [&](std::size_t by) {
            std::vector<double> r(awkward.size());
            for (std::size_t i = 0; i < r.size(); ++i)
                r[i] = awkward[(i + by) % awkward.size()];
            return r;
        };
        int compared = 0;
        for (DType dtype : {F32, F64}) {
            const Tensor x = Tensor::vector(awkward, dtype);
            const Tensor c = Tensor::vector(rotated(5), dtype);
            const auto powF = [](const Tensor& a, const Tensor& b) { return pow(a, b); };
            const auto mulF = [](const Tensor& a, const Tensor& b) { return a * b; };
            // pow with a vector exponent, and with each awkward scalar exponent; mul of vectors.
            for (const auto& [f, y] : std::vector<std::pair<std::function<Tensor(const Tensor&, const Tensor&)>, Tensor>>{
                     {powF, Tensor::vector(rotated(3), dtype)}, {mulF, Tensor::vector(rotated(7), dtype)}}) {
                const QStringList runs = both(f, x, y, c);
                QCOMPARE(runs[0], runs[1]);
                ++compared;
            }
            for (double e : awkward) {
                const QStringList runs = both(powF, x, Tensor::scalar(e, dtype), c);
                QCOMPARE(runs[0], runs[1]);
                ++compared;
            }
            // Scalars alone (the eager scalar path and the scalar product kernel).
            for (std::size_t i = 0; i < awkward.size(); ++i)
                for (const auto& f : {std::function<Tensor(const Tensor&, const Tensor&)>(powF), std::function<Tensor(const Tensor&, const Tensor&)>(mulF)}) {
                    const QStringList runs = both(f, Tensor::scalar(awkward[i], dtype),
                                                  Tensor::scalar(awkward[(i + 3) % awkward.size()], dtype),
                                                  Tensor::scalar(awkward[(i + 5) % awkward.size()], dtype));
                    QCOMPARE(runs[0], runs[1]);
                    ++compared;
                }
        }
        QCOMPARE(compared, 2 * (2 + 16 + 32));
    }

    /// elu's kernel (negative elements found four at a time, exp only for them) gives
    /// x < 0 ? alpha * (exp(x) - 1) : x on every element, across the 64-element blocks and the
    /// tail, on awkward numbers too, computed here one by one under the same float environment.
    void eluMatchesItsDefinitionOnEveryElement()
    {
        const std::vector<double> awkward{0.0, -0.0, 1.0, -1.0, 2.0, 0.5, -2.5, 3.0, 1e-310, -1e-40, -1e-310,
                                          1e30, -1e-3, -90.0, -7.3, std::numeric_limits<double>::infinity(),
                                          -std::numeric_limits<double>::infinity(),
                                          std::numeric_limits<double>::quiet_NaN()};
        std::vector<double> values;
        for (int i = 0; i < 139; ++i) // 2 blocks of 64 and a tail of 11
            values.push_back(awkward[static_cast<std::size_t>(i * 7) % awkward.size()] * (1.0 + 0.01 * (i % 5)));
        int checked = 0;
        for (DType dtype : {F32, F64})
            for (double alpha : {1.0, 0.5}) {
                const Tensor x = Tensor::vector(values, dtype);
                const Tensor y = elu(x, alpha);
                dispatchFloating(dtype, [&](auto tag) {
                    using T = decltype(tag);
                    TensorFlowFloatEnvironment environment;
                    const T a = static_cast<T>(alpha);
                    for (std::int64_t i = 0; i < x.size(); ++i) {
                        const T v = x.data<T>()[i];
                        const T want = v < T(0) ? a * (std::exp(v) - T(1)) : v;
                        QVERIFY2(std::memcmp(&want, &y.data<T>()[i], sizeof(T)) == 0, qPrintable(QString::number(i)));
                        ++checked;
                    }
                });
            }
        QCOMPARE(checked, 4 * 139);
    }

    /// transpose moves every element of every shape to its place, bits included (its kernel
    /// moves four-byte elements in 4 x 4 tiles and the rest one by one).
    void transposeMovesEveryElement()
    {
        int checked = 0;
        for (DType dtype : {F32, F64, DType::Int32, DType::Int64, DType::Bool})
            for (std::int64_t rows = 1; rows <= 9; ++rows)
                for (std::int64_t cols : {1, 2, 3, 4, 5, 7, 8, 9, 30}) {
                    Tensor x = Tensor::allocate(Shape::matrix(rows, cols), dtype);
                    dispatchAny(dtype, [&](auto tag) {
                        using T = decltype(tag);
                        T* p = x.mutableData<T>();
                        for (std::int64_t i = 0; i < x.size(); ++i) {
                            if constexpr (std::is_same_v<T, bool>) {
                                p[i] = (i * 7) % 3 == 0;
                            } else if constexpr (std::is_floating_point_v<T>) {
                                // distinct NaN payloads show that bits are moved, not computed
                                const T nan = std::numeric_limits<T>::quiet_NaN();
                                p[i] = i % 5 == 4 ? -nan : static_cast<T>(i) + T(0.25);
                            } else {
                                p[i] = static_cast<T>(i * 3 - 50);
                            }
                        }
                    });
                    const Tensor t = transpose(x);
                    QCOMPARE(t.shape(), Shape::matrix(cols, rows));
                    dispatchAny(dtype, [&](auto tag) {
                        using T = decltype(tag);
                        for (std::int64_t r = 0; r < rows; ++r)
                            for (std::int64_t c = 0; c < cols; ++c)
                                QVERIFY(std::memcmp(&t.data<T>()[c * rows + r], &x.data<T>()[r * cols + c], sizeof(T)) == 0);
                    });
                    ++checked;
                }
        QCOMPARE(checked, 5 * 9 * 9);
    }

    /// A float32 denormal computed outside the engine survives: TensorFlow's flush-to-zero applies
    /// inside kernels only, and the caller's floating-point environment is restored after each op.
    void callerFloatEnvironmentIsRestored()
    {
        const Tensor flushed = exp(s(-100, F32));
        QCOMPARE(flushed.item(), 0.0);
        volatile float tiny = std::numeric_limits<float>::min();
        volatile float half = tiny / 2.0f;
        QVERIFY(half != 0.0f);
        QCOMPARE(std::fpclassify(static_cast<float>(half)), FP_SUBNORMAL);
    }
};

QTEST_APPLESS_MAIN(TestOpGradients)
#include "tst_op_gradients.moc"
