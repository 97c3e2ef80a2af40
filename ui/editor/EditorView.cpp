#include "ui/editor/EditorView.h"

#include "ui/editor/EditorSession.h"
#include "ui/editor/CommentItem.h"
#include "ui/editor/EdgeItem.h"
#include "ui/editor/GraphScene.h"
#include "ui/editor/Minimap.h"
#include "ui/editor/NodeFactory.h"
#include "ui/editor/NodeItem.h"
#include "ui/editor/PortItem.h"
#include "ui/render/Legend.h"

#include <QContextMenuEvent>
#include <QDragEnterEvent>
#include <QMimeData>
#include <QUrl>
#include <QHelpEvent>
#include <QFontMetricsF>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTimer>
#include <QToolTip>

#include <algorithm>

namespace gs {

namespace {

constexpr double fitMargin = 20.0;
constexpr double presentingFitMargin = 8.0;
constexpr double deskMaxFitZoom = 1.6;
constexpr double presentingMaxFitZoom = 3.0;
/// Presenting, node text is set at the legible size at 100%: fitting never zooms out past it.
constexpr double legibleZoom = 1.0;

/// The rectangle of `size` inside `graph` (or centred on it, along a side it cannot fill) that
/// holds `focus`, centred as far as the graph allows. A focus wider than that keeps its right end
/// (the graph flows left to right, towards the answer), a taller one its top.
QRectF legibleWindow(const QRectF& graph, const QRectF& focus, const QSizeF& size)
{
    const auto place = [](double lo, double hi, double focusLo, double focusHi, double length, bool keepHigh) {
        if (hi - lo <= length)
            return (lo + hi - length) / 2.0;
        double start = (focusLo + focusHi - length) / 2.0;
        if (focusHi - focusLo > length)
            start = keepHigh ? focusHi - length : focusLo;
        return std::clamp(start, lo, hi - length);
    };
    constexpr double room = 12.0; // the focus's halo
    return QRectF(place(graph.left(), graph.right(), focus.left() - room, focus.right() + room, size.width(), true),
                  place(graph.top(), graph.bottom(), focus.top() - room, focus.bottom() + room, size.height(), false),
                  size.width(), size.height());
}

QString answerTab() { return QObject::tr("Answer \u25BE"); }
QString legendTab() { return QObject::tr("Legend \u25BE"); }

/// Qt extends a selection with Ctrl; the editor does it with Shift, as Blender does.
QMouseEvent shiftAsControl(const QMouseEvent* e)
{
    Qt::KeyboardModifiers m = e->modifiers();
    if (m & Qt::ShiftModifier)
        m = (m & ~Qt::ShiftModifier) | Qt::ControlModifier;
    return QMouseEvent(e->type(), e->position(), e->scenePosition(), e->globalPosition(), e->button(), e->buttons(), m,
                       e->pointingDevice());
}

} // namespace

EditorView::EditorView(GraphScene* scene, QWidget* parent)
    : GraphView(scene, parent)
    , scene_(scene)
{
    setDragMode(QGraphicsView::RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
    setRenderHint(QPainter::TextAntialiasing);
    setFocusPolicy(Qt::StrongFocus);
    setAcceptDrops(true);
    connect(scene->session(), &EditorSession::evaluated, viewport(), qOverload<>(&QWidget::update));
    connect(scene->session(), &EditorSession::overlayChanged, viewport(), qOverload<>(&QWidget::update));
    connect(this, &GraphView::navigated, this, [this] { followsFit_ = false; });
}

double EditorView::summaryWidth() const
{
    const double legend = legendSize(scene_->session()->overlay(), scene_->editorStyle()).width();
    return std::clamp(viewport()->width() - legend - 30.0, 200.0, 460.0);
}

void EditorView::setShowsOverlays(bool show)
{
    overlays_ = show;
    viewport()->update();
    refitIfFollowing();
}

void EditorView::setAnswerCollapsed(bool collapsed)
{
    if (answerCollapsed_ == collapsed)
        return;
    answerCollapsed_ = collapsed;
    viewport()->update();
    refitIfFollowing();
}

void EditorView::setLegendCollapsed(bool collapsed)
{
    if (legendCollapsed_ == collapsed)
        return;
    legendCollapsed_ = collapsed;
    viewport()->update();
    refitIfFollowing();
}

bool EditorView::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::ToolTip && overlays_) {
        auto* help = static_cast<QHelpEvent*>(event);
        const bool answer = answerRect().contains(help->pos());
        if (answer || legendRect().contains(help->pos())) {
            const bool collapsed = answer ? answerCollapsed_ : legendCollapsed_;
            QToolTip::showText(help->globalPos(), collapsed ? tr("Click to unfold") : tr("Click to fold away"), viewport());
            return true;
        }
    }
    return GraphView::viewportEvent(event);
}

