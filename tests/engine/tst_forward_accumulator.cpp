// Forward mode (tf.autodiff.ForwardAccumulator): every op's Jacobian-vector product against the
// tape's Jacobian times the direction and against directional finite differences, the book's
// numbers, None where TensorFlow says None, and which rule pushed each tangent.
#include "support/FiniteDifference.h"
#include "support/OpGradientTable.h"

#include "engine/autodiff/CustomGradient.h"
#include "engine/autodiff/EventLog.h"
#include "engine/autodiff/ForwardAccumulator.h"
#include "engine/autodiff/GradientTape.h"
#include "engine/core/EngineError.h"
#include "engine/ops/Apply.h"
#include "engine/ops/OpRegistry.h"
#include "engine/ops/Ops.h"

#include <QStringList>
#include <QTest>

#include <cmath>

using namespace gs;
using namespace gs::testing;

namespace {

Tensor bookF(const Tensor& w1, const Tensor& w2) { return 3.0 * pow(w1, 2.0) + 2.0 * w1 * w2; }

/// A direction with no zeros and no pattern, so that a wrong input or element shows.
Tensor directionLike(const Tensor& x, std::size_t input)
{
    std::vector<double> values(static_cast<std::size_t>(x.size()));
    for (std::size_t k = 0; k < values.size(); ++k)
        values[k] = 0.3 + 0.7 * static_cast<double>((k * 5 + input * 3) % 7) / 7.0 * (k % 2 ? -1 : 1);
    return Tensor::fromValues(x.shape(), values, x.dtype());
}

/// J v from the tape: for each output element, its gradient (a one-hot output gradient) dotted
/// with the direction.
std::vector<double> tapeJvp(const OpDef& op, const std::vector<Tensor>& inputs, const Attrs& attrs,
                            const std::vector<std::optional<Tensor>>& direction)
{
    GradientTape tape(TapeOptions{true, true});
    std::vector<Source> sources;
    for (const Tensor& x : inputs) {
        tape.watch(x);
        sources.emplace_back(x);
    }
    const Tensor y = gs::apply(op, inputs, attrs);
    tape.stop();
    std::vector<double> jv(static_cast<std::size_t>(y.size()), 0.0);
    for (std::int64_t k = 0; k < y.size(); ++k) {
        std::vector<double> seed(static_cast<std::size_t>(y.size()), 0.0);
        seed[static_cast<std::size_t>(k)] = 1.0;
        GradientOptions options;
        options.outputGradient = Tensor::fromValues(y.shape(), seed, y.dtype());
        const auto grads = tape.gradient(y, sources, options);
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            if (!direction[i] || !grads[i])
                continue;
            const std::vector<double> g = grads[i]->toDoubles();
            const std::vector<double> v = direction[i]->toDoubles();
            for (std::size_t e = 0; e < g.size(); ++e)
                jv[static_cast<std::size_t>(k)] += g[e] * v[e];
        }
    }
    return jv;
}

/// (f(x + h v) - f(x - h v)) / 2h, element by element of the output.
std::vector<double> numericJvp(const OpDef& op, const std::vector<Tensor>& inputs, const Attrs& attrs,
                               const std::vector<std::optional<Tensor>>& direction, double relStep)
{
    double scale = 1.0;
    for (std::size_t i = 0; i < inputs.size(); ++i)
        if (direction[i])
            for (double x : inputs[i].toDoubles())
                scale = std::max(scale, std::abs(x));
    const double h = relStep * scale;
    auto stepped = [&](double sign) {
        std::vector<Tensor> in = inputs;
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            if (!direction[i])
                continue;
            std::vector<double> x = inputs[i].toDoubles();
            const std::vector<double> v = direction[i]->toDoubles();
            for (std::size_t e = 0; e < x.size(); ++e)
                x[e] += sign * h * v[e];
            in[i] = Tensor::fromValues(inputs[i].shape(), x, inputs[i].dtype());
        }
        return gs::apply(op, in, attrs).toDoubles();
    };
    const std::vector<double> plus = stepped(1.0), minus = stepped(-1.0);
    std::vector<double> jv(plus.size());
    for (std::size_t k = 0; k < jv.size(); ++k)
        jv[k] = (plus[k] - minus[k]) / (2 * h);
    return jv;
}

