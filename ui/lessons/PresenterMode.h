#pragma once

#include <QByteArray>
#include <QFont>
#include <QObject>
#include <QPalette>

#include <optional>

class QAction;
class QLabel;
class QMainWindow;

namespace gs {

class EditorWorkspace;
class LaserPointer;
class LessonPlayer;

/// View > Presenter Mode (F5): the window full screen for a projector, with large fonts, thick
/// wires, a high-contrast palette, the step's text as a caption over the graph, a laser pointer
/// that follows the mouse, and no editing chrome (menus, status bar, formula bar, editing docks).
/// Leaving it (F5 or Escape) puts everything back as it was.
class PresenterMode : public QObject {
    Q_OBJECT
public:
    PresenterMode(EditorWorkspace* workspace, QMainWindow* window, LessonPlayer* player);

    QAction* action() const { return action_; }
    bool isOn() const { return saved_.has_value(); }
    void setOn(bool on);
    /// Whether turning it on also makes the window full screen (screenshots keep their size).
    void setFullScreenEnabled(bool on) { fullScreen_ = on; }

    QLabel* caption() const { return caption_; }
    LaserPointer* laser() const { return laser_; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Saved {
        QByteArray state;
        Qt::WindowStates windowState;
        bool menuBar = true;
        bool statusBar = true;
        bool formulaBar = true;
        double scale = 1.0;
        QPalette palette;
    };

    void showFrame();
    void thickenStyle();

    EditorWorkspace* workspace_;
    QMainWindow* window_;
    LessonPlayer* player_;
    QAction* action_;
    QAction* leave_;
    QLabel* caption_ = nullptr;
    LaserPointer* laser_ = nullptr;
    std::optional<Saved> saved_;
    QFont derivativesFont_;
    bool fullScreen_ = true;
};

} // namespace gs
