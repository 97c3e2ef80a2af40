// GradientTape semantics against the book's numbers and TensorFlow's behaviour.
#include "engine/autodiff/CustomGradient.h"
#include "engine/autodiff/EventLog.h"
#include "engine/autodiff/GradientTape.h"
#include "engine/core/EngineError.h"
#include "engine/ops/Ops.h"

#include <QTest>

#include <cmath>

using namespace gs;

namespace {

/// The book's running example: f(w1, w2) = 3 * w1 ** 2 + 2 * w1 * w2.
Tensor bookF(const Tensor& w1, const Tensor& w2) { return 3.0 * pow(w1, 2.0) + 2.0 * w1 * w2; }

double value(const std::optional<Tensor>& t)
{
    if (!t)
        throw std::runtime_error("expected a gradient, got None");
    return t->item();
}

Tensor myBetterSoftplus(const Tensor& z)
{
    return customGradient(z, [](const Tensor& x) {
        const Tensor e = exp(x);
        std::function<Tensor(const Tensor&)> grad = [e](const Tensor& g) { return g / (1.0 + 1.0 / e); };
        return std::pair{log(e + 1.0), grad};
    });
}

bool isNaN(const std::optional<Tensor>& t) { return t && std::isnan(t->item()); }

} // namespace

class TestGradientTape : public QObject {
    Q_OBJECT

private slots:
    void bookGradients()
    {
        const Variable w1 = Variable::scalar(5.0), w2 = Variable::scalar(3.0);
        GradientTape tape;
        const Tensor z = bookF(w1, w2);
        tape.stop();
        const auto g = tape.gradient(z, {w1, w2});
        QCOMPARE(z.item(), 105.0);
        QCOMPARE(value(g[0]), 36.0);
        QCOMPARE(value(g[1]), 10.0);
        QCOMPARE(g[0]->dtype(), DType::Float32);
    }

    void aRepeatedSourceGetsItsGradientEachTime()
    {
        // tape.gradient(z, [w1, w2, w1]) answers [36, 10, 36] in TensorFlow.
        const Variable w1 = Variable::scalar(5.0), w2 = Variable::scalar(3.0);
        GradientTape tape;
        const Tensor z = bookF(w1, w2);
        tape.stop();
        const auto g = tape.gradient(z, {w1, w2, w1});
        QCOMPARE(g.size(), std::size_t(3));
        QCOMPARE(value(g[0]), 36.0);
        QCOMPARE(value(g[1]), 10.0);
        QCOMPARE(value(g[2]), 36.0);
    }

    void nonPersistentTapeAllowsOneCall()
    {
        const Variable w1 = Variable::scalar(5.0), w2 = Variable::scalar(3.0);
        GradientTape tape;
        const Tensor z = bookF(w1, w2);
        tape.gradient(z, {w1});
        try {
            tape.gradient(z, {w2});
            QFAIL("a second gradient() on a non-persistent tape must throw");
        } catch (const EngineError& e) {
            QVERIFY(QString(e.what()).contains("non-persistent"));
        }
    }

    void persistentTapeAllowsMany()
    {
        const Variable w1 = Variable::scalar(5.0), w2 = Variable::scalar(3.0);
        GradientTape tape(TapeOptions{true, true});
        const Tensor z = bookF(w1, w2);
        tape.stop();
        QCOMPARE(value(tape.gradient(z, w1)), 36.0);
        QCOMPARE(value(tape.gradient(z, w2)), 10.0);
        QCOMPARE(value(tape.gradient(z, w1)), 36.0);
    }

    void constantsAreNotWatchedUnlessAsked()
    {
        const Tensor c1 = Tensor::scalar(5.0), c2 = Tensor::scalar(3.0);
        {
            GradientTape tape;
            const Tensor z = bookF(c1, c2);
            const auto g = tape.gradient(z, {c1, c2});
            QVERIFY(!g[0] && !g[1]);
        }
        GradientTape tape;
        tape.watch(c1);
        tape.watch(c2);
        const Tensor z = bookF(c1, c2);
        const auto g = tape.gradient(z, {c1, c2});
        QCOMPARE(value(g[0]), 36.0);
        QCOMPARE(value(g[1]), 10.0);
    }

