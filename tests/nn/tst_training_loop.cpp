// TrainingLoop: phases in the book's order, reports per phase / step / epoch, metrics reset per
// epoch, validation, determinism with a seed, reset to replay a run, and the status line.
#include "engine/core/EngineError.h"
#include "engine/nn/Dense.h"
#include "engine/nn/RunSpec.h"
#include "engine/ops/OpObserver.h"

#include <QTest>

#include <cmath>
#include <cstring>

using namespace gs;
using namespace gs::nn;

namespace {

/// The book's model on a small regression table (200 rows: 112 train, 38 valid, 50 test).
RunSpec smallRun(std::uint64_t seed = 42)
{
    RunSpec spec = RunSpec::book();
    spec.training.seed = seed;
    spec.training.epochs = 3;
    spec.data.source = DataSpec::Source::Inline;
    spec.data.columns = {"a", "b", "c", "target"};
    for (int i = 0; i < 200; ++i) {
        const double a = std::sin(0.37 * i), b = std::cos(0.11 * i), c = 0.01 * (i % 17);
        spec.data.rows.push_back({a, b, c, 1.0 + 2.0 * a - b + 0.5 * a * b});
    }
    spec.data.target = spec.data.columns.back();
    return spec;
}

/// Same elements, bit for bit (NaN and signed zeros included).
bool sameBits(const Tensor& a, const Tensor& b)
{
    if (a.shape() != b.shape() || a.dtype() != b.dtype())
        return false;
    const std::vector<double> x = a.toDoubles(), y = b.toDoubles();
    return std::memcmp(x.data(), y.data(), x.size() * sizeof(double)) == 0;
}

bool sameBits(const std::vector<double>& a, const std::vector<double>& b)
{
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

} // namespace

class TestTrainingLoop : public QObject {
    Q_OBJECT

private slots:
    void phasesRunInTheBooksOrder()
    {
        auto loop = makeTrainingLoop(smallRun());
        std::vector<Phase> seen;
        loop->onPhase([&](const StepReport& r) { seen.push_back(r.phase); });
        QCOMPARE(loop->nextPhase(), Phase::SampleBatch);
        loop->advancePhase();
        QCOMPARE(loop->batch().x.shape(), Shape::matrix(32, 3));
        QVERIFY(std::isnan(loop->report().loss));
        loop->advancePhase();
        QCOMPARE(loop->predictions().shape(), Shape::matrix(32, 1));
        loop->advancePhase();
        QVERIFY(std::isfinite(loop->report().loss));
        QVERIFY(std::isnan(loop->report().gradientNorms[0]));
        loop->advancePhase();
        QCOMPARE(loop->gradients().size(), std::size_t{4});
        QVERIFY(loop->report().gradientNorms[0] > 0.0);
        QCOMPARE(loop->optimizer().iterations(), std::int64_t{0});
        loop->advancePhase(); // clip
        loop->advancePhase(); // apply
        QCOMPARE(loop->optimizer().iterations(), std::int64_t{1});
        loop->advancePhase(); // constraints
        QCOMPARE(loop->report().step, std::int64_t{0});
        loop->advancePhase(); // metrics
        QCOMPARE(loop->report().step, std::int64_t{1});
        QCOMPARE(seen, std::vector<Phase>(allPhases.begin(), allPhases.end()));
        QCOMPARE(loop->nextPhase(), Phase::SampleBatch);
        QCOMPARE(phaseName(Phase::Gradients), std::string_view("gradients"));
    }

    void reportsStepsAndEpochs()
    {
        auto loop = makeTrainingLoop(smallRun());
        QCOMPARE(loop->stepsPerEpoch(), std::int64_t{3}); // 112 // 32
        std::vector<StepReport> steps;
        std::vector<EpochReport> epochs;
        loop->onStep([&](const StepReport& r) { steps.push_back(r); });
        loop->onEpoch([&](const EpochReport& r) { epochs.push_back(r); });
        loop->run();
        QVERIFY(loop->finished());
        QCOMPARE(steps.size(), std::size_t{9});
        QCOMPARE(epochs.size(), std::size_t{3});
        QCOMPARE(steps[4].epoch, std::int64_t{2});
        QCOMPARE(steps[4].stepInEpoch, std::int64_t{2});
        QCOMPARE(steps[4].samplesSeen, std::int64_t{64});
        QCOMPARE(steps[4].trainingSize, std::int64_t{112});
        QCOMPARE(loop->layerNames(), (std::vector<std::string>{"dense", "dense_1"}));
        QCOMPARE(steps[4].gradientNorms.size(), std::size_t{2});
        QCOMPARE(loop->metricNames(), std::vector<std::string>{"mean_absolute_error"});
        // Validation values come with every epoch, regularization included in val_loss.
        QVERIFY(std::isfinite(epochs[0].value("val_loss")));
        QVERIFY(std::isfinite(epochs[0].value("val_mean_absolute_error")));
        QVERIFY(std::isnan(epochs[0].value("val_accuracy")));
        QCOMPARE(epochs[2].epoch, std::int64_t{3});
        // Nothing happens after the end.
        loop->advanceStep();
        QCOMPARE(loop->stepLosses().size(), std::size_t{9});
    }