/// The accumulator's tangent of op(inputs) along `direction`, and the rule it used.
std::optional<Tensor> accumulatorJvp(const OpDef& op, const std::vector<Tensor>& inputs, const Attrs& attrs,
                                     const std::vector<std::optional<Tensor>>& direction, ForwardRule* rule = nullptr)
{
    ForwardAccumulator acc;
    for (std::size_t i = 0; i < inputs.size(); ++i)
        if (direction[i])
            acc.watch(inputs[i], *direction[i]);
    const Tensor y = gs::apply(op, inputs, attrs);
    acc.stop();
    const std::optional<Tensor> t = acc.jvp(y);
    if (rule && !acc.steps().empty())
        *rule = acc.steps().back().rule;
    return t;
}

std::vector<std::optional<Tensor>> directionFor(const OpCase& c)
{
    std::vector<std::optional<Tensor>> direction;
    for (std::size_t i = 0; i < c.inputs.size(); ++i)
        direction.push_back(isFloating(c.inputs[i].dtype()) ? std::optional<Tensor>(directionLike(c.inputs[i], i))
                                                            : std::nullopt);
    return direction;
}

bool anyDirection(const std::vector<std::optional<Tensor>>& d)
{
    return std::any_of(d.begin(), d.end(), [](const auto& t) { return t.has_value(); });
}

} // namespace

class TestForwardAccumulator : public QObject {
    Q_OBJECT

private slots:
    // --- The book's example --------------------------------------------------------------------

    void bookDirectionalDerivatives_data()
    {
        QTest::addColumn<double>("t1");
        QTest::addColumn<double>("t2");
        QTest::addColumn<double>("expected");
        QTest::newRow("along w1") << 1.0 << 0.0 << 36.0;
        QTest::newRow("along w2") << 0.0 << 1.0 << 10.0;
        QTest::newRow("along (1, 1)") << 1.0 << 1.0 << 46.0;
        QTest::newRow("along (2, -3)") << 2.0 << -3.0 << 42.0;
    }

    void bookDirectionalDerivatives()
    {
        QFETCH(double, t1);
        QFETCH(double, t2);
        QFETCH(double, expected);
        for (DType dtype : {DType::Float32, DType::Float64}) {
            const Variable w1 = Variable::scalar(5.0, dtype), w2 = Variable::scalar(3.0, dtype);
            ForwardAccumulator acc({w1.peek(), w2.peek()}, {Tensor::scalar(t1, dtype), Tensor::scalar(t2, dtype)});
            const Tensor f = bookF(w1, w2);
            const std::optional<Tensor> jvp = acc.jvp(f);
            QVERIFY(jvp.has_value());
            QCOMPARE(jvp->dtype(), dtype);
            QCOMPARE(jvp->item(), expected);
            QCOMPARE(f.item(), 105.0);
        }
    }

    void bookJvpEqualsTheTapesJacobianTimesTheDirection()
    {
        const Variable w1 = Variable::scalar(5.0, F64), w2 = Variable::scalar(3.0, F64);
        GradientTape tape;
        ForwardAccumulator acc({w1.peek(), w2.peek()}, {s(0.25), s(-1.5)});
        const Tensor f = bookF(w1, w2);
        tape.stop();
        const auto g = tape.gradient(f, {w1, w2});
        QCOMPARE(acc.jvp(f)->item(), g[0]->item() * 0.25 + g[1]->item() * -1.5);
    }

    void stepsRunInForwardOrderWithTheirRules()
    {
        const Variable w1 = Variable::scalar(5.0, F64), w2 = Variable::scalar(3.0, F64);
        ForwardAccumulator acc({w1.peek(), w2.peek()}, {s(1.0), s(0.0)});
        const Tensor f = bookF(w1, w2);
        const std::vector<ForwardStep>& steps = acc.steps();
        QStringList ops;
        for (const ForwardStep& step : steps)
            ops << QString::fromStdString(step.op + ":" + forwardRuleName(step.rule));
        // 3 * w1 ** 2 + 2 * w1 * w2: pow, three mul and the add last (C++ may evaluate the two
        // sides of + in either order).
        QCOMPARE(ops.back(), QStringLiteral("add:linear"));
        ops.sort();
        QCOMPARE(ops.join(' '), QStringLiteral("add:linear mul:product mul:product mul:product pow:double-vjp"));
        QCOMPARE(steps.back().tangent->item(), 36.0);
        for (const ForwardStep& step : steps)
            if (step.op == "pow") { // w1 ** 2: the exponent, a constant, has no tangent
                QCOMPARE(step.inputTangents.size(), std::size_t{2});
                QVERIFY(step.inputTangents[0].has_value());
                QVERIFY(!step.inputTangents[1].has_value());
            }
    }

