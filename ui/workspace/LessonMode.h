#pragma once

#include "ui/render/GraphOverlay.h"

#include <QObject>

#include <functional>

class QAction;
class QDockWidget;
class QMainWindow;

namespace gs {

class LessonPanel;
class LessonPlayer;
class PresenterMode;
class Workspace;

/// Everything lessons add to the main window: the lesson dock, the player that applies steps to
/// the editor (and shows their highlights, panels and locks), presenter mode, and the menu
/// entries (Help > Lessons, File > Open Lesson, View > Presenter Mode, View > Lesson).
///
/// While a lesson is open, the window shows it as an overlay on the user's layout (the lesson
/// dock, and the panels each step asks for), which ends exactly when a document without a lesson
/// replaces it: the user's docks and view come back as they were.
class LessonMode : public QObject {
    Q_OBJECT
public:
    LessonMode(Workspace* workspace, QMainWindow* window);

    LessonPlayer* player() const { return player_; }
    LessonPanel* panel() const { return panel_; }
    PresenterMode* presenter() const { return presenter_; }
    QDockWidget* dock() const { return dock_; }
    /// View > Lesson > Edit Lesson: shows the authoring controls (off for every lesson opened).
    QAction* editAction() const { return edit_; }
    /// File > Export Lesson Handout: a PDF of the open lesson, built-in ones included.
    QAction* handoutAction() const { return handout_; }
    /// Where Export Lesson Handout writes; a file dialog by default ("" cancels; tests replace it).
    std::function<QString()> askHandoutFile;

    /// Adds the dock (before the window's saved state is restored) and the menu entries (the
    /// menus must exist).
    void install();
    /// Opens built-in lesson `index` (see builtinLessons()); false when there is none or the user
    /// kept the current document.
    bool openBuiltin(int index);
    /// Whether the lesson overlay is on (a lesson is open, or one is being written).
    bool isOpen() const;

private:
    void decorate();
    void pickLesson();
    void documentChanged();
    void beginOverlay();
    void endOverlay();
    void setEditing(bool on);
    void exportHandout();

    Workspace* workspace_;
    QMainWindow* window_;
    LessonPlayer* player_;
    LessonPanel* panel_;
    PresenterMode* presenter_;
    QDockWidget* dock_ = nullptr;
    QAction* edit_ = nullptr;
    QAction* handout_ = nullptr;
    /// The editor's view before the lesson began, given back when it ends.
    ViewMode viewBefore_ = ViewMode::Gradient;
};

} // namespace gs
