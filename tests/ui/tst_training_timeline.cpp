// Issue 17, part 4: training you can scrub. Every step is recorded in a ring of the last 10,000
// (memory stated); the timeline shows a recorded step in the diagram and on the curves, driven by
// real key presses and mouse clicks; a run resumed from a past step goes on bit for bit as it
// went the first time; a kept reference run is drawn dashed, its legend naming what differs.
#include "../support/SpinBoxTyping.h"
#include "engine/nn/RunSpec.h"
#include "ui/training/NetworkDiagram.h"
#include "ui/training/TrainingControls.h"
#include "ui/training/TrainingPlots.h"
#include "ui/training/TrainingSession.h"
#include "ui/training/TrainingTimeline.h"
#include "ui/training/TrainingView.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QStyleOptionSlider>
#include <QTest>

#include <cstring>
#include <memory>

using namespace gs;

namespace {

bool sameBits(const Tensor& a, const Tensor& b)
{
    if (!a.valid() || !b.valid() || a.shape() != b.shape() || a.dtype() != b.dtype())
        return false;
    const std::vector<double> x = a.toDoubles(), y = b.toDoubles();
    return std::memcmp(x.data(), y.data(), x.size() * sizeof(double)) == 0;
}

bool sameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

bool sameBits(const std::vector<double>& a, const std::vector<double>& b)
{
    return a.size() == b.size()
           && std::equal(a.begin(), a.end(), b.begin(),
                         [](double x, double y) { return sameBits(x, y); });
}

bool sameBits(const std::vector<Tensor>& a, const std::vector<Tensor>& b)
{
    return a.size() == b.size()
           && std::equal(a.begin(), a.end(), b.begin(),
                         [](const Tensor& x, const Tensor& y) { return sameBits(x, y); });
}

/// Every member of two checkpoints, bit for bit (a recycled record must hold all of them).
void compareCheckpoints(const nn::TrainingLoop::Checkpoint& a, const nn::TrainingLoop::Checkpoint& b)
{
    QVERIFY(sameBits(a.variables, b.variables));
    QVERIFY(a.streams == b.streams);
    QCOMPARE(a.optimizer.iterations, b.optimizer.iterations);
    QVERIFY(sameBits(a.optimizer.learningRate, b.optimizer.learningRate));
    QCOMPARE(a.optimizer.slotValues.size(), b.optimizer.slotValues.size());
    for (std::size_t i = 0; i < a.optimizer.slotValues.size(); ++i)
        QVERIFY(sameBits(a.optimizer.slotValues[i], b.optimizer.slotValues[i]));
    QVERIFY(sameBits(a.optimizer.scalars, b.optimizer.scalars));
    QVERIFY(a.sampler == b.sampler);
    QVERIFY(a.means == b.means);
    QCOMPARE(a.epoch, b.epoch);
    QCOMPARE(a.stepInEpoch, b.stepInEpoch);
    QCOMPARE(a.report.step, b.report.step);
    QCOMPARE(a.report.epoch, b.report.epoch);
    QCOMPARE(a.report.stepInEpoch, b.report.stepInEpoch);
    QCOMPARE(a.report.samplesSeen, b.report.samplesSeen);
    QVERIFY(a.report.phase == b.report.phase);
    QVERIFY(sameBits(a.report.loss, b.report.loss));
    QVERIFY(sameBits(a.report.meanLoss, b.report.meanLoss));
    QVERIFY(sameBits(a.report.metrics, b.report.metrics));
    QVERIFY(sameBits(a.report.gradientNorms, b.report.gradientNorms));
    QCOMPARE(a.gradients.size(), b.gradients.size());
    for (std::size_t i = 0; i < a.gradients.size(); ++i) {
        QCOMPARE(a.gradients[i].has_value(), b.gradients[i].has_value());
        if (a.gradients[i])
            QVERIFY(sameBits(*a.gradients[i], *b.gradients[i]));
    }
}

/// The book's loop in the engine alone, `steps` steps in.
std::unique_ptr<nn::TrainingLoop> engineAfter(int steps)
{
    auto loop = nn::makeTrainingLoop(nn::RunSpec::book());
    for (int i = 0; i < steps; ++i)
        loop->advanceStep();
    return loop;
}

using testing::typeInto;

} // namespace