    void watchAccessedVariablesFalse()
    {
        const Variable w1 = Variable::scalar(5.0), w2 = Variable::scalar(3.0);
        TapeOptions options;
        options.watchAccessedVariables = false;
        GradientTape tape(options);
        tape.watch(w1);
        const Tensor z = bookF(w1, w2);
        const auto g = tape.gradient(z, {w1, w2});
        QCOMPARE(value(g[0]), 36.0);
        QVERIFY(!g[1]);
    }

    void nonTrainableVariableIsNotWatched()
    {
        const Variable w1 = Variable::scalar(5.0);
        const Variable frozen(Tensor::scalar(3.0), false);
        GradientTape tape;
        const Tensor z = bookF(w1, frozen);
        const auto g = tape.gradient(z, {w1, frozen});
        QCOMPARE(value(g[0]), 36.0);
        QVERIFY(!g[1]);
    }

    void unconnectedGradients()
    {
        const Variable w1 = Variable::scalar(5.0), w3 = Variable::scalar(7.0);
        GradientTape tape(TapeOptions{true, true});
        const Tensor z = 2.0 * w1;
        QVERIFY(!tape.gradient(z, w3));
        GradientOptions zeros;
        zeros.unconnected = UnconnectedGradients::Zero;
        const auto zero = tape.gradient(z, w3, zeros);
        QVERIFY(zero.has_value());
        QCOMPARE(zero->item(), 0.0);
    }

    void stopGradientGivesNone()
    {
        const Variable w1 = Variable::scalar(5.0), w2 = Variable::scalar(3.0);
        GradientTape tape;
        const Tensor z = 3.0 * pow(w1, 2.0) + stop_gradient(2.0 * w1 * w2);
        const auto g = tape.gradient(z, {w1, w2});
        QCOMPARE(z.item(), 105.0); // same value as without stop_gradient
        QCOMPARE(value(g[0]), 30.0);
        QVERIFY(!g[1]);
    }

    void vectorTargetMeansGradientOfSum()
    {
        const Variable w1 = Variable::scalar(5.0), w2 = Variable::scalar(3.0);
        GradientTape tape;
        const Tensor z = stack({w1 + w2, w1 * w2, w1 / w2});
        const auto g = tape.gradient(z, {w1, w2});
        // d/dw1 = 1 + w2 + 1/w2; d/dw2 = 1 + w1 - w1/w2^2
        QVERIFY(std::abs(value(g[0]) - (1.0 + 3.0 + 1.0 / 3.0)) < 1e-6);
        QVERIFY(std::abs(value(g[1]) - (1.0 + 5.0 - 5.0 / 9.0)) < 1e-5);
    }

    void fanOutSumsContributions()
    {
        const Variable x = Variable::scalar(3.0);
        GradientTape tape;
        const Tensor y = x * x * x; // x used three times
        QCOMPARE(value(tape.gradient(y, x)), 27.0);
    }

    void gradientWithRespectToIntermediate()
    {
        const Variable x = Variable::scalar(3.0);
        GradientTape tape;
        const Tensor h = x * x;
        const Tensor y = 2.0 * h + h;
        const auto g = tape.gradient(y, {h, x});
        QCOMPARE(value(g[0]), 3.0);
        QCOMPARE(value(g[1]), 18.0);
    }

    void hessianOfBookFunction()
    {
        const Variable w1 = Variable::scalar(5.0), w2 = Variable::scalar(3.0);
        GradientTape outer(TapeOptions{true, true});
        std::vector<std::optional<Tensor>> jacobians;
        {
            GradientTape inner;
            const Tensor z = bookF(w1, w2);
            inner.stop();
            jacobians = inner.gradient(z, {w1, w2});
        }
        outer.stop();
        QCOMPARE(value(jacobians[0]), 36.0);
        QCOMPARE(value(jacobians[1]), 10.0);
        const auto h0 = outer.gradient(*jacobians[0], {w1, w2});
        const auto h1 = outer.gradient(*jacobians[1], {w1, w2});
        QCOMPARE(value(h0[0]), 6.0);
        QCOMPARE(value(h0[1]), 2.0);
        QCOMPARE(value(h1[0]), 2.0);
        QVERIFY(!h1[1]); // the book's None
    }

