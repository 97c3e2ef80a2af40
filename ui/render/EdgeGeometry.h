#pragma once

#include <QPainterPath>
#include <QPointF>
#include <QRectF>
#include <QString>

namespace gs {

struct EditorStyle;

/// The shape of one wire: a horizontal S-curve from an output port to an input port, with the
/// label centred on it and the place for the stop_gradient valve near the input end.
struct EdgeGeometry {
    QPainterPath path;
    QPointF from;
    QPointF to;
    QRectF label; ///< empty without a label
    QPointF valve;
    QPointF arrow;       ///< where the backward-flow chevron sits
    double arrowAngle = 0; ///< its direction in degrees (pointing towards the output port)
    QRectF bounds;

    /// `active` labels (the current step) use the larger text font.
    static EdgeGeometry compute(QPointF from, QPointF to, const QString& label, bool active, double width,
                                const EditorStyle& style);
};

} // namespace gs
