#pragma once

#include <QDockWidget>

class QAction;
class QMainWindow;

namespace gs {

class TrainingView;

/// The training view as a dock of the main window (objectName "trainingDock"), so it can sit
/// beside the graph, be tabbed with the other bottom panels, or float onto a projector screen.
/// Its action (View > Training) brings it up in front and tall enough for the curves.
class TrainingDock : public QDockWidget {
    Q_OBJECT
public:
    explicit TrainingDock(QMainWindow* window);

    TrainingView* view() const { return view_; }
    QAction* bringUpAction() const { return bringUp_; }
    /// Shows the dock in front of the docks it is tabbed with, two thirds of the window high.
    void bringUp();

private:
    QMainWindow* window_;
    TrainingView* view_;
    QAction* bringUp_;
};

} // namespace gs
