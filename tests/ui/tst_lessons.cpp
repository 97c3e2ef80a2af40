// The built-in lessons, data tested like code: each one opens, steps from first to last with Page
// Down (and back with Page Up), and every step shows the book's numbers. Also authoring (a
// recorded step survives save and load, read-only until Edit Lesson), questions that hide their
// answers until revealed, and the handout (a page per step, and one per hidden answer).
#include "EditorTestSupport.h"

#include "document/DocumentFile.h"
#include "ui/files/DocumentFiles.h"
#include "ui/lessons/LessonCatalog.h"
#include "ui/lessons/LessonHighlights.h"
#include "ui/lessons/LessonPanel.h"
#include "ui/lessons/LessonPlayer.h"
#include "ui/lessons/LessonStepDialog.h"
#include "ui/workspace/LessonMode.h"
#include "ui/workspace/PresenterCaption.h"
#include "ui/workspace/PresenterMode.h"
#include "ui/panels/FormulaBar.h"
#include "ui/render/Legend.h"
#include "ui/render/LessonHandout.h"
#include "ui/panels/TapePanel.h"

#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace gs;

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();
/// A gradient the tape answers None for.
constexpr std::optional<double> none = std::nullopt;

using Grads = std::vector<std::optional<double>>;
using Rows = std::vector<std::vector<double>>;
using OptRows = std::vector<std::vector<std::optional<double>>>;

/// What one step must show; unset fields are not checked.
struct StepCheck {
    int lesson = 0; ///< index into builtinLessons()
    int step = 0;
    std::optional<double> value;         ///< the target's (scalar) value
    std::vector<double> values;          ///< a vector target's elements (checked when not empty)
    std::vector<double> gradient;        ///< a vector source's gradient, element by element (checked when not empty)
    std::optional<double> slope;         ///< (value - 105) / 1e-6: the finite difference of lesson 1
    std::vector<std::optional<double>> gradients; ///< per source, in order (checked when not empty)
    std::optional<int> sources;          ///< how many sources the tape watches
    std::vector<std::vector<double>> jacobian;    ///< per source, the derivatives of each result
    std::vector<std::vector<std::optional<double>>> hessian;
    std::optional<DType> dtype;
    std::optional<ViewMode> view;
    int highlights = -1;

    StepCheck valueIs(double v) { value = v; return *this; }
    StepCheck valuesAre(std::vector<double> v) { values = std::move(v); return *this; }
    StepCheck gradientIs(std::vector<double> g) { gradient = std::move(g); return *this; }
    StepCheck slopeIs(double v) { slope = v; return *this; }
    StepCheck gradientsIs(Grads g) { gradients = std::move(g); return *this; }
    StepCheck sourcesIs(int n) { sources = n; return *this; }
    StepCheck jacobianIs(Rows r) { jacobian = std::move(r); return *this; }
    StepCheck hessianIs(OptRows r) { hessian = std::move(r); return *this; }
    StepCheck dtypeIs(DType t) { dtype = t; return *this; }
    StepCheck viewIs(ViewMode m) { view = m; return *this; }
    StepCheck highlightsIs(int n) { highlights = n; return *this; }
};

StepCheck check(int lesson, int step)
{
    StepCheck c;
    c.lesson = lesson;
    c.step = step;
    return c;
}

