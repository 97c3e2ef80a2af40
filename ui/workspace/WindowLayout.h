#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QSize>

#include <array>
#include <functional>
#include <vector>

class QDockWidget;
class QMainWindow;
class QSettings;

namespace gs {

/// The one owner of the main window's layout: the window's size and place, and which docks show,
/// where and how large. It holds three layers:
/// - the user's layout: what the user arranged. Saved in QSettings (versioned) when the window
///   closes and restored at the next start; a saved layout that is corrupt, from another version,
///   or that would put the window off the screens there are now is ignored (with a line in the
///   log) in favour of the default layout for the screen.
/// - overlays, applied on top of it for a while: a lesson (its dock and the panels its steps ask
///   for) and presenter mode (full screen, no docks). Each is removed exactly, giving back the
///   layout that was there when it began, and none is ever saved.
///
/// The default layout depends on the screen: on a wide one the docks sit left, right and below
/// the canvas; on a projector-sized one (below 1280x800) they tab together in one column on the
/// right, so that the canvas keeps most of the window, and the window opens maximized.
class WindowLayout : public QObject {
    Q_OBJECT
public:
    /// Where a dock goes in a default layout. Docks given the same place are tabbed together, in
    /// the order they were added; the first visible one is in front.
    enum class Place {
        Left,       ///< the column left of the canvas
        RightTop,   ///< the top of the column right of the canvas (the lesson, when shown)
        Right,      ///< the column right of the canvas (its middle when the others are used)
        RightLower, ///< the lower part of the right column
        Bottom,     ///< the row under the canvas, left part
        BottomRight,///< the row under the canvas, right part
        BottomWide, ///< a row of its own under everything, as wide as the window
    };
    struct DockSpec {
        QDockWidget* dock = nullptr;
        Place wide = Place::Left;
        Place compact = Place::Right;
        bool shownWide = true;    ///< visible in the wide default layout
        bool shownCompact = true; ///< visible in the compact default layout
    };
    enum class Overlay { Lesson, Presenter };

    /// The version written with the layout; a layout saved by another version is not restored,
    /// since the docks it names or their places may have changed.
    static constexpr int version = 2;
    /// Below this available screen size the default layout is compact.
    static constexpr QSize compactBelow{1280, 800};

    explicit WindowLayout(QMainWindow* window);

    /// Registers a dock (already added to the window) with its places in the default layouts.
    void addDock(const DockSpec& spec);

    /// Whether the default layout for the window's screen is the compact one.
    bool compactScreen() const;
    /// Whether the window is narrow enough now that panels should be tabbed into one column.
    bool compactWindow() const;

    /// At start: the saved user layout when it is valid, else the default one for the screen.
    void restore();
    /// Writes the user's layout: the one under any overlay, never an overlay's.
    void save() const;
    /// View > Reset Layout: leaves the overlays (signalled first, so that their owners can undo
    /// what else they changed), then lays the docks and the window out as on a first run.
    void reset();
    /// The docks placed as in the default layout for the screen (the window is not moved).
    void applyDefaultDocks();

    /// Begins an overlay: remembers the layout as it is now, to be given back by end().
    void begin(Overlay overlay);
    /// Ends an overlay: gives back the layout remembered when it began. Ending the lesson while
    /// presenting ends presenter mode first (overlays nest).
    void end(Overlay overlay);
    bool isActive(Overlay overlay) const;

    /// The window's saveState() of the user's layout (under the overlays).
    QByteArray userState() const;

signals:
    /// An overlay must end (Reset Layout, or an outer overlay ending): its owner leaves it.
    void overlayEndRequested(gs::WindowLayout::Overlay overlay);
    /// Reset Layout has laid everything out anew (an open lesson may begin its overlay again).
    void layoutReset();
    /// The window has a new size.
    void windowResized();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Snapshot {
        Overlay overlay;
        QByteArray geometry;
        QByteArray state;
        QSize size;
        Qt::WindowStates windowState;
        bool menuBar = true;
        bool statusBar = true;
    };

    Snapshot snapshot(Overlay overlay) const;
    void giveBack(const Snapshot& s);
    void finishPending();
    void cancelPending();
    bool restoreGeometryChecked(const QByteArray& geometry);
    void placeDefault();
    /// Moves the window wholly onto its screen (or gives it the default size) once it is shown.
    void keepOnScreen();
    void arrange(bool compact);
    void applySizes();

    static constexpr std::array allPlaces{Place::Left,   Place::RightTop,    Place::Right,     Place::RightLower,
                                          Place::Bottom, Place::BottomRight, Place::BottomWide};
    static constexpr std::size_t index(Place place) { return static_cast<std::size_t>(place); }

    QMainWindow* window_;
    std::vector<DockSpec> docks_;
    std::vector<Snapshot> overlays_;
    /// The first dock of each place in the last default arrangement.
    std::array<QDockWidget*, allPlaces.size()> heads_{};
    bool compactSizes_ = false;
    /// What gives the docks their sizes once the window has its own (see eventFilter()).
    std::function<void()> settle_;
    /// Leaving full screen is asynchronous under a window manager: the dock sizes are restored
    /// again once the window has its old size back.
    QByteArray pendingGeometry_;
    QByteArray pendingState_;
    QSize pendingSize_;
    QPointer<QObject> pendingTimer_;
};

} // namespace gs
