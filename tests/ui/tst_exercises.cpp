// Exercises that check themselves (issue 17, part 3), in the window: a built-in lesson's exercise
// solved through the formula bar with real keys, its conditions flipping from crossed to ticked
// and the lesson's count of solved exercises going up; hints revealed one at a time with the
// mouse; a tape made to watch a constant by ticking it in the Tape panel; a learning rate changed
// in the document; authoring a goal in the step dialog; and the handout printing the exercises.
#include "EditorTestSupport.h"

#include "ui/OffscreenScreens.h"
#include "ui/files/DocumentFiles.h"
#include "ui/lessons/ExerciseTracker.h"
#include "ui/lessons/LessonCatalog.h"
#include "ui/lessons/LessonPanel.h"
#include "ui/lessons/LessonPlayer.h"
#include "ui/lessons/LessonStepDialog.h"
#include "ui/panels/FormulaBar.h"
#include "ui/panels/InspectorPanel.h"
#include "ui/panels/TapePanel.h"
#include "ui/render/LessonHandout.h"
#include "ui/workspace/LessonMode.h"
#include "ui/workspace/PresenterCaption.h"
#include "ui/workspace/PresenterMode.h"

#include "document/DocumentFile.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>

using namespace gs;

namespace {

constexpr int stopGradientLesson = 3;
constexpr int tapeLesson = 1;
constexpr int trainingLesson = 5;

/// The ticks (✔) and crosses (✘) the panel shows, in order: "✘✔✔".
QString marks(const QLabel* conditions)
{
    QString out;
    for (const QChar c : conditions->text())
        if (c == QChar(0x2714) || c == QChar(0x2718))
            out += c;
    return out;
}

const QString tick = QString(QChar(0x2714));
const QString cross = QString(QChar(0x2718));

} // namespace

