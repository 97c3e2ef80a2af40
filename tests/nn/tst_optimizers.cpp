// Every optimizer against Keras 3's formulas: an independent float32 replay of each update rule
// in Keras's operation order (bit-exact), Keras's own golden values from its test suite, and the
// examples of its documentation.
#include "engine/autodiff/GradientTape.h"
#include "engine/core/EngineError.h"
#include "engine/nn/Optimizers.h"
#include "engine/ops/Ops.h"

#include <QTest>

#include <bit>
#include <cmath>
#include <functional>

using namespace gs;
using namespace gs::nn;

namespace {

/// An optimizer configured by `configure(options)` (designated initializers would warn with
/// -Wmissing-field-initializers on GCC 12).
template <class O, class F> O make(F&& configure)
{
    typename O::Options options;
    configure(options);
    return O(options);
}

/// One step of a reference rule: (w, g, t) -> new w, t = iterations + 1, state kept by the lambda.
using Reference = std::function<float(float w, float g, int t)>;

/// Minimises (w - 3)^2 from w = 0 for `steps` steps with `optimizer` (gradients from a tape) and
/// with `reference`, and requires the same float after every step, bit for bit.
void compareOnScalarProblem(Optimizer& optimizer, Reference reference, int steps = 3)
{
    Variable w = Variable::scalar(0.0, DType::Float32, "w");
    float expected = 0.0f;
    for (int t = 1; t <= steps; ++t) {
        GradientTape tape;
        const Tensor loss = square(w - 3.0);
        tape.stop();
        const auto g = tape.gradient(loss, std::vector<Source>{w});
        optimizer.applyGradients(g, {w});
        const float gradient = 2.0f * (expected - 3.0f);
        expected = reference(expected, gradient, t);
        const auto actual = static_cast<float>(w.peek().item());
        QVERIFY2(std::bit_cast<std::uint32_t>(actual) == std::bit_cast<std::uint32_t>(expected),
                 qPrintable(QString("step %1: got %2, expected %3")
                                .arg(t)
                                .arg(static_cast<double>(actual), 0, 'g', 9)
                                .arg(static_cast<double>(expected), 0, 'g', 9)));
    }
    QCOMPARE(optimizer.iterations(), std::int64_t{steps});
}

/// Keras's golden test: x = ones(10); one step with gradients 0.01, then five with
/// arange(0.1, 1.1, 0.1), checking x against golden[i] before each of those five (atol 5e-4).
void compareWithGolden(Optimizer& optimizer, const std::vector<std::vector<double>>& golden)
{
    Variable x(Tensor::ones(Shape::vector(10)), true, "x");
    optimizer.applyGradients({Tensor::full(Shape::vector(10), 0.01)}, {x});
    std::vector<double> ramp;
    for (int i = 1; i <= 10; ++i)
        ramp.push_back(0.1 * i);
    for (const auto& row : golden) {
        for (int i = 0; i < 10; ++i) {
            const double expected = row.size() == 1 ? row[0] : row[static_cast<std::size_t>(i)];
            QVERIFY2(std::abs(x.peek().at(i) - expected) <= 5e-4 + 5e-4 * std::abs(expected),
                     qPrintable(QString("element %1: %2 vs golden %3")
                                    .arg(i)
                                    .arg(x.peek().at(i))
                                    .arg(expected)));
        }
        optimizer.applyGradients({Tensor::vector(ramp)}, {x});
    }
}

/// Keras's single-step test: var [1, 2, 3, 4], gradients [1, 6, 7, 2], one update.
void compareSingleStep(Optimizer& optimizer, const std::vector<double>& expected)
{
    Variable v(Tensor::vector({1, 2, 3, 4}), true, "v");
    optimizer.applyGradients({Tensor::vector({1, 6, 7, 2})}, {v});
    for (int i = 0; i < 4; ++i)
        QVERIFY2(std::abs(v.peek().at(i) - expected[static_cast<std::size_t>(i)])
                     <= 1e-4 + 1e-4 * std::abs(expected[static_cast<std::size_t>(i)]),
                 qPrintable(QString("element %1: %2 vs %3")
                                .arg(i)
                                .arg(v.peek().at(i))
                                .arg(expected[static_cast<std::size_t>(i)])));
}

} // namespace

