#include "ui/editor/Minimap.h"

#include "ui/editor/GraphScene.h"
#include "ui/render/EditorStyle.h"

#include <QEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTimer>

namespace gs {

namespace {
constexpr int mapWidth = 220;
constexpr int mapHeight = 140;
constexpr int inset = 12;
} // namespace

Minimap::Minimap(GraphScene* scene, QGraphicsView* canvas)
    : QGraphicsView(scene, canvas)
    , scene_(scene)
    , canvas_(canvas)
{
    setObjectName(QStringLiteral("minimap"));
    setInteractive(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setRenderHint(QPainter::Antialiasing);
    setFixedSize(mapWidth, mapHeight);
    setFrameShape(QFrame::Box);
    setToolTip(tr("The whole graph: click or drag to move the canvas there"));
    setCursor(Qt::PointingHandCursor);
    canvasViewport_ = canvas_->viewport();
    canvas_->installEventFilter(this);
    canvasViewport_->installEventFilter(this);
    // The scene's changed() signal comes once per batch of changes, after the event loop turns.
    connect(scene_, &QGraphicsScene::changed, this, [this] {
        if (refitQueued_ || !wanted_)
            return;
        refitQueued_ = true;
        QTimer::singleShot(0, this, [this] {
            refitQueued_ = false;
            updateVisibility();
            if (isVisible())
                refit();
        });
    });
    connect(canvas_->horizontalScrollBar(), &QScrollBar::valueChanged, viewport(), qOverload<>(&QWidget::update));
    connect(canvas_->verticalScrollBar(), &QScrollBar::valueChanged, viewport(), qOverload<>(&QWidget::update));
    place();
    hide(); // until the canvas shows that part of the graph is off it (updateVisibility)
}

QRectF Minimap::visibleArea() const { return canvas_->mapToScene(canvas_->viewport()->rect()).boundingRect(); }

void Minimap::setWanted(bool wanted)
{
    wanted_ = wanted;
    updateVisibility();
}

void Minimap::updateVisibility()
{
    const QRectF graph = scene_->graphBounds();
    // On a small canvas the minimap would cover what it is meant to help find.
    const QSize canvas = canvasViewport_->size();
    const bool roomy = canvas.width() >= 2 * mapWidth && canvas.height() >= 2 * mapHeight;
    const bool needed = wanted_ && roomy && !graph.isEmpty() && !visibleArea().contains(graph);
    if (needed != isVisible())
        setVisible(needed);
}

void Minimap::refit()
{
    const QRectF bounds = scene_->graphBounds().adjusted(-40, -40, 40, 40);
    setSceneRect(bounds);
    fitInView(bounds, Qt::KeepAspectRatio);
    viewport()->update();
}

QSize Minimap::footprint() { return QSize(mapWidth + 2 * inset, mapHeight + 2 * inset); }

void Minimap::place()
{
    const QRect area = canvas_->viewport()->geometry();
    move(area.right() - width() - inset, area.bottom() - height() - inset);
    raise();
}

void Minimap::drawForeground(QPainter* painter, const QRectF&)
{
    const EditorStyle& s = scene_->editorStyle();
    QColor shade = s.selection;
    shade.setAlpha(40);
    painter->setPen(QPen(s.selection, 2.0 / std::max(0.001, transform().m11())));
    painter->setBrush(shade);
    painter->drawRect(visibleArea());
}

void Minimap::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton)
        centreCanvasAt(event->position().toPoint());
    event->accept();
}

void Minimap::mouseMoveEvent(QMouseEvent* event)
{
    if (event->buttons() & Qt::LeftButton)
        centreCanvasAt(event->position().toPoint());
    event->accept();
}

void Minimap::wheelEvent(QWheelEvent* event) { event->accept(); } // the minimap always shows everything

void Minimap::centreCanvasAt(const QPoint& pos)
{
    canvas_->centerOn(mapToScene(pos));
    viewport()->update();
}

bool Minimap::eventFilter(QObject* watched, QEvent* event)
{
    // Only the event's type and the remembered viewport are looked at first: while the canvas is
    // being destroyed its children still send events here, and the canvas must not be called.
    if (event->type() == QEvent::Resize && (watched == canvas_ || watched == canvasViewport_))
        place();
    if (event->type() == QEvent::Paint && watched == canvasViewport_ && wanted_) {
        // Zooming and scrolling repaint the canvas: follow them, after this paint.
        if (!refitQueued_) {
            refitQueued_ = true;
            QTimer::singleShot(0, this, [this] {
                refitQueued_ = false;
                updateVisibility();
                if (isVisible())
                    viewport()->update();
            });
        }
    }
    return QGraphicsView::eventFilter(watched, event);
}

void Minimap::showEvent(QShowEvent* event)
{
    QGraphicsView::showEvent(event);
    place();
    refit();
}

} // namespace gs
