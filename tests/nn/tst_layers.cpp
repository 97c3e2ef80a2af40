// Layers: Dense (initializers, regularizers, constraints), Dropout and BatchNormalization in
// training and inference, and Sequential's naming and bookkeeping.
#include "engine/autodiff/GradientTape.h"
#include "engine/core/EngineError.h"
#include "engine/nn/BatchNormalization.h"
#include "engine/nn/Dense.h"
#include "engine/nn/Dropout.h"
#include "engine/nn/Sequential.h"
#include "engine/ops/Ops.h"

#include <QTest>

#include <cmath>

using namespace gs;
using namespace gs::nn;

namespace {

DenseOptions dense(std::int64_t units, Activation activation = Activation::Linear)
{
    DenseOptions o;
    o.units = units;
    o.activation = activation;
    return o;
}

/// A (rows, cols) float32 matrix of 0.1 * ((i * 7) % 11) - 0.5: varied, signed, deterministic.
Tensor pattern(std::int64_t rows, std::int64_t cols)
{
    std::vector<double> v;
    for (std::int64_t i = 0; i < rows * cols; ++i)
        v.push_back(0.1 * static_cast<double>((i * 7) % 11) - 0.5);
    return Tensor::fromValues(Shape::matrix(rows, cols), v);
}

double mean(const std::vector<double>& v)
{
    double s = 0;
    for (double x : v)
        s += x;
    return s / static_cast<double>(v.size());
}

} // namespace

class TestLayers : public QObject {
    Q_OBJECT

private slots:
    void denseComputesActivationOfAffineMap()
    {
        Dense layer(dense(2, Activation::Relu), "d");
        Rng rng(1);
        layer.build(3, rng);
        QVERIFY(layer.setWeight("kernel", Tensor::matrix({{1, -1}, {2, 0}, {0, 1}})));
        QVERIFY(layer.setWeight("bias", Tensor::vector({0.5, -4})));
        const Tensor y = layer.call(Tensor::matrix({{1, 2, 3}, {-1, 0, 0}}), false);
        QCOMPARE(y.shape(), Shape::matrix(2, 2));
        QCOMPARE(y.toDoubles(), (std::vector<double>{5.5, 0.0, 0.0, 0.0}));
        QCOMPARE(layer.kernel().name(), std::string("d/kernel"));
        QCOMPARE(layer.bias().name(), std::string("d/bias"));
        QVERIFY(!layer.setWeight("gamma", Tensor::scalar(1.0)));
        QVERIFY_THROWS_EXCEPTION(EngineError,
                                 layer.setWeight("kernel", Tensor::zeros(Shape::matrix(2, 2))));
    }

    void denseWithoutBiasHasOnlyAKernel()
    {
        DenseOptions o = dense(4);
        o.useBias = false;
        Dense layer(o);
        Rng rng(1);
        layer.build(3, rng);
        QCOMPARE(layer.trainableVariables().size(), std::size_t{1});
    }

    void heNormalHasKerasSpreadAndTruncation()
    {
        DenseOptions o = dense(400);
        o.kernelInitializer = Initializer::heNormal();
        Dense layer(o);
        Rng rng(3);
        layer.build(50, rng);
        const std::vector<double> w = layer.kernel().peek().toDoubles();
        double squares = 0, largest = 0;
        for (double x : w) {
            squares += x * x;
            largest = std::max(largest, std::abs(x));
        }
        // Keras's VarianceScaling: variance 2 / fan_in after truncation at two stddevs.
        const double expected = std::sqrt(2.0 / 50.0);
        QVERIFY(std::abs(std::sqrt(squares / static_cast<double>(w.size())) - expected)
                < 0.02 * expected);
        QVERIFY(std::abs(mean(w)) < 0.01);
        QVERIFY(largest <= 2.0 * expected / 0.87962566103423978 + 1e-6);
        // The bias starts at zeros.
        for (double b : layer.bias().peek().toDoubles())
            QCOMPARE(b, 0.0);
    }

    void glorotUniformStaysWithinItsLimit()
    {
        Dense layer(dense(30));
        Rng rng(5);
        layer.build(8, rng);
        const double limit = std::sqrt(6.0 / 38.0);
        double largest = 0;
        for (double x : layer.kernel().peek().toDoubles())
            largest = std::max(largest, std::abs(x));
        QVERIFY(largest <= limit);
        QVERIFY(largest > 0.8 * limit);
    }