class TestOptimizers : public QObject {
    Q_OBJECT

private slots:
    void sgd()
    {
        SGD optimizer = make<SGD>([](auto& o) { o.learningRate = 0.1; });
        const float lr = 0.1f;
        compareOnScalarProblem(optimizer, [=](float w, float g, int) { return w - g * lr; });
        QVERIFY(optimizer.slotNames().empty());
    }

    void sgdMomentum()
    {
        SGD optimizer = make<SGD>([](auto& o) {
            o.learningRate = 0.1;
            o.momentum = 0.9;
        });
        float m = 0.0f;
        const float lr = 0.1f, momentum = 0.9f;
        compareOnScalarProblem(optimizer, [&](float w, float g, int) {
            m = m * momentum - g * lr;
            return w + m;
        });
        QCOMPARE(optimizer.slot(optimizer.variables()[0], "momentum")->item(),
                 static_cast<double>(m));
    }

    void sgdNesterov()
    {
        SGD optimizer = make<SGD>([](auto& o) {
            o.learningRate = 0.1;
            o.momentum = 0.9;
            o.nesterov = true;
        });
        float m = 0.0f;
        const float lr = 0.1f, momentum = 0.9f;
        compareOnScalarProblem(optimizer, [&](float w, float g, int) {
            m = m * momentum - g * lr;
            return w + (m * momentum - g * lr);
        });
    }

    void adagrad()
    {
        Adagrad optimizer = make<Adagrad>([](auto& o) { o.learningRate = 0.1; });
        float accumulator = 0.1f;
        const float lr = 0.1f, epsilon = 1e-7f;
        compareOnScalarProblem(optimizer, [&](float w, float g, int) {
            accumulator = accumulator + g * g;
            return w - (lr * g) / std::sqrt(accumulator + epsilon);
        });
        QCOMPARE(optimizer.slotNames(), std::vector<std::string>{"accumulator"});
    }

    void rmsprop()
    {
        RMSprop optimizer = make<RMSprop>([](auto& o) { o.learningRate = 0.1; });
        float velocity = 0.0f;
        // rho = 0.9 meets tensors as float32(0.9); 1 - rho is computed in double first.
        const float lr = 0.1f, rho = 0.9f, oneMinusRho = static_cast<float>(1.0 - 0.9),
                    epsilon = 1e-7f;
        compareOnScalarProblem(optimizer, [&](float w, float g, int) {
            velocity = rho * velocity + oneMinusRho * (g * g);
            return w - (lr * g) / std::sqrt(velocity + epsilon);
        });
    }

    void rmspropMomentumCentered()
    {
        RMSprop optimizer = make<RMSprop>([](auto& o) {
            o.learningRate = 0.1;
            o.momentum = 0.5;
            o.centered = true;
        });
        float velocity = 0.0f, momentum = 0.0f, average = 0.0f;
        const float lr = 0.1f, rho = 0.9f, oneMinusRho = static_cast<float>(1.0 - 0.9),
                    epsilon = 1e-7f;
        compareOnScalarProblem(optimizer, [&](float w, float g, int) {
            velocity = rho * velocity + oneMinusRho * (g * g);
            average = rho * average + oneMinusRho * g;
            const float increment = (lr * g) / std::sqrt(velocity - average * average + epsilon);
            momentum = 0.5f * momentum + increment;
            return w - momentum;
        });
        QCOMPARE(optimizer.slotNames(),
                 (std::vector<std::string>{"velocity", "momentum", "average_gradient"}));
    }

    void adam()
    {
        Adam optimizer = make<Adam>([](auto& o) { o.learningRate = 0.1; });
        float m = 0.0f, v = 0.0f;
        const float lr = 0.1f, epsilon = 1e-7f;
        compareOnScalarProblem(optimizer, [&](float w, float g, int t) {
            const float beta1Power = std::pow(0.9f, static_cast<float>(t));
            const float beta2Power = std::pow(0.999f, static_cast<float>(t));
            const float alpha = lr * std::sqrt(1.0f - beta2Power) / (1.0f - beta1Power);
            m = m + (g - m) * static_cast<float>(1.0 - 0.9);
            v = v + (g * g - v) * static_cast<float>(1.0 - 0.999);
            return w - (m * alpha) / (std::sqrt(v) + epsilon);
        });
        QCOMPARE(optimizer.slotNames(), (std::vector<std::string>{"momentum", "velocity"}));
        QCOMPARE(optimizer.slot(optimizer.variables()[0], "momentum")->item(),
                 static_cast<double>(m));
        QCOMPARE(optimizer.slot(optimizer.variables()[0], "velocity")->item(),
                 static_cast<double>(v));
    }