std::vector<StepCheck> bookNumbers()
{
    using V = ViewMode;
    return {
        // 1. Computing gradients with a tape
        check(0, 0).valueIs(105).dtypeIs(DType::Float64).viewIs(V::Forward).highlightsIs(1),
        check(0, 1).valueIs(105.000036000003).slopeIs(36.000003),
        check(0, 2).valueIs(105.000010).slopeIs(10.0),
        check(0, 3).valueIs(105).gradientsIs(Grads{36, 10}).viewIs(V::Gradient).highlightsIs(2),
        check(0, 4).gradientsIs(Grads{36, 10}),
        // 2. What the tape watches
        check(1, 0).gradientsIs(Grads{36, 10}),
        check(1, 1).valueIs(105).sourcesIs(0),
        check(1, 2).gradientsIs(Grads{36, 10}),
        check(1, 3).gradientsIs(Grads{36}),
        check(1, 4).gradientsIs(Grads{36, 10}),
        // 3. Vector targets, Jacobians and Hessians
        check(2, 0).gradientsIs(Grads{136, 30}),
        check(2, 1).jacobianIs(Rows{{40, 46, 50}, {10, 10, 10}}),
        check(2, 2).valueIs(105).hessianIs(OptRows{{6, 2}, {2, none}}),
        check(2, 3).hessianIs(OptRows{{6, 2}, {2, none}}),
        // 4. stop_gradient
        check(3, 0).valueIs(105).viewIs(V::Forward),
        check(3, 1).valueIs(105).gradientsIs(Grads{30, none}).viewIs(V::Gradient),
        check(3, 2).gradientsIs(Grads{36, 10}),
        // 5. When gradients go NaN
        check(4, 0).valueIs(inf).dtypeIs(DType::Float32),
        check(4, 1).valueIs(inf).gradientsIs(Grads{nan}).dtypeIs(DType::Float32),
        check(4, 2).valueIs(100).gradientsIs(Grads{1}).dtypeIs(DType::Float64),
        check(4, 3).gradientsIs(Grads{nan}).dtypeIs(DType::Float64),
        check(4, 4).valueIs(inf).gradientsIs(Grads{1}).dtypeIs(DType::Float32),
        check(4, 5).valueIs(100).gradientsIs(Grads{nan}).dtypeIs(DType::Float32),
        check(4, 6).valueIs(100).gradientsIs(Grads{1}).dtypeIs(DType::Float32),
        check(4, 7).valueIs(inf).gradientsIs(Grads{nan}).dtypeIs(DType::Float32).highlightsIs(1), // exercise: a stable formula
        check(4, 8).valueIs(inf).gradientsIs(Grads{nan}).dtypeIs(DType::Float32).highlightsIs(1), // exercise: a custom gradient
        // 6. A custom training loop
        check(5, 0).valueIs(10.5125).dtypeIs(DType::Float64),
        check(5, 1).valueIs(10.5125).gradientsIs(Grads{-13.95, -6}),
        check(5, 2).valueIs(8.3353425125),
        check(5, 3).valueIs(8.3353425125),
        check(5, 4).valueIs(10.5125).gradientsIs(Grads{-13.95, -6}).dtypeIs(DType::Float64).highlightsIs(1), // exercise: lr
        // 7. TF Functions and graphs
        check(6, 0).valueIs(8).viewIs(V::Forward),
        check(6, 1).valueIs(8).gradientsIs(Grads{12}).viewIs(V::Gradient),
        check(6, 2).valueIs(8).sourcesIs(1),
        check(6, 3).valueIs(8),
        // 8. A gallery of NaNs and their cures
        check(7, 0).valuesAre({nan, 0}).gradientIs({nan, nan}).dtypeIs(DType::Float32).viewIs(V::Forward).highlightsIs(2),
        check(7, 1).valuesAre({nan, 0}).gradientIs({nan, nan}).dtypeIs(DType::Float64).highlightsIs(2),
        check(7, 2).valuesAre({1, 0}).gradientIs({0, 0}).dtypeIs(DType::Float32).viewIs(V::Gradient).highlightsIs(1),
        check(7, 3).valueIs(-inf).gradientsIs(Grads{nan}).dtypeIs(DType::Float32),
        check(7, 4).valueIs(-100).gradientsIs(Grads{1}).dtypeIs(DType::Float32),
        check(7, 5).valueIs(inf).gradientsIs(Grads{nan}).dtypeIs(DType::Float32).viewIs(V::Forward).highlightsIs(2),
        check(7, 6).valueIs(inf).gradientsIs(Grads{nan}).dtypeIs(DType::Float64).viewIs(V::Gradient),
        check(7, 7).valueIs(100).gradientsIs(Grads{1}).dtypeIs(DType::Float32),
        check(7, 8).valueIs(0).gradientIs({nan, nan}).dtypeIs(DType::Float32),
        check(7, 9).valueIs(0).gradientIs({0, 0}).dtypeIs(DType::Float32),
        check(7, 10).valueIs(1).gradientsIs(Grads{nan}),
        check(7, 11).valueIs(1).gradientsIs(Grads{0}),
        check(7, 12).valueIs(1).gradientsIs(Grads{0}).highlightsIs(1),
    };
}

