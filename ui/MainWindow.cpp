#include "ui/MainWindow.h"

#include "ui/KeyboardHelp.h"

#include "document/GraphDocument.h"
#include "ui/GraphView.h"
#include "ui/RecentFiles.h"
#include "ui/RecentFilesMenu.h"
#include "ui/Shortcuts.h"
#include "ui/editor/EditorSession.h"
#include "ui/editor/EditorView.h"
#include "ui/panels/FormulaBar.h"
#include "ui/workspace/Workspace.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDialog>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

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
    connect(workspace_, &Workspace::message, this, &MainWindow::showMessage);
    connect(workspace_->session()->document(), &GraphDocument::changed, this, &MainWindow::clearStaleMessage);

    updateTitle();
    workspace_->install(); // after the menus exist; restores the saved size and docks
}

MainWindow::~MainWindow()
{
    // The children go after this body, and the focus moves as they go: nothing they signal then
    // may reach this half-destroyed window.
    for (const QObject* sender : std::initializer_list<const QObject*>{
             undoStack_, workspace_, workspace_->formulaBar(), workspace_->session()->document()})
        disconnect(sender, nullptr, this, nullptr);
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

    // Not QUndoStack's own actions: these also undo the typing in the formula bar.
    FormulaBar* formula = workspace_->formulaBar();
    undoAction_ = addMenuAction(menu, tr("&Undo"), "undoAction", shortcutsFor(QKeySequence::Undo, Qt::CTRL | Qt::Key_Z));
    connect(undoAction_, &QAction::triggered, this, [this, formula] {
        if (formula->undoesTyping())
            formula->editor()->undo();
        else
            undoStack_->undo();
    });
    redoAction_ = addMenuAction(menu, tr("&Redo"), "redoAction",
                                shortcutsFor(QKeySequence::Redo, Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    connect(redoAction_, &QAction::triggered, this, [this, formula] {
        if (formula->redoesTyping())
            formula->editor()->redo();
        else
            undoStack_->redo();
    });
    for (auto signal : {&QUndoStack::canUndoChanged, &QUndoStack::canRedoChanged})
        connect(undoStack_, signal, this, &MainWindow::updateUndoActions);
    for (auto signal : {&QUndoStack::undoTextChanged, &QUndoStack::redoTextChanged})
        connect(undoStack_, signal, this, &MainWindow::updateUndoActions);
    connect(formula, &FormulaBar::typingHistoryChanged, this, &MainWindow::updateUndoActions);
    updateUndoActions();

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

    QAction* keys = addMenuAction(menu, tr("&Keyboard and Mouse"), "keyboardHelpAction",
                                  shortcutsFor(QKeySequence::HelpContents, Qt::Key_F1));
    keys->setStatusTip(tr("Every gesture of the graph editor"));
    connect(keys, &QAction::triggered, this, &MainWindow::showKeyboardHelp);
    menu->addSeparator();

    QAction* about = addMenuAction(menu, tr("&About GradScope"), "aboutAction", {});
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);

    QAction* aboutQt = addMenuAction(menu, tr("About &Qt"), "aboutQtAction", {});
    aboutQt->setMenuRole(QAction::AboutQtRole);
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createStatusBar()
{
    statusLabel_ = new QLabel(tr("Ready"), this);
    statusLabel_->setObjectName(QStringLiteral("statusLabel"));
    // A long message is cut at the window's edge (all of it in the tooltip), never widens it.
    statusLabel_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    statusBar()->addWidget(statusLabel_, 1);
    messageTimeout_ = new QTimer(this);
    messageTimeout_->setSingleShot(true);
    messageTimeout_->setInterval(messageTimeoutMs);
    connect(messageTimeout_, &QTimer::timeout, statusLabel_, [this] { clearMessage(); });

    zoomLabel_ = new QLabel(this);
    zoomLabel_->setObjectName(QStringLiteral("zoomLabel"));
    zoomLabel_->setToolTip(tr("Zoom"));
    statusBar()->addPermanentWidget(zoomLabel_);
    showZoom(view_->zoom());
}

void MainWindow::showMessage(const QString& text)
{
    statusLabel_->setText(text);
    statusLabel_->setToolTip(text);
    messageTimeout_->start();
    // A gesture often says what it did and then changes the document (Cut: "Copied", then the
    // deletion): the message survives changes made in the same turn of the event loop.
    messageIsNew_ = true;
    QTimer::singleShot(0, this, [this] { messageIsNew_ = false; });
}

void MainWindow::clearStaleMessage()
{
    if (!messageIsNew_ && messageTimeout_->isActive())
        clearMessage();
}

void MainWindow::clearMessage()
{
    messageTimeout_->stop();
    statusLabel_->setText(tr("Ready"));
    statusLabel_->setToolTip(QString());
}

void MainWindow::updateUndoActions()
{
    const FormulaBar* formula = workspace_->formulaBar();
    if (formula->undoesTyping()) {
        undoAction_->setText(tr("&Undo Typing"));
        undoAction_->setEnabled(true);
    } else {
        undoAction_->setText(undoStack_->canUndo() ? tr("&Undo %1").arg(undoStack_->undoText()) : tr("&Undo"));
        undoAction_->setEnabled(undoStack_->canUndo());
    }
    if (formula->redoesTyping()) {
        redoAction_->setText(tr("&Redo Typing"));
        redoAction_->setEnabled(true);
    } else {
        redoAction_->setText(undoStack_->canRedo() ? tr("&Redo %1").arg(undoStack_->redoText()) : tr("&Redo"));
        redoAction_->setEnabled(undoStack_->canRedo());
    }
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

void MainWindow::showKeyboardHelp()
{
    if (!keyboardHelp_)
        keyboardHelp_ = createKeyboardHelp(this);
    keyboardHelp_->show();
    keyboardHelp_->raise();
    keyboardHelp_->activateWindow();
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