class TestTrainingTimeline : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void init();
    void cleanup() { view_.reset(); }

    void ringDropsTheNewestValues();
    void recordsKeepTheLastTenThousandStepsAndStateTheirMemory();
    void keysScrubTheDiagramToTheRecordedWeights();
    void aClickOnTheTimelineShowsThatStep();
    void liveTrainingFollowsAtTheEndAndStaysWhenScrubbed();
    void resumeFromAPastStepIsBitForBit();
    void resumeGoesBackToTheSettingsOfItsStep();
    void referenceRunIsDashedWithTheDifferenceInTheLegend();

private:
    TrainingSession* session() const { return view_->session(); }
    QSlider* slider() const { return view_->timeline()->slider(); }
    void steps(int n)
    {
        for (int i = 0; i < n; ++i)
            QTest::mouseClick(view_->controls()->batchButton(), Qt::LeftButton);
    }

    std::unique_ptr<TrainingView> view_;
};

void TestTrainingTimeline::init()
{
    view_ = std::make_unique<TrainingView>();
    view_->resize(1400, 900);
    view_->show();
    QVERIFY(QTest::qWaitForWindowExposed(view_.get()));
}

void TestTrainingTimeline::ringDropsTheNewestValues()
{
    Ring<int> ring(5);
    for (int i = 0; i < 8; ++i)
        ring.push_back(i); // 3 4 5 6 7, wrapped
    ring.dropNewest(2);
    QCOMPARE(ring.size(), std::size_t{3});
    QCOMPARE(ring.total(), 6);
    QCOMPARE(ring.front(), 3);
    QCOMPARE(ring.back(), 5);
    ring.push_back(42);
    QCOMPARE(ring.back(), 42);
    QCOMPARE(ring[0], 3);
    ring.dropNewest(10);
    QVERIFY(ring.empty());
}

void TestTrainingTimeline::recordsKeepTheLastTenThousandStepsAndStateTheirMemory()
{
    TrainingSession& s = *session();
    TrainingSettings settings = s.settings();
    settings.epochs = 100;
    s.setSettings(settings);
    QCOMPARE(s.records().size(), std::size_t{1}); // step 0, the initial state
    constexpr std::int64_t extra = 25;
    const std::int64_t total = static_cast<std::int64_t>(StepRecords::capacity) + extra;
    for (std::int64_t i = 0; i < total; ++i)
        s.stepBatch();
    const StepRecords& r = s.records();
    QCOMPARE(r.size(), StepRecords::capacity);
    QCOMPARE(r.firstStep(), extra + 1);
    QCOMPARE(r.lastStep(), total);
    QVERIFY(r.find(extra) == nullptr);
    QCOMPARE(r.find(extra + 1)->step, extra + 1);
    QCOMPARE(r.find(total)->step, total);
    // The newest record is the live state.
    const std::vector<Variable> vars = s.loop().model().variables();
    const StepRecord& last = *r.find(total);
    for (std::size_t i = 0; i < vars.size(); ++i)
        QVERIFY(sameBits(last.state.variables[i], vars[i].peek()));
    QCOMPARE(last.state.optimizer.iterations, total);
    QCOMPARE(last.state.optimizer.slotValues.size(), vars.size()); // Nadam: momentum, velocity
    QVERIFY(sameBits(last.state.report.loss, s.history().steps.back().loss));
    // Its slot was the oldest step's: the numbers were written into that step's buffers, and
    // every member of the loop's checkpoint came along.
    compareCheckpoints(last.state, s.loop().checkpoint());
    if (QTest::currentTestFailed())
        return;

    // The memory figure is the records' own sum, about 7 KB a step for the book's network:
    // 301 float32 weights, gradients and two slots each (4,816 bytes) and the bookkeeping.
    std::size_t sum = 0;
    for (const StepRecord& record : r.ring())
        sum += StepRecords::bytesOf(record);
    QCOMPARE(r.bytes(), sum);
    QVERIFY2(r.bytesPerStep() > 4816 && r.bytesPerStep() < 8000,
             qPrintable(QString::number(r.bytesPerStep())));
    QVERIFY(r.bytes() < 80'000'000);
    const QString text = r.memoryText();
    QVERIFY2(text.startsWith(QStringLiteral("steps 26–10,025 kept, ")), qPrintable(text));
    QVERIFY(text.contains(u"MB for the last 10,000)"));
    QTest::qWait(1);
    QVERIFY(view_->timeline()->memoryLabel()->text().contains(text));
    QVERIFY(view_->timeline()->memoryLabel()->toolTip().contains(u"10,000 steps"));
    QCOMPARE(slider()->minimum(), extra + 1);
    QCOMPARE(slider()->maximum(), total);
}