void EditorView::refitIfFollowing()
{
    if (followsFit_)
        fitAll();
}

QRectF EditorView::tabRect(const QString& title, bool right) const
{
    const QFontMetricsF fm(scene_->editorStyle().textFont);
    const QSizeF size(fm.horizontalAdvance(title) + 16, fm.height() + 10);
    return QRectF(QPointF(right ? viewport()->width() - size.width() - 10 : 10, 10), size);
}

void EditorView::paintTab(QPainter& painter, const QRectF& rect, const QString& title) const
{
    const EditorStyle& style = scene_->editorStyle();
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    QColor fill = style.canvas;
    fill.setAlpha(235);
    painter.setPen(QPen(style.nodeBorder, 1));
    painter.setBrush(fill);
    painter.drawRoundedRect(rect, 6, 6);
    painter.setFont(style.textFont);
    painter.setPen(style.text);
    painter.drawText(rect, Qt::AlignCenter, title);
    painter.restore();
}

void EditorView::fitAll()
{
    fit(scene_->graphBounds(), scene_->focusBounds());
    followsFit_ = true;
}

void EditorView::resizeEvent(QResizeEvent* event)
{
    GraphView::resizeEvent(event);
    if (followsFit_)
        QTimer::singleShot(0, this, [this] {
            if (followsFit_)
                fitAll();
        });
}

double EditorView::maxFitZoom() const { return presentation_ > 0 ? presentingMaxFitZoom : deskMaxFitZoom; }

void EditorView::setPresentation(double textPixels)
{
    if (presentation_ == textPixels)
        return;
    presentation_ = textPixels;
    updateStyle();
}

void EditorView::updateStyle()
{
    const EditorStyle style = EditorStyle::fromPalette(palette());
    scene_->setEditorStyle(presentation_ > 0 ? style.forPresentation(presentation_) : style);
}

SavedView EditorView::viewState() const
{
    return {zoom(), mapToScene(viewport()->rect().center())};
}

void EditorView::restoreViewState(const SavedView& view)
{
    followsFit_ = false;
    ensureCanvasHolds(QRectF(view.centre, QSizeF(1, 1)).united(scene_->graphBounds()));
    setZoom(view.zoom);
    centerOn(view.centre);
}

void EditorView::fitSelection()
{
    followsFit_ = false;
    QRectF rect;
    for (QGraphicsItem* item : scene_->selectedItems())
        rect = rect.united(item->sceneBoundingRect());
    fit(rect.isEmpty() ? scene_->graphBounds() : rect, rect.isEmpty() ? scene_->focusBounds() : QRectF());
}

