#pragma once

#include <QMainWindow>

class QAction;
class QDialog;
class QLabel;
class QTimer;
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
///
/// Edit > Undo and Redo go where the user's attention is: the typing in the formula bar while it
/// is being edited ("Undo Typing"), the document otherwise ("Undo Formula"). Status messages time
/// out, and go as soon as the document changes after them. Messages of evaluations speak the
/// window's language (its panels, not command-line options).
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    GraphView* graphView() const { return view_; }
    QUndoStack* undoStack() const { return undoStack_; }
    RecentFiles* recentFiles() const { return recentFiles_; }
    Workspace* workspace() const { return workspace_; }

    /// How long a status message stays.
    static constexpr int messageTimeoutMs = 5000;
    /// Shows `text` in the status bar until it times out or the document changes.
    void showMessage(const QString& text);

protected:
    /// Asks about unsaved changes first (Save, Discard, Cancel).
    void closeEvent(QCloseEvent* event) override;

private:
    void createFileMenu();
    void createEditMenu();
    void createViewMenu();
    void createHelpMenu();
    void createStatusBar();
    void updateUndoActions();
    void clearStaleMessage();
    void clearMessage();

    void newDocument();
    void updateTitle();
    void showZoom(double zoom);
    void setFullScreen(bool fullScreen);
    void showAbout();
    void showKeyboardHelp();

    QUndoStack* undoStack_;
    RecentFiles* recentFiles_;
    Workspace* workspace_;
    GraphView* view_;
    QLabel* zoomLabel_ = nullptr;
    QLabel* statusLabel_ = nullptr;
    QTimer* messageTimeout_ = nullptr;
    bool messageIsNew_ = false; ///< shown in this turn of the event loop: about the change under way
    QAction* undoAction_ = nullptr;
    QAction* redoAction_ = nullptr;
    QDialog* keyboardHelp_ = nullptr;
    QString documentName_;
};

} // namespace gs