    void nadam()
    {
        Nadam optimizer = make<Nadam>([](auto& o) { o.learningRate = 0.1; });
        float m = 0.0f, v = 0.0f, product = 1.0f;
        const float lr = 0.1f, beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-7f;
        compareOnScalarProblem(
            optimizer,
            [&](float w, float g, int t) {
                const auto step = static_cast<float>(t), next = static_cast<float>(t + 1);
                product = product * beta1 * (1.0f - 0.5f * std::pow(0.96f, step));
                const float u = beta1 * (1.0f - 0.5f * std::pow(0.96f, step));
                const float u1 = beta1 * (1.0f - 0.5f * std::pow(0.96f, next));
                const float product1 = product * u1;
                m = m + (g - m) * (1.0f - beta1);
                v = v + (g * g - v) * (1.0f - beta2);
                const float mHat =
                    (u1 * m) / (1.0f - product1) + ((1.0f - u) * g) / (1.0f - product);
                const float vHat = v / (1.0f - std::pow(beta2, step));
                return w - (mHat * lr) / (std::sqrt(vHat) + epsilon);
            },
            5);
        QCOMPARE(optimizer.scalarState().at(0).first, std::string("u_product"));
        QCOMPARE(optimizer.scalarState().at(0).second, static_cast<double>(product));
    }

    void nadamLegacy()
    {
        Nadam optimizer = make<Nadam>([](auto& o) {
            o.learningRate = 0.1;
            o.legacy = true;
        });
        float m = 0.0f, v = 0.0f, cache = 1.0f;
        const float lr = 0.1f, beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-7f;
        compareOnScalarProblem(
            optimizer,
            [&](float w, float g, int t) {
                const auto step = static_cast<float>(t), next = static_cast<float>(t + 1);
                const float u = beta1 * (1.0f - 0.5f * std::pow(0.96f, 0.004f * step));
                const float u1 = beta1 * (1.0f - 0.5f * std::pow(0.96f, 0.004f * next));
                cache = cache * u;
                const float cacheNext = cache * u1;
                const float gPrime = g / (1.0f - cache);
                m = beta1 * m + (1.0f - beta1) * g;
                const float mPrime = m / (1.0f - cacheNext);
                v = beta2 * v + (1.0f - beta2) * (g * g);
                const float vPrime = v / (1.0f - std::pow(beta2, step));
                const float mBar = (1.0f - u) * gPrime + u1 * mPrime;
                return w - lr * mBar / (std::sqrt(vPrime) + epsilon);
            },
            5);
    }

    void clipnormScalesEachGradientByItsOwnNorm()
    {
        SGD optimizer = make<SGD>([](auto& o) {
            o.learningRate = 1.0;
            o.clipping.clipnorm = 1.0;
        });
        const Tensor clipped = optimizer.clip(Tensor::vector({100.0, 100.0}));
        QCOMPARE(clipped.at(0), static_cast<double>((100.0f * 1.0f) / std::sqrt(20000.0f)));
        QVERIFY(std::abs(clipped.at(1) - std::sqrt(0.5)) < 1e-7);
        // A gradient inside the ball keeps its direction and length (up to g * c / c rounding).
        QCOMPARE(optimizer.clip(Tensor::vector({0.3, 0.4})).at(0), static_cast<double>(0.3f));
        // Each gradient by its own norm: the small one is not scaled down by the big one.
        Variable a(Tensor::vector({0.0, 0.0}), true, "a"), b(Tensor::scalar(0.0), true, "b");
        optimizer.applyGradients({Tensor::vector({30.0, 40.0}), Tensor::scalar(0.5)}, {a, b});
        QCOMPARE(a.peek().at(0), -static_cast<double>((30.0f * 1.0f) / 50.0f));
        QCOMPARE(b.peek().item(), -0.5);
    }