    // --- None, as TensorFlow ----------------------------------------------------------------------

    void noneWhereTheValueDoesNotDependOnThePrimals()
    {
        const Tensor x = s(2.0), other = s(7.0);
        ForwardAccumulator acc({x}, {s(1.0)});
        const Tensor y = other * 3.0;
        const Tensor z = x * 2.0;
        QVERIFY(!acc.jvp(y).has_value());
        QCOMPARE(acc.jvp(y, UnconnectedGradients::Zero)->item(), 0.0);
        QCOMPARE(acc.jvp(z)->item(), 2.0);
        QCOMPARE(acc.jvp(x)->item(), 1.0); // a primal's tangent is its own
    }

    void stopGradientAndComparisonsCutTheTangent()
    {
        const Tensor x = s(2.0);
        ForwardAccumulator acc({x}, {s(1.0)});
        const Tensor cut = stop_gradient(x * x);
        const Tensor flag = greater(x, s(0.0));
        const Tensor rounded = round(x * 1.3);
        const Tensor mixed = x * x + stop_gradient(x * x);
        QVERIFY(!acc.jvp(cut).has_value());
        QVERIFY(!acc.jvp(flag).has_value());
        QVERIFY(!acc.jvp(rounded).has_value());
        QCOMPARE(acc.jvp(mixed)->item(), 4.0);
        bool sawCut = false;
        for (const ForwardStep& step : acc.steps())
            sawCut = sawCut || (step.op == "stop_gradient" && step.rule == ForwardRule::Cut && !step.tangent);
        QVERIFY(sawCut);
    }

    void aTangentMustMatchItsPrimal()
    {
        try {
            ForwardAccumulator acc({v({1.0, 2.0})}, {s(1.0)});
            QFAIL("a scalar tangent was accepted for a vector primal");
        } catch (const EngineError& e) {
            QVERIFY2(QString(e.what()).contains("shape (2,)"), e.what());
        }
        try {
            ForwardAccumulator acc({s(1.0, F32)}, {s(1.0, F64)});
            QFAIL("a float64 tangent was accepted for a float32 primal");
        } catch (const EngineError& e) {
            QVERIFY2(QString(e.what()).contains("float32"), e.what());
        }
    }

    // --- Composites, custom gradients, event logs ---------------------------------------------

    void compositesAndCustomGradients()
    {
        // norm is expanded into primitives; its JVP is x . v / |x|.
        const Tensor x = v({3.0, 4.0});
        ForwardAccumulator acc({x}, {v({1.0, 2.0})});
        QCOMPARE(acc.jvp(norm(x))->item(), (3.0 + 8.0) / 5.0);
        // A custom gradient's JVP follows its gradient function, not the forward computation.
        const Tensor z = s(2.0);
        ForwardAccumulator custom({z}, {s(3.0)});
        const Tensor y = customGradient(z, [](const Tensor& t) {
            std::function<Tensor(const Tensor&)> grad = [](const Tensor& g) { return g * 10.0; };
            return std::pair{t * t, grad};
        });
        QCOMPARE(custom.jvp(y)->item(), 30.0);
    }

    void anEventLogSeesNoneOfTheTangentsOps()
    {
        const Tensor x = s(0.5);
        EventLog log;
        ForwardAccumulator acc({x}, {s(1.0)});
        const Tensor y = exp(sin(x));
        const std::size_t before = log.events().size();
        QCOMPARE(acc.jvp(y)->item(), std::exp(std::sin(0.5)) * std::cos(0.5));
        QCOMPARE(log.events().size(), before);
    }

    // --- Every op: J v against the tape's Jacobian and finite differences ---------------------