    void constantAndZerosInitializers()
    {
        DenseOptions o = dense(2);
        o.kernelInitializer = Initializer::constant(0.25);
        o.biasInitializer = Initializer::constant(-1.0);
        Dense layer(o);
        Rng rng(1);
        layer.build(2, rng);
        QCOMPARE(layer.kernel().peek().toDoubles(), (std::vector<double>{0.25, 0.25, 0.25, 0.25}));
        QCOMPARE(layer.bias().peek().toDoubles(), (std::vector<double>{-1.0, -1.0}));
        QCOMPARE(Initializer::fromName("he_normal")->kind, Initializer::Kind::HeNormal);
        QVERIFY(!Initializer::fromName("lecun_normal"));
    }

    void regularizationLossesFollowKeras()
    {
        const Tensor w = Tensor::matrix({{1, -2}, {3, -4}});
        // Keras: l2(0.05) = 0.05 * sum(w^2) (no 1/2), l1(0.1) = 0.1 * sum(|w|).
        QCOMPARE(Regularizer::L2(0.05)(w).item(), static_cast<double>(0.05f * 30.0f));
        QCOMPARE(Regularizer::L1(0.1)(w).item(), static_cast<double>(0.1f * 10.0f));
        QCOMPARE(Regularizer::L1L2(0.1, 0.05)(w).item(),
                 static_cast<double>(0.1f * 10.0f + 0.05f * 30.0f));
        QCOMPARE(Regularizer::L1L2(0.1, 0.05).name(), std::string("l1_l2"));

        DenseOptions o = dense(2);
        o.kernelRegularizer = Regularizer::L2(0.05);
        o.biasRegularizer = Regularizer::L1(0.5);
        Dense layer(o);
        Rng rng(1);
        layer.build(2, rng);
        layer.setWeight("kernel", w);
        layer.setWeight("bias", Tensor::vector({1, -1}));
        const auto losses = layer.losses();
        QCOMPARE(losses.size(), std::size_t{2});
        QCOMPARE(losses[0].item(), static_cast<double>(0.05f * 30.0f));
        QCOMPARE(losses[1].item(), 1.0);
    }

    void regularizationLossesAreDifferentiable()
    {
        DenseOptions o = dense(1);
        o.kernelRegularizer = Regularizer::L2(0.05);
        Dense layer(o);
        Rng rng(1);
        layer.build(2, rng);
        layer.setWeight("kernel", Tensor::matrix({{2}, {-3}}));
        GradientTape tape;
        const Tensor penalty = layer.losses().at(0);
        tape.stop();
        // d/dw 0.05 * sum(w^2) = 0.1 * w
        const auto g = tape.gradient(penalty, layer.kernel());
        QVERIFY(g.has_value());
        QCOMPARE(g->toDoubles(), (std::vector<double>{static_cast<double>(0.05f * 2.0f * 2.0f),
                                                      static_cast<double>(0.05f * 2.0f * -3.0f)}));
    }

    void maxNormConstraintScalesEachColumn()
    {
        // Columns (3, 4) with norm 5 and (0.3, 0.4) with norm 0.5; max_norm(1) along axis 0.
        const Tensor w = Tensor::matrix({{3, 0.3}, {4, 0.4}});
        const Tensor c = Constraint::maxNorm(1.0)(w);
        QVERIFY(std::abs(c.at(0, 0) - 0.6) < 1e-6);
        QVERIFY(std::abs(c.at(1, 0) - 0.8) < 1e-6);
        // Inside the ball: unchanged but for Keras's epsilon in norm / (1e-7 + norm).
        QVERIFY(std::abs(c.at(0, 1) - 0.3) < 1e-6);
        // A vector (a bias) is one weight vector.
        const Tensor b = Constraint::maxNorm(1.0)(Tensor::vector({3, 4}));
        QVERIFY(std::abs(b.at(0) - 0.6) < 1e-6);
    }

    void nonNegConstraintClampsAtZero()
    {
        QCOMPARE(Constraint::nonNeg()(Tensor::vector({-1, 0, 2})).toDoubles(),
                 (std::vector<double>{0, 0, 2}));
    }