    void clipvalueClipsElementWise()
    {
        Adam optimizer = make<Adam>([](auto& o) { o.clipping.clipvalue = 1.0; });
        const Tensor clipped = optimizer.clip(Tensor::vector({100.0, -100.0, 0.25}));
        QCOMPARE(clipped.toDoubles(), (std::vector<double>{1.0, -1.0, 0.25}));
    }

    void clipOptionsAreExclusive()
    {
        QVERIFY_THROWS_EXCEPTION(EngineError, make<SGD>([](auto& o) {
                                     o.clipping.clipnorm = 1.0;
                                     o.clipping.clipvalue = 1.0;
                                 }));
    }

    void kerasGoldenValues()
    {
        {
            SGD sgd = make<SGD>([](auto& o) { o.nesterov = true; });
            compareWithGolden(
                sgd,
                {{0.9999},
                 {0.9989, 0.9979, 0.9969, 0.9959, 0.9949, 0.9939, 0.9929, 0.9919, 0.9909, 0.9899},
                 {0.9979, 0.9959, 0.9939, 0.9919, 0.9899, 0.9879, 0.9859, 0.9839, 0.9819, 0.9799},
                 {0.9969, 0.9939, 0.9909, 0.9879, 0.9849, 0.9819, 0.9789, 0.9759, 0.9729, 0.9699},
                 {0.9959, 0.9919, 0.9879, 0.9839, 0.9799, 0.9759, 0.9719, 0.9679, 0.9639, 0.9599}});
        }
        {
            Adam adam = make<Adam>([](auto& o) { o.amsgrad = true; });
            compareWithGolden(adam, {{0.999}, {0.9982}, {0.9974}, {0.9965}, {0.9955}});
        }
        {
            RMSprop rmsprop = make<RMSprop>([](auto& o) { o.centered = true; });
            compareWithGolden(rmsprop, {{0.9967}, {0.9933}, {0.9908}, {0.9885}, {0.9864}});
        }
        {
            Adagrad adagrad = make<Adagrad>([](auto& o) {
                o.learningRate = 0.2;
                o.initialAccumulatorValue = 0.3;
                o.epsilon = 1e-6;
            });
            compareWithGolden(
                adagrad,
                {{0.9963},
                 {0.9604, 0.9278, 0.9003, 0.8784, 0.8615, 0.8487, 0.8388, 0.8313, 0.8255, 0.8209},
                 {0.9251, 0.8629, 0.8137, 0.7768, 0.7497, 0.7298, 0.7151, 0.704, 0.6956, 0.6891},
                 {0.8903, 0.8012, 0.7342, 0.6862, 0.6521, 0.6277, 0.6099, 0.5967, 0.5867, 0.579},
                 {0.856, 0.7422, 0.6604, 0.6037, 0.5644, 0.5367, 0.5168, 0.5021, 0.491, 0.4825}});
        }
        {
            Nadam nadam = make<Nadam>([](auto& o) {
                o.learningRate = 0.5;
                o.beta1 = 0.5;
                o.beta2 = 0.67;
                o.epsilon = 1e-5;
            });
            compareWithGolden(nadam, {{0.4281},
                                      {-0.1738, -0.1731, -0.1726, -0.1723, -0.1721, -0.172, -0.1719,
                                       -0.1718, -0.1718, -0.1717},
                                      {-0.7115, -0.7103, -0.7096, -0.7092, -0.709, -0.7088, -0.7086,
                                       -0.7085, -0.7085, -0.7084},
                                      {-1.2335, -1.2322, -1.2313, -1.2309, -1.2306, -1.2304,
                                       -1.2302, -1.2301, -1.23, -1.2299},
                                      {-1.7492, -1.7478, -1.7469, -1.7464, -1.7461, -1.7459,
                                       -1.7457, -1.7456, -1.7455, -1.7454}});
        }
    }

