#include "ui/workspace/WindowLayout.h"

#include <QDataStream>
#include <QDockWidget>
#include <QEvent>
#include <QGuiApplication>
#include <QLoggingCategory>
#include <QMainWindow>
#include <QMenuBar>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>

#include <algorithm>
#include <optional>

namespace gs {

namespace {

Q_LOGGING_CATEGORY(layoutLog, "gradscope.layout", QtInfoMsg)

const QString geometryKey = QStringLiteral("window/geometry");
const QString stateKey = QStringLiteral("window/state");
const QString versionKey = QStringLiteral("window/layoutVersion");

/// The size a window opens at on a wide screen: most of it, but not absurdly large on a huge one.
constexpr QSize wideWindow{1800, 1100};
/// How long after the window appears its default dock sizes follow its size.
constexpr int settleMs = 800;
/// How long to wait for the window manager to give the window its size back after full screen.
constexpr int giveBackTimeoutMs = 1500;

/// The normal (not maximized) geometry in a QWidget::saveGeometry() record, which begins with a
/// magic number, a version and two rectangles, the frame's and the normal one; nullopt when
/// `geometry` is not such a record.
std::optional<QRect> savedNormalGeometry(const QByteArray& geometry)
{
    QDataStream in(geometry);
    in.setVersion(QDataStream::Qt_4_0);
    quint32 magic = 0;
    quint16 major = 0;
    quint16 minor = 0;
    QRect frame;
    QRect normal;
    in >> magic >> major >> minor >> frame >> normal;
    if (in.status() != QDataStream::Ok || magic != 0x1D9D0CB || major < 1 || !normal.isValid())
        return std::nullopt;
    return normal;
}

QScreen* screenOf(const QMainWindow* window)
{
    QScreen* screen = window->screen();
    return screen ? screen : QGuiApplication::primaryScreen();
}

} // namespace

WindowLayout::WindowLayout(QMainWindow* window)
    : QObject(window)
    , window_(window)
{
    window_->installEventFilter(this);
}

void WindowLayout::addDock(const DockSpec& spec) { docks_.push_back(spec); }

bool WindowLayout::compactScreen() const
{
    const QScreen* screen = screenOf(window_);
    if (!screen)
        return false;
    const QSize available = screen->availableGeometry().size();
    return available.width() < compactBelow.width() || available.height() < compactBelow.height();
}

bool WindowLayout::compactWindow() const
{
    return window_->width() < compactBelow.width() || window_->height() < compactBelow.height();
}

void WindowLayout::restore()
{
    // The default docks first: a restored state only moves the docks it names.
    arrange(compactScreen());
    QSettings settings;
    const QByteArray geometry = settings.value(geometryKey).toByteArray();
    const QByteArray state = settings.value(stateKey).toByteArray();
    if (geometry.isEmpty() && state.isEmpty()) {
        placeDefault();
        return;
    }
    const int saved = settings.value(versionKey, 1).toInt();
    if (saved != version) {
        qCInfo(layoutLog, "ignoring the window layout saved by version %d of GradScope's layout (this is %d): default layout",
               saved, version);
        placeDefault();
        return;
    }
    if (!restoreGeometryChecked(geometry)) {
        placeDefault();
        return;
    }
    if (!window_->restoreState(state, version)) {
        qCInfo(layoutLog, "ignoring the saved dock layout, which cannot be read: default docks");
        arrange(compactScreen());
        return;
    }
    // The dock sizes saved are the user's. (Qt keeps a state restored before the window is shown
    // until the window has its final size; restoring it again once shown crashes Qt 6.4.)
    settle_ = nullptr;
}

bool WindowLayout::restoreGeometryChecked(const QByteArray& geometry)
{
    // Qt would move a window saved on a screen that is gone onto one that is here, keeping its
    // size and place as far as it can; GradScope gives it the default for the screen instead.
    const std::optional<QRect> normal = savedNormalGeometry(geometry);
    if (!normal) {
        qCInfo(layoutLog, "ignoring the saved window geometry, which cannot be read: default size");
        return false;
    }
    bool fits = false;
    for (const QScreen* screen : QGuiApplication::screens()) {
        const QRect available = screen->availableGeometry();
        const QRect common = available.intersected(*normal);
        fits = fits || (normal->width() <= available.width() && normal->height() <= available.height()
                        && double(common.width()) * common.height() >= 0.9 * normal->width() * normal->height());
    }
    if (!fits) {
        qCInfo(layoutLog, "ignoring the saved window geometry %dx%d%+d%+d, which does not fit any screen now: default size",
               normal->width(), normal->height(), normal->x(), normal->y());
        return false;
    }
    if (!window_->restoreGeometry(geometry)) {
        qCInfo(layoutLog, "ignoring the saved window geometry, which cannot be read: default size");
        return false;
    }
    return true;
}

void WindowLayout::keepOnScreen()
{
    if (window_->windowState() & (Qt::WindowMaximized | Qt::WindowFullScreen))
        return;
    // Only now is the frame (the window manager's title bar and borders) known.
    const QRect frame = window_->frameGeometry();
    const QScreen* screen = screenOf(window_);
    if (!screen)
        return;
    const QRect available = screen->availableGeometry();
    if (available.contains(frame))
        return;
    if (frame.width() > available.width() || frame.height() > available.height()) {
        placeDefault();
        return;
    }
    QRect moved = frame;
    moved.moveLeft(std::clamp(frame.left(), available.left(), available.right() - frame.width() + 1));
    moved.moveTop(std::clamp(frame.top(), available.top(), available.bottom() - frame.height() + 1));
    window_->move(moved.topLeft());
}

void WindowLayout::placeDefault()
{
    const QScreen* screen = screenOf(window_);
    const QRect available = screen ? screen->availableGeometry() : QRect(0, 0, wideWindow.width(), wideWindow.height());
    if (compactScreen()) {
        // A projector or a small laptop: all of it. The normal geometry is what un-maximizing gives.
        // A window already maximized stays so: un-maximizing, moving and maximizing it again in
        // one go leaves a window manager's frame maximized around a client it never resized.
        if (window_->isVisible() && window_->windowState().testFlag(Qt::WindowMaximized))
            return;
        const int dx = available.width() / 20;
        const int dy = available.height() / 20;
        window_->setWindowState(Qt::WindowNoState);
        window_->setGeometry(available.adjusted(dx, dy, -dx, -dy));
        window_->setWindowState(Qt::WindowMaximized);
        return;
    }
    const QSize size(std::min(wideWindow.width(), available.width() * 9 / 10),
                     std::min(wideWindow.height(), available.height() * 9 / 10));
    QRect rect(QPoint(), size);
    rect.moveCenter(available.center());
    window_->setWindowState(Qt::WindowNoState);
    window_->setGeometry(rect);
}

void WindowLayout::arrange(bool compact)
{
    for (const DockSpec& spec : docks_) {
        spec.dock->setFloating(false);
        window_->removeDockWidget(spec.dock);
    }
    heads_ = {};
    const auto placeOf = [compact](const DockSpec& spec) { return compact ? spec.compact : spec.wide; };
    const auto membersOf = [&](Place place) {
        std::vector<const DockSpec*> members;
        for (const DockSpec& spec : docks_)
            if (placeOf(spec) == place)
                members.push_back(&spec);
        return members;
    };
    // Every place's first dock goes in before any tabbing, since a dock split off a tabbed one
    // would join its tabs. Each place hangs off the one before it in its column or row, so that
    // the order on screen is the order of `allPlaces`.
    for (Place place : allPlaces) {
        const std::vector<const DockSpec*> members = membersOf(place);
        if (members.empty())
            continue;
        QDockWidget* head = members.front()->dock;
        heads_[index(place)] = head;
        QDockWidget* above = place == Place::Right        ? heads_[index(Place::RightTop)]
                             : place == Place::RightLower ? (heads_[index(Place::Right)] ? heads_[index(Place::Right)]
                                                                                          : heads_[index(Place::RightTop)])
                             : place == Place::BottomRight ? heads_[index(Place::Bottom)]
                                                           : nullptr;
        switch (place) {
        case Place::Left:
            window_->addDockWidget(Qt::LeftDockWidgetArea, head);
            break;
        case Place::RightTop:
        case Place::Right:
        case Place::RightLower:
            if (above)
                window_->splitDockWidget(above, head, Qt::Vertical);
            else
                window_->addDockWidget(Qt::RightDockWidgetArea, head);
            break;
        case Place::Bottom:
        case Place::BottomRight:
            if (above)
                window_->splitDockWidget(above, head, Qt::Horizontal);
            else
                window_->addDockWidget(Qt::BottomDockWidgetArea, head, Qt::Horizontal);
            break;
        case Place::BottomWide:
            window_->addDockWidget(Qt::BottomDockWidgetArea, head, Qt::Vertical);
            break;
        }
    }
    for (Place place : allPlaces) {
        const std::vector<const DockSpec*> members = membersOf(place);
        for (std::size_t i = 1; i < members.size(); ++i)
            window_->tabifyDockWidget(members.front()->dock, members[i]->dock);
        QDockWidget* front = nullptr;
        for (const DockSpec* m : members) {
            const bool shown = compact ? m->shownCompact : m->shownWide;
            m->dock->setVisible(shown);
            if (shown && !front)
                front = m->dock;
        }
        if (front)
            front->raise();
    }
    compactSizes_ = compact;
    // Sizes are shares of the window, which has its size only once it is shown; docks just
    // rearranged get theirs once the window has laid them out.
    if (window_->isVisible()) {
        applySizes();
        QTimer::singleShot(0, this, &WindowLayout::applySizes);
    } else {
        settle_ = [this] { applySizes(); };
    }
}

void WindowLayout::applySizes()
{
    const QSize window = window_->size();
    const auto head = [this](Place place) { return heads_[index(place)]; };
    if (compactSizes_) {
        if (QDockWidget* right = head(Place::Right))
            window_->resizeDocks({right}, {std::clamp(window.width() * 26 / 100, 260, 340)}, Qt::Horizontal);
        if (head(Place::Right) && head(Place::RightLower))
            window_->resizeDocks({head(Place::Right), head(Place::RightLower)}, {window.height() / 2, window.height() / 2},
                                 Qt::Vertical);
        return;
    }
    if (QDockWidget* left = head(Place::Left))
        window_->resizeDocks({left}, {210}, Qt::Horizontal);
    if (QDockWidget* right = head(Place::Right))
        window_->resizeDocks({right}, {330}, Qt::Horizontal);
    if (head(Place::Right) && head(Place::RightLower))
        window_->resizeDocks({head(Place::Right), head(Place::RightLower)}, {window.height() / 2, window.height() / 2}, Qt::Vertical);
    if (QDockWidget* bottom = head(Place::Bottom)) {
        window_->resizeDocks({bottom}, {std::clamp(window.height() / 4, 180, 260)}, Qt::Vertical);
        if (QDockWidget* right = head(Place::BottomRight))
            window_->resizeDocks({bottom, right}, {window.width() * 45 / 100, window.width() * 55 / 100}, Qt::Horizontal);
    }
}

void WindowLayout::applyDefaultDocks() { arrange(compactScreen()); }

void WindowLayout::save() const
{
    QSettings settings;
    settings.setValue(versionKey, version);
    // The bottom overlay remembers the user's own layout; the geometry is the window's own unless
    // presenter mode has taken the screen (a lesson does not move the window).
    const Snapshot* user = overlays_.empty() ? nullptr : &overlays_.front();
    const Snapshot* presenter = nullptr;
    for (const Snapshot& s : overlays_)
        if (s.overlay == Overlay::Presenter)
            presenter = &s;
    QByteArray geometry = presenter ? presenter->geometry : window_->saveGeometry();
    QByteArray state = user ? user->state : window_->saveState(version);
    // Still waiting for the window manager to give the size back after presenter mode.
    if (!pendingState_.isEmpty() && !user) {
        geometry = pendingGeometry_;
        state = pendingState_;
    }
    settings.setValue(geometryKey, geometry);
    settings.setValue(stateKey, state);
}

QByteArray WindowLayout::userState() const
{
    if (!overlays_.empty())
        return overlays_.front().state;
    return pendingState_.isEmpty() ? window_->saveState(version) : pendingState_;
}

void WindowLayout::reset()
{
    while (!overlays_.empty()) {
        const Overlay top = overlays_.back().overlay;
        const std::size_t before = overlays_.size();
        emit overlayEndRequested(top);
        if (overlays_.size() == before)
            end(top);
    }
    cancelPending();
    placeDefault();
    arrange(compactScreen());
    emit layoutReset();
}

WindowLayout::Snapshot WindowLayout::snapshot(Overlay overlay) const
{
    Snapshot s;
    s.overlay = overlay;
    if (!pendingState_.isEmpty()) {
        // Still coming back from full screen: what is coming back is the layout.
        s.geometry = pendingGeometry_;
        s.state = pendingState_;
        s.size = pendingSize_;
    } else {
        s.geometry = window_->saveGeometry();
        s.state = window_->saveState(version);
        s.size = window_->size();
    }
    s.windowState = window_->windowState();
    s.menuBar = window_->menuBar()->isVisibleTo(window_) || !window_->isVisible();
    s.statusBar = window_->statusBar()->isVisibleTo(window_) || !window_->isVisible();
    return s;
}

void WindowLayout::begin(Overlay overlay)
{
    if (isActive(overlay))
        return;
    settle_ = nullptr; // the window is being used: sizes are no longer the first run's to settle
    overlays_.push_back(snapshot(overlay));
    // A layout still coming back from the last full screen is in the snapshot now; restoring it
    // later would undo what the new overlay lays out (presenter mode entered again at once).
    cancelPending();
}

bool WindowLayout::isActive(Overlay overlay) const
{
    return std::any_of(overlays_.begin(), overlays_.end(), [overlay](const Snapshot& s) { return s.overlay == overlay; });
}

void WindowLayout::end(Overlay overlay)
{
    const auto at = std::find_if(overlays_.begin(), overlays_.end(), [overlay](const Snapshot& s) { return s.overlay == overlay; });
    if (at == overlays_.end())
        return;
    // Overlays nest: the ones begun after this one end first, by their owners.
    while (overlays_.back().overlay != overlay) {
        const Overlay top = overlays_.back().overlay;
        const std::size_t before = overlays_.size();
        emit overlayEndRequested(top);
        if (overlays_.size() == before)
            end(top);
    }
    const Snapshot s = overlays_.back();
    overlays_.pop_back();
    giveBack(s);
}

void WindowLayout::giveBack(const Snapshot& s)
{
    cancelPending();
    window_->menuBar()->setVisible(s.menuBar);
    window_->statusBar()->setVisible(s.statusBar);
    if (window_->windowState() != s.windowState)
        window_->setWindowState(s.windowState);
    if (window_->saveGeometry() != s.geometry)
        window_->restoreGeometry(s.geometry);
    // Restoring the state sets every dock floating or not again, and each time its title-bar
    // buttons ask the style for their icons: GradScope's style keeps one of each (Theme.cpp), so
    // what the cache holds for them is found again.
    window_->restoreState(s.state, version);
    if (window_->size() == s.size)
        return;
    // The window manager has not given the size back yet (leaving full screen): dock sizes
    // restored into the full-screen window would be stretched to it, so restore them again
    // once the window has its size back, or after a while in case it never gets it exactly.
    pendingGeometry_ = s.geometry;
    pendingState_ = s.state;
    pendingSize_ = s.size;
    auto* timer = new QTimer(this);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, &WindowLayout::finishPending);
    timer->start(giveBackTimeoutMs);
    pendingTimer_ = timer;
}