void EditorView::fit(const QRectF& rect, const QRectF& focus)
{
    if (rect.isEmpty())
        return;
    // Leave room for the answer (top left) and the legend (top right) drawn over the view: either
    // a band across the top as tall as both, or the answer's height on top and the legend's width
    // on the right, whichever lets the graph be larger.
    QSizeF answer;
    QSizeF legend;
    if (overlays_) {
        legend = legendRect().size() + QSizeF(10, 10);
        answer = answerRect().size() + QSizeF(10, 10);
    }
    // The free rectangles around the answer (top left) and the legend (top right): a band under
    // both, the space under the answer and left of the legend, and the space right of the answer
    // and under the legend (for a tall answer); the graph goes where it can be largest.
    // Projected, the screen's edge is margin enough.
    const double margin = presentation_ > 0 ? presentingFitMargin : fitMargin;
    const QRectF all = QRectF(viewport()->rect()).adjusted(margin, margin, -margin, -margin);
    const QRectF spaces[] = {all.adjusted(0, std::max(answer.height(), legend.height()), 0, 0),
                             all.adjusted(0, answer.height(), -legend.width(), 0),
                             all.adjusted(answer.width(), legend.height(), 0, 0)};
    const auto zoomFor = [&](const QRectF& space) {
        if (space.width() <= 0 || space.height() <= 0)
            return 0.0;
        return std::min({space.width() / rect.width(), space.height() / rect.height(), maxFitZoom()});
    };
    QRectF space = spaces[0];
    for (const QRectF& s : spaces)
        if (zoomFor(s) > zoomFor(space))
            space = s;
    const double zoom = zoomFor(space);
    if (zoom <= 0)
        return;
    ensureCanvasHolds(rect);
    const QPointF viewCentre = QRectF(viewport()->rect()).center();
    // A projected graph that only fits in text too small to read from the back of the room is
    // shown at the legible size instead, around what the step is about (its highlighted nodes),
    // as much of the graph as the screen holds; the minimap shows where the rest is.
    if (presentation_ > 0 && zoom < legibleZoom) {
        setZoom(legibleZoom);
        const QRectF wanted = focus.isEmpty() ? rect : focus;
        const QRectF clear = legibleSpace(rect, wanted, spaces);
        QRectF window = legibleWindow(rect, wanted, clear.size() / legibleZoom);
        // The minimap then shows in the bottom-right corner: the focus moves out from under it,
        // up or left, whichever is the shorter way.
        const QSizeF map = Minimap::footprint() / legibleZoom;
        const QRectF mapArea(window.right() - map.width(), window.bottom() - map.height(), map.width(), map.height());
        const QRectF halo = wanted.adjusted(-12, -12, 12, 12);
        if (mapArea.intersects(halo)) {
            const double up = halo.bottom() - mapArea.top();
            const double left = halo.right() - mapArea.left();
            const bool roomAbove = halo.height() + map.height() <= window.height();
            const bool roomBeside = halo.width() + map.width() <= window.width();
            if (roomAbove && (!roomBeside || up <= left))
                window.translate(0, up);
            else if (roomBeside)
                window.translate(left, 0);
        }
        centerOn(window.center() - (clear.center() - viewCentre) / legibleZoom);
        return;
    }
    setZoom(zoom);
    // Centre the rectangle in the free space below the overlays.
    centerOn(rect.center() - (space.center() - viewCentre) / this->zoom());
}

QRectF EditorView::legibleSpace(const QRectF& graph, const QRectF& focus, std::span<const QRectF> spaces) const
{
    // Of the spaces free of the answer and the legend, the one that shows all of the focus (or
    // the most of it) and, with it, the most of the graph.
    QRectF clear = spaces.front();
    double best = -1.0;
    for (const QRectF& space : spaces) {
        if (space.width() <= 0 || space.height() <= 0)
            continue;
        const QRectF window = legibleWindow(graph, focus, space.size() / legibleZoom);
        const QRectF seen = window.intersected(graph);
        // The focus's own boxes (not the halo's room around them, which may lie outside the graph).
        const QRectF focusSeen = window.intersected(focus);
        const double score = focusSeen.width() * focusSeen.height() * 1e6 + seen.width() * seen.height();
        if (score > best) {
            best = score;
            clear = space;
        }
    }
    return clear;
}

void EditorView::panBy(const QPoint& delta)
{
    followsFit_ = false;
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
    verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
}