    void constraintsApplyToTheirWeightsOnly()
    {
        DenseOptions o = dense(2);
        o.kernelConstraint = Constraint::nonNeg();
        Dense layer(o);
        Rng rng(1);
        layer.build(2, rng);
        layer.setWeight("kernel", Tensor::matrix({{-1, 1}, {2, -2}}));
        layer.setWeight("bias", Tensor::vector({-1, -1}));
        layer.applyConstraints();
        QCOMPARE(layer.kernel().peek().toDoubles(), (std::vector<double>{0, 1, 2, 0}));
        QCOMPARE(layer.bias().peek().toDoubles(), (std::vector<double>{-1, -1}));
    }

    void dropoutInInferenceIsTheIdentity()
    {
        Dropout layer(0.5);
        Rng rng(1);
        layer.build(4, rng);
        const Tensor x = pattern(8, 4);
        const Tensor y = layer.call(x, false);
        QCOMPARE(y.id(), x.id());
    }

    void dropoutInTrainingZeroesAndRescales()
    {
        Dropout layer(0.25);
        Rng rng(1);
        layer.build(100, rng);
        layer.reseed(11);
        const Tensor x = Tensor::full(Shape::matrix(100, 100), 3.0);
        const Tensor y = layer.call(x, true);
        int zeros = 0;
        for (double v : y.toDoubles()) {
            if (v == 0.0)
                ++zeros;
            else
                QCOMPARE(v, static_cast<double>(3.0f * static_cast<float>(1.0 / 0.75)));
        }
        // 10000 draws with p = 0.25: the count lies within 5 standard deviations (~43) of 2500.
        QVERIFY2(std::abs(zeros - 2500) < 220, qPrintable(QString::number(zeros)));
        // The mask is reproducible from the seed, and differs call after call.
        const Tensor again = layer.call(x, true);
        QVERIFY(again.toDoubles() != y.toDoubles());
        layer.reseed(11);
        QCOMPARE(layer.call(x, true).toDoubles(), y.toDoubles());
    }

    void dropoutGradientFollowsTheMask()
    {
        Dropout layer(0.5);
        Rng rng(1);
        layer.build(10, rng);
        const Variable v(Tensor::full(Shape::matrix(1, 10), 1.0));
        GradientTape tape;
        const Tensor y = reduce_sum(layer.call(v, true));
        tape.stop();
        const auto g = tape.gradient(y, v);
        QCOMPARE(g->toDoubles(), layer.lastMask().toDoubles());
    }

    void batchNormalizationTrainingUsesBatchStatistics()
    {
        BatchNormalization layer;
        Rng rng(1);
        layer.build(2, rng);
        const Tensor x = Tensor::matrix({{1, 10}, {2, 20}, {3, 30}, {6, 60}});
        const Tensor y = layer.call(x, true);
        // Column 0: mean 3, variance (4 + 1 + 0 + 9) / 4 = 3.5; y = (x - 3) / sqrt(3.5 + 1e-3).
        for (int r = 0; r < 4; ++r) {
            const double expected = (x.at(r, 0) - 3.0) / std::sqrt(3.5 + 1e-3);
            QVERIFY(std::abs(y.at(r, 0) - expected) < 1e-5);
        }
        // Moving statistics moved 1% of the way (momentum 0.99) from (0, 1).
        QVERIFY(std::abs(layer.movingMean().peek().at(0) - 0.03) < 1e-7);
        QVERIFY(std::abs(layer.movingMean().peek().at(1) - 0.3) < 1e-6);
        QVERIFY(std::abs(layer.movingVariance().peek().at(0) - (0.99 + 0.035)) < 1e-6);
        QCOMPARE(layer.trainableVariables().size(), std::size_t{2});
        QCOMPARE(layer.nonTrainableVariables().size(), std::size_t{2});
    }