bool same(double actual, double expected)
{
    if (std::isnan(expected))
        return std::isnan(actual);
    if (std::isinf(expected))
        return actual == expected;
    return std::abs(actual - expected) <= 1e-6 * std::max(1.0, std::abs(expected));
}

QString describe(const std::optional<Tensor>& t)
{
    if (!t)
        return QStringLiteral("None");
    QStringList parts;
    for (double d : t->toDoubles())
        parts << QString::number(d, 'g', 12);
    return parts.join(u',');
}

/// Empty when the editor shows what `check` expects, else what differs.
QString compare(const EditorSession& session, const testing::Editor& editor, const StepCheck& check)
{
    const Evaluation& e = session.evaluation();
    QStringList problems;
    if (!e.error.isEmpty())
        problems << QStringLiteral("evaluation error: %1").arg(e.error);
    if (check.value && (!e.value || !same(e.value->item(), *check.value)))
        problems << QStringLiteral("value %1, expected %2").arg(describe(e.value)).arg(*check.value);
    if (!check.values.empty()) {
        const std::vector<double> v = e.value ? e.value->toDoubles() : std::vector<double>{};
        if (v.size() != check.values.size() || !std::equal(v.begin(), v.end(), check.values.begin(), same))
            problems << QStringLiteral("values %1").arg(describe(e.value));
    }
    if (!check.gradient.empty()) {
        const std::optional<Tensor> g = e.gradients.empty() ? std::nullopt : e.gradients.front().gradient;
        const std::vector<double> v = g ? g->toDoubles() : std::vector<double>{};
        if (e.gradients.size() != 1 || v.size() != check.gradient.size() || !std::equal(v.begin(), v.end(), check.gradient.begin(), same))
            problems << QStringLiteral("gradient %1").arg(describe(g));
    }
    if (check.slope && (!e.value || std::abs((e.value->item() - 105) / 1e-6 - *check.slope) > 1e-4))
        problems << QStringLiteral("finite difference %1, expected %2").arg((e.value->item() - 105) / 1e-6).arg(*check.slope);
    if (!check.gradients.empty()) {
        if (e.gradients.size() != check.gradients.size())
            problems << QStringLiteral("%1 gradients, expected %2").arg(e.gradients.size()).arg(check.gradients.size());
        else
            for (std::size_t i = 0; i < e.gradients.size(); ++i) {
                const auto& g = e.gradients[i].gradient;
                const auto& want = check.gradients[i];
                if (g.has_value() != want.has_value() || (g && !same(g->item(), *want)))
                    problems << QStringLiteral("gradient %1 is %2").arg(i).arg(describe(g));
            }
    }
    if (check.sources && static_cast<int>(session.watchedSources().size()) != *check.sources)
        problems << QStringLiteral("%1 sources watched, expected %2").arg(session.watchedSources().size()).arg(*check.sources);
    for (std::size_t i = 0; i < check.jacobian.size(); ++i) {
        const std::vector<double> row = i < e.jacobian.size() && e.jacobian[i] ? e.jacobian[i]->toDoubles() : std::vector<double>{};
        if (row != check.jacobian[i])
            problems << QStringLiteral("jacobian %1 is %2").arg(i).arg(i < e.jacobian.size() ? describe(e.jacobian[i]) : QString());
    }
    for (std::size_t i = 0; i < check.hessian.size(); ++i)
        for (std::size_t j = 0; j < check.hessian[i].size(); ++j) {
            const bool present = i < e.hessian.size() && j < e.hessian[i].size();
            const std::optional<Tensor> h = present ? e.hessian[i][j] : std::nullopt;
            const auto& want = check.hessian[i][j];
            if (!present || h.has_value() != want.has_value() || (h && !same(h->item(), *want)))
                problems << QStringLiteral("hessian[%1][%2] is %3").arg(i).arg(j).arg(present ? describe(h) : QStringLiteral("missing"));
        }
    if (check.dtype && e.dtype != *check.dtype)
        problems << QStringLiteral("dtype %1").arg(QString::fromLatin1(dtypeName(e.dtype).data()));
    if (check.view && session.viewMode() != *check.view)
        problems << QStringLiteral("wrong view");
    if (check.highlights >= 0 && lessonHighlightCount(editor.scene) != check.highlights)
        problems << QStringLiteral("%1 highlights, expected %2").arg(lessonHighlightCount(editor.scene)).arg(check.highlights);
    return problems.join(QStringLiteral("; "));
}