    void jacobianOfVectorTarget()
    {
        const Variable x(Tensor::vector({1.0, 2.0, 3.0}, DType::Float64));
        GradientTape tape;
        const Tensor y = stack({reduce_sum(x * x), reduce_sum(x) * 2.0});
        const auto j = tape.jacobian(y, x);
        QVERIFY(j.has_value());
        QCOMPARE(j->shape(), Shape::matrix(2, 3));
        const std::vector<double> expected{2, 4, 6, 2, 2, 2};
        QCOMPARE(j->toDoubles(), expected);
    }

    void jacobianOfScalarSourceAndUnconnected()
    {
        const Variable x = Variable::scalar(2.0, DType::Float64);
        const Variable other = Variable::scalar(1.0, DType::Float64);
        GradientTape tape(TapeOptions{true, true});
        const Tensor y = stack({x * x, x * x * x});
        const auto j = tape.jacobian(y, x);
        QCOMPARE(j->toDoubles(), (std::vector<double>{4.0, 12.0}));
        QVERIFY(!tape.jacobian(y, other));
    }

    void hessianRosenbrock()
    {
        // f = (1 - x)^2 + 100 (y - x^2)^2 at (1, 1): gradient 0, Hessian [[802, -400], [-400, 200]]
        const Variable v(Tensor::vector({1.0, 1.0}, DType::Float64));
        GradientTape outer;
        std::optional<Tensor> grad;
        {
            GradientTape inner;
            const Tensor x = slice(v, {0}, {1});
            const Tensor y = slice(v, {1}, {1});
            const Tensor f = reduce_sum(square(1.0 - x) + 100.0 * square(y - x * x));
            inner.stop();
            grad = inner.gradient(f, v);
        }
        const auto h = outer.jacobian(*grad, v);
        QCOMPARE(grad->toDoubles(), (std::vector<double>{0.0, 0.0}));
        QCOMPARE(h->toDoubles(), (std::vector<double>{802.0, -400.0, -400.0, 200.0}));
    }

    void hessianMixedFunction()
    {
        // f = x*y*z + sin(x)*exp(y)
        const double x0 = 0.5, y0 = -0.3, z0 = 2.0;
        const Variable v(Tensor::vector({x0, y0, z0}, DType::Float64));
        GradientTape outer;
        std::optional<Tensor> grad;
        {
            GradientTape inner;
            const Tensor x = reshape(slice(v, {0}, {1}), {});
            const Tensor y = reshape(slice(v, {1}, {1}), {});
            const Tensor z = reshape(slice(v, {2}, {1}), {});
            const Tensor f = x * y * z + sin(x) * exp(y);
            inner.stop();
            grad = inner.gradient(f, v);
        }
        const auto h = outer.jacobian(*grad, v);
        const double sx = std::sin(x0), cx = std::cos(x0), ey = std::exp(y0);
        const std::vector<double> expected{-sx * ey, z0 + cx * ey, y0, z0 + cx * ey, sx * ey, x0, y0, x0, 0.0};
        const auto got = h->toDoubles();
        for (std::size_t i = 0; i < expected.size(); ++i)
            QVERIFY2(std::abs(got[i] - expected[i]) < 1e-12, qPrintable(QString::number(i)));
    }

    void softplusTable_data()
    {
        QTest::addColumn<double>("x");
        QTest::addColumn<bool>("naiveGradIsNaN");
        // x = 89: exp(89) overflows float32 (max ~3.4e38 = exp(88.72)).
        for (double x : {-100.0, -20.0, 0.0, 1.0, 20.0, 88.0, 89.0, 100.0, 1000.0})
            QTest::newRow(qPrintable(QString::number(x))) << x << (x >= 89.0);
    }

