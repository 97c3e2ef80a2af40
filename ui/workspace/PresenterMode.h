#pragma once

#include <QFont>
#include <QObject>
#include <QPalette>
#include <QPointF>
#include <QPointer>

#include <optional>

class QAction;
class QMainWindow;
class QScreen;

namespace gs {

class LaserPointer;
class LessonPlayer;
class PresenterCaption;
class PresenterConsole;
class Workspace;

/// View > Presenter Mode (F5): the graph for a projector. The window full screen with the canvas,
/// the step's text as a caption under it and where the lesson is; no menus, bars or editing docks
/// (only a panel that a step is about, such as Training or Trace). Large node texts (at least 18
/// px on a 1024x768 projector, more on larger screens), thick wires, a high-contrast palette, a
/// laser pointer that follows the mouse, and the graph fitted at every step.
///
/// With a second screen, the graph goes full screen on the other screen and a presenter console
/// (this step, the next one, a clock) opens on the teacher's.
///
/// Leaving it (F5 or Escape) gives back exactly the window that was there (see WindowLayout).
class PresenterMode : public QObject {
    Q_OBJECT
public:
    PresenterMode(Workspace* workspace, QMainWindow* window, LessonPlayer* player);
    ~PresenterMode() override;

    QAction* action() const { return action_; }
    bool isOn() const { return saved_.has_value(); }
    void setOn(bool on);
    /// Whether turning it on also makes the window full screen (screenshots keep their size).
    void setFullScreenEnabled(bool on) { fullScreen_ = on; }

    PresenterCaption* caption() const;
    LaserPointer* laser() const;
    PresenterConsole* console() const;

    /// The font scale of the desk: the current one, or while presenting the one to go back to.
    double deskScale() const;

    /// The smallest node text for a screen `height` pixels tall: 18 px at 768, in proportion above.
    static double nodeTextPixels(int height);

private:
    struct Saved {
        bool formulaBar = true;
        double scale = 1.0;
        QPalette palette;
        QFont derivativesFont;
        double zoom = 1.0;      ///< the canvas's, given back with its centre unless it was
        QPointF centre;         ///< following the fit
        bool followsFit = true;
        bool legendCollapsed = false;
    };

    void enter();
    void leave();
    void showFrame();
    void updateCaption();
    /// The step's exercise as the caption shows it: each condition ticked or crossed, live.
    QString exerciseText() const;
    void fitGraph();
    QScreen* projector() const;

    Workspace* workspace_;
    QMainWindow* window_;
    LessonPlayer* player_;
    QAction* action_;
    QAction* leave_;
    QPointer<PresenterCaption> caption_;
    QPointer<LaserPointer> laser_;
    QPointer<PresenterConsole> console_;
    std::optional<Saved> saved_;
    bool fullScreen_ = true;
    bool changing_ = false;
};

} // namespace gs
