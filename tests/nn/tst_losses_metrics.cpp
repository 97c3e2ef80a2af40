// Losses (one value per instance, Keras's formulas) and metrics (update / result / reset).
#include "engine/autodiff/GradientTape.h"
#include "engine/core/EngineError.h"
#include "engine/nn/Losses.h"
#include "engine/nn/Metrics.h"
#include "engine/ops/Ops.h"

#include <QTest>

#include <cmath>

using namespace gs;
using namespace gs::nn;

namespace {
bool near(double a, double b, double tolerance = 1e-6)
{
    return std::abs(a - b) <= tolerance * (1.0 + std::abs(b));
}
} // namespace

class TestLossesMetrics : public QObject {
    Q_OBJECT

private slots:
    void meanSquaredErrorIsOnePerInstance()
    {
        const Tensor yTrue = Tensor::matrix({{1}, {2}, {3}});
        const Tensor yPred = Tensor::matrix({{1.5}, {2}, {1}});
        const Tensor loss = mean_squared_error(yTrue, yPred);
        QCOMPARE(loss.shape(), Shape::vector(3));
        QCOMPARE(loss.toDoubles(), (std::vector<double>{0.25, 0.0, 4.0}));
        // Several outputs: the mean over the last axis.
        const Tensor wide = mean_squared_error(Tensor::matrix({{0, 0}}), Tensor::matrix({{1, 3}}));
        QCOMPARE(wide.toDoubles(), std::vector<double>{5.0});
        QVERIFY_THROWS_EXCEPTION(EngineError, mean_squared_error(yTrue, Tensor::matrix({{1, 2}})));
    }

    void meanAbsoluteError()
    {
        QCOMPARE(
            mean_absolute_error(Tensor::matrix({{1, 2}}), Tensor::matrix({{0, 4}})).toDoubles(),
            std::vector<double>{1.5});
    }

    void huberSwitchesAtDelta()
    {
        const Tensor yTrue = Tensor::matrix({{0}, {0}, {0}});
        const Tensor yPred = Tensor::matrix({{0.5}, {2}, {-3}});
        // 0.5 e^2 for |e| <= 1, else |e| - 0.5.
        QCOMPARE(huber(yTrue, yPred).toDoubles(), (std::vector<double>{0.125, 1.5, 2.5}));
        QCOMPARE(huber(yTrue, yPred, 2.0).toDoubles(), (std::vector<double>{0.125, 2.0, 4.0}));
    }

    void binaryCrossentropyClipsProbabilities()
    {
        const Tensor yTrue = Tensor::matrix({{1}, {0}, {1}});
        const Tensor yPred = Tensor::matrix({{0.8}, {0.3}, {0.0}});
        const auto loss = binary_crossentropy(yTrue, yPred).toDoubles();
        QVERIFY(near(loss[0], -std::log(0.8), 1e-6));
        QVERIFY(near(loss[1], -std::log(0.7), 1e-6));
        // log(0) is avoided: p is clipped to 1e-7 (in float32).
        QVERIFY(near(loss[2], -std::log(static_cast<double>(1e-7f)), 1e-4));
    }

    void binaryCrossentropyFromLogitsIsStable()
    {
        const Tensor yTrue = Tensor::matrix({{1}, {0}, {1}});
        const Tensor logits = Tensor::matrix({{0.5}, {-2}, {-200}});
        const auto loss = binary_crossentropy(yTrue, logits, true).toDoubles();
        QVERIFY(near(loss[0], std::log1p(std::exp(-0.5))));
        QVERIFY(near(loss[1], std::log1p(std::exp(-2.0))));
        QVERIFY(near(loss[2], 200.0));
    }

    void sparseCategoricalCrossentropy()
    {
        const Tensor labels = Tensor::matrix({{2}, {0}});
        const Tensor logits = Tensor::matrix({{1, 2, 3}, {0, 0, 0}});
        const auto fromLogits = sparse_categorical_crossentropy(labels, logits, true).toDoubles();
        const double lse = std::log(std::exp(1.0) + std::exp(2.0) + std::exp(3.0));
        QVERIFY(near(fromLogits[0], lse - 3.0));
        QVERIFY(near(fromLogits[1], std::log(3.0)));
        const Tensor probabilities = Tensor::matrix({{0.1, 0.2, 0.7}, {0.5, 0.25, 0.25}});
        const auto fromProbabilities =
            sparse_categorical_crossentropy(labels, probabilities).toDoubles();
        QVERIFY(near(fromProbabilities[0], -std::log(0.7)));
        QVERIFY(near(fromProbabilities[1], -std::log(0.5)));
        QVERIFY_THROWS_EXCEPTION(
            EngineError, sparse_categorical_crossentropy(Tensor::matrix({{3}, {0}}), logits, true));
    }

