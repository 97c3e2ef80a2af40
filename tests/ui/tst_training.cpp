// The training view (issue #6) driven as a user would: buttons clicked, numbers typed, under the
// offscreen platform. Numbers are compared with the engine's TrainingLoop run on its own.
#include "../support/SpinBoxTyping.h"
#include "engine/nn/RunSpec.h"
#include "ui/training/NetworkDiagram.h"
#include "ui/training/TrainingControls.h"
#include "ui/training/TrainingPlots.h"
#include "ui/training/TrainingSession.h"
#include "ui/training/TrainingView.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDir>
#include <QFile>
#include <QFontInfo>
#include <QImage>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace gs;

namespace {

/// The book's run in the engine alone: what the view must show.
std::unique_ptr<nn::TrainingLoop> engineLoop() { return nn::makeTrainingLoop(nn::RunSpec::book()); }

using testing::typeInto;

} // namespace

class TestTraining : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void phaseButtonAdvancesThePhase();
    void batchButtonPlotsTheEnginesLoss();
    void resetGivesTheSameFirstLossAgain();
    void learningRateChangeTakesEffect();
    void batchSizeChangeAppliesAtTheNextStep();
    void optimizerSwitchStartsAFreshOptimizer();
    void epochButtonRunsOneEpochInSlices();
    void runAndPause();
    void historyCsvRoundTrips();
    void historyCsvRejectsOtherTables();
    void plotsExport();

private:
    QPushButton* button(QPushButton* (TrainingControls::*which)() const) const
    {
        return (view_->controls()->*which)();
    }
    void click(QPushButton* (TrainingControls::*which)() const)
    {
        QTest::mouseClick(button(which), Qt::LeftButton);
    }
    /// Runs one epoch as fast as the engine goes and waits for it.
    void runOneEpoch();

    std::unique_ptr<TrainingView> view_;
};

void TestTraining::initTestCase()
{
    QVERIFY(!QFontInfo(qApp->font()).family().isEmpty());
    QLocale::setDefault(QLocale::c());
}

void TestTraining::init()
{
    view_ = std::make_unique<TrainingView>();
    view_->resize(1400, 900);
    view_->show();
    QVERIFY(QTest::qWaitForWindowExposed(view_.get()));
}

void TestTraining::cleanup() { view_.reset(); }

void TestTraining::runOneEpoch()
{
    view_->controls()->findChild<QComboBox*>(QStringLiteral("speedBox"))->setCurrentIndex(0);
    click(&TrainingControls::epochButton);
    QTRY_VERIFY_WITH_TIMEOUT(!view_->session()->running(), 20000);
}

void TestTraining::phaseButtonAdvancesThePhase()
{
    QLabel* label = view_->phaseLabel();
    QVERIFY2(label->text().contains(u"next phase: sample batch"), qPrintable(label->text()));
    click(&TrainingControls::phaseButton);
    QVERIFY2(label->text().contains(u"ran: sample batch · next: forward"),
             qPrintable(label->text()));
    click(&TrainingControls::phaseButton);
    QVERIFY2(label->text().contains(u"ran: forward · next: loss"), qPrintable(label->text()));
    QCOMPARE(view_->session()->nextPhase(), nn::Phase::Loss);
    // No step is complete yet: nothing plotted.
    QCOMPARE(view_->plots()->rawLossGraph()->dataCount(), 0);
    for (int i = 0; i < 6; ++i)
        click(&TrainingControls::phaseButton);
    QVERIFY2(label->text().contains(u"ran: metrics · next: sample batch"),
             qPrintable(label->text()));
    QCOMPARE(view_->plots()->rawLossGraph()->dataCount(), 1);
}

void TestTraining::batchButtonPlotsTheEnginesLoss()
{
    click(&TrainingControls::batchButton);
    QCPGraph* raw = view_->plots()->rawLossGraph();
    QCOMPARE(raw->dataCount(), 1);

    auto loop = engineLoop();
    loop->advanceStep();
    QCOMPARE(raw->data()->at(0)->key, 1.0);
    QCOMPARE(raw->data()->at(0)->value, loop->stepLosses().at(0));
    QCOMPARE(view_->statusLabel()->text(), QString::fromStdString(loop->statusLine()));
    QVERIFY(view_->statusLabel()->text().startsWith(u"32/11610 - loss: "));
    QVERIFY(view_->statusLabel()->text().contains(u" - mean_absolute_error: "));
    QCOMPARE(view_->progressBar()->value(), 1);
}