int pdfPages(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    // Page objects, not the /Type /Pages tree node.
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?![a-zA-Z])"));
    return static_cast<int>(QString::fromLatin1(file.readAll()).count(page));
}

} // namespace

class TestLessons : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { testing::useTestSettings("tst_lessons"); }

    void init()
    {
        QVERIFY(editor_.open());
        lessons_ = editor_.ws->lessons();
        QVERIFY(lessons_);
        editor_.ws->files()->askToSave = [](const QString&) { return DocumentFiles::Answer::Discard; };
    }

    void cleanup() { editor_.window.reset(); }

    void everyBuiltinLessonLoads()
    {
        QCOMPARE(builtinLessons().size(), std::size_t(8));
        for (const BuiltinLesson& lesson : builtinLessons()) {
            const DocumentReadResult read = loadDocument(lesson.resource);
            QVERIFY2(read.ok(), qPrintable(lesson.resource + QStringLiteral(": ") + (read.ok() ? QString() : read.error->text())));
            QVERIFY2(!read.data.lesson.steps.empty(), qPrintable(lesson.resource));
            for (int i = 0; i < static_cast<int>(read.data.lesson.steps.size()); ++i) {
                const LessonFrame frame = lessonFrame(read.data, i);
                QVERIFY2(frame.problems.isEmpty(), qPrintable(frame.problems.join(u'\n')));
                QVERIFY2(!frame.text.isEmpty(), qPrintable(QStringLiteral("%1 step %2 has no text").arg(lesson.resource).arg(i + 1)));
            }
        }
    }

    void stepsShowTheBooksNumbers()
    {
        const std::vector<StepCheck> checks = bookNumbers();
        for (int lesson = 0; lesson < static_cast<int>(builtinLessons().size()); ++lesson) {
            QVERIFY(lessons_->openBuiltin(lesson));
            QTest::qWait(10); // the first step is applied once the example has been set up
            LessonPlayer* player = lessons_->player();
            QCOMPARE(player->index(), 0);
            int checked = 0;
            for (int step = 0; step < player->count(); ++step) {
                if (step > 0)
                    QTest::keyClick(editor_.window.get(), Qt::Key_PageDown);
                QCOMPARE(player->index(), step);
                QVERIFY(player->frame().problems.isEmpty());
                for (const StepCheck& c : checks)
                    if (c.lesson == lesson && c.step == step) {
                        const QString problems = compare(*editor_.session, editor_, c);
                        QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("lesson %1 step %2: %3").arg(lesson + 1).arg(step + 1).arg(problems)));
                        ++checked;
                    }
            }
            QVERIFY2(checked == player->count(), qPrintable(QStringLiteral("lesson %1: %2 of %3 steps checked").arg(lesson + 1).arg(checked).arg(player->count())));
            QTest::keyClick(editor_.window.get(), Qt::Key_PageDown); // past the end: stays
            QCOMPARE(player->index(), player->count() - 1);
        }
    }

    void pageUpGoesBackAndRestoresState()
    {
        QVERIFY(lessons_->openBuiltin(3)); // stop_gradient
        QTest::qWait(10);
        LessonPanel* panel = lessons_->panel();
        QCOMPARE(panel->counter()->text(), QStringLiteral("Step 1 of 3"));
        QVERIFY(panel->question()->isVisibleTo(panel));
        QTest::keyClick(editor_.window.get(), Qt::Key_PageDown);
        QCOMPARE(panel->counter()->text(), QStringLiteral("Step 2 of 3"));
        QVERIFY(panel->textView()->toPlainText().contains(QStringLiteral("[30, None]")));
        QCOMPARE(editor_.session->viewMode(), ViewMode::Gradient);
        QTest::keyClick(editor_.window.get(), Qt::Key_PageUp);
        QCOMPARE(lessons_->player()->index(), 0);
        QCOMPARE(editor_.session->viewMode(), ViewMode::Forward);
        QVERIFY(!panel->previousAction()->isEnabled());
        // Step 1 locks the formula bar; the last step does not.
        QVERIFY(!editor_.ws->formulaBar()->isEnabled());
        lessons_->player()->go(2);
        QVERIFY(editor_.ws->formulaBar()->isEnabled());
        // Stepping is not editing.
        QVERIFY(editor_.session->undoStack()->isClean());
    }

    void stepsShowPanelsByObjectName()
    {
        QVERIFY(lessons_->openBuiltin(5)); // the training loop
        QTest::qWait(10);
        auto* stepDock = editor_.window->findChild<QDockWidget*>(QStringLiteral("stepDock"));
        auto* tapeDock = editor_.window->findChild<QDockWidget*>(QStringLiteral("tapeDock"));
        QVERIFY(stepDock && tapeDock);
        stepDock->show();
        lessons_->player()->go(0); // the inspector and the tape
        QVERIFY(!stepDock->isVisible());
        QVERIFY(tapeDock->isVisible());
        QVERIFY(lessons_->dock()->isVisible());
        lessons_->player()->go(3); // the training view only
        QVERIFY(!tapeDock->isVisible());
        QVERIFY(lessons_->dock()->isVisible());
        if (auto* training = editor_.window->findChild<QDockWidget*>(QStringLiteral("trainingDock")))
            QVERIFY(training->isVisible());
    }

    void recordedStepSurvivesSaveAndLoad()
    {
        QVERIFY(lessons_->openBuiltin(3));
        QTest::qWait(10);
        LessonPlayer* player = lessons_->player();
        player->go(1); // [30, None]
        editor_.session->setDType(DType::Float64);
        editor_.scene->selectNodes({editor_.node("w1")});
        player->recordStep(QStringLiteral("<p>Recorded</p>"));
        QCOMPARE(player->count(), 4);
        QCOMPARE(player->index(), 2);
        QCOMPARE(lessons_->panel()->textView()->toPlainText(), QStringLiteral("Recorded"));
        const LessonStep recorded = player->lesson().steps[2];
        QVERIFY(recorded.formula.has_value());
        QCOMPARE(recorded.dtype, std::optional<DType>(DType::Float64));
        QCOMPARE(recorded.highlight, QStringList{QStringLiteral("w1")});
        QCOMPARE(recorded.view, std::optional<LessonView>(LessonView::Gradient));

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("recorded.gscope"));
        QString error;
        QVERIFY2(editor_.ws->files()->saveTo(path, &error), qPrintable(error));
        const DocumentReadResult read = loadDocument(path);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error->text()));
        QVERIFY(read.data.lesson.steps == player->lesson().steps);

        QVERIFY(editor_.ws->files()->openFile(path, &error));
        QTest::qWait(10);
        player->go(2);
        StepCheck check;
        check.gradients = {30, none};
        check.dtype = DType::Float64;
        check.highlights = 1;
        const QString problems = compare(*editor_.session, editor_, check);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));

        // Authoring is undoable: the recorded step goes away again.
        const int before = player->count();
        player->remove(2);
        QCOMPARE(player->count(), before - 1);
        editor_.session->undoStack()->undo();
        QCOMPARE(player->count(), before);
    }

    void presenterModeHidesChromeAndShowsTheCaption()
    {
        QVERIFY(lessons_->openBuiltin(0));
        QTest::qWait(10);
        PresenterMode* presenter = lessons_->presenter();
        presenter->setFullScreenEnabled(false);
        QTest::keyClick(editor_.window.get(), Qt::Key_F5);
        QVERIFY(presenter->isOn());
        QVERIFY(!editor_.window->menuBar()->isVisible());
        QVERIFY(presenter->caption()->isVisible());
        QVERIFY(presenter->caption()->text()->text().contains(QStringLiteral("A function of two weights")));
        QVERIFY(!lessons_->dock()->isVisible());
        QTest::keyClick(editor_.window.get(), Qt::Key_PageDown);
        QVERIFY(presenter->caption()->text()->text().contains(QStringLiteral("finite difference")));
        QTest::keyClick(editor_.window.get(), Qt::Key_Escape);
        QVERIFY(!presenter->isOn());
        QVERIFY(editor_.window->menuBar()->isVisible());
        QVERIFY(!presenter->caption());
    }

    void handoutHasAPagePerStepAndOnePerHiddenAnswer()
    {
        QTemporaryDir dir;
        for (const BuiltinLesson& lesson : builtinLessons()) {
            const DocumentReadResult read = loadDocument(lesson.resource);
            QVERIFY(read.ok());
            int pages = 0;
            bool hints = false;
            for (const LessonStep& step : read.data.lesson.steps) {
                pages += step.conceal.isEmpty() ? 1 : 2;
                hints = hints || (step.goal && !step.goal->hints.isEmpty());
            }
            pages += hints ? 1 : 0; // the exercises' hints, on a last page
            const QString pdf = dir.filePath(QFileInfo(lesson.resource).completeBaseName() + QStringLiteral(".pdf"));
            QString error;
            QCOMPARE(exportLessonHandout(read.data, pdf, 1.0, &error), pages);
            QCOMPARE(lessonHandoutPageCount(read.data), pages);
            QCOMPARE(pdfPages(pdf), pages);
        }
        // stop_gradient: the question's page hides [30, None]; the page after it shows it. The
        // exercise's hints are on a fifth page.
        const DocumentReadResult read = loadDocument(builtinLessons()[3].resource);
        const QString png = dir.filePath(QStringLiteral("valve.png"));
        QCOMPARE(exportLessonHandout(read.data, png, 1.0), 5);
        for (int i = 0; i < 5; ++i)
            QVERIFY(QFileInfo::exists(handoutPageFile(png, i, 5)));
        QVERIFY(!QFileInfo::exists(handoutPageFile(png, 5, 5)));
        QCOMPARE(QFileInfo(handoutPageFile(png, 0, 5)).fileName(), QStringLiteral("valve-01.png"));
        const QString svg = dir.filePath(QStringLiteral("valve.svg"));
        QCOMPARE(exportLessonHandout(read.data, svg, 1.0), 5);
        const auto text = [&](int page) {
            QFile file(handoutPageFile(svg, page, 5));
            return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
        };
        QVERIFY(text(0).contains(QStringLiteral("Your answer")));
        QVERIFY(text(0).contains(QStringLiteral("∂f/∂w1 = ?")));
        QVERIFY(!text(0).contains(QStringLiteral("None")));
        QVERIFY(text(1).contains(QStringLiteral("the answer")));
        QVERIFY(text(1).contains(QStringLiteral("∂f/∂w1 = 30.0")));
        QVERIFY(text(1).contains(QStringLiteral("None")));
    }

    void handoutOfABuiltinLessonFromTheCommandLine()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("handout.pdf"));
        QProcess process;
        process.start(QStringLiteral(GRADSCOPE_EXE), {QStringLiteral("export"), QStringLiteral("lesson:4"), QStringLiteral("--lesson"),
                                                      QStringLiteral("-o"), out});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(process.readAllStandardOutput().contains("\"pages\":5"));
        QCOMPARE(pdfPages(out), 5);
        process.start(QStringLiteral(GRADSCOPE_EXE), {QStringLiteral("export"), QStringLiteral("lesson:nan"), QStringLiteral("--lesson"),
                                                      QStringLiteral("-o"), out});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(pdfPages(out), 11); // 9 steps, an answer page, the exercises' hints
        process.start(QStringLiteral(GRADSCOPE_EXE), {QStringLiteral("export"), QStringLiteral("lesson:12"), QStringLiteral("--lesson"),
                                                      QStringLiteral("-o"), out});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(process.readAllStandardError().contains("lesson:7 (07-tf-functions)"));
    }

    void handoutOfTheOpenLessonFromTheWindow()
    {
        QAction* handout = lessons_->handoutAction();
        QVERIFY(handout);
        QVERIFY(!handout->isEnabled()); // the start example has no lesson
        QVERIFY(lessons_->openBuiltin(3));
        QTest::qWait(10);
        QVERIFY(handout->isEnabled());
        lessons_->player()->go(2); // from any step, the whole lesson
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("valve"));
        lessons_->askHandoutFile = [&] { return out; };
        handout->trigger();
        QCOMPARE(pdfPages(out + QStringLiteral(".pdf")), 5);
    }

    void questionsKeepTheirAnswersUntilRevealed()
    {
        QVERIFY(lessons_->openBuiltin(3)); // stop_gradient: "What will tape.gradient(f, [w1, w2]) give now?"
        QTest::qWait(10);
        LessonPlayer* player = lessons_->player();
        auto* tape = editor_.ws->tapePanel();
        QVERIFY(player->concealing());
        QVERIFY(editor_.session->concealment().gradients);
        const QString answer = summaryLines(editor_.data(), editor_.session->evaluation(), editor_.session->overlay().concealed).join(u'\n');
        QVERIFY2(answer.contains(QStringLiteral("∂f/∂w1 = ?")) && !answer.contains(QStringLiteral("30")), qPrintable(answer));
        QVERIFY(!answer.contains(QStringLiteral("None")));
        const auto tapeColumn = [&] {
            QStringList cells;
            for (int i = 0; i < tape->sourceList()->topLevelItemCount(); ++i)
                cells << tape->sourceList()->topLevelItem(i)->text(1);
            return cells;
        };
        QCOMPARE(tapeColumn(), (QStringList{QStringLiteral("?"), QStringLiteral("?")}));
        for (const auto& [id, edge] : editor_.session->overlay().edges)
            QVERIFY(!edge.gradient);
        auto* reveal = lessons_->panel()->revealAction();
        QVERIFY(reveal->isEnabled());
        QVERIFY(lessons_->panel()->question()->text().contains(QStringLiteral("hidden")));

        // Space, anywhere in the window (here on the canvas), reveals.
        QTest::keyClick(editor_.view->viewport(), Qt::Key_Space);
        QVERIFY(!player->concealing());
        QVERIFY(!editor_.session->concealment().any());
        QCOMPARE(tapeColumn(), (QStringList{QStringLiteral("30.0"), QStringLiteral("None")}));
        QVERIFY(!reveal->isEnabled());
        // Coming back to the step asks the question again.
        QTest::keyClick(editor_.window.get(), Qt::Key_PageDown);
        QVERIFY(!editor_.session->concealment().any());
        QTest::keyClick(editor_.window.get(), Qt::Key_PageUp);
        QVERIFY(player->concealing());
        QCOMPARE(tapeColumn(), (QStringList{QStringLiteral("?"), QStringLiteral("?")}));
        // Leaving the lesson leaves nothing hidden.
        editor_.ws->newDocument();
        QVERIFY(!editor_.session->concealment().any());
    }

    void builtinLessonsAreReadOnlyUntilEditLesson()
    {
        QVERIFY(lessons_->openBuiltin(3));
        QTest::qWait(10);
        LessonPanel* panel = lessons_->panel();
        auto* authoring = panel->findChild<QWidget*>(QStringLiteral("lessonAuthoring"));
        QVERIFY(authoring);
        QVERIFY(!authoring->isVisibleTo(panel));
        QVERIFY(!panel->deleteAction()->isEnabled());
        QVERIFY(!panel->recordAction()->isEnabled());
        panel->deleteAction()->trigger(); // nothing happens
        QCOMPARE(lessons_->player()->count(), 3);

        lessons_->editAction()->trigger();
        QVERIFY(authoring->isVisibleTo(panel));
        QVERIFY(panel->deleteAction()->isEnabled());
        lessons_->player()->go(1);
        auto* del = authoring->findChildren<QToolButton*>().value(0);
        QVERIFY(del);
        for (QToolButton* b : authoring->findChildren<QToolButton*>())
            if (b->defaultAction() == panel->deleteAction())
                del = b;
        QTest::mouseClick(del, Qt::LeftButton);
        QCOMPARE(lessons_->player()->count(), 2);
        QVERIFY(panel->undoBar()->isVisibleTo(panel));
        auto* undo = panel->undoBar()->findChild<QToolButton*>(QStringLiteral("undoDeleteButton"));
        QVERIFY(undo);
        QTest::mouseClick(undo, Qt::LeftButton);
        QCOMPARE(lessons_->player()->count(), 3);
        QVERIFY(!panel->undoBar()->isVisibleTo(panel));

        // The next lesson opened is read-only again.
        QVERIFY(lessons_->openBuiltin(0));
        QTest::qWait(10);
        QVERIFY(!lessons_->editAction()->isChecked());
        QVERIFY(!authoring->isVisibleTo(panel));
    }

    void editingAStepSetsWhatItsQuestionHides()
    {
        QVERIFY(lessons_->openBuiltin(3));
        QTest::qWait(10);
        lessons_->editAction()->trigger();
        LessonPlayer* player = lessons_->player();
        player->go(2); // no question there yet
        QVERIFY(!player->concealing());
        lessons_->panel()->askStepText = [](LessonStepWords& words) {
            words.text += QStringLiteral("<p>More.</p>");
            words.question = QStringLiteral("What are the gradients now?");
            words.conceal = {QStringLiteral("gradients")};
            return true;
        };
        lessons_->panel()->findChild<QAction*>(QStringLiteral("editStepAction"))->trigger();
        QCOMPARE(player->lesson().steps[2].conceal, QStringList{QStringLiteral("gradients")});
        QCOMPARE(player->lesson().steps[2].question, QStringLiteral("What are the gradients now?"));
        QVERIFY(player->concealing());
        QVERIFY(editor_.session->concealment().gradients);
        editor_.session->undoStack()->undo(); // one change, one undo
        QVERIFY(player->lesson().steps[2].conceal.isEmpty());
        QVERIFY(player->lesson().steps[2].question.isEmpty());
        QVERIFY(!editor_.session->concealment().any());
    }

private:
    testing::Editor editor_;
    LessonMode* lessons_ = nullptr;
};

QTEST_MAIN(TestLessons)
#include "tst_lessons.moc"
