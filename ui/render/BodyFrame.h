#pragma once

#include "document/DocumentIds.h"

#include <QRectF>
#include <QString>

class QPainter;

namespace gs {

struct EditorStyle;
struct GraphData;

/// The frame drawn behind the body of a custom gradient (its forward and gradient expressions),
/// so that it reads as one unit belonging to its node.
constexpr double bodyFrameMargin = 18.0;
/// `nodes` is the bounding rectangle of the body's nodes; the frame grows around it.
QRectF bodyFrameRect(const QRectF& nodes, const EditorStyle& style);
/// The frame's title: "custom_gradient z: forward and gradient" (without a name when the node
/// has no label: its id is nothing a student can see).
QString bodyFrameTitle(const GraphData& data, NodeId owner);
void paintBodyFrame(QPainter& painter, const QRectF& nodes, const QString& title, const EditorStyle& style);

} // namespace gs
