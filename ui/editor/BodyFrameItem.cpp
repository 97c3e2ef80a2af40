#include "ui/editor/BodyFrameItem.h"

#include "document/GraphData.h"
#include "ui/editor/GraphScene.h"
#include "ui/editor/NodeItem.h"
#include "ui/render/BodyFrame.h"

namespace gs {

BodyFrameItem::BodyFrameItem(GraphScene* scene, NodeId owner)
    : scene_(scene)
    , owner_(owner)
{
    setZValue(-1);
}

void BodyFrameItem::refresh()
{
    QRectF nodes;
    for (const auto& [id, n] : scene_->data().nodes)
        if (n.scope == owner_)
            if (NodeItem* item = scene_->nodeItem(id))
                nodes = nodes.united(item->geometry().box.translated(item->pos()));
    prepareGeometryChange();
    nodes_ = nodes;
    title_ = bodyFrameTitle(scene_->data(), owner_);
    setVisible(!nodes_.isEmpty());
    update();
}

QRectF BodyFrameItem::boundingRect() const
{
    return nodes_.isEmpty() ? QRectF() : bodyFrameRect(nodes_, scene_->editorStyle()).adjusted(-2, -2, 2, 2);
}

void BodyFrameItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    if (!nodes_.isEmpty())
        paintBodyFrame(*painter, nodes_, title_, scene_->editorStyle());
}

} // namespace gs