void TestTrainingTimeline::keysScrubTheDiagramToTheRecordedWeights()
{
    steps(5);
    NetworkDiagram* diagram = view_->diagram();
    QVERIFY(!diagram->frame().recordedStep);
    const QImage live = diagram->grab().toImage();
    slider()->setFocus();
    QTest::keyClick(slider(), Qt::Key_Left);
    QTest::keyClick(slider(), Qt::Key_Left);
    QCOMPARE(session()->shownStep(), std::optional<std::int64_t>(3));
    QCOMPARE(view_->timeline()->stepLabel()->text(), QStringLiteral("Step 3 of 5"));
    QVERIFY(view_->timeline()->resumeButton()->isEnabled());

    // The diagram shows the weights and gradients of step 3, as the engine computes them.
    const NetworkDiagram::Frame frame = diagram->frame();
    QCOMPARE(frame.recordedStep, std::optional<std::int64_t>(3));
    auto engine = engineAfter(3);
    const std::vector<Variable> vars = engine->model().variables();
    QCOMPARE(frame.variables.size(), vars.size());
    for (std::size_t i = 0; i < vars.size(); ++i)
        QVERIFY(sameBits(frame.variables[i], vars[i].peek()));
    for (std::size_t i = 0; i < engine->gradients().size(); ++i)
        QVERIFY(sameBits(*frame.gradients[i], *engine->gradients()[i]));
    QVERIFY(sameBits(frame.report.loss, engine->report().loss));
    QVERIFY(diagram->grab().toImage() != live);
    QVERIFY(view_->phaseLabel()->text().startsWith(u"Recorded step 3 of 5"));
    // Each curve marks the step.
    QCPItemStraightLine* marker = view_->plots()->marker(TrainingPlots::Loss);
    QVERIFY(marker->visible());
    QCOMPARE(marker->point1->coords().x(), 3.0);

    QTest::keyClick(slider(), Qt::Key_Home);
    QCOMPARE(session()->shownStep(), std::optional<std::int64_t>(0));
    auto initial = engineAfter(0);
    for (std::size_t i = 0; i < vars.size(); ++i)
        QVERIFY(sameBits(diagram->frame().variables[i], initial->model().variables()[i].peek()));

    QTest::keyClick(slider(), Qt::Key_End);
    QVERIFY(!session()->shownStep());
    QVERIFY(!diagram->frame().recordedStep);
    QVERIFY(!marker->visible());
    QCOMPARE(view_->timeline()->stepLabel()->text(), QStringLiteral("Live · step 5"));
    QVERIFY(!view_->timeline()->resumeButton()->isEnabled());
}

void TestTrainingTimeline::aClickOnTheTimelineShowsThatStep()
{
    steps(40);
    QSlider* s = slider();
    QStyleOptionSlider option;
    option.initFrom(s);
    option.minimum = s->minimum();
    option.maximum = s->maximum();
    option.sliderPosition = option.sliderValue = s->value();
    option.orientation = Qt::Horizontal;
    const QRect groove =
        s->style()->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderGroove, s);
    // A quarter of the way along the groove.
    QTest::mouseClick(s, Qt::LeftButton, {},
                      QPoint(groove.left() + groove.width() / 4, groove.center().y()));
    const std::optional<std::int64_t> shown = session()->shownStep();
    QVERIFY(shown);
    QVERIFY2(*shown > 3 && *shown < 20, qPrintable(QString::number(*shown)));
    QCOMPARE(s->value(), static_cast<int>(*shown));
    const NetworkDiagram::Frame frame = view_->diagram()->frame();
    const StepRecord* record = session()->records().find(*shown);
    for (std::size_t i = 0; i < frame.variables.size(); ++i)
        QVERIFY(sameBits(frame.variables[i], record->state.variables[i]));
    auto engine = engineAfter(static_cast<int>(*shown));
    QVERIFY(sameBits(frame.variables[0], engine->model().variables()[0].peek()));
}

