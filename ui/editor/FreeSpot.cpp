#include "ui/editor/FreeSpot.h"

#include "ui/editor/GraphScene.h"
#include "ui/editor/NodeItem.h"

#include <QRectF>

#include <vector>

namespace gs {

namespace {
/// Space kept between a new node and its neighbours.
constexpr double gap = 16.0;
/// How far to look before giving up (the wanted place, covered, is then used anyway).
constexpr int attempts = 40;
} // namespace

QPointF freeSpot(const GraphScene& scene, const QPointF& wanted, const QSizeF& size)
{
    std::vector<QRectF> taken;
    for (const QGraphicsItem* item : scene.items())
        if (item->type() == NodeItem::Type)
            taken.push_back(item->sceneBoundingRect().adjusted(-gap, -gap, gap, gap));
    const auto free = [&](const QPointF& at) {
        const QRectF rect(at, size);
        for (const QRectF& r : taken)
            if (r.intersects(rect))
                return false;
        return true;
    };
    // Down the column first, as a list of inputs grows, then the next column to the right.
    const double down = size.height() + gap;
    const double right = size.width() + gap;
    for (int i = 0; i < attempts; ++i) {
        const QPointF at = wanted + QPointF(right * (i / 8), down * (i % 8));
        if (free(at))
            return at;
    }
    return wanted;
}

} // namespace gs