void EditorView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && !spaceHeld_ && overlays_) {
        const QPointF at = event->position();
        if (answerRect().contains(at)) {
            setAnswerCollapsed(!answerCollapsed_);
            event->accept();
            return;
        }
        if (legendRect().contains(at)) {
            setLegendCollapsed(!legendCollapsed_);
            event->accept();
            return;
        }
    }
    const bool pan = event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && spaceHeld_);
    if (pan) {
        panning_ = true;
        lastPan_ = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QMouseEvent mapped = shiftAsControl(event);
    GraphView::mousePressEvent(&mapped);
}

void EditorView::mouseMoveEvent(QMouseEvent* event)
{
    if (panning_) {
        const QPoint now = event->position().toPoint();
        panBy(now - lastPan_);
        lastPan_ = now;
        event->accept();
        return;
    }
    QMouseEvent mapped = shiftAsControl(event);
    GraphView::mouseMoveEvent(&mapped);
}

void EditorView::mouseReleaseEvent(QMouseEvent* event)
{
    if (panning_) {
        panning_ = false;
        viewport()->setCursor(spaceHeld_ ? Qt::OpenHandCursor : Qt::ArrowCursor);
        event->accept();
        return;
    }
    QMouseEvent mapped = shiftAsControl(event);
    GraphView::mouseReleaseEvent(&mapped);
}

void EditorView::keyPressEvent(QKeyEvent* event)
{
    // A comment being edited takes every key (the scene passes them to its focus item).
    if (QGraphicsItem* focus = scene_->focusItem(); focus && focus->type() == CommentItem::Type) {
        GraphView::keyPressEvent(event);
        return;
    }
    const auto mods = event->modifiers() & ~Qt::KeypadModifier;
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        spaceHeld_ = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        return;
    }
    if (event->key() == Qt::Key_Space)
        return;
    if (event->key() == Qt::Key_A && mods == Qt::ShiftModifier) {
        const QPoint at = viewport()->mapFromGlobal(QCursor::pos());
        const QPoint inside = viewport()->rect().contains(at) ? at : viewport()->rect().center();
        emit paletteRequested(mapToScene(inside), {});
        return;
    }
    if (event->key() == Qt::Key_F && mods == Qt::NoModifier) {
        fitSelection();
        return;
    }
    if (event->key() == Qt::Key_Home && mods == Qt::NoModifier) {
        fitAll();
        return;
    }
    // Typing a name opens the palette with what was typed (Blender's search-as-you-type).
    const QString text = event->text();
    if (mods == Qt::NoModifier && text.size() == 1 && text.front().isLetter() && !scene_->wireActive()) {
        emit paletteRequested(mapToScene(viewport()->rect().center()), text);
        return;
    }
    GraphView::keyPressEvent(event);
}

void EditorView::keyReleaseEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        spaceHeld_ = false;
        if (!panning_)
            viewport()->setCursor(Qt::ArrowCursor);
        return;
    }
    GraphView::keyReleaseEvent(event);
}

namespace {

/// The file a drag brings from outside, if it is one GradScope opens (.gscope, .py, .txt).
QString droppedFile(const QMimeData* mime)
{
    if (!mime->hasUrls() || mime->urls().size() != 1 || !mime->urls().front().isLocalFile())
        return QString();
    const QString path = mime->urls().front().toLocalFile();
    for (const char* extension : {".gscope", ".py", ".txt"})
        if (path.endsWith(QLatin1StringView(extension), Qt::CaseInsensitive))
            return path;
    return QString();
}

} // namespace

