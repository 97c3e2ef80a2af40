#pragma once

#include <QRectF>
#include <QString>

class QPainter;

namespace gs {

struct EditorStyle;

/// The frame drawn behind the body of a custom gradient (its forward and gradient expressions),
/// so that it reads as one unit belonging to its node.
constexpr double bodyFrameMargin = 18.0;
/// `nodes` is the bounding rectangle of the body's nodes; the frame grows around it.
QRectF bodyFrameRect(const QRectF& nodes, const EditorStyle& style);
void paintBodyFrame(QPainter& painter, const QRectF& nodes, const QString& title, const EditorStyle& style);

} // namespace gs
