#include "ui/GraphView.h"
#include "ui/editor/EditorView.h"
#include "ui/MainWindow.h"
#include "ui/files/DocumentFiles.h"
#include "ui/editor/EditorSession.h"
#include "ui/workspace/Workspace.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QFontInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoCommand>
#include <QUndoStack>

#include <memory>

namespace {

/// A command that changes nothing: enough to move the undo stack off its clean state.
class NoOpCommand : public QUndoCommand {
public:
    NoOpCommand() { setText(QStringLiteral("nothing")); }
    void undo() override {}
    void redo() override {}
};

QString withoutMnemonic(QString text) { return text.remove(u'&'); }

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("GradScopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    }

    void init()
    {
        window_ = std::make_unique<gs::MainWindow>();
        window_->show();
        QVERIFY(QTest::qWaitForWindowActive(window_.get()));
    }

    void cleanup() { window_.reset(); }

    void fontsAreInstalled() { QVERIFY(!QFontInfo(qApp->font()).family().isEmpty()); }

    void titleFollowsTheUndoStack()
    {
        QCOMPARE(window_->windowTitle(), QStringLiteral("Untitled[*] \u2014 GradScope"));
        QVERIFY(!window_->isWindowModified());

        window_->undoStack()->push(new NoOpCommand);
        QVERIFY(window_->isWindowModified());
        QTest::keyClick(window_->graphView(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(window_->undoStack()->isClean());
        QVERIFY(!window_->isWindowModified());
        QTest::keyClick(window_->graphView(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(window_->isWindowModified());
    }

    void iconComesFromTheResources()
    {
        QVERIFY(QFile::exists(QStringLiteral(":/icons/gradscope.svg")));
        QVERIFY(!window_->windowIcon().pixmap(32, 32).isNull());
    }

    void menusInOrder()
    {
        QStringList titles;
        for (const QAction* action : window_->menuBar()->actions())
            titles.append(withoutMnemonic(action->text()));
        QCOMPARE(titles, (QStringList{"File", "Edit", "Graph", "View", "Help"}));
    }

    void actionsAndShortcuts_data()
    {
        QTest::addColumn<QString>("menu");
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QKeySequence>("shortcut");
        QTest::addColumn<bool>("enabled");
        const auto row = [](const char* menu, const char* action, const char* text,
                            const QKeySequence& shortcut, bool enabled) {
            QTest::newRow(action) << menu << action << text << shortcut << enabled;
        };
        row("fileMenu", "newAction", "New", QKeySequence(Qt::CTRL | Qt::Key_N), true);
        row("fileMenu", "quitAction", "Quit", QKeySequence(Qt::CTRL | Qt::Key_Q), true);
        row("editMenu", "undoAction", "Undo", QKeySequence(Qt::CTRL | Qt::Key_Z), false);
        row("editMenu", "redoAction", "Redo", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z),
            false);
        row("editMenu", "cutAction", "Cut", QKeySequence(Qt::CTRL | Qt::Key_X), false);
        row("editMenu", "copyAction", "Copy", QKeySequence(Qt::CTRL | Qt::Key_C), false);
        row("editMenu", "pasteAction", "Paste", QKeySequence(Qt::CTRL | Qt::Key_V), false);
        row("editMenu", "deleteAction", "Delete", QKeySequence(Qt::Key_Delete), false);
        row("editMenu", "copyAsTensorFlowAction", "Copy as TensorFlow", QKeySequence(), true);
        row("fileMenu", "exportTensorFlowAction", "Export TensorFlow Code…", QKeySequence(), true);
        row("viewMenu", "zoomInAction", "Zoom In", QKeySequence(Qt::CTRL | Qt::Key_Equal), true);
        row("viewMenu", "zoomOutAction", "Zoom Out", QKeySequence(Qt::CTRL | Qt::Key_Minus), true);
        row("viewMenu", "resetZoomAction", "Reset Zoom", QKeySequence(Qt::CTRL | Qt::Key_0), true);
        row("viewMenu", "fullScreenAction", "Full Screen", QKeySequence(Qt::Key_F11), true);
        row("helpMenu", "aboutAction", "About GradScope", QKeySequence(), true);
        row("helpMenu", "aboutQtAction", "About Qt", QKeySequence(), true);
    }
    void actionsAndShortcuts()
    {
        QFETCH(QString, menu);
        QFETCH(QString, action);
        QFETCH(QString, text);
        QFETCH(QKeySequence, shortcut);
        QFETCH(bool, enabled);
        const auto* menuWidget = window_->findChild<QMenu*>(menu);
        QVERIFY(menuWidget);
        const auto* found = menuWidget->findChild<QAction*>(action);
        QVERIFY2(found, qPrintable(action));
        QVERIFY(menuWidget->actions().contains(found));
        QCOMPARE(withoutMnemonic(found->text()), text);
        // The documented shortcut is the primary one, the one the menu shows.
        QCOMPARE(found->shortcut(), shortcut);
        QCOMPARE(found->isEnabled(), enabled);
    }

    void recentFilesSubmenuIsDisabledWhileEmpty()
    {
        const auto* recent = window_->findChild<QMenu*>("recentFilesMenu");
        QVERIFY(recent);
        QVERIFY(window_->findChild<QMenu*>("fileMenu")->actions().contains(recent->menuAction()));
        QVERIFY(!recent->menuAction()->isEnabled());
    }

    void zoomShortcutsReachTheView()
    {
        gs::GraphView* view = window_->graphView();
        auto* zoomLabel = window_->findChild<QLabel*>("zoomLabel");
        QVERIFY(zoomLabel);
        // The start example is framed to fit; Ctrl+0 goes back to 100%.
        QTest::keyClick(view, Qt::Key_0, Qt::ControlModifier);
        QCOMPARE(view->zoom(), 1.0);
        QCOMPARE(zoomLabel->text(), "100%");

        QTest::keyClick(view, Qt::Key_Equal, Qt::ControlModifier);
        QCOMPARE(view->zoom(), gs::GraphView::zoomStep);
        QCOMPARE(zoomLabel->text(), "125%");

        QTest::keyClick(view, Qt::Key_Minus, Qt::ControlModifier);
        QTest::keyClick(view, Qt::Key_Minus, Qt::ControlModifier);
        QCOMPARE(view->zoom(), 1.0 / gs::GraphView::zoomStep);

        QTest::keyClick(view, Qt::Key_0, Qt::ControlModifier);
        QCOMPARE(view->zoom(), 1.0);
        QCOMPARE(zoomLabel->text(), "100%");
    }

    // The zoom and the centre are saved with the document and come back when it is reopened
    // (they used to come back framed: 100% became 88%); saving them is not an edit.
    void aReopenedDocumentIsShownAsItWasSaved()
    {
        auto* view = qobject_cast<gs::EditorView*>(window_->graphView());
        QVERIFY(view);
        QTest::keyClick(view, Qt::Key_0, Qt::ControlModifier); // 100%
        QTest::keyClick(view, Qt::Key_Equal, Qt::ControlModifier); // 125%
        view->centerOn(view->mapToScene(view->viewport()->rect().center()) + QPointF(37, -21));
        const gs::SavedView saved = view->viewState();
        QVERIFY(!window_->isWindowModified());
        const QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("kept.gscope"));
        gs::DocumentFiles* files = window_->workspace()->files();
        QVERIFY(files->saveTo(file));

        files->newDocument();
        QTest::qWait(20);
        QVERIFY(files->openFile(file));
        QTest::qWait(20);
        QCOMPARE(view->zoom(), saved.zoom);
        const QPointF centre = view->viewState().centre;
        QVERIFY2(QLineF(centre, saved.centre).length() <= 1.5 / saved.zoom, // a scroll position is whole pixels
                 qPrintable(QStringLiteral("(%1, %2) for (%3, %4)").arg(centre.x()).arg(centre.y()).arg(saved.centre.x()).arg(saved.centre.y())));
        QVERIFY(!window_->isWindowModified());
        QVERIFY(!view->followsFit()); // a resize keeps it
        QSettings().remove(QStringLiteral("recentFiles")); // the file is gone with its folder
    }

    void wheelZoomsTheView()
    {
        gs::GraphView* view = window_->graphView();
        const QPoint at = view->viewport()->rect().center() + QPoint(120, -60);
        const QPointF sceneBefore = view->mapToScene(at);
        const double zoomBefore = view->zoom();
        QWheelEvent wheel(at, view->viewport()->mapToGlobal(at), QPoint(), QPoint(0, 120),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view->viewport(), &wheel);
        QVERIFY(view->zoom() > zoomBefore * 1.1);
        // In screen pixels: the view scrolls by whole pixels, a scene unit is less than one.
        QVERIFY2(QLineF(QPointF(view->mapFromScene(sceneBefore)), QPointF(at)).length() < 2.0,
                 "wheel zoom keeps the point under the cursor");
        auto* zoomLabel = window_->findChild<QLabel*>("zoomLabel");
        QCOMPARE(zoomLabel->text(), QStringLiteral("%1%").arg(qRound(view->zoom() * 100)));
    }

    void statusBarSaysReady()
    {
        auto* status = window_->findChild<QLabel*>("statusLabel");
        QVERIFY(status);
        QCOMPARE(status->text(), "Ready");
    }

    void newResetsTheGraph()
    {
        window_->graphView()->zoomIn();
        window_->undoStack()->push(new NoOpCommand);
        // Unsaved changes are never dropped silently: New asks first.
        gs::DocumentFiles* files = window_->workspace()->files();
        files->askToSave = [](const QString&) { return gs::DocumentFiles::Answer::Cancel; };
        QTest::keyClick(window_->graphView(), Qt::Key_N, Qt::ControlModifier);
        QCOMPARE(window_->undoStack()->count(), 1);
        files->askToSave = [](const QString&) { return gs::DocumentFiles::Answer::Discard; };
        QTest::keyClick(window_->graphView(), Qt::Key_N, Qt::ControlModifier);
        QCOMPARE(window_->undoStack()->count(), 0);
        QTRY_COMPARE(window_->graphView()->zoom(), 1.0);
        QVERIFY(!window_->isWindowModified());
    }

    // Edit > Copy as TensorFlow and File > Export TensorFlow Code write the same program, with the
    // evaluation's settings (here the Hessian: nested tapes).
    void tensorFlowCodeIsCopiedAndExported()
    {
        gs::Workspace* workspace = window_->workspace();
        workspace->session()->setHessian(true);
        QGuiApplication::clipboard()->clear();
        auto* copy = window_->findChild<QAction*>("copyAsTensorFlowAction");
        QVERIFY(copy);
        copy->trigger();
        const QString copied = QGuiApplication::clipboard()->text();
        QVERIFY2(copied.startsWith(QStringLiteral("import tensorflow as tf\n")), qPrintable(copied));
        QVERIFY2(copied.contains(QStringLiteral("with tf.GradientTape(persistent=True) as outer_tape:")), qPrintable(copied));
        QCOMPARE(window_->findChild<QLabel*>("statusLabel")->text(), QStringLiteral("Copied the graph as TensorFlow code"));

        const QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("graph.py"));
        QString error;
        QVERIFY2(workspace->exportTensorFlow(file, &error), qPrintable(error));
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(written.readAll()), copied);
    }

    void fullScreenToggles()
    {
        auto* action = window_->findChild<QAction*>("fullScreenAction");
        QVERIFY(action->isCheckable());
        action->setChecked(true);
        QVERIFY(window_->windowState() & Qt::WindowFullScreen);
        action->setChecked(false);
        QVERIFY(!(window_->windowState() & Qt::WindowFullScreen));
    }

private:
    std::unique_ptr<gs::MainWindow> window_;
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