void TestTrainingTimeline::liveTrainingFollowsAtTheEndAndStaysWhenScrubbed()
{
    view_->controls()->findChild<QComboBox*>(QStringLiteral("speedBox"))->setCurrentIndex(0);
    QTest::mouseClick(view_->controls()->runButton(), Qt::LeftButton);
    QTRY_VERIFY(session()->completedSteps() >= 20);
    // At the end of the timeline the view follows the run.
    QVERIFY(!session()->shownStep());
    QCOMPARE(slider()->value(), slider()->maximum());
    QTRY_VERIFY(slider()->maximum() >= 40);
    QCOMPARE(slider()->value(), slider()->maximum());
    // Scrubbed back, it stays on its step while training goes on.
    slider()->setFocus();
    QTest::keyClick(slider(), Qt::Key_Left);
    const std::optional<std::int64_t> shown = session()->shownStep();
    QVERIFY(shown);
    const std::int64_t before = session()->completedSteps();
    QTRY_VERIFY(session()->completedSteps() > before + 10);
    QCOMPARE(session()->shownStep(), shown);
    QCOMPARE(view_->diagram()->frame().recordedStep, shown);
    QCOMPARE(slider()->value(), static_cast<int>(*shown));
    QTest::mouseClick(view_->controls()->runButton(), Qt::LeftButton);
    QVERIFY(!session()->running());
    // Paused, scrubbing goes on working.
    QTest::keyClick(slider(), Qt::Key_Right);
    QCOMPARE(session()->shownStep(), std::optional<std::int64_t>(*shown + 1));
}

void TestTrainingTimeline::resumeFromAPastStepIsBitForBit()
{
    TrainingSession& s = *session();
    // Across the end of the first epoch (362 steps of 32 out of 11,610).
    constexpr int n = 380;
    for (int i = 0; i < n; ++i)
        s.stepBatch();
    const TrainingHistory original = s.history();
    const std::vector<Tensor> weights = s.loop().model().snapshot();
    QCOMPARE(original.epochs.size(), std::size_t{1});
    for (int k : {370, 362, 361, 12}) {
        // Through the timeline: the slider to step k, then the button.
        slider()->setFocus();
        QTest::keyClick(slider(), Qt::Key_Home);
        for (int i = 0; i < k; ++i)
            QTest::keyClick(slider(), Qt::Key_Right);
        QCOMPARE(s.shownStep(), std::optional<std::int64_t>(k));
        QTest::mouseClick(view_->timeline()->resumeButton(), Qt::LeftButton);
        QCOMPARE(s.completedSteps(), k);
        QVERIFY(!s.shownStep());
        QCOMPARE(s.records().lastStep(), k);
        QCOMPARE(s.history().epochs.size(), std::size_t{k >= 362 ? 1u : 0u});
        QCOMPARE(view_->plots()->rawLossGraph()->dataCount(), k);
        QCOMPARE(slider()->maximum(), k);
        for (int i = k; i < n; ++i)
            s.stepBatch();
        const TrainingHistory& again = s.history();
        QCOMPARE(again.steps.size(), original.steps.size());
        for (std::size_t i = 0; i < again.steps.size(); ++i)
            QVERIFY2(
                sameBits(again.steps[i].loss, original.steps[i].loss)
                    && sameBits(again.steps[i].meanLoss, original.steps[i].meanLoss)
                    && again.steps[i].metrics == original.steps[i].metrics,
                qPrintable(QStringLiteral("step %1 after resuming from %2").arg(i + 1).arg(k)));
        QVERIFY(again.epochs == original.epochs);
        const std::vector<Tensor> now = s.loop().model().snapshot();
        for (std::size_t i = 0; i < now.size(); ++i)
            QVERIFY(sameBits(now[i], weights[i]));
        QCOMPARE(s.loop().optimizer().iterations(), n);
        QCOMPARE(view_->plots()->rawLossGraph()->dataCount(), n);
    }
}

