#include "ui/lessons/LessonHighlights.h"

#include "ui/editor/GraphScene.h"
#include "ui/editor/NodeItem.h"

#include <QGraphicsPathItem>
#include <QPainterPath>
#include <QPen>

namespace gs {

namespace {

constexpr int haloKey = 0;
const char* const haloTag = "lessonHalo";

bool isHalo(const QGraphicsItem* item) { return item->data(haloKey).toString() == QLatin1StringView(haloTag); }

} // namespace

void showLessonHighlights(GraphScene* scene, const std::vector<NodeId>& ids)
{
    for (QGraphicsItem* item : scene->items())
        if (isHalo(item))
            delete item;
    for (NodeId id : ids) {
        NodeItem* node = scene->nodeItem(id);
        if (!node)
            continue;
        QPainterPath path;
        path.addRoundedRect(node->boundingRect().adjusted(-10, -10, 10, 10), 14, 14);
        auto* halo = new QGraphicsPathItem(path, node);
        halo->setData(haloKey, QString::fromLatin1(haloTag));
        // Amber, wide and translucent: visible on light and dark canvases and never mistaken for
        // the target's orange or the selection's blue, which are thin outlines.
        halo->setPen(QPen(QColor(240, 180, 0, 210), 7, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        halo->setBrush(QColor(240, 200, 0, 60));
        halo->setFlag(QGraphicsItem::ItemStacksBehindParent);
        halo->setAcceptedMouseButtons(Qt::NoButton);
    }
}

int lessonHighlightCount(const GraphScene* scene)
{
    int n = 0;
    for (const QGraphicsItem* item : scene->items())
        if (isHalo(item))
            ++n;
    return n;
}

} // namespace gs
