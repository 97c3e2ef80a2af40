#pragma once

#include <QObject>

class QDockWidget;
class QMainWindow;

namespace gs {

class EditorWorkspace;
class LessonPanel;
class LessonPlayer;
class PresenterMode;

/// Everything lessons add to the main window: the lesson dock, the player that applies steps to
/// the editor (and shows their highlights, panels and locks), presenter mode, and the menu
/// entries (Help > Lessons, File > Open Lesson, View > Presenter Mode).
class LessonWorkspace : public QObject {
    Q_OBJECT
public:
    LessonWorkspace(EditorWorkspace* workspace, QMainWindow* window);

    LessonPlayer* player() const { return player_; }
    LessonPanel* panel() const { return panel_; }
    PresenterMode* presenter() const { return presenter_; }
    QDockWidget* dock() const { return dock_; }

    /// Adds the dock (before the window's saved state is restored) and the menu entries (the
    /// menus must exist).
    void install();
    /// Opens built-in lesson `index` (see builtinLessons()); false when there is none or the user
    /// kept the current document.
    bool openBuiltin(int index);

private:
    void decorate();
    void pickLesson();

    EditorWorkspace* workspace_;
    QMainWindow* window_;
    LessonPlayer* player_;
    LessonPanel* panel_;
    PresenterMode* presenter_;
    QDockWidget* dock_ = nullptr;
};

} // namespace gs