    void jvpMatchesTheTapeAndFiniteDifferences_data()
    {
        QTest::addColumn<int>("index");
        // Ops with no floating input (argmax of ints, logical ops) have no direction to push.
        for (std::size_t i = 0; i < opCases().size(); ++i)
            if (anyDirection(directionFor(opCases()[i])))
                QTest::newRow(opCases()[i].tag.c_str()) << static_cast<int>(i);
    }

    void jvpMatchesTheTapeAndFiniteDifferences()
    {
        QFETCH(int, index);
        const OpCase& c = opCases().at(static_cast<std::size_t>(index));
        const OpDef& op = OpRegistry::instance().get(c.op);
        const std::vector<std::optional<Tensor>> direction = directionFor(c);
        const Tensor y = gs::apply(op, c.inputs, c.attrs);
        const std::optional<Tensor> jvp = accumulatorJvp(op, c.inputs, c.attrs, direction);
        if (c.expect == Expect::None || !isFloating(y.dtype())) {
            QVERIFY2(!jvp.has_value(), "expected None");
            return;
        }
        QVERIFY2(jvp.has_value(), "expected a tangent, got None");
        QCOMPARE(jvp->shape(), y.shape());
        QCOMPARE(jvp->dtype(), y.dtype());
        const std::vector<double> fromTape = tapeJvp(op, c.inputs, c.attrs, direction);
        std::string problem = compareValues(jvp->toDoubles(), fromTape, c.tolerance);
        QVERIFY2(problem.empty(), ("against the tape: " + problem).c_str());
        if (c.expect == Expect::Gradient) {
            const std::vector<double> numeric = numericJvp(op, c.inputs, c.attrs, direction, c.step.relStep);
            const Tolerance loose{c.tolerance.abs * 10, c.tolerance.rel * 10};
            problem = compareValues(jvp->toDoubles(), numeric, loose);
            QVERIFY2(problem.empty(), ("against finite differences: " + problem).c_str());
        }
    }

    /// The direct rules (linear and bilinear ops) give what the double VJP gives.
    void directRulesAgreeWithTheDoubleVjp_data()
    {
        QTest::addColumn<int>("index");
        for (std::size_t i = 0; i < opCases().size(); ++i) {
            const OpCase& c = opCases()[i];
            ForwardRule rule = ForwardRule::Cut;
            const auto direction = directionFor(c);
            if (c.expect == Expect::Gradient && anyDirection(direction) && !OpRegistry::instance().get(c.op).composite) {
                accumulatorJvp(OpRegistry::instance().get(c.op), c.inputs, c.attrs, direction, &rule);
                if (rule == ForwardRule::Linear || rule == ForwardRule::Product)
                    QTest::newRow(c.tag.c_str()) << static_cast<int>(i);
            }
        }
    }

    void directRulesAgreeWithTheDoubleVjp()
    {
        QFETCH(int, index);
        const OpCase& c = opCases().at(static_cast<std::size_t>(index));
        const auto direction = directionFor(c);
        const OpDef& op = OpRegistry::instance().get(c.op);
        // Half the inputs without a tangent, too: zeros stand in for them.
        for (std::size_t drop = 0; drop <= c.inputs.size(); ++drop) {
            std::vector<std::optional<Tensor>> d = direction;
            if (drop < d.size() && d.size() > 1)
                d[drop].reset();
            if (!anyDirection(d))
                continue;
            const Tensor y = gs::apply(op, c.inputs, c.attrs);
            ForwardRule rule = ForwardRule::Cut;
            const std::optional<Tensor> direct = pushTangent(op, c.inputs, y, c.attrs, d, nullptr, &rule);
            QVERIFY(rule == ForwardRule::Linear || rule == ForwardRule::Product);
            QVERIFY(direct.has_value());
            QCOMPARE(direct->shape(), y.shape());
            const std::vector<double> fromTape = tapeJvp(op, c.inputs, c.attrs, d);
            const std::string problem = compareValues(direct->toDoubles(), fromTape, Tolerance{1e-12, 1e-12});
            QVERIFY2(problem.empty(), problem.c_str());
        }
    }
};

QTEST_APPLESS_MAIN(TestForwardAccumulator)
#include "tst_forward_accumulator.moc"
