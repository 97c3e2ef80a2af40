#include "ui/workspace/LessonMode.h"

#include "ui/editor/EditorSession.h"
#include "ui/files/DocumentFiles.h"
#include "ui/files/Examples.h"
#include "ui/ScrollingPanel.h"
#include "ui/lessons/LessonCatalog.h"
#include "ui/lessons/LessonHighlights.h"
#include "ui/lessons/LessonPanel.h"
#include "ui/lessons/LessonPlayer.h"
#include "ui/render/LessonHandout.h"
#include "ui/workspace/LessonLocks.h"
#include "ui/workspace/PresenterMode.h"
#include "ui/workspace/WindowLayout.h"
#include "ui/workspace/Workspace.h"

#include <QAction>
#include <QDockWidget>
#include <QFileDialog>
#include <QInputDialog>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>

#include <algorithm>

namespace gs {

namespace {
const QString dockName = QStringLiteral("lessonDock");

QMenu* menuNamed(QMainWindow* window, const char* name) { return window->menuBar()->findChild<QMenu*>(QLatin1StringView(name)); }
} // namespace

LessonMode::LessonMode(Workspace* workspace, QMainWindow* window)
    : QObject(window)
    , workspace_(workspace)
    , window_(window)
    , player_(new LessonPlayer(workspace->session(), workspace->scene(), workspace->view(), this))
    , panel_(new LessonPanel(player_))
    , presenter_(new PresenterMode(workspace, window, player_))
    , edit_(new QAction(tr("&Edit Lesson"), this))
{
    panel_->setObjectName(QStringLiteral("lessonPanel"));
    edit_->setObjectName(QStringLiteral("editLessonAction"));
    edit_->setCheckable(true);
    edit_->setStatusTip(tr("Show the controls that record, change, reorder and delete the lesson's steps"));
    panel_->setEditAction(edit_);
    connect(edit_, &QAction::toggled, this, &LessonMode::setEditing);
    // A document that is opened starts read-only, whatever the one before was.
    connect(player_, &LessonPlayer::lessonLoaded, this, [this] {
        const QSignalBlocker quiet(edit_);
        edit_->setChecked(false);
        panel_->setAuthoring(false);
    });
    connect(player_, &LessonPlayer::frameApplied, this, &LessonMode::decorate);
    connect(player_, &LessonPlayer::message, workspace_, &Workspace::message);
    WindowLayout* layout = workspace_->layout();
    connect(layout, &WindowLayout::overlayEndRequested, this, [this](WindowLayout::Overlay overlay) {
        if (overlay == WindowLayout::Overlay::Lesson)
            endOverlay();
    });
    connect(layout, &WindowLayout::layoutReset, this, &LessonMode::decorate);
}

void LessonMode::install()
{
    dock_ = new QDockWidget(tr("Lesson"), window_);
    dock_->setObjectName(dockName);
    // The lesson scrolls its text and keeps its controls (Reveal, Previous, Next) in view; the
    // whole panel scrolls only in a dock too short even for those.
    dock_->setWidget(scrollingPanel(panel_));
    window_->addDockWidget(Qt::LeftDockWidgetArea, dock_);
    dock_->hide();
    // Shown by the lesson overlay only: on a wide window left of the canvas, on a narrow one on
    // top of the right column.
    workspace_->layout()->addDock({dock_, WindowLayout::Place::Left, WindowLayout::Place::RightTop, false, false});
    if (QMenu* panels = window_->menuBar()->findChild<QMenu*>(QStringLiteral("panelsMenu")))
        panels->addAction(dock_->toggleViewAction());
    // Page Down and Page Up step the lesson wherever the focus is, like a presentation remote.
    window_->addAction(panel_->nextAction());
    window_->addAction(panel_->previousAction());
    window_->addAction(panel_->revealAction());

    if (QMenu* help = menuNamed(window_, "helpMenu")) {
        auto* lessons = new QMenu(tr("&Lessons"), help);
        lessons->setObjectName(QStringLiteral("lessonsMenu"));
        for (int i = 0; i < static_cast<int>(builtinLessons().size()); ++i)
            connect(lessons->addAction(builtinLessons()[static_cast<std::size_t>(i)].title), &QAction::triggered, this,
                    [this, i] { openBuiltin(i); });
        help->insertMenu(help->actions().value(0), lessons);
        help->insertSeparator(help->actions().value(1));
    }
    if (QMenu* file = menuNamed(window_, "fileMenu")) {
        auto* open = new QAction(tr("Open &Lesson…"), file);
        open->setObjectName(QStringLiteral("openLessonAction"));
        connect(open, &QAction::triggered, this, &LessonMode::pickLesson);
        QAction* after = window_->findChild<QAction*>(QStringLiteral("openAction"));
        const qsizetype at = file->actions().indexOf(after);
        file->insertAction(at >= 0 ? file->actions().value(at + 1) : nullptr, open);
        handout_ = new QAction(tr("Export Lesson &Handout…"), file);
        handout_->setObjectName(QStringLiteral("exportHandoutAction"));
        handout_->setStatusTip(tr("The lesson as a PDF: a page per step, questions with room for the answer, "
                                  "and each hidden answer on the page after its question"));
        connect(handout_, &QAction::triggered, this, &LessonMode::exportHandout);
        QAction* exportPlot = window_->findChild<QAction*>(QStringLiteral("exportPlotAction"));
        const qsizetype plotAt = file->actions().indexOf(exportPlot);
        file->insertAction(plotAt >= 0 ? file->actions().value(plotAt + 1) : nullptr, handout_);
        connect(player_, &LessonPlayer::frameApplied, handout_, [this] { handout_->setEnabled(player_->count() > 0); });
        handout_->setEnabled(false);
    }
    if (QMenu* view = menuNamed(window_, "viewMenu")) {
        QAction* fullScreen = window_->findChild<QAction*>(QStringLiteral("fullScreenAction"));
        view->insertAction(fullScreen, presenter_->action());
        QMenu* step = view->addMenu(tr("L&esson"));
        step->setObjectName(QStringLiteral("lessonMenu"));
        step->addAction(panel_->nextAction());
        step->addAction(panel_->previousAction());
        step->addAction(panel_->revealAction());
        step->addSeparator();
        step->addAction(edit_);
        step->addAction(panel_->recordAction());
    }
}

bool LessonMode::openBuiltin(int index)
{
    if (index < 0 || index >= static_cast<int>(builtinLessons().size()))
        return false;
    return workspace_->files()->openExample(lessonExample(builtinLessons()[static_cast<std::size_t>(index)]));
}

bool LessonMode::isOpen() const { return workspace_->layout()->isActive(WindowLayout::Overlay::Lesson); }

void LessonMode::pickLesson()
{
    QStringList titles;
    for (const BuiltinLesson& lesson : builtinLessons())
        titles << lesson.title;
    bool ok = false;
    const QString chosen = QInputDialog::getItem(window_, tr("Open Lesson"), tr("Built-in lessons (chapter 12):"), titles, 0,
                                                 false, &ok);
    if (ok)
        openBuiltin(static_cast<int>(titles.indexOf(chosen)));
}

void LessonMode::exportHandout()
{
    if (player_->count() == 0)
        return;
    const QString suggested = player_->lesson().title.isEmpty() ? tr("lesson") : player_->lesson().title;
    QString path = askHandoutFile ? askHandoutFile()
                                  : QFileDialog::getSaveFileName(window_, tr("Export Lesson Handout"), suggested + QStringLiteral(".pdf"),
                                                                 tr("PDF document (*.pdf)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive))
        path += QStringLiteral(".pdf");
    QString error;
    const int pages = exportLessonHandout(player_->lessonDocument(), path, 1.0, &error);
    if (pages < 0)
        QMessageBox::warning(window_, tr("Export Lesson Handout"), error);
    else
        emit workspace_->message(tr("Exported the handout (%n page(s)) to %1", nullptr, pages).arg(path));
}

void LessonMode::setEditing(bool on)
{
    panel_->setAuthoring(on);
    decorate();
}

void LessonMode::beginOverlay()
{
    viewBefore_ = workspace_->session()->viewMode();
    WindowLayout* layout = workspace_->layout();
    layout->begin(WindowLayout::Overlay::Lesson);
    dock_->setFloating(false);
    // A column that gains the lesson keeps its width (a new dock would widen it to its own liking).
    const Qt::DockWidgetArea area = window_->dockWidgetArea(dock_);
    int columnWidth = 0;
    for (QDockWidget* other : window_->findChildren<QDockWidget*>())
        if (other != dock_ && other->isVisible() && !other->isFloating() && window_->dockWidgetArea(other) == area)
            columnWidth = std::max(columnWidth, other->width());
    dock_->show();
    dock_->raise();
    if (area == Qt::LeftDockWidgetArea || columnWidth == 0)
        window_->resizeDocks({dock_}, {std::clamp(window_->width() / 4, 260, 340)}, Qt::Horizontal);
    else
        window_->resizeDocks({dock_}, {columnWidth}, Qt::Horizontal);
    if (area == Qt::RightDockWidgetArea)
        window_->resizeDocks({dock_}, {window_->height() * 2 / 5}, Qt::Vertical);
}

void LessonMode::endOverlay()
{
    if (!isOpen())
        return;
    if (presenter_->isOn())
        presenter_->setOn(false);
    workspace_->layout()->end(WindowLayout::Overlay::Lesson);
    workspace_->session()->setViewMode(viewBefore_);
}

void LessonMode::decorate()
{
    const bool lesson = player_->count() > 0 || edit_->isChecked();
    if (lesson && !isOpen())
        beginOverlay();
    else if (!lesson && isOpen())
        endOverlay();
    const LessonFrame& frame = player_->frame();
    showLessonHighlights(workspace_->scene(), frame.highlighted);
    applyLessonLocks(workspace_, window_, lesson ? frame.locked : QStringList());
    if (player_->count() == 0 || presenter_->isOn())
        return; // presenter mode lays out its own docks
    for (const QString& missing : showLessonPanels(window_, frame.panels, dockName))
        emit workspace_->message(tr("This step shows the panel “%1”, which this version does not have").arg(missing));
    dock_->show();
    dock_->raise();
}

} // namespace gs