void EditorView::dragEnterEvent(QDragEnterEvent* event)
{
    if (!droppedFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
    else if (event->mimeData()->hasFormat(QLatin1StringView(paletteEntryMimeType)) && isInteractive())
        event->acceptProposedAction();
    else
        GraphView::dragEnterEvent(event);
}

void EditorView::dragMoveEvent(QDragMoveEvent* event)
{
    if (!droppedFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
    else if (event->mimeData()->hasFormat(QLatin1StringView(paletteEntryMimeType)) && isInteractive())
        event->acceptProposedAction();
    else
        GraphView::dragMoveEvent(event);
}

void EditorView::dropEvent(QDropEvent* event)
{
    if (const QString path = droppedFile(event->mimeData()); !path.isEmpty()) {
        event->acceptProposedAction();
        emit fileDropped(path);
        return;
    }
    if (!event->mimeData()->hasFormat(QLatin1StringView(paletteEntryMimeType)) || !isInteractive()) {
        GraphView::dropEvent(event);
        return;
    }
    const QString key = QString::fromUtf8(event->mimeData()->data(QLatin1StringView(paletteEntryMimeType)));
    const QPointF scenePos = mapToScene(event->position().toPoint());
    PortRef port;
    for (QGraphicsItem* item : scene_->items(QRectF(scenePos - QPointF(4, 4), QSizeF(8, 8))))
        if (item->type() == PortItem::Type) {
            port = static_cast<PortItem*>(item)->ref();
            break;
        }
    event->acceptProposedAction();
    emit paletteEntryDropped(key, scenePos, port);
}

void EditorView::contextMenuEvent(QContextMenuEvent* event)
{
    const QPointF scenePos = mapToScene(event->pos());
    for (QGraphicsItem* item : scene_->items(scenePos)) {
        if (item->type() == NodeItem::Type) {
            if (!item->isSelected()) {
                scene_->clearSelection();
                item->setSelected(true);
            }
            emit nodeMenuRequested(event->globalPos());
            return;
        }
        if (item->type() == EdgeItem::Type) {
            emit edgeMenuRequested(static_cast<EdgeItem*>(item)->id(), event->globalPos());
            return;
        }
    }
    emit paletteRequested(scenePos, {});
}

void EditorView::drawForeground(QPainter* painter, const QRectF& rect)
{
    GraphView::drawForeground(painter, rect);
    if (!overlays_)
        return;
    const EditorSession* session = scene_->session();
    const EditorStyle& style = scene_->editorStyle();
    painter->save();
    painter->resetTransform();
    if (legendCollapsed_)
        paintTab(*painter, legendRect(), legendTab());
    else
        paintLegend(*painter, legendRect().topLeft(), session->overlay(), style);
    if (answerCollapsed_) {
        paintTab(*painter, answerRect(), answerTab());
    } else {
        paintSummary(*painter, QPointF(10, 10), answerLines(), style, summaryWidth());
    }
    painter->restore();
}

QStringList EditorView::answerLines() const
{
    const EditorSession* session = scene_->session();
    QStringList lines = summaryLines(session->data(), session->evaluation(), session->overlay().concealed, &session->overlay());
    // The value and a handful of gradients; the Gradient Tape panel lists them all.
    constexpr qsizetype shown = 1 + 8;
    if (lines.size() > shown + 1) {
        const qsizetype more = lines.size() - shown;
        lines.resize(shown);
        lines << tr("… and %n more in the Gradient Tape panel", nullptr, int(more));
    }
    return lines;
}

QRectF EditorView::answerRect() const
{
    if (!overlays_)
        return {};
    if (answerCollapsed_)
        return tabRect(answerTab(), false);
    return QRectF(QPointF(10, 10), summarySize(answerLines(), scene_->editorStyle(), summaryWidth()));
}

QRectF EditorView::legendRect() const
{
    if (!overlays_)
        return {};
    if (legendCollapsed_)
        return tabRect(legendTab(), true);
    const QSizeF size = legendSize(scene_->session()->overlay(), scene_->editorStyle());
    return QRectF(QPointF(viewport()->width() - size.width() - 10, 10), size);
}

QRectF EditorView::graphRect() const
{
    const QRectF bounds = scene_->graphBounds();
    if (bounds.isEmpty())
        return {};
    return QRectF(mapFromScene(bounds.topLeft()), mapFromScene(bounds.bottomRight()));
}

void EditorView::changeEvent(QEvent* event)
{
    GraphView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateStyle();
}

} // namespace gs