    void metricsResetEveryEpoch()
    {
        auto loop = makeTrainingLoop(smallRun());
        std::vector<StepReport> steps;
        loop->onStep([&](const StepReport& r) { steps.push_back(r); });
        loop->advanceEpoch();
        loop->advanceStep();
        // The first step of epoch 2 reports that step's loss alone, not a mean with epoch 1.
        QCOMPARE(steps.size(), std::size_t{4});
        QCOMPARE(steps[3].meanLoss, static_cast<double>(static_cast<float>(steps[3].loss)));
        // Within an epoch the mean loss is the running mean (float32, as Keras's Mean).
        const float mean2 =
            (static_cast<float>(steps[0].loss) + static_cast<float>(steps[1].loss)) / 2.0f;
        QCOMPARE(steps[1].meanLoss, static_cast<double>(mean2));
        QCOMPARE(loop->history()[0].loss, steps[2].meanLoss);
    }

    void theSameSeedGivesTheSameRun()
    {
        auto a = makeTrainingLoop(smallRun(7));
        auto b = makeTrainingLoop(smallRun(7));
        auto c = makeTrainingLoop(smallRun(8));
        a->run();
        b->run();
        c->run();
        QCOMPARE(a->stepLosses(), b->stepLosses());
        QVERIFY(a->stepLosses() != c->stepLosses());
    }

    void resetReplaysTheRun()
    {
        auto loop = makeTrainingLoop(smallRun());
        const auto initial = loop->model().snapshot();
        loop->run();
        const std::vector<double> first = loop->stepLosses();
        const auto trained = loop->model().snapshot();
        loop->reset();
        QVERIFY(!loop->finished());
        QVERIFY(loop->stepLosses().empty());
        QVERIFY(loop->history().empty());
        QCOMPARE(loop->optimizer().iterations(), std::int64_t{0});
        QCOMPARE(loop->model().snapshot()[0].toDoubles(), initial[0].toDoubles());
        loop->run();
        QCOMPARE(loop->stepLosses(), first);
        QCOMPARE(loop->model().snapshot()[0].toDoubles(), trained[0].toDoubles());
    }

    void batchOrdersAreOptions()
    {
        RunSpec spec = smallRun();
        spec.training.order = BatchOrder::Shuffled;
        auto shuffled = makeTrainingLoop(spec);
        QCOMPARE(shuffled->stepsPerEpoch(), std::int64_t{4}); // ceil(112 / 32)
        shuffled->advanceEpoch();
        QCOMPARE(shuffled->report().samplesSeen, std::int64_t{112});
        QCOMPARE(shuffled->batch().x.shape().rows, std::int64_t{16}); // the last, partial batch
    }

    void statusLineIsTheBooks()
    {
        QCOMPARE(statusLine(11610, 11610, {{"loss", 0.54321}, {"mean_absolute_error", 0.123456}}),
                 std::string("11610/11610 - loss: 0.5432 - mean_absolute_error: 0.1235"));
        QCOMPARE(statusLine(32, 100, {{"loss", std::nan("")}}), std::string("32/100 - loss: nan"));
        auto loop = makeTrainingLoop(smallRun());
        loop->advanceStep();
        const std::string line = loop->statusLine();
        QVERIFY2(line.rfind("32/112 - loss: ", 0) == 0, line.c_str());
        QVERIFY(line.find(" - mean_absolute_error: ") != std::string::npos);
    }

    void trainingReducesTheLoss()
    {
        RunSpec spec = smallRun();
        spec.training.epochs = 30;
        auto loop = makeTrainingLoop(spec);
        loop->run();
        const auto& h = loop->history();
        QVERIFY2(h.back().value("val_loss") < 0.5 * h.front().value("val_loss"),
                 qPrintable(QString("%1 -> %2")
                                .arg(h.front().value("val_loss"))
                                .arg(h.back().value("val_loss"))));
    }