    void softplusTable()
    {
        QFETCH(double, x);
        QFETCH(bool, naiveGradIsNaN);
        const Variable v(Tensor::vector({x}));
        GradientTape tape(TapeOptions{true, true});
        const Tensor naive = log(exp(v) + 1.0);
        const Tensor better = myBetterSoftplus(v);
        const Tensor builtin = softplus(v);
        tape.stop();
        const auto gNaive = tape.gradient(naive, v);
        const auto gBetter = tape.gradient(better, v);
        const auto gBuiltin = tape.gradient(builtin, v);

        // Reference in float64, rounded to float32 as TensorFlow's float32 kernels would give.
        const double sig = 1.0 / (1.0 + std::exp(-x));
        QCOMPARE(isNaN(gNaive), naiveGradIsNaN);
        QVERIFY(!isNaN(gBetter));
        QVERIFY(!isNaN(gBuiltin));
        if (x >= 89.0) {
            QVERIFY(std::isinf(naive.item()));
            QVERIFY(std::isinf(better.item())); // the value still overflows, as the book warns
            QCOMPARE(builtin.item(), static_cast<double>(static_cast<float>(x)));
            QCOMPARE(gBetter->item(), 1.0);
            QCOMPARE(gBuiltin->item(), 1.0);
        } else if (x == -100.0) {
            // TensorFlow flushes denormals: exp(-100) is 0 in float32, so everything is 0.
            QCOMPARE(naive.item(), 0.0);
            QCOMPARE(builtin.item(), 0.0);
            QCOMPARE(gNaive->item(), 0.0);
            QCOMPARE(gBuiltin->item(), 0.0);
        } else {
            QVERIFY(std::abs(gBetter->item() - sig) <= 1e-7 * std::max(1.0, sig) + 1e-12);
            QVERIFY(std::abs(gBuiltin->item() - sig) <= 1e-7 * std::max(1.0, sig) + 1e-12);
            QVERIFY(std::abs(builtin.item() - std::log1p(std::exp(x))) <= 1e-6 * std::max(1.0, std::abs(x)));
        }
    }

    void float64SurvivesLonger()
    {
        const Variable v(Tensor::vector({100.0}, DType::Float64));
        GradientTape tape;
        const Tensor naive = log(exp(v) + 1.0);
        const auto g = tape.gradient(naive, v);
        QCOMPARE(naive.item(), 100.0);
        QCOMPARE(g->item(), 1.0);
    }

    void customGradientSecondDerivative()
    {
        // d/dx of the custom gradient dy / (1 + 1/exp(x)) is recorded by an outer tape through
        // the gradient function's own ops, but the captured exp(x) is a constant to it, as in TF.
        const Variable x = Variable::scalar(0.0, DType::Float64);
        GradientTape outer;
        std::optional<Tensor> g;
        {
            GradientTape inner;
            const Tensor y = myBetterSoftplus(x);
            inner.stop();
            g = inner.gradient(y, x);
        }
        QCOMPARE(g->item(), 0.5);
        QVERIFY(!outer.gradient(*g, x)); // no path: exp(x) was computed with tapes paused
    }

    void customGradientWrongShapeIsAnError()
    {
        const Variable x(Tensor::vector({1.0, 2.0}));
        GradientTape tape;
        const Tensor y = customGradient(Tensor(x), [](const Tensor& v) {
            std::function<Tensor(const Tensor&)> grad = [](const Tensor&) { return Tensor::scalar(1.0); };
            return std::pair{v * 2.0, grad};
        });
        try {
            tape.gradient(y, x);
            QFAIL("expected an EngineError");
        } catch (const EngineError& e) {
            QVERIFY(QString(e.what()).contains("shape"));
        }
    }