void TestTrainingTimeline::resumeGoesBackToTheSettingsOfItsStep()
{
    TrainingSession& s = *session();
    steps(5);
    view_->controls()->optimizerBox()->setCurrentText(QStringLiteral("sgd"));
    QCOMPARE(s.loop().optimizer().name(), std::string("SGD"));
    steps(5);
    const TrainingHistory original = s.history();
    QVERIFY(s.resumeFrom(3));
    QCOMPARE(s.settings().optimizer.name, std::string("nadam"));
    QCOMPARE(view_->controls()->optimizerBox()->currentText(), QStringLiteral("nadam"));
    QCOMPARE(s.loop().optimizer().name(), std::string("nadam"));
    QCOMPARE(s.loop().optimizer().iterations(), 3);
    QCOMPARE(s.records().segments().size(), std::size_t{1});
    steps(2);
    QVERIFY(sameBits(s.history().steps[3].loss, original.steps[3].loss));
    QVERIFY(sameBits(s.history().steps[4].loss, original.steps[4].loss));
    // The SGD steps were dropped when the run went back to step 3.
    QVERIFY(!s.resumeFrom(8));
}

void TestTrainingTimeline::referenceRunIsDashedWithTheDifferenceInTheLegend()
{
    steps(20);
    const double firstLoss = session()->history().steps.front().loss;
    QTest::mouseClick(view_->timeline()->keepReferenceButton(), Qt::LeftButton);
    QVERIFY(session()->reference());
    QCOMPARE(session()->completedSteps(), 0);
    // Another optimizer before the first step: a fresh start, the same batches as the reference.
    view_->controls()->optimizerBox()->setCurrentText(QStringLiteral("sgd"));
    QLabel* label = view_->timeline()->comparisonLabel();
    QCOMPARE(session()->comparisonText(),
             QStringLiteral("SGD lr=0.01 (current) vs Nadam lr=0.01 (reference)"));
    QVERIFY(label->text().contains(session()->comparisonText()));
    typeInto(view_->controls()->learningRateBox(), QStringLiteral("0.001"));
    typeInto(view_->controls()->batchSizeBox(), QStringLiteral("64"));
    QCOMPARE(
        session()->comparisonText(),
        QStringLiteral("SGD lr=0.001, batch 64 (current) vs Nadam lr=0.01, batch 32 (reference)"));
    typeInto(view_->controls()->batchSizeBox(), QStringLiteral("32"));
    steps(10);
    QVERIFY(sameBits(session()->history().steps.front().loss, firstLoss));

    // The reference's curves, dashed, named in the legends.
    const std::vector<QCPGraph*>& loss = view_->plots()->referenceGraphs(TrainingPlots::Loss);
    QCOMPARE(loss.size(), std::size_t{1});
    QCOMPARE(loss.front()->dataCount(), 20);
    QCOMPARE(loss.front()->pen().style(), Qt::DashLine);
    QCOMPARE(loss.front()->name(), QStringLiteral("smoothed, Nadam lr=0.01 (reference)"));
    QCOMPARE(view_->plots()->smoothedLossGraph()->name(),
             QStringLiteral("smoothed, SGD lr=0.001 (current)"));
    QCOMPARE(view_->plots()->smoothedLossGraph()->dataCount(), 10);
    QCOMPARE(view_->plots()->referenceGraphs(TrainingPlots::GradientNorms).size(), std::size_t{2});
    QCPLegend* legend = view_->plots()->plot(TrainingPlots::Loss)->legend;
    QVERIFY(legend->hasItemWithPlottable(loss.front()));

    QTest::mouseClick(view_->timeline()->clearReferenceButton(), Qt::LeftButton);
    QVERIFY(!session()->reference());
    QVERIFY(view_->plots()->referenceGraphs(TrainingPlots::Loss).empty());
    QCOMPARE(view_->plots()->plot(TrainingPlots::Loss)->graphCount(), 2);
    QVERIFY(label->text().isEmpty());
    QCOMPARE(view_->plots()->smoothedLossGraph()->name(), QStringLiteral("smoothed"));
}

QTEST_MAIN(TestTrainingTimeline)
#include "tst_training_timeline.moc"
