#include "ui/MainWindow.h"

#include "ui/GraphView.h"
#include "ui/RecentFiles.h"
#include "ui/RecentFilesMenu.h"
#include "ui/Shortcuts.h"
#include "ui/editor/EditorView.h"
#include "ui/workspace/Workspace.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QUndoStack>

namespace gs {

namespace {

QAction* addMenuAction(QMenu* menu, const QString& text, const char* objectName,
                       const QList<QKeySequence>& shortcuts)
{
    QAction* action = menu->addAction(text);
    action->setObjectName(QLatin1StringView(objectName));
    action->setShortcuts(shortcuts);
    return action;
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , undoStack_(new QUndoStack(this))
    , recentFiles_(new RecentFiles(this))
    , workspace_(new Workspace(this, undoStack_, recentFiles_))
    , view_(workspace_->view())
    , documentName_(tr("Untitled"))
{
    setWindowIcon(QIcon(QStringLiteral(":/icons/gradscope.svg")));
    setCentralWidget(workspace_->centralWidget());

    createFileMenu();
    createEditMenu();
    createViewMenu();
    createHelpMenu();
    createStatusBar();
    connect(workspace_, &Workspace::documentNameChanged, this, [this](const QString& name) {
        documentName_ = name;
        updateTitle();
    });

    connect(undoStack_, &QUndoStack::cleanChanged, this,
            [this](bool clean) { setWindowModified(!clean); });
    connect(view_, &GraphView::zoomChanged, this, &MainWindow::showZoom);

    updateTitle();
    workspace_->install(); // after the menus exist; restores the saved size and docks
}

void MainWindow::createFileMenu()
{
    QMenu* menu = menuBar()->addMenu(tr("&File"));
    menu->setObjectName(QStringLiteral("fileMenu"));

    QAction* newAction = addMenuAction(menu, tr("&New"), "newAction",
                                       shortcutsFor(QKeySequence::New, Qt::CTRL | Qt::Key_N));
    newAction->setStatusTip(tr("Start a new, empty graph"));
    connect(newAction, &QAction::triggered, this, &MainWindow::newDocument);

    auto* recentMenu = new RecentFilesMenu(recentFiles_, menu);
    recentMenu->setObjectName(QStringLiteral("recentFilesMenu"));
    menu->addMenu(recentMenu);

    menu->addSeparator();
    QAction* quitAction = addMenuAction(menu, tr("&Quit"), "quitAction",
                                        shortcutsFor(QKeySequence::Quit, Qt::CTRL | Qt::Key_Q));
    quitAction->setMenuRole(QAction::QuitRole);
    connect(quitAction, &QAction::triggered, this, &QWidget::close);
}

void MainWindow::createEditMenu()
{
    QMenu* menu = menuBar()->addMenu(tr("&Edit"));
    menu->setObjectName(QStringLiteral("editMenu"));

    QAction* undoAction = undoStack_->createUndoAction(menu, tr("&Undo"));
    undoAction->setObjectName(QStringLiteral("undoAction"));
    undoAction->setShortcuts(shortcutsFor(QKeySequence::Undo, Qt::CTRL | Qt::Key_Z));
    menu->addAction(undoAction);

    QAction* redoAction = undoStack_->createRedoAction(menu, tr("&Redo"));
    redoAction->setObjectName(QStringLiteral("redoAction"));
    redoAction->setShortcuts(shortcutsFor(QKeySequence::Redo, Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    menu->addAction(redoAction);

    // Enabled by the editor workspace while there is a selection (or something to paste).
    menu->addSeparator();
    const struct {
        const char* text;
        const char* objectName;
        QKeySequence::StandardKey key;
    } selectionActions[] = {
        {QT_TR_NOOP("Cu&t"), "cutAction", QKeySequence::Cut},
        {QT_TR_NOOP("&Copy"), "copyAction", QKeySequence::Copy},
        {QT_TR_NOOP("&Paste"), "pasteAction", QKeySequence::Paste},
        {QT_TR_NOOP("&Delete"), "deleteAction", QKeySequence::Delete},
    };
    for (const auto& entry : selectionActions) {
        QAction* action = addMenuAction(menu, tr(entry.text), entry.objectName,
                                        QKeySequence::keyBindings(entry.key));
        action->setEnabled(false);
    }
}

void MainWindow::createViewMenu()
{
    QMenu* menu = menuBar()->addMenu(tr("&View"));
    menu->setObjectName(QStringLiteral("viewMenu"));

    QAction* zoomIn = addMenuAction(menu, tr("Zoom &In"), "zoomInAction",
                                    shortcutsFor(QKeySequence::ZoomIn, Qt::CTRL | Qt::Key_Equal));
    connect(zoomIn, &QAction::triggered, view_, &GraphView::zoomIn);

    QAction* zoomOut = addMenuAction(menu, tr("Zoom &Out"), "zoomOutAction",
                                     shortcutsFor(QKeySequence::ZoomOut, Qt::CTRL | Qt::Key_Minus));
    connect(zoomOut, &QAction::triggered, view_, &GraphView::zoomOut);

    QAction* resetZoom = addMenuAction(menu, tr("&Reset Zoom"), "resetZoomAction",
                                       {QKeySequence(Qt::CTRL | Qt::Key_0)});
    connect(resetZoom, &QAction::triggered, view_, &GraphView::resetZoom);

    menu->addSeparator();
    QAction* fullScreen = addMenuAction(menu, tr("&Full Screen"), "fullScreenAction",
                                        shortcutsFor(QKeySequence::FullScreen, Qt::Key_F11));
    fullScreen->setCheckable(true);
    connect(fullScreen, &QAction::toggled, this, &MainWindow::setFullScreen);
}

void MainWindow::createHelpMenu()
{
    QMenu* menu = menuBar()->addMenu(tr("&Help"));
    menu->setObjectName(QStringLiteral("helpMenu"));

    QAction* about = addMenuAction(menu, tr("&About GradScope"), "aboutAction", {});
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);

    QAction* aboutQt = addMenuAction(menu, tr("About &Qt"), "aboutQtAction", {});
    aboutQt->setMenuRole(QAction::AboutQtRole);
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createStatusBar()
{
    auto* ready = new QLabel(tr("Ready"), this);
    ready->setObjectName(QStringLiteral("statusLabel"));
    statusBar()->addWidget(ready, 1);

    zoomLabel_ = new QLabel(this);
    zoomLabel_->setObjectName(QStringLiteral("zoomLabel"));
    zoomLabel_->setToolTip(tr("Zoom"));
    statusBar()->addPermanentWidget(zoomLabel_);
    showZoom(view_->zoom());
}

void MainWindow::newDocument() { workspace_->newDocument(); }

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (workspace_->confirmClose())
        event->accept();
    else
        event->ignore();
}

void MainWindow::updateTitle()
{
    setWindowTitle(tr("%1[*] \u2014 GradScope").arg(documentName_));
    setWindowModified(!undoStack_->isClean());
}

void MainWindow::showZoom(double zoom) { zoomLabel_->setText(tr("%1%").arg(qRound(zoom * 100))); }

void MainWindow::setFullScreen(bool fullScreen)
{
    setWindowState(fullScreen ? windowState() | Qt::WindowFullScreen
                              : windowState() & ~Qt::WindowFullScreen);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About GradScope"),
                       tr("<h3>GradScope %1</h3>"
                          "<p>Shows automatic differentiation at work: a computation drawn as a "
                          "graph of operations, with its forward values and gradients.</p>")
                           .arg(QCoreApplication::applicationVersion()));
}

} // namespace gs