    void constraintsHoldAfterEveryStep()
    {
        RunSpec spec = smallRun();
        spec.layers[0].dense.kernelConstraint = Constraint::maxNorm(0.5);
        spec.layers[1].dense.kernelConstraint = Constraint::nonNeg();
        auto loop = makeTrainingLoop(spec);
        loop->onStep([&](const StepReport&) {
            const Tensor w1 = loop->model().trainableVariables()[0].peek();
            for (std::int64_t c = 0; c < w1.shape().cols; ++c) {
                double s = 0;
                for (std::int64_t r = 0; r < w1.shape().rows; ++r)
                    s += w1.at(r, c) * w1.at(r, c);
                QVERIFY(std::sqrt(s) <= 0.5 + 1e-6);
            }
            for (double w : loop->model().trainableVariables()[2].peek().toDoubles())
                QVERIFY(w >= 0.0);
        });
        loop->run();
    }

    void regularizationShrinksTheWeights()
    {
        auto weightNorm = [](double l2) {
            RunSpec spec = smallRun();
            spec.training.epochs = 20;
            spec.optimizer.learningRate = 0.05;
            for (LayerSpec& l : spec.layers)
                l.dense.kernelRegularizer = Regularizer::L2(l2);
            auto loop = makeTrainingLoop(spec);
            loop->run();
            double s = 0;
            for (double w : loop->model().trainableVariables()[0].peek().toDoubles())
                s += w * w;
            return s;
        };
        const double strong = weightNorm(0.5), none = weightNorm(0.0);
        QVERIFY2(strong < 0.5 * none, qPrintable(QString("%1 vs %2").arg(strong).arg(none)));
        // No regularizer: the loss is the main loss alone.
        RunSpec spec = smallRun();
        for (LayerSpec& l : spec.layers)
            l.dense.kernelRegularizer = {};
        auto loop = makeTrainingLoop(spec);
        loop->advanceStep();
        QCOMPARE(loop->report().regularizationLoss, 0.0);
    }

    void dropoutAndBatchNormalizationTrainInTheLoop()
    {
        RunSpec spec = smallRun();
        LayerSpec norm;
        norm.type = LayerSpec::Type::BatchNormalization;
        LayerSpec drop;
        drop.type = LayerSpec::Type::Dropout;
        drop.dropoutRate = 0.2;
        spec.layers.insert(spec.layers.begin() + 1, {norm, drop});
        auto loop = makeTrainingLoop(spec);
        loop->advanceStep();
        // Training updated the moving mean; validation (inference) will not.
        const Variable movingMean = loop->model().variables()[4];
        QCOMPARE(movingMean.name(), std::string("batch_normalization/moving_mean"));
        QVERIFY(movingMean.peek().at(0) != 0.0);
        loop->run();
        QVERIFY(std::isfinite(loop->history().back().value("val_loss")));
        QCOMPARE(loop->layerNames(),
                 (std::vector<std::string>{"dense", "batch_normalization", "dense_1"}));
    }

    void clippingIsAPhase()
    {
        RunSpec spec = smallRun();
        spec.optimizer.name = "sgd";
        spec.optimizer.clipping.clipvalue = 1e-3;
        auto loop = makeTrainingLoop(spec);
        for (int i = 0; i < 5; ++i)
            loop->advancePhase();
        for (const auto& g : loop->gradients())
            for (double v : g->toDoubles())
                QVERIFY(std::abs(v) <= 1e-3 + 1e-9);
    }

    void aRefusedStepLeavesNoTapeRecording()
    {
        RunSpec spec = smallRun();
        spec.layers.back().dense.units = 2; // two outputs for one target column
        auto loop = makeTrainingLoop(spec);
        loop->advancePhase();
        loop->advancePhase();
        QCOMPARE(observers::active().size(), std::size_t{1}); // the step's tape
        QVERIFY_THROWS_EXCEPTION(EngineError, loop->advancePhase());
        QVERIFY(observers::active().empty());
        QCOMPARE(loop->nextPhase(), Phase::SampleBatch);
    }

    void checkpointResumesBitForBit_data()
    {
        QTest::addColumn<QString>("optimizer");
        QTest::addColumn<int>("order");
        QTest::addColumn<bool>("noisyLayers");
        QTest::newRow("book: random batches, nadam")
            << QStringLiteral("nadam") << int(BatchOrder::Random) << false;
        QTest::newRow("shuffled, sgd with momentum, dropout and batch norm")
            << QStringLiteral("sgd") << int(BatchOrder::Shuffled) << true;
        QTest::newRow("sequential, rmsprop") << QStringLiteral("rmsprop")
                                             << int(BatchOrder::Sequential) << false;
        QTest::newRow("shuffled, adam, dropout") << QStringLiteral("adam")
                                                 << int(BatchOrder::Shuffled) << true;
        QTest::newRow("random, adagrad with clipnorm")
            << QStringLiteral("adagrad") << int(BatchOrder::Random) << false;
    }