void TestTraining::resetGivesTheSameFirstLossAgain()
{
    for (int i = 0; i < 3; ++i)
        click(&TrainingControls::batchButton);
    QCPGraph* raw = view_->plots()->rawLossGraph();
    QCOMPARE(raw->dataCount(), 3);
    const double first = raw->data()->at(0)->value;
    QVERIFY(raw->data()->at(2)->value != first);

    click(&TrainingControls::resetButton);
    QCOMPARE(raw->dataCount(), 0);
    QCOMPARE(view_->session()->completedSteps(), 0);
    QCOMPARE(view_->progressBar()->value(), 0);
    click(&TrainingControls::batchButton);
    QCOMPARE(raw->dataCount(), 1);
    QCOMPARE(raw->data()->at(0)->value, first);
}

void TestTraining::learningRateChangeTakesEffect()
{
    click(&TrainingControls::batchButton);
    typeInto(view_->controls()->learningRateBox(), QStringLiteral("0.5"));
    QCOMPARE(view_->session()->loop().optimizer().learningRate(), 0.5);
    QVERIFY(!view_->session()->changesPending());
    click(&TrainingControls::batchButton);
    click(&TrainingControls::batchButton);

    // The engine with the same change after its first step, and without it.
    auto changed = engineLoop();
    changed->advanceStep();
    changed->optimizer().setLearningRate(0.5);
    changed->advanceStep();
    changed->advanceStep();
    auto unchanged = engineLoop();
    for (int i = 0; i < 3; ++i)
        unchanged->advanceStep();

    const TrainingHistory& h = view_->session()->history();
    QCOMPARE(h.steps.size(), std::size_t{3});
    QCOMPARE(h.steps[1].learningRate, 0.5);
    // The same optimizer went on (a new one would have restarted its iteration count).
    QCOMPARE(view_->session()->loop().optimizer().iterations(), 3);
    QCOMPARE(h.steps[2].loss, changed->stepLosses()[2]);
    QVERIFY(h.steps[2].loss != unchanged->stepLosses()[2]);
}

void TestTraining::batchSizeChangeAppliesAtTheNextStep()
{
    // Mid-step, the change waits for the step to end.
    click(&TrainingControls::phaseButton);
    typeInto(view_->controls()->batchSizeBox(), QStringLiteral("64"));
    QVERIFY(view_->session()->changesPending());
    QVERIFY(view_->controls()
                ->findChild<QLabel*>(QStringLiteral("pendingLabel"))
                ->isVisibleTo(view_.get()));
    QCOMPARE(view_->session()->loop().batch().x.shape().rows, 32);
    click(&TrainingControls::batchButton); // finishes the step begun with 32
    QCOMPARE(view_->session()->loop().batch().x.shape().rows, 32);
    click(&TrainingControls::batchButton);
    QVERIFY(!view_->session()->changesPending());
    QCOMPARE(view_->session()->loop().batch().x.shape().rows, 64);
    QCOMPARE(view_->session()->history().steps.size(), std::size_t{2});
    QCOMPARE(view_->session()->history().steps[1].step, 2);
    QVERIFY(view_->statusLabel()->text().startsWith(u"64/11610"));
}

void TestTraining::optimizerSwitchStartsAFreshOptimizer()
{
    click(&TrainingControls::batchButton);
    click(&TrainingControls::batchButton);
    const std::vector<Variable> before = view_->session()->loop().model().trainableVariables();
    const Tensor kernel = before.front().peek();
    QComboBox* optimizer = view_->controls()->optimizerBox();
    optimizer->setFocus();
    optimizer->setCurrentText(QStringLiteral("sgd"));
    QCOMPARE(view_->session()->settings().optimizer.name, std::string("sgd"));
    QCOMPARE(view_->session()->settings().optimizer.learningRate, std::optional<double>(0.01));
    // At a step boundary the new loop starts at once, from the weights reached so far.
    QVERIFY(!view_->session()->changesPending());
    QCOMPARE(view_->session()->loop().optimizer().name(), std::string("SGD"));
    QCOMPARE(view_->session()->loop().optimizer().iterations(), 0);
    const Tensor carried = view_->session()->loop().model().trainableVariables().front().peek();
    for (std::int64_t i = 0; i < kernel.size(); ++i)
        QCOMPARE(carried.at(i), kernel.at(i));
    click(&TrainingControls::batchButton);
    QCOMPARE(view_->session()->loop().optimizer().iterations(), 1);
    QCOMPARE(view_->session()->history().steps.back().step, 3);
    QCOMPARE(view_->plots()->rawLossGraph()->dataCount(), 3);
    // SGD has no slots: the optimizer plot shows the gradient only.
    QCOMPARE(view_->plots()->plot(TrainingPlots::OptimizerState)->graphCount(), 1);
}