    void batchNormalizationInferenceUsesMovingStatistics()
    {
        BatchNormalization layer;
        Rng rng(1);
        layer.build(1, rng);
        layer.setWeight("moving_mean", Tensor::vector({2.0}));
        layer.setWeight("moving_variance", Tensor::vector({4.0}));
        layer.setWeight("gamma", Tensor::vector({3.0}));
        layer.setWeight("beta", Tensor::vector({1.0}));
        const Tensor y = layer.call(Tensor::matrix({{4}, {0}}), false);
        const double inv = 3.0 / std::sqrt(4.0 + 1e-3);
        QVERIFY(std::abs(y.at(0) - (4.0 * inv + (1.0 - 2.0 * inv))) < 1e-5);
        QVERIFY(std::abs(y.at(1) - (1.0 - 2.0 * inv)) < 1e-5);
        // Inference leaves the moving statistics alone.
        QCOMPARE(layer.movingMean().peek().at(0), 2.0);
        QCOMPARE(layer.movingVariance().peek().at(0), 4.0);
    }

    void batchNormalizationGradientFlowsThroughBatchStatistics()
    {
        BatchNormalization layer;
        Rng rng(1);
        layer.build(1, rng);
        const Variable x(Tensor::matrix({{1}, {2}, {4}}));
        GradientTape tape;
        const Tensor y = reduce_sum(layer.call(x, true));
        tape.stop();
        // The normalised batch sums to 0 whatever x is, so d sum(y) / dx = 0 through the mean.
        for (double g : tape.gradient(y, x)->toDoubles())
            QVERIFY(std::abs(g) < 1e-5);
        // Gamma's gradient is the sum of the normalised values (0), beta's the batch size.
        GradientTape tape2;
        const Tensor z = reduce_sum(layer.call(x, true));
        tape2.stop();
        QCOMPARE(tape2.gradient(z, layer.beta())->toDoubles(), std::vector<double>{3.0});
    }

    void sequentialNamesLayersLikeKeras()
    {
        Sequential model;
        model.emplace<Dense>(dense(4));
        model.emplace<Dropout>(0.1);
        model.emplace<Dense>(dense(1));
        model.build(3, 42);
        QCOMPARE(model.layer(0).name(), std::string("dense"));
        QCOMPARE(model.layer(1).name(), std::string("dropout"));
        QCOMPARE(model.layer(2).name(), std::string("dense_1"));
        QCOMPARE(model.trainableVariables().size(), std::size_t{4});
        QCOMPARE(model.trainableVariables()[2].name(), std::string("dense_1/kernel"));
        QCOMPARE(model.outputDim(), std::int64_t{1});
        QVERIFY_THROWS_EXCEPTION(EngineError, model.emplace<Dense>(dense(1)));
        QVERIFY_THROWS_EXCEPTION(EngineError, model(Tensor::zeros(Shape::matrix(2, 4))));
    }

    void sequentialBuildIsDeterministicForASeed()
    {
        auto make = [](std::uint64_t seed) {
            Sequential model;
            DenseOptions o = dense(30, Activation::Elu);
            o.kernelInitializer = Initializer::heNormal();
            model.emplace<Dense>(o);
            model.emplace<Dense>(dense(1));
            model.build(8, seed);
            return model.snapshot();
        };
        const auto a = make(7), b = make(7), c = make(8);
        QCOMPARE(a[0].toDoubles(), b[0].toDoubles());
        QCOMPARE(a[2].toDoubles(), b[2].toDoubles());
        QVERIFY(a[0].toDoubles() != c[0].toDoubles());
    }

    void sequentialRestoreReturnsToASnapshot()
    {
        Sequential model;
        model.emplace<Dense>(dense(2));
        model.emplace<Dropout>(0.5);
        model.build(2, 1);
        const auto start = model.snapshot();
        const Tensor x = pattern(4, 2);
        const Tensor first = model(x, true);
        model.layer(0).setWeight("kernel", Tensor::zeros(Shape::matrix(2, 2)));
        model.restore(start);
        QCOMPARE(model.snapshot()[0].toDoubles(), start[0].toDoubles());
        // The dropout stream restarts too: the same training output again.
        QCOMPARE(model(x, true).toDoubles(), first.toDoubles());
    }

    void modelLossesCollectEveryLayer()
    {
        Sequential model;
        DenseOptions o = dense(2);
        o.kernelRegularizer = Regularizer::L2(0.05);
        model.emplace<Dense>(o);
        model.emplace<Dense>(o);
        model.build(2, 1);
        QCOMPARE(model.losses().size(), std::size_t{2});
    }
};

QTEST_APPLESS_MAIN(TestLayers)
#include "tst_layers.moc"