    // Issue 17, part 4: a run resumed from any step goes on exactly as it went the first time,
    // in the loop that took the checkpoint and in a new loop of the same run.
    void checkpointResumesBitForBit()
    {
        QFETCH(QString, optimizer);
        QFETCH(int, order);
        QFETCH(bool, noisyLayers);
        RunSpec spec = smallRun();
        spec.optimizer.name = optimizer.toStdString();
        spec.training.order = static_cast<BatchOrder>(order);
        if (optimizer == u"sgd")
            spec.optimizer.momentum = 0.9;
        if (optimizer == u"adagrad")
            spec.optimizer.clipping.clipnorm = 0.5;
        if (noisyLayers) {
            LayerSpec norm;
            norm.type = LayerSpec::Type::BatchNormalization;
            LayerSpec drop;
            drop.type = LayerSpec::Type::Dropout;
            drop.dropoutRate = 0.3;
            spec.layers.insert(spec.layers.begin() + 1, {norm, drop});
        }
        auto loop = makeTrainingLoop(spec);
        std::vector<double> losses;
        loop->onStep([&](const StepReport& r) { losses.push_back(r.loss); });
        std::vector<TrainingLoop::Checkpoint> saved{loop->checkpoint()};
        loop->advancePhase();
        QVERIFY_THROWS_EXCEPTION(EngineError, loop->checkpoint()); // in the middle of a step
        loop->advanceStep();
        saved.push_back(loop->checkpoint());
        while (!loop->finished()) {
            loop->advanceStep();
            saved.push_back(loop->checkpoint());
        }
        const std::vector<double> allLosses = losses;
        const std::vector<Tensor> finalWeights = loop->model().snapshot();
        const std::vector<EpochReport> epochs = loop->history();
        const std::int64_t iterations = loop->optimizer().iterations();
        QVERIFY(saved.size() >= 10);

        const auto check = [&](TrainingLoop& l, std::size_t k, bool sameLoop) {
            losses.assign(allLosses.begin(), allLosses.begin() + static_cast<std::ptrdiff_t>(k));
            l.restore(saved[k]);
            QCOMPARE(l.report().step, static_cast<std::int64_t>(k));
            QCOMPARE(l.nextPhase(), Phase::SampleBatch);
            // The restored state is the saved one: checkpoint() gives it back.
            const TrainingLoop::Checkpoint again = l.checkpoint();
            QCOMPARE(again.variables.size(), saved[k].variables.size());
            for (std::size_t i = 0; i < again.variables.size(); ++i)
                QVERIFY(sameBits(again.variables[i], saved[k].variables[i]));
            QVERIFY(again.sampler == saved[k].sampler);
            QVERIFY(again.streams == saved[k].streams);
            l.run();
            QVERIFY2(sameBits(losses, allLosses),
                     qPrintable(QStringLiteral("resumed from step %1").arg(k)));
            const std::vector<Tensor> weights = l.model().snapshot();
            for (std::size_t i = 0; i < weights.size(); ++i)
                QVERIFY(sameBits(weights[i], finalWeights[i]));
            QCOMPARE(l.optimizer().iterations(), iterations);
            if (sameLoop) {
                QCOMPARE(l.history().size(), epochs.size());
                for (std::size_t e = 0; e < epochs.size(); ++e)
                    for (std::size_t v = 0; v < epochs[e].values.size(); ++v)
                        QVERIFY(sameBits({l.history()[e].values[v].second},
                                         {epochs[e].values[v].second}));
            }
        };
        const std::int64_t perEpoch = loop->stepsPerEpoch();
        for (std::size_t k : {std::size_t{0}, std::size_t{1}, static_cast<std::size_t>(perEpoch),
                              static_cast<std::size_t>(perEpoch + 1), saved.size() - 2}) {
            check(*loop, k, true);
            auto fresh = makeTrainingLoop(spec);
            fresh->onStep([&](const StepReport& r) { losses.push_back(r.loss); });
            check(*fresh, k, false);
        }
    }

    void badRunsAreRefused()
    {
        RunSpec spec = smallRun();
        spec.training.epochs = 0;
        QVERIFY_THROWS_EXCEPTION(EngineError, makeTrainingLoop(spec));
        spec = smallRun();
        spec.optimizer.name = "lion";
        QVERIFY_THROWS_EXCEPTION(EngineError, makeTrainingLoop(spec));
        spec = smallRun();
        spec.data.target = "price";
        QVERIFY_THROWS_EXCEPTION(DatasetError, makeTrainingLoop(spec));
        spec = smallRun();
        spec.layers[0].weights = {{"kernel", Tensor::zeros(Shape::matrix(2, 2))}};
        QVERIFY_THROWS_EXCEPTION(EngineError, makeTrainingLoop(spec));
    }
};

QTEST_APPLESS_MAIN(TestTrainingLoop)
#include "tst_training_loop.moc"
