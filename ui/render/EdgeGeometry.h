#pragma once

#include <QPainterPath>
#include <QPointF>
#include <QPolygonF>
#include <QRectF>
#include <QSizeF>
#include <QString>

class QFont;

namespace gs {

struct EditorStyle;

/// Where a wire's label sits: `t` along the curve (0 at the output port, 1 at the input port)
/// and `lift` off it (negative: above the wire, 0: centred on it); and where its chevron sits,
/// which makes way for labels. Chosen by placeAnnotations(); a wire keeps its spot when its ends
/// move, until the labels are placed again.
struct LabelSpot {
    /// Past the middle, towards the input it feeds: wires that cross in the middle keep their
    /// labels apart, and a value that fans out labels each branch near its consumer.
    static constexpr double preferredT = 0.62;
    /// The chevron nearer the output port, where gradients arrive.
    static constexpr double preferredArrowT = 0.3;
    double t = preferredT;
    double lift = 0.0;
    double arrowT = preferredArrowT;
    friend bool operator==(const LabelSpot&, const LabelSpot&) = default;
};

/// The shape of one wire: a horizontal S-curve from an output port to an input port, with the
/// label on it and the place for the stop_gradient valve near the input end.
struct EdgeGeometry {
    QPainterPath path;
    QPointF from;
    QPointF to;
    QPointF c1; ///< the curve's control points
    QPointF c2;
    QString labelText; ///< the label as drawn: a long one broken into lines at its spaces
    QSizeF labelSize;  ///< empty without a label
    QRectF label;     ///< where the label is drawn (empty without a label)
    LabelSpot spot;
    QPointF valve;
    QPointF arrow;       ///< where the backward-flow chevron sits
    double arrowAngle = 0; ///< its direction in degrees (pointing towards the output port)
    QRectF curveBounds;  ///< the curve with its stroke, without the label
    QRectF bounds;       ///< everything drawn

    /// `active` labels (the current step) use the larger text font; others wrap (between the
    /// elements of a vector) past labelWrapWidth(), so that a gap between two ranks of the
    /// layout need not be as wide as the longest vector.
    static EdgeGeometry compute(QPointF from, QPointF to, const QString& label, bool active, double width,
                                const EditorStyle& style, LabelSpot spot = {});

    /// The point of the curve at parameter t (0 at `from`, 1 at `to`).
    QPointF pointAt(double t) const;
    /// The part of the curve that passes through `area` (which a stroke's half width must already
    /// widen): the one piece from the first of 32 equal steps of t that reaches into it to the last,
    /// the same curve where it is inside, cut only where it is outside (so a round cap at a cut is
    /// not seen). The whole path when all of it is inside, an empty one when none of it is.
    QPainterPath partWithin(const QRectF& area) const;
    /// The curve as 16 straight segments (scene coordinates), for sketches of a zoomed-out view.
    QPolygonF sketch() const;
    /// The label's rectangle if it sat at `spot`.
    QRectF labelRect(const LabelSpot& spot) const;
    /// Moves the label to `spot` (and the bounds with it).
    void placeLabel(const LabelSpot& spot);
    /// The chevron's extent (at parameter `t`), for keeping labels off it.
    QRectF arrowRect(double width) const;
    QRectF arrowRectAt(double t, double width) const;
    static constexpr double valveRadius = 11.0;
    /// The widest a label's text gets before it wraps (at spaces only: a number never breaks).
    static double labelWrapWidth(const QFont& font);
};

} // namespace gs
