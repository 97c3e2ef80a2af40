#pragma once

#include <QMainWindow>

class QLabel;
class QUndoStack;

namespace gs {

class Workspace;
class GraphView;
class RecentFiles;

/// The application window: menus, the graph editor in the centre, a status bar with the zoom.
///
/// The title follows the "NAME[*] — GradScope" convention: Qt shows the [*] marker while the undo
/// stack is away from its clean state. The Workspace fills the window: the editor, its
/// docks, and its actions in these menus (files, editing, the graph, views).
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

    GraphView* graphView() const { return view_; }
    QUndoStack* undoStack() const { return undoStack_; }
    RecentFiles* recentFiles() const { return recentFiles_; }
    Workspace* workspace() const { return workspace_; }

protected:
    /// Asks about unsaved changes first (Save, Discard, Cancel).
    void closeEvent(QCloseEvent* event) override;

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

    QUndoStack* undoStack_;
    RecentFiles* recentFiles_;
    Workspace* workspace_;
    GraphView* view_;
    QLabel* zoomLabel_ = nullptr;
    QString documentName_;
};

} // namespace gs