    void crossentropyGradientIsSoftmaxMinusOneHot()
    {
        const Variable logits(Tensor::matrix({{1, 2, 3}}));
        GradientTape tape;
        const Tensor loss =
            reduce_sum(sparse_categorical_crossentropy(Tensor::matrix({{0}}), logits, true));
        tape.stop();
        const auto g = tape.gradient(loss, logits)->toDoubles();
        const double z = std::exp(1.0) + std::exp(2.0) + std::exp(3.0);
        QVERIFY(near(g[0], std::exp(1.0) / z - 1.0));
        QVERIFY(near(g[2], std::exp(3.0) / z));
    }

    void lossesByName()
    {
        QCOMPARE(Loss::fromName("mse")->kind, Loss::Kind::MeanSquaredError);
        QCOMPARE(Loss::fromName("mean_absolute_error")->name(), std::string("mean_absolute_error"));
        QVERIFY(!Loss::fromName("hinge"));
        Loss huberLoss = *Loss::fromName("huber");
        huberLoss.delta = 2.0;
        QCOMPARE(huberLoss(Tensor::matrix({{0}}), Tensor::matrix({{3}})).item(), 4.0);
    }

    void meanAccumulatesUntilReset()
    {
        Mean mean;
        QCOMPARE(mean.name(), std::string("mean"));
        QCOMPARE(mean.result(), 0.0);
        mean.update(Tensor::scalar(2.0));
        mean.update(Tensor::vector({4.0, 6.0}));
        QCOMPARE(mean.result(), 4.0);
        QCOMPARE(mean.count(), 3.0f);
        mean.reset();
        QCOMPARE(mean.result(), 0.0);
        mean.update(10.0);
        QCOMPARE(mean.result(), 10.0);
    }

    void meanAbsoluteErrorMetricIsTheMeanOverInstances()
    {
        Metric mae(Metric::Kind::MeanAbsoluteError);
        QCOMPARE(mae.name(), std::string("mean_absolute_error"));
        mae.update(Tensor::matrix({{1}, {2}}), Tensor::matrix({{2}, {2}}));
        QCOMPARE(mae.result(), 0.5);
        mae.update(Tensor::matrix({{0}, {0}}), Tensor::matrix({{3}, {3}}));
        QCOMPARE(mae.result(), 1.75);
        mae.reset();
        QCOMPARE(mae.result(), 0.0);
        mae.update(Tensor::matrix({{0}}), Tensor::matrix({{-1}}));
        QCOMPARE(mae.result(), 1.0);
    }

    void accuracyVariants()
    {
        Metric binary(Metric::Kind::BinaryAccuracy);
        binary.update(Tensor::matrix({{1}, {0}, {1}, {0}}),
                      Tensor::matrix({{0.9}, {0.2}, {0.4}, {0.6}}));
        QCOMPARE(binary.result(), 0.5);
        Metric sparse(Metric::Kind::SparseCategoricalAccuracy);
        sparse.update(Tensor::matrix({{2}, {0}}),
                      Tensor::matrix({{0.1, 0.2, 0.7}, {0.1, 0.8, 0.1}}));
        QCOMPARE(sparse.result(), 0.5);
        Metric exact(Metric::Kind::Accuracy);
        exact.update(Tensor::matrix({{1}, {2}, {3}}), Tensor::matrix({{1}, {2}, {4}}));
        QVERIFY(near(exact.result(), 2.0 / 3.0));
        QCOMPARE(Metric::kindFromName("mae"), std::optional(Metric::Kind::MeanAbsoluteError));
        QCOMPARE(Metric::nameOf(Metric::Kind::SparseCategoricalAccuracy),
                 std::string("sparse_categorical_accuracy"));
    }

    void metricsAccumulateInFloat32LikeKeras()
    {
        // Keras keeps total and count as float32: 0.1 added ten times is not exactly 1.
        Mean mean;
        float total = 0.0f;
        for (int i = 0; i < 10; ++i) {
            mean.update(0.1);
            total = total + 0.1f;
        }
        QCOMPARE(mean.total(), total);
        QCOMPARE(mean.result(), static_cast<double>(total / 10.0f));
    }
};

QTEST_APPLESS_MAIN(TestLossesMetrics)
#include "tst_losses_metrics.moc"