    void kerasSingleSteps()
    {
        SGD sgd = make<SGD>([](auto& o) { o.learningRate = 0.5; });
        compareSingleStep(sgd, {0.5, -1.0, -0.5, 3.0});
        Adam adam = make<Adam>([](auto& o) { o.learningRate = 0.5; });
        compareSingleStep(adam, {0.5, 1.5, 2.5, 3.5});
        RMSprop rmsprop = make<RMSprop>([](auto& o) { o.learningRate = 0.5; });
        compareSingleStep(rmsprop, {-0.5811, 0.4189, 1.4189, 2.4189});
        Adagrad adagrad = make<Adagrad>([](auto& o) { o.learningRate = 0.5; });
        compareSingleStep(adagrad, {0.5233, 1.5007, 2.5005, 3.5061});
        Nadam nadam = make<Nadam>([](auto& o) { o.learningRate = 0.5; });
        compareSingleStep(nadam, {0.4686, 1.4686, 2.4686, 3.4686});
    }

    void documentationExamples()
    {
        // keras.optimizers.RMSprop's docstring: minimize (var1 ** 2) / 2 from 10 -> 9.683772.
        RMSprop rmsprop = make<RMSprop>([](auto& o) { o.learningRate = 0.1; });
        Variable var1 = Variable::scalar(10.0);
        rmsprop.applyGradients({Tensor::scalar(10.0)}, {var1});
        QCOMPARE(var1.peek().item(), static_cast<double>(9.683772f));
        // tf.keras 2.x Nadam's docstring (learning_rate 0.2): "{:.1f}" of the result is 9.8.
        Nadam nadam = make<Nadam>([](auto& o) {
            o.learningRate = 0.2;
            o.legacy = true;
        });
        Variable var2 = Variable::scalar(10.0);
        nadam.applyGradients({Tensor::scalar(10.0)}, {var2});
        QCOMPARE(QString::number(var2.peek().item(), 'f', 1), QString("9.8"));
    }

    void noneGradientsLeaveTheirVariable()
    {
        Adam optimizer;
        Variable a = Variable::scalar(1.0, DType::Float32, "a"),
                 b = Variable::scalar(1.0, DType::Float32, "b");
        optimizer.applyGradients({std::nullopt, Tensor::scalar(1.0)}, {a, b});
        QCOMPARE(a.peek().item(), 1.0);
        QVERIFY(b.peek().item() < 1.0);
        QVERIFY_THROWS_EXCEPTION(EngineError,
                                 optimizer.applyGradients({std::nullopt, std::nullopt}, {a, b}));
    }

    void unknownVariablesAreRefused()
    {
        SGD optimizer;
        Variable a = Variable::scalar(1.0, DType::Float32, "a"),
                 b = Variable::scalar(1.0, DType::Float32, "b");
        optimizer.applyGradients({Tensor::scalar(1.0)}, {a});
        QVERIFY_THROWS_EXCEPTION(EngineError, optimizer.applyGradients({Tensor::scalar(1.0)}, {b}));
    }

    void resetForgetsTheState()
    {
        Nadam optimizer = make<Nadam>([](auto& o) { o.learningRate = 0.1; });
        Variable a = Variable::scalar(1.0, DType::Float32, "a");
        optimizer.applyGradients({Tensor::scalar(1.0)}, {a});
        const double first = a.peek().item();
        optimizer.reset();
        QCOMPARE(optimizer.iterations(), std::int64_t{0});
        QCOMPARE(optimizer.scalarState().at(0).second, 1.0);
        QVERIFY(optimizer.variables().empty());
        a.assign(Tensor::scalar(1.0));
        optimizer.applyGradients({Tensor::scalar(1.0)}, {a});
        QCOMPARE(a.peek().item(), first);
    }

    void float64VariablesUpdateInFloat64()
    {
        SGD optimizer = make<SGD>([](auto& o) { o.learningRate = 0.1; });
        Variable w = Variable::scalar(1.0, DType::Float64, "w");
        optimizer.applyGradients({Tensor::scalar(1.0, DType::Float64)}, {w});
        QCOMPARE(w.dtype(), DType::Float64);
        // The learning rate is a float32 variable in Keras, cast to float64 for the update.
        QCOMPARE(w.peek().item(), 1.0 - 1.0 * static_cast<double>(0.1f));
    }
};

QTEST_APPLESS_MAIN(TestOptimizers)
#include "tst_optimizers.moc"
