#include "ui/editor/GroupFrameItem.h"

#include "document/GraphData.h"
#include "document/GraphDocument.h"
#include "document/commands/AnnotationCommands.h"
#include "ui/editor/EditorSession.h"
#include "ui/editor/GraphScene.h"
#include "ui/editor/NodeItem.h"
#include "ui/render/EditorStyle.h"

#include <QFontMetricsF>
#include <QGraphicsSceneMouseEvent>
#include <QGraphicsView>
#include <QInputDialog>
#include <QPainter>
#include <QUndoStack>

#include <algorithm>

namespace gs {

namespace {
constexpr double margin = 18.0;
constexpr double collapsedHeight = 58.0;
constexpr double portRadius = 6.0;
} // namespace

GroupFrameItem::GroupFrameItem(GraphScene* scene, GroupId id)
    : scene_(scene)
    , id_(id)
{
    setZValue(-2);
    setAcceptedMouseButtons(Qt::LeftButton);
}

double GroupFrameItem::titleHeight() const { return QFontMetricsF(scene_->editorStyle().textFont).height() + 8; }

void GroupFrameItem::refresh()
{
    const auto it = scene_->data().groups.find(id_);
    if (it == scene_->data().groups.end())
        return;
    QRectF nodes;
    int members = 0;
    for (const auto& [nid, n] : scene_->data().nodes)
        if (scene_->inScope(nid, id_))
            if (NodeItem* item = scene_->nodeItem(nid)) {
                nodes = nodes.united(item->geometry().box.translated(item->pos()));
                ++members;
            }
    prepareGeometryChange();
    nodes_ = nodes;
    members_ = members;
    title_ = it->second.name.isEmpty() ? QStringLiteral("scope") : it->second.name;
    // A scope inside a collapsed scope disappears with it.
    bool insideCollapsed = false;
    for (GroupId g : scene_->scopeChain(it->second.parent))
        insideCollapsed = insideCollapsed || scene_->isCollapsed(g);
    setVisible(!nodes_.isEmpty() && !insideCollapsed);
    setZValue(scene_->isCollapsed(id_) ? 1 : -2);
    update();
}

QRectF GroupFrameItem::frameRect() const
{
    if (scene_->isCollapsed(id_))
        return collapsedBox();
    return nodes_.adjusted(-margin, -margin - titleHeight(), margin, margin);
}

QRectF GroupFrameItem::collapsedBox() const
{
    const QFontMetricsF title(scene_->editorStyle().titleFont);
    const double width = std::max(150.0, title.horizontalAdvance(title_) + 60);
    return QRectF(nodes_.topLeft(), QSizeF(width, collapsedHeight));
}

QRectF GroupFrameItem::toggleRect() const
{
    const QRectF frame = frameRect();
    const double h = titleHeight();
    return QRectF(frame.left() + 4, frame.top() + 2, h - 4, h - 4);
}

QRectF GroupFrameItem::boundingRect() const
{
    return nodes_.isEmpty() ? QRectF() : frameRect().adjusted(-portRadius - 2, -2, portRadius + 2, 2);
}

QPainterPath GroupFrameItem::shape() const
{
    QPainterPath path;
    if (nodes_.isEmpty())
        return path;
    const QRectF frame = frameRect();
    path.addRect(scene_->isCollapsed(id_) ? frame : QRectF(frame.topLeft(), QSizeF(frame.width(), titleHeight())));
    return path;
}

void GroupFrameItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    if (nodes_.isEmpty())
        return;
    const EditorStyle& s = scene_->editorStyle();
    const bool collapsed = scene_->isCollapsed(id_);
    const QRectF frame = frameRect();
    const QRectF toggle = toggleRect();
    QPainter& p = *painter;
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    QColor fill = s.mutedText;
    fill.setAlpha(collapsed ? 255 : (s.dark ? 30 : 22));
    if (collapsed)
        fill = s.nodeFill;
    p.setPen(QPen(s.mutedText, collapsed ? 2.0 : 1.2, collapsed ? Qt::SolidLine : Qt::DotLine));
    p.setBrush(fill);
    p.drawRoundedRect(frame, 10, 10);
    // The triangle says what a click does: ▸ expands, ▾ collapses.
    QPolygonF triangle;
    const QPointF c = toggle.center();
    const double r = toggle.height() * 0.3;
    if (collapsed)
        triangle << c + QPointF(-r * 0.6, -r) << c + QPointF(r, 0) << c + QPointF(-r * 0.6, r);
    else
        triangle << c + QPointF(-r, -r * 0.6) << c + QPointF(r, -r * 0.6) << c + QPointF(0, r);
    p.setPen(Qt::NoPen);
    p.setBrush(s.text);
    p.drawPolygon(triangle);
    p.setPen(s.text);
    p.setFont(collapsed ? s.titleFont : s.textFont);
    const QRectF titleText(toggle.right() + 4, frame.top(), frame.width() - toggle.width() - 14, titleHeight());
    p.drawText(titleText, Qt::AlignLeft | Qt::AlignVCenter, title_);
    if (collapsed) {
        p.setFont(s.smallFont);
        p.setPen(s.mutedText);
        p.drawText(frame.adjusted(12, titleHeight(), -12, -4), Qt::AlignLeft | Qt::AlignVCenter,
                   QObject::tr("name scope, %n node(s)", nullptr, members_));
        // Ports where the wires crossing the scope's border attach.
        p.setPen(QPen(s.nodeBorder, 1.2));
        p.setBrush(s.wire);
        p.drawEllipse(QPointF(frame.left(), frame.center().y()), portRadius, portRadius);
        p.drawEllipse(QPointF(frame.right(), frame.center().y()), portRadius, portRadius);
    }
    p.restore();
}

void GroupFrameItem::mousePressEvent(QGraphicsSceneMouseEvent* event)
{
    const QRectF frame = frameRect();
    const QRectF title(frame.topLeft(), QSizeF(frame.width(), titleHeight()));
    if (toggleRect().adjusted(-4, -4, 4, 4).contains(event->scenePos())
        || (scene_->isCollapsed(id_) && frame.contains(event->scenePos()))) {
        scene_->setCollapsed(id_, !scene_->isCollapsed(id_));
        event->accept();
        return;
    }
    if (!title.contains(event->scenePos()))
        event->ignore(); // the inside of the frame belongs to the canvas (rubber band, drops)
}

void GroupFrameItem::mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event)
{
    const auto it = scene_->data().groups.find(id_);
    if (it == scene_->data().groups.end())
        return;
    QWidget* parent = scene_->views().isEmpty() ? nullptr : scene_->views().front();
    bool ok = false;
    const QString name = QInputDialog::getText(parent, QObject::tr("Rename Scope"), QObject::tr("Name of the scope:"),
                                               QLineEdit::Normal, it->second.name, &ok).trimmed();
    if (ok && !name.isEmpty() && name != it->second.name) {
        Group renamed = it->second;
        renamed.name = name;
        scene_->session()->undoStack()->push(new EditGroupCommand(scene_->session()->document(), renamed));
    }
    event->accept();
}

} // namespace gs