void TestTraining::epochButtonRunsOneEpochInSlices()
{
    runOneEpoch();
    const TrainingHistory& h = view_->session()->history();
    QCOMPARE(h.epochs.size(), std::size_t{1});
    QCOMPARE(static_cast<std::int64_t>(h.steps.size()), 11610 / 32);
    // The engine's epoch report, to the bit.
    auto loop = engineLoop();
    loop->advanceEpoch();
    QCOMPARE(h.epochs[0].loss, loop->history().at(0).loss);
    QVERIFY(h.epochs[0].validationLoss);
    QCOMPARE(*h.epochs[0].validationLoss, loop->history().at(0).value("val_loss"));
    QCOMPARE(view_->plots()->plot(TrainingPlots::Epochs)->graph(0)->dataCount(), 1);
    QCOMPARE(view_->plots()->plot(TrainingPlots::GradientNorms)->graphCount(), 2);
    QCOMPARE(view_->progressBar()->maximum(), 5 * (11610 / 32));
    QCOMPARE(view_->progressBar()->value(), 11610 / 32); // 1 of 5 epochs
    QVERIFY2(view_->statusLabel()->text().startsWith(u"11610/11610 - loss: "),
             qPrintable(view_->statusLabel()->text()));
}

void TestTraining::runAndPause()
{
    click(&TrainingControls::runButton);
    QVERIFY(view_->session()->running());
    QCOMPARE(button(&TrainingControls::runButton)->text(), QStringLiteral("Pause"));
    QVERIFY(!button(&TrainingControls::batchButton)->isEnabled());
    // The event loop keeps turning while it trains: steps arrive between events.
    QTRY_VERIFY(view_->session()->completedSteps() >= 5);
    click(&TrainingControls::runButton);
    QVERIFY(!view_->session()->running());
    const std::int64_t steps = view_->session()->completedSteps();
    QTest::qWait(100);
    QCOMPARE(view_->session()->completedSteps(), steps);
    QVERIFY(button(&TrainingControls::batchButton)->isEnabled());
}

void TestTraining::historyCsvRoundTrips()
{
    runOneEpoch();
    click(&TrainingControls::batchButton);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("history.csv"));
    QVERIFY(view_->exportHistory(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY(
        text.startsWith(u"step,epoch,loss,main_loss,regularization_loss,mean_loss,learning_rate,"
                        u"mean_absolute_error,grad_norm/dense,grad_norm/dense_1,epoch_loss,"));
    QString error;
    const auto read = TrainingHistory::fromCsv(text, &error);
    QVERIFY2(read, qPrintable(error));
    const TrainingHistory& h = view_->session()->history();
    QCOMPARE(read->steps.size(), h.steps.size());
    QCOMPARE(read->epochs.size(), std::size_t{1});
    QVERIFY(*read == h);
}

void TestTraining::historyCsvRejectsOtherTables()
{
    QString error;
    QVERIFY(!TrainingHistory::fromCsv(QStringLiteral("a,b\n1,2\n"), &error));
    QVERIFY(error.startsWith(u"line 1:"));
    click(&TrainingControls::batchButton);
    QString text = view_->session()->history().toCsv();
    text.replace(text.indexOf(u'\n') + 1, 1, u'x');
    QVERIFY(!TrainingHistory::fromCsv(text, &error));
    QVERIFY2(error.startsWith(u"line 2:"), qPrintable(error));
}

void TestTraining::plotsExport()
{
    for (int i = 0; i < 3; ++i)
        click(&TrainingControls::batchButton);
    QTemporaryDir dir;
    for (const char* suffix : {"png", "svg", "pdf"}) {
        const QString path = dir.filePath(QStringLiteral("loss.") + QLatin1StringView(suffix));
        QString error;
        QVERIFY2(view_->plots()->exportTo(TrainingPlots::Loss, path, 1.0, &error),
                 qPrintable(error));
        QVERIFY(QFileInfo(path).size() > 500);
    }
    const QImage png(dir.filePath(QStringLiteral("loss.png")));
    QVERIFY(png.width() >= 640 && png.height() >= 400);
    QFile svg(dir.filePath(QStringLiteral("loss.svg")));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    QVERIFY(svg.readAll().contains("<svg"));
    QFile pdf(dir.filePath(QStringLiteral("loss.pdf")));
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QCOMPARE(pdf.read(5), QByteArray("%PDF-"));
    // Written through one rename: nothing half-written is left beside the three pictures.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 3);
    QString error;
    QVERIFY(!view_->plots()->exportTo(TrainingPlots::Loss, dir.filePath(QStringLiteral("x.bmp")),
                                      1.0, &error));
    QVERIFY(error.contains(u".png, .svg or .pdf"));
}

QTEST_MAIN(TestTraining)
#include "tst_training.moc"