void WindowLayout::finishPending()
{
    if (pendingState_.isEmpty())
        return;
    const QByteArray state = pendingState_;
    cancelPending();
    window_->restoreState(state, version);
}

void WindowLayout::cancelPending()
{
    pendingGeometry_.clear();
    pendingState_.clear();
    pendingSize_ = {};
    if (pendingTimer_)
        pendingTimer_->deleteLater();
    pendingTimer_ = nullptr;
}

bool WindowLayout::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == window_ && event->type() == QEvent::Resize)
        emit windowResized();
    // The window gets its final size from the window manager only after it is shown (maximized,
    // for instance): for a moment after it appears, the dock sizes (the default shares of the
    // window, or the user's saved ones) are applied again whenever its size changes.
    if (watched == window_ && event->type() == QEvent::Show)
        QTimer::singleShot(0, this, &WindowLayout::keepOnScreen);
    if (watched == window_ && settle_ && (event->type() == QEvent::Show || event->type() == QEvent::Resize)) {
        if (event->type() == QEvent::Show)
            QTimer::singleShot(settleMs, this, [this] { settle_ = nullptr; });
        QTimer::singleShot(0, this, [this] {
            if (settle_)
                settle_();
        });
    }
    if (watched == window_ && event->type() == QEvent::Resize && !pendingState_.isEmpty() && window_->size() == pendingSize_)
        QTimer::singleShot(0, this, &WindowLayout::finishPending);
    return QObject::eventFilter(watched, event);
}

} // namespace gs
