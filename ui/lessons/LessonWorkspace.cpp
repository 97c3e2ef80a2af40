#include "ui/lessons/LessonWorkspace.h"

#include "ui/editor/DocumentFiles.h"
#include "ui/editor/EditorWorkspace.h"
#include "ui/editor/Examples.h"
#include "ui/lessons/LessonCatalog.h"
#include "ui/lessons/LessonHighlights.h"
#include "ui/lessons/LessonLocks.h"
#include "ui/lessons/LessonPanel.h"
#include "ui/lessons/LessonPlayer.h"
#include "ui/lessons/PresenterMode.h"

#include <QAction>
#include <QDockWidget>
#include <QInputDialog>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>

namespace gs {

namespace {
const QString dockName = QStringLiteral("lessonDock");

QMenu* menuNamed(QMainWindow* window, const char* name) { return window->menuBar()->findChild<QMenu*>(QLatin1StringView(name)); }
} // namespace

LessonWorkspace::LessonWorkspace(EditorWorkspace* workspace, QMainWindow* window)
    : QObject(window)
    , workspace_(workspace)
    , window_(window)
    , player_(new LessonPlayer(workspace, this))
    , panel_(new LessonPanel(player_))
    , presenter_(new PresenterMode(workspace, window, player_))
{
    panel_->setObjectName(QStringLiteral("lessonPanel"));
    connect(player_, &LessonPlayer::frameApplied, this, &LessonWorkspace::decorate);
    connect(player_, &LessonPlayer::message, workspace_, &EditorWorkspace::message);
}

void LessonWorkspace::install()
{
    dock_ = new QDockWidget(tr("Lesson"), window_);
    dock_->setObjectName(dockName);
    dock_->setWidget(panel_);
    window_->addDockWidget(Qt::LeftDockWidgetArea, dock_);
    if (auto* palette = window_->findChild<QDockWidget*>(QStringLiteral("paletteDock")))
        window_->tabifyDockWidget(palette, dock_);
    window_->resizeDocks({dock_}, {320}, Qt::Horizontal);
    if (QMenu* panels = window_->menuBar()->findChild<QMenu*>(QStringLiteral("panelsMenu")))
        panels->addAction(dock_->toggleViewAction());
    // Page Down and Page Up step the lesson wherever the focus is, like a presentation remote.
    window_->addAction(panel_->nextAction());
    window_->addAction(panel_->previousAction());

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
        connect(open, &QAction::triggered, this, &LessonWorkspace::pickLesson);
        QAction* after = window_->findChild<QAction*>(QStringLiteral("openAction"));
        const qsizetype at = file->actions().indexOf(after);
        file->insertAction(at >= 0 ? file->actions().value(at + 1) : nullptr, open);
    }
    if (QMenu* view = menuNamed(window_, "viewMenu")) {
        QAction* fullScreen = window_->findChild<QAction*>(QStringLiteral("fullScreenAction"));
        view->insertAction(fullScreen, presenter_->action());
        QMenu* step = view->addMenu(tr("L&esson"));
        step->addAction(panel_->nextAction());
        step->addAction(panel_->previousAction());
        step->addAction(panel_->recordAction());
    }
}

bool LessonWorkspace::openBuiltin(int index)
{
    if (index < 0 || index >= static_cast<int>(builtinLessons().size()))
        return false;
    if (!workspace_->files()->openExample(lessonExample(builtinLessons()[static_cast<std::size_t>(index)])))
        return false;
    dock_->show();
    dock_->raise();
    return true;
}

void LessonWorkspace::pickLesson()
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

void LessonWorkspace::decorate()
{
    const LessonFrame& frame = player_->frame();
    showLessonHighlights(workspace_->scene(), frame.highlighted);
    applyLessonLocks(workspace_, window_, frame.locked);
    if (player_->count() == 0 || presenter_->isOn())
        return; // presenter mode lays out its own docks
    for (const QString& missing : showLessonPanels(window_, frame.panels, dockName))
        emit workspace_->message(tr("This step shows the panel “%1”, which this version does not have").arg(missing));
    dock_->show();
    dock_->raise();
}

} // namespace gs
