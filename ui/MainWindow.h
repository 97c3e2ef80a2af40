#pragma once

#include <QMainWindow>

class QGraphicsScene;
class QLabel;
class QUndoStack;

namespace gs {

class GraphView;
class RecentFiles;

/// The application window: menus, the graph editor in the centre, a status bar with the zoom.
///
/// The title follows the "NAME[*] — GradScope" convention: Qt shows the [*] marker while the undo
/// stack is away from its clean state. Opening and saving documents arrive with the document
/// layer; until then the File menu offers only what works (New, Open Recent, Quit).
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

    GraphView* graphView() const { return view_; }
    QUndoStack* undoStack() const { return undoStack_; }
    RecentFiles* recentFiles() const { return recentFiles_; }

private:
    void createFileMenu();
    void createEditMenu();
    void createViewMenu();
    void createHelpMenu();
    void createStatusBar();

    void newDocument();
    void updateTitle();
    void showZoom(double zoom);
    void setFullScreen(bool fullScreen);
    void showAbout();

    QGraphicsScene* scene_;
    GraphView* view_;
    QUndoStack* undoStack_;
    RecentFiles* recentFiles_;
    QLabel* zoomLabel_ = nullptr;
    QString documentName_;
};

} // namespace gs
