#include "ui/training/TrainingDock.h"

#include "ui/ScrollingPanel.h"
#include "ui/training/TrainingView.h"

#include <QAction>
#include <QMainWindow>

namespace gs {

TrainingDock::TrainingDock(QMainWindow* window)
    : QDockWidget(tr("Training"), window)
    , window_(window)
    , view_(new TrainingView)
    , bringUp_(new QAction(tr("&Training"), this))
{
    setObjectName(QStringLiteral("trainingDock"));
    setWidget(scrollingPanel(view_));
    bringUp_->setObjectName(QStringLiteral("trainingAction"));
    bringUp_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    bringUp_->setStatusTip(
        tr("The book's custom training loop, stepped phase by phase with live curves"));
    connect(bringUp_, &QAction::triggered, this, &TrainingDock::bringUp);
}

void TrainingDock::bringUp()
{
    if (isFloating()) {
        show();
        activateWindow();
        return;
    }
    // The diagram and four plots need the window's width: a row of its own under the other
    // bottom docks (wherever a saved layout had put it), two thirds of the window high.
    if (window_->dockWidgetArea(this) != Qt::BottomDockWidgetArea || !isVisible())
        window_->addDockWidget(Qt::BottomDockWidgetArea, this, Qt::Vertical);
    show();
    raise();
    window_->resizeDocks({this}, {window_->height() * 2 / 3}, Qt::Vertical);
}

} // namespace gs