class TestExercises : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        testing::useTestSettings("tst_exercises");
        QCOMPARE(QGuiApplication::primaryScreen()->size(), QSize(1024, 768));
    }

    void init()
    {
        QVERIFY(editor_.open());
        lessons_ = editor_.ws->lessons();
        editor_.ws->files()->askToSave = [](const QString&) { return DocumentFiles::Answer::Discard; };
    }

    void cleanup() { editor_.window.reset(); }

    // stop_gradient's last step: cut w2's gradient while f keeps 105 and w1 still gets one.
    void solvingTheStopGradientExerciseWithTheFormulaBar()
    {
        QVERIFY(lessons_->openBuiltin(stopGradientLesson));
        QTest::qWait(10);
        LessonPanel* panel = lessons_->panel();
        QVERIFY(!panel->exerciseBox()->isVisibleTo(panel)); // step 1 is not an exercise
        QCOMPARE(panel->exerciseSummary()->text(), QStringLiteral("0 of 1 exercise solved"));
        QVERIFY(panel->exerciseSummary()->isVisibleTo(panel));
        QTest::keyClick(editor_.window.get(), Qt::Key_PageDown);
        QTest::keyClick(editor_.window.get(), Qt::Key_PageDown);
        QCOMPARE(lessons_->player()->index(), 2);
        QVERIFY(panel->exerciseBox()->isVisibleTo(panel));
        const QLabel* conditions = panel->exerciseConditions();
        QVERIFY2(conditions->text().contains(QStringLiteral("w2's gradient is None")), qPrintable(conditions->text()));
        QVERIFY(conditions->text().contains(QStringLiteral("f's value is unchanged")));
        QCOMPARE(marks(conditions), cross + tick + tick);
        QVERIFY2(conditions->text().contains(QStringLiteral("(now 10.0)")), qPrintable(conditions->text()));

        // Hints, one click at a time, under the step's text.
        QToolButton* hint = panel->hintButton();
        QVERIFY(hint->isVisibleTo(panel));
        // The conditions and the button are on screen in the dock, not scrolled or cut away.
        for (QWidget* w : std::initializer_list<QWidget*>{panel->exerciseConditions(), hint, panel->exerciseSummary()}) {
            QVERIFY(w->isVisible());
            const QRect inWindow(w->mapTo(editor_.window.get(), QPoint(0, 0)), w->size());
            QVERIFY2(editor_.window->rect().contains(inWindow), qPrintable(w->objectName()));
            QVERIFY(w->visibleRegion().boundingRect().size() == w->size());
        }
        QCOMPARE(hint->text(), QStringLiteral("Hint"));
        QVERIFY(!panel->textView()->toPlainText().contains(QStringLiteral("Hint 1")));
        QTest::mouseClick(hint, Qt::LeftButton);
        QVERIFY(panel->textView()->toPlainText().contains(QStringLiteral("Hint 1: stop_gradient(…) passes its value forward")));
        QVERIFY(!panel->textView()->toPlainText().contains(QStringLiteral("Hint 2")));
        QCOMPARE(hint->text(), QStringLiteral("Next Hint (2 of 3)"));
        QTest::mouseClick(hint, Qt::LeftButton);
        QTest::mouseClick(hint, Qt::LeftButton);
        QVERIFY(panel->textView()->toPlainText().contains(QStringLiteral("Hint 3: In the formula bar")));
        QVERIFY(!hint->isEnabled());
        QCOMPARE(lessons_->player()->exercises()->hintsShown(), 3);

        // The student types the valve into the formula bar (Ctrl+L selects it) and presses Enter.
        QTest::keyClick(editor_.view, Qt::Key_L, Qt::ControlModifier);
        QPlainTextEdit* formula = editor_.ws->formulaBar()->editor();
        QVERIFY(formula->hasFocus());
        QTest::keyClicks(formula, QStringLiteral("f = 3 * w1 ** 2 + stop_gradient(2 * w1 * w2)"));
        QTest::keyClick(formula, Qt::Key_Return);
        QCOMPARE(editor_.session->evaluation().value->item(), 105.0);
        QCOMPARE(marks(conditions), tick + tick + tick);
        QVERIFY2(conditions->text().contains(QStringLiteral("(now 30.0)")), qPrintable(conditions->text()));
        QVERIFY(panel->findChild<QLabel*>(QStringLiteral("exerciseTitle"))->text().contains(QStringLiteral("solved")));
        QCOMPARE(panel->exerciseSummary()->text(), QStringLiteral("1 of 1 exercise solved"));
        QVERIFY(panel->textView()->toPlainText().contains(QStringLiteral("Solved. The valve cuts only what flows through it")));

        // Undoing the edit crosses a condition again; the exercise stays solved.
        QTest::keyClick(editor_.view, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(marks(conditions), cross + tick + tick);
        QCOMPARE(panel->exerciseSummary()->text(), QStringLiteral("1 of 1 exercise solved"));
        QVERIFY(!panel->textView()->toPlainText().contains(QStringLiteral("Solved.")));

        // Another step and back: hints are asked for anew.
        QTest::keyClick(editor_.window.get(), Qt::Key_PageUp);
        QVERIFY(!panel->exerciseBox()->isVisibleTo(panel));
        QTest::keyClick(editor_.window.get(), Qt::Key_PageDown);
        QCOMPARE(lessons_->player()->exercises()->hintsShown(), 0);
        QCOMPARE(hint->text(), QStringLiteral("Hint"));
        // Opening another lesson forgets what was solved.
        QVERIFY(lessons_->openBuiltin(stopGradientLesson));
        QTest::qWait(10);
        QCOMPARE(panel->exerciseSummary()->text(), QStringLiteral("0 of 1 exercise solved"));
    }

    // On the projector the caption carries the exercise, and its marks follow the edits.
    void theProjectorShowsTheTicksLive()
    {
        QVERIFY(lessons_->openBuiltin(stopGradientLesson));
        QTest::qWait(10);
        QTest::keyClick(editor_.window.get(), Qt::Key_PageDown);
        QTest::keyClick(editor_.window.get(), Qt::Key_PageDown);
        PresenterMode* presenter = lessons_->presenter();
        presenter->setFullScreenEnabled(false);
        QTest::keyClick(editor_.window.get(), Qt::Key_F5);
        QVERIFY(presenter->isOn());
        const QLabel* caption = presenter->caption()->text();
        QVERIFY2(caption->text().contains(QStringLiteral("✘</span> w2's gradient is None")), qPrintable(caption->text()));
        QVERIFY(caption->text().contains(QStringLiteral("✔</span> f's value is unchanged")));
        QVERIFY(!caption->text().contains(QStringLiteral("Exercise: solved")));
        QVERIFY(presenter->caption()->textFits());
        // The teacher types the answer (the formula bar is hidden on the projector: its API).
        QVERIFY(editor_.ws->formulaBar()->apply(
            QStringLiteral("w1 = Variable(5.0)\nw2 = Variable(3.0)\nf = 3 * w1 ** 2 + stop_gradient(2 * w1 * w2)")));
        QTRY_VERIFY2(caption->text().contains(QStringLiteral("✔</span> w2's gradient is None")), qPrintable(caption->text()));
        QVERIFY(caption->text().contains(QStringLiteral("Exercise: solved")));
        QVERIFY(presenter->caption()->textFits());
        QTest::keyClick(editor_.window.get(), Qt::Key_Escape);
        QVERIFY(!presenter->isOn());
    }

    // A wrong answer stays crossed: the valve around everything takes w1's gradient too.
    void aWrongAnswerSaysWhatIsWrong()
    {
        QVERIFY(lessons_->openBuiltin(stopGradientLesson));
        QTest::qWait(10);
        lessons_->player()->go(2);
        QVERIFY(editor_.ws->formulaBar()->apply(QStringLiteral("w1 = Variable(5.0)\nw2 = Variable(3.0)\nf = stop_gradient(3 * w1 ** 2 + 2 * w1 * w2)")));
        const QLabel* conditions = lessons_->panel()->exerciseConditions();
        QCOMPARE(marks(conditions), tick + cross + tick);
        QVERIFY2(conditions->text().contains(QStringLiteral("(now None: ")), qPrintable(conditions->text()));
        QCOMPARE(lessons_->panel()->exerciseSummary()->text(), QStringLiteral("0 of 1 exercise solved"));
    }

    // What the tape watches: ticking c1 and c2 in the Tape panel is tape.watch().
    void watchingAConstantInTheTapePanel()
    {
        QVERIFY(lessons_->openBuiltin(tapeLesson));
        QTest::qWait(10);
        QTest::keyClick(editor_.window.get(), Qt::Key_PageDown);
        LessonPanel* panel = lessons_->panel();
        QVERIFY(panel->exerciseBox()->isVisibleTo(panel));
        QCOMPARE(marks(panel->exerciseConditions()), cross + cross);
        QVERIFY2(panel->exerciseConditions()->text().contains(QStringLiteral("the tape does not watch c1")),
                 qPrintable(panel->exerciseConditions()->text()));
        QTreeWidget* sources = editor_.ws->tapePanel()->sourceList();
        QVERIFY(sources->isVisible());
        for (const char* label : {"c1", "c2"}) {
            const QList<QTreeWidgetItem*> found = sources->findItems(QString::fromUtf8(label), Qt::MatchExactly);
            QVERIFY2(found.size() == 1, label);
            sources->scrollToItem(found.front());
            const QRect row = sources->visualItemRect(found.front());
            // The check box sits at the row's left, after the indentation.
            QTest::mouseClick(sources->viewport(), Qt::LeftButton, {}, QPoint(row.left() + 10, row.center().y()));
            QTRY_COMPARE(found.front()->checkState(0), Qt::Checked);
        }
        QTRY_COMPARE(marks(panel->exerciseConditions()), tick + tick);
        QCOMPARE(panel->exerciseSummary()->text(), QStringLiteral("1 of 1 exercise solved"));
    }

    // The training lesson's last step: a learning rate with which 100 steps of gradient descent diverge.
    void aLearningRateThatDiverges()
    {
        QVERIFY(lessons_->openBuiltin(trainingLesson));
        QTest::qWait(10);
        LessonPlayer* player = lessons_->player();
        player->go(player->count() - 1);
        LessonPanel* panel = lessons_->panel();
        QVERIFY(panel->exerciseBox()->isVisibleTo(panel));
        QCOMPARE(marks(panel->exerciseConditions()), cross + tick);
        QVERIFY2(panel->exerciseConditions()->text().contains(QStringLiteral("(now 0.19240103")), qPrintable(panel->exerciseConditions()->text()));
        // lr = 0.2 in the Inspector, typed, once lr is picked on the canvas.
        QTest::qWait(20); // the step is framed
        editor_.click(editor_.header(editor_.node("lr")));
        QCOMPARE(editor_.scene->selectedNodes(), std::vector<NodeId>{editor_.node("lr")});
        QLineEdit* value = editor_.ws->inspector()->valueField();
        QTRY_VERIFY(value->isVisible());
        value->setFocus();
        QTest::keyClick(value, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(value, QStringLiteral("0.2"));
        QTest::keyClick(value, Qt::Key_Return);
        QCOMPARE(editor_.data().node(editor_.node("lr"))->value->values, std::vector<double>{0.2});
        QCOMPARE(marks(panel->exerciseConditions()), tick + tick);
        QVERIFY2(panel->exerciseConditions()->text().contains(QStringLiteral("(now 2.36007668")), qPrintable(panel->exerciseConditions()->text()));
        QCOMPARE(panel->exerciseSummary()->text(), QStringLiteral("1 of 1 exercise solved"));
    }

    // Edit Step…: conditions typed one a line, read as they are typed, OK only when they read.
    void authoringAGoal()
    {
        LessonStepWords words;
        words.text = QStringLiteral("<p>Cut it.</p>");
        const GraphData book = editor_.data(); // the book's f(w1, w2)
        LessonStepDialog dialog(words, [book](const ExerciseGoal& goal) { return goalProblems(goal, book); });
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* conditions = dialog.findChild<QPlainTextEdit*>(QStringLiteral("stepConditions"));
        auto* hints = dialog.findChild<QPlainTextEdit*>(QStringLiteral("stepHints"));
        auto* status = dialog.findChild<QLabel*>(QStringLiteral("stepGoalStatus"));
        QPushButton* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        QVERIFY(conditions && hints && status && ok);
        QVERIFY(status->text().contains(QStringLiteral("not an exercise")));
        QTest::mouseClick(conditions->viewport(), Qt::LeftButton);
        QTest::keyClicks(conditions, QStringLiteral("grad(w2) is None"));
        QVERIFY2(ok->isEnabled(), qPrintable(status->text()));
        QVERIFY(status->text().contains(QStringLiteral("w2's gradient is None")));
        QTest::keyClick(conditions, Qt::Key_Return);
        QTest::keyClicks(conditions, QStringLiteral("f is what"));
        QVERIFY(!ok->isEnabled());
        QVERIFY2(status->text().contains(QStringLiteral("line 2, column 6: expected None, finite, nan or unchanged")), qPrintable(status->text()));
        QTest::keyClick(conditions, Qt::Key_Backspace);
        QTest::keyClick(conditions, Qt::Key_Backspace);
        QTest::keyClick(conditions, Qt::Key_Backspace);
        QTest::keyClick(conditions, Qt::Key_Backspace);
        QTest::keyClicks(conditions, QStringLiteral("unchanged"));
        QVERIFY(ok->isEnabled());
        QTest::keyClick(conditions, Qt::Key_Return);
        QTest::keyClicks(conditions, QStringLiteral("grad(w9) is None"));
        QVERIFY(!ok->isEnabled());
        QVERIFY(status->text().contains(QStringLiteral("goal 'w9': no node has this label")));
        QTest::keyClick(conditions, Qt::Key_Z, Qt::ControlModifier);
        QTest::mouseClick(hints->viewport(), Qt::LeftButton);
        QTest::keyClicks(hints, QStringLiteral("Use a valve."));
        QVERIFY2(ok->isEnabled(), qPrintable(status->text()));
        const LessonStepWords edited = dialog.words();
        QVERIFY(edited.goal.has_value());
        QCOMPARE(edited.goal->conditionsText(), QStringLiteral("grad(w2) is None\nf is unchanged"));
        QCOMPARE(edited.goal->hints, QStringList{QStringLiteral("Use a valve.")});
    }

    // The goal set in the dialog makes the step an exercise, as one undoable change.
    void editStepSetsTheGoal()
    {
        QVERIFY(lessons_->openBuiltin(stopGradientLesson));
        QTest::qWait(10);
        lessons_->editAction()->trigger();
        LessonPlayer* player = lessons_->player();
        player->go(1);
        LessonPanel* panel = lessons_->panel();
        QVERIFY(!panel->exerciseBox()->isVisibleTo(panel));
        panel->askStepText = [](LessonStepWords& words) {
            ExerciseGoal goal;
            goal.conditions = *readConditions(QStringLiteral("grad(w1) == 36"));
            words.goal = goal;
            return true;
        };
        panel->findChild<QAction*>(QStringLiteral("editStepAction"))->trigger();
        QVERIFY(player->lesson().steps[1].goal.has_value());
        QVERIFY(panel->exerciseBox()->isVisibleTo(panel));
        QCOMPARE(marks(panel->exerciseConditions()), cross); // 30 with the valve
        QCOMPARE(panel->exerciseSummary()->text(), QStringLiteral("0 of 2 exercises solved"));
        editor_.session->undoStack()->undo();
        QVERIFY(!player->lesson().steps[1].goal.has_value());
        QVERIFY(!panel->exerciseBox()->isVisibleTo(panel));
        QCOMPARE(panel->exerciseSummary()->text(), QStringLiteral("0 of 1 exercise solved"));
    }

    // The handout lists an exercise's conditions on its page and the hints on a last page.
    void theHandoutPrintsExercises()
    {
        const DocumentReadResult read = loadDocument(builtinLessons()[stopGradientLesson].resource);
        QVERIFY(read.ok());
        QTemporaryDir dir;
        const QString svg = dir.filePath(QStringLiteral("valve.svg"));
        QCOMPARE(exportLessonHandout(read.data, svg, 1.0), 5); // 3 steps, an answer page, the hints
        const auto text = [&](int page) {
            QFile file(handoutPageFile(svg, page, 5));
            return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
        };
        QVERIFY(!text(2).contains(QStringLiteral("Exercise")));
        QVERIFY(text(3).contains(QStringLiteral("Exercise:")));
        QVERIFY(text(3).contains(QStringLiteral("gradient is None")));
        QVERIFY(text(3).contains(QStringLiteral("3 hints on the last page")));
        QVERIFY(!text(3).contains(QStringLiteral("passes its value forward")));
        QVERIFY(text(4).contains(QStringLiteral("Hints for the exercises")));
        QVERIFY(text(4).contains(QStringLiteral("passes its value forward")));
    }

private:
    testing::Editor editor_;
    LessonMode* lessons_ = nullptr;
};

// On a 1024x768 projector, where the lesson dock shares the right-hand column with the panels.
int main(int argc, char** argv)
{
    const auto screens = gs::useOffscreenScreens({QSize(1024, 768)});
    QApplication app(argc, argv);
    TestExercises test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_exercises.moc"
