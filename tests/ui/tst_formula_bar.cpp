// The formula bar in the window, driven with real key events: Ctrl+Z undoes what is typed while
// the bar is being edited and the document otherwise (the Edit menu says which), and an error
// never moves the canvas.
#include "EditorTestSupport.h"

#include "ui/panels/FormulaBar.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSettings>
#include <QUndoStack>

using testing::Editor;

namespace {

QString withoutMnemonic(QString text) { return text.remove(u'&'); }

/// The canvas's viewport in the window's coordinates: what must not move.
QRect canvasInWindow(const Editor& e)
{
    QWidget* viewport = e.view->viewport();
    return QRect(viewport->mapTo(e.window.get(), QPoint(0, 0)), viewport->size());
}

} // namespace

class TestFormulaBar : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { testing::useTestSettings("tst_formula_bar"); }
    void init()
    {
        QVERIFY(e.open());
        edit_ = e.ws->formulaBar()->editor();
        undo_ = e.window->findChild<QAction*>("undoAction");
        redo_ = e.window->findChild<QAction*>("redoAction");
        QVERIFY(undo_ && redo_);
    }
    void cleanup()
    {
        e.window.reset();
        QSettings().clear();
    }

    void ctrlZUndoesTypingThenTheFormula()
    {
        // Apply a formula with the keyboard: Ctrl+L focuses the bar and selects its text.
        QTest::keyClick(e.view, Qt::Key_L, Qt::ControlModifier);
        QVERIFY(edit_->hasFocus());
        QTest::keyClicks(edit_, QStringLiteral("f = w1*w2 + 40"));
        QTest::keyClick(edit_, Qt::Key_Return);
        QCOMPARE(e.session->evaluation().value->item(), 55.0);
        QVERIFY(edit_->hasFocus());
        const QString applied = edit_->toPlainText(); // the graph's formula, as the bar writes it
        // Nothing typed since: the Edit menu and Ctrl+Z are about the document.
        QCOMPARE(withoutMnemonic(undo_->text()), QStringLiteral("Undo Formula"));
        QVERIFY(undo_->isEnabled());

        // Typing: now the menu and Ctrl+Z are about the text.
        QTest::keyClicks(edit_, QStringLiteral(" + 1"));
        QCOMPARE(withoutMnemonic(undo_->text()), QStringLiteral("Undo Typing"));
        QTest::keyClick(edit_, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(edit_->toPlainText(), applied);
        QCOMPARE(e.session->evaluation().value->item(), 55.0); // the document is untouched
        QCOMPARE(withoutMnemonic(redo_->text()), QStringLiteral("Redo Typing"));
        QCOMPARE(withoutMnemonic(undo_->text()), QStringLiteral("Undo Formula"));

        // The typing is undone: the next Ctrl+Z, still in the bar, undoes the formula.
        QTest::keyClick(edit_, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(e.session->evaluation().value->item(), 105.0);
        QVERIFY2(edit_->toPlainText().contains(QStringLiteral("w1")) && edit_->toPlainText() != applied,
                 qPrintable(edit_->toPlainText()));
        QCOMPARE(withoutMnemonic(redo_->text()), QStringLiteral("Redo Formula"));
        QTest::keyClick(edit_, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(e.session->evaluation().value->item(), 55.0);
    }

    void theMenuFollowsTheFocus()
    {
        QTest::keyClick(e.view, Qt::Key_L, Qt::ControlModifier);
        QTest::keyClicks(edit_, QStringLiteral("f = w1 + w2"));
        QTest::keyClick(edit_, Qt::Key_Return);
        QTest::keyClicks(edit_, QStringLiteral(" + 2"));
        QCOMPARE(withoutMnemonic(undo_->text()), QStringLiteral("Undo Typing"));
        // On the canvas, the same menu item undoes the document.
        e.view->setFocus();
        QTRY_COMPARE(withoutMnemonic(undo_->text()), QStringLiteral("Undo Formula"));
        // Back in the bar, the typing again; the menu item undoes it, and only it.
        edit_->setFocus();
        QTRY_COMPARE(withoutMnemonic(undo_->text()), QStringLiteral("Undo Typing"));
        const QString typed = edit_->toPlainText();
        undo_->trigger();
        QVERIFY(edit_->toPlainText() != typed);
        QCOMPARE(e.session->evaluation().value->item(), 8.0); // w1 + w2 = 5 + 3: still the formula
        QCOMPARE(withoutMnemonic(undo_->text()), QStringLiteral("Undo Formula"));
        undo_->trigger();
        QCOMPARE(e.session->evaluation().value->item(), 105.0);
    }

    void aMenuOpenedWhileTypingStillUndoesTheTyping()
    {
        QTest::keyClick(e.view, Qt::Key_L, Qt::ControlModifier);
        QTest::keyClicks(edit_, QStringLiteral("f = w1 + w2"));
        QTest::keyClick(edit_, Qt::Key_Return);
        QTest::keyClicks(edit_, QStringLiteral(" + 2"));
        const QString typed = edit_->toPlainText();
        // Alt+E: the menu bar takes the keyboard, the bar is still what is being edited.
        auto* edit = e.window->findChild<QMenu*>("editMenu");
        QTest::keyClick(edit_, Qt::Key_E, Qt::AltModifier);
        QTRY_VERIFY(edit->isVisible());
        QCOMPARE(withoutMnemonic(undo_->text()), QStringLiteral("Undo Typing"));
        undo_->trigger();
        edit->close();
        QVERIFY(edit_->toPlainText() != typed);
        QCOMPARE(e.session->evaluation().value->item(), 8.0); // the formula is still applied
    }

    void anErrorDoesNotMoveTheCanvas()
    {
        QCoreApplication::processEvents();
        const QRect before = canvasInWindow(e);
        QLabel* error = e.ws->formulaBar()->errorLabel();
        QVERIFY(!error->isVisible());

        QTest::keyClick(e.view, Qt::Key_L, Qt::ControlModifier);
        QTest::keyClicks(edit_, QStringLiteral("z = y +"));
        QTest::keyClick(edit_, Qt::Key_Return);
        QCoreApplication::processEvents();
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QStringLiteral("line 1")), qPrintable(error->text()));
        QCOMPARE(canvasInWindow(e), before);

        QTest::keyClick(edit_, Qt::Key_Escape); // back to the graph's formula: the error goes
        QCoreApplication::processEvents();
        QVERIFY(!error->isVisible());
        QCOMPARE(canvasInWindow(e), before);
    }

    void theErrorDoesNotHideTheText()
    {
        QTest::keyClick(e.view, Qt::Key_L, Qt::ControlModifier);
        QTest::keyClicks(edit_, QStringLiteral("z = y +"));
        QTest::keyClick(edit_, Qt::Key_Return);
        QCoreApplication::processEvents();
        QLabel* error = e.ws->formulaBar()->errorLabel();
        QVERIFY(error->isVisible());
        // The message sits in the bar, below the text area, and the place is marked in the text.
        const QRect message(error->mapTo(e.window.get(), QPoint(0, 0)), error->size());
        const QRect text(edit_->viewport()->mapTo(e.window.get(), QPoint(0, 0)), edit_->viewport()->size());
        QVERIFY2(!message.intersects(text), "the message covers the text");
        const QRect bar(e.ws->formulaBar()->mapTo(e.window.get(), QPoint(0, 0)), e.ws->formulaBar()->size());
        QVERIFY(bar.contains(message));
        QCOMPARE(edit_->extraSelections().size(), 1);
        // Typing again: the message no longer describes the text, so it goes.
        QTest::keyClicks(edit_, QStringLiteral(" 1"));
        QVERIFY(!error->isVisible());
        QVERIFY(edit_->extraSelections().isEmpty());
    }

private:
    Editor e;
    QPlainTextEdit* edit_ = nullptr;
    QAction* undo_ = nullptr;
    QAction* redo_ = nullptr;
};

QTEST_MAIN(TestFormulaBar)
#include "tst_formula_bar.moc"