    void eventLogRecordsNaNBirth()
    {
        const Variable x(Tensor::vector({100.0}));
        EventLog log;
        GradientTape tape;
        const Tensor z = log1p(exp(x)) * 0.0 + gs::log(exp(x) + 1.0);
        tape.stop();
        tape.gradient(z, x);
        log.stop();
        int forwardBirths = 0, backwardBirths = 0;
        QString backwardReason;
        for (const Event& e : log.events()) {
            if (e.nonfinite.empty())
                continue;
            if (e.kind == Event::Kind::Forward) {
                ++forwardBirths;
                QVERIFY2(e.op == "exp" || e.op == "mul", e.op.c_str());
            } else {
                ++backwardBirths;
                backwardReason = QString::fromStdString(e.nonfinite);
            }
        }
        // exp(100) = inf (twice), then inf * 0 = NaN in the forward pass
        QCOMPARE(forwardBirths, 3);
        QVERIFY(backwardBirths >= 1);
        QVERIFY2(backwardReason.contains("exp") || backwardReason.contains("mul"), qPrintable(backwardReason));
    }

    void eventLogBackwardSteps()
    {
        const Variable w1 = Variable::scalar(5.0), w2 = Variable::scalar(3.0);
        EventLog log;
        GradientTape tape;
        const Tensor z = 3.0 * pow(w1, 2.0) + stop_gradient(2.0 * w1 * w2);
        tape.stop();
        tape.gradient(z, {w1, w2});
        log.stop();
        int forward = 0, backward = 0, cuts = 0, sums = 0;
        for (const Event& e : log.events()) {
            switch (e.kind) {
            case Event::Kind::Forward: ++forward; break;
            case Event::Kind::Backward: ++backward; break;
            case Event::Kind::Cut: ++cuts; QCOMPARE(e.op, std::string("stop_gradient")); break;
            case Event::Kind::Sum: ++sums; break;
            }
        }
        QCOMPARE(forward, 6); // pow, mul, mul, mul, stop_gradient, add
        QCOMPARE(cuts, 1);
        QCOMPARE(backward, 3); // add, mul (3 * .), pow
        QCOMPARE(sums, 0);
        // The pow step: upstream 3, local derivative 2 * w1 = 10, contribution 30.
        const auto pow = std::find_if(log.events().begin(), log.events().end(),
                                      [](const Event& e) { return e.kind == Event::Kind::Backward && e.op == "pow"; });
        QVERIFY(pow != log.events().end());
        QCOMPARE(pow->upstream.item(), 3.0);
        QCOMPARE(pow->local[0]->item(), 10.0);
        QCOMPARE(pow->contributions[0]->item(), 30.0);
    }

    void eventLogSumsFanOut()
    {
        const Variable x = Variable::scalar(3.0);
        EventLog log;
        GradientTape tape;
        const Tensor y = sin(x) + x * 2.0;
        tape.gradient(y, x);
        log.stop();
        const auto sum = std::find_if(log.events().begin(), log.events().end(),
                                      [](const Event& e) { return e.kind == Event::Kind::Sum; });
        QVERIFY(sum != log.events().end());
        QCOMPARE(sum->outputId, x.id());
        QCOMPARE(sum->contributions.size(), std::size_t{2});
    }

    void adjointsOfIntermediates()
    {
        const Variable w1 = Variable::scalar(5.0), w2 = Variable::scalar(3.0);
        GradientTape tape;
        const Tensor a = w1 * w2;
        const Tensor z = a * a;
        std::unordered_map<TensorId, Tensor> adjoints;
        GradientOptions options;
        options.adjoints = &adjoints;
        tape.gradient(z, {w1, w2}, options);
        QCOMPARE(adjoints.at(a.id()).item(), 30.0);
        QCOMPARE(adjoints.at(z.id()).item(), 1.0);
        QCOMPARE(adjoints.at(w1.id()).item(), 90.0);
    }

    void variableAssignKeepsIdentity()
    {
        Variable w = Variable::scalar(1.0);
        w.assign(Tensor::scalar(4.0));
        GradientTape tape;
        const Tensor y = w * w;
        QCOMPARE(value(tape.gradient(y, w)), 8.0);
        w.assign_sub(Tensor::scalar(1.0));
        QCOMPARE(w.peek().item(), 3.0);
    }
};

QTEST_APPLESS_MAIN(TestGradientTape)
#include "tst_gradient_tape.moc"
