// What the window says, and where: status messages that time out and go when the document
// changes, errors in the window's words (no command-line flags), Help > Keyboard and Mouse on F1.
#include "EditorTestSupport.h"

#include "ui/files/DocumentFiles.h"
#include "ui/panels/FormulaBar.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTemporaryDir>
#include <QTextBrowser>

using testing::Editor;

class TestWindowMessages : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { testing::useTestSettings("tst_window_messages"); }
    void init()
    {
        QVERIFY(e.open());
        status_ = e.window->findChild<QLabel*>("statusLabel");
        QVERIFY(status_);
    }
    void cleanup()
    {
        e.window.reset();
        QSettings().clear();
    }

    void aMessageTimesOut()
    {
        e.click(e.header(e.node("w1")));
        QTest::keyClick(e.view, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(status_->text(), QStringLiteral("Copied 1 node(s)"));
        QTest::qWait(1000);
        QCOMPARE(status_->text(), QStringLiteral("Copied 1 node(s)")); // long enough to read
        QTRY_COMPARE_WITH_TIMEOUT(status_->text(), QStringLiteral("Ready"), 8000);
    }

    void aChangeClearsAnOldMessage()
    {
        e.click(e.header(e.node("w1")));
        QTest::keyClick(e.view, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(status_->text(), QStringLiteral("Copied 1 node(s)"));
        QTest::qWait(50);
        QTest::keyClick(e.view, Qt::Key_V, Qt::ControlModifier); // the paste changes the document
        QCOMPARE(status_->text(), QStringLiteral("Ready"));
    }

    void aMessageAboutTheChangeItselfStays()
    {
        // Cut copies (the message) and deletes (the change) in one gesture.
        e.click(e.header(e.node("w1")));
        QTest::keyClick(e.view, Qt::Key_X, Qt::ControlModifier);
        QVERIFY(!e.node("w1").valid());
        QCoreApplication::processEvents();
        QCOMPARE(status_->text(), QStringLiteral("Copied 1 node(s)"));
    }

    void newClearsTheSavedMessage()
    {
        QTemporaryDir dir;
        gs::DocumentFiles* files = e.ws->files();
        QVERIFY(files->saveTo(dir.filePath("b1.gscope")));
        QCOMPARE(status_->text(), QStringLiteral("Saved b1.gscope"));
        QTest::qWait(50);
        QTest::keyClick(e.view, Qt::Key_N, Qt::ControlModifier);
        QVERIFY(e.data().nodes.empty());
        QCOMPARE(status_->text(), QStringLiteral("Ready"));
    }

    void aLongMessageNeverWidensTheWindow()
    {
        QCoreApplication::processEvents();
        const int width = e.window->width();
        const int minimum = e.window->minimumSizeHint().width();
        e.window->showMessage(QStringLiteral("a message much longer than the window is wide ").repeated(20));
        QCoreApplication::processEvents();
        QCOMPARE(e.window->minimumSizeHint().width(), minimum);
        QCOMPARE(e.window->width(), width);
        QVERIFY(status_->toolTip().startsWith(QStringLiteral("a message much longer"))); // all of it, on demand
    }

    void aMissingValueIsExplainedInTheWindowsWords()
    {
        QTest::keyClick(e.view, Qt::Key_L, Qt::ControlModifier);
        QPlainTextEdit* edit = e.ws->formulaBar()->editor();
        QTest::keyClicks(edit, QStringLiteral("f = q * 2"));
        QTest::keyClick(edit, Qt::Key_Return);
        const QString error = e.session->evaluation().error;
        QVERIFY2(error.contains(QStringLiteral("q has no value")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("Inspector")), qPrintable(error));
        QVERIFY2(!error.contains(QStringLiteral("--")), qPrintable(error));
        // And no label anywhere in the window speaks the command line.
        for (const QLabel* label : e.window->findChildren<QLabel*>())
            QVERIFY2(!label->text().contains(QStringLiteral("--at")), qPrintable(label->text()));
    }

    void f1OpensTheKeyboardAndMouseGuide()
    {
        QVERIFY(!findHelp());
        QTest::keyClick(e.view, Qt::Key_F1);
        QWidget* help = findHelp();
        QVERIFY(help);
        QTRY_VERIFY(help->isVisible());
        auto* text = help->findChild<QTextBrowser*>();
        QVERIFY(text);
        const QString shown = text->toPlainText();
        // The gestures of docs/editor.md, from the compiled-in resource.
        QVERIFY2(shown.contains(QStringLiteral("Shift+A")), qPrintable(shown.left(300)));
        QVERIFY(shown.contains(QStringLiteral("Ctrl+Shift+Z")));
        QVERIFY(shown.contains(QStringLiteral("Space + drag")));
        // The menu item is there too, showing its key, and opens the same window again.
        auto* item = e.window->findChild<QMenu*>("helpMenu")->findChild<QAction*>("keyboardHelpAction");
        QVERIFY(item);
        QCOMPARE(item->shortcut(), QKeySequence(Qt::Key_F1));
        QVERIFY(item->text().remove(u'&').contains(QStringLiteral("Keyboard and Mouse")));
        help->close();
        item->trigger();
        QCOMPARE(findHelp(), help);
        QTRY_VERIFY(help->isVisible());
    }

private:
    QWidget* findHelp() const
    {
        for (QWidget* w : QApplication::topLevelWidgets())
            if (w->objectName() == QStringLiteral("keyboardHelp"))
                return w;
        return nullptr;
    }

    Editor e;
    QLabel* status_ = nullptr;
};

QTEST_MAIN(TestWindowMessages)
#include "tst_window_messages.moc"
