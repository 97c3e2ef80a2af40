#include "ui/render/EdgePainter.h"

#include "ui/render/EdgeGeometry.h"
#include "ui/render/EditorStyle.h"
#include "ui/render/ValueDisplay.h"

#include <QLineF>
#include <QPainter>
#include <QPainterPath>
#include <QTransform>

#include <algorithm>

namespace gs {

EdgeLook EdgeLook::of(const EdgeState& e, ViewMode mode, const GradientRange& range, const EditorStyle& s)
{
    EdgeLook look;
    if (!e.note.isEmpty())
        look.label = e.note;
    if (mode == ViewMode::Forward && e.tangent) {
        look.tangent = true;
        look.arrow = true;
        look.width = (s.minWireWidth + s.maxWireWidth) / 2;
        look.nonfinite = hasNonfinite(*e.tangent);
        if (look.label.isEmpty())
            look.label = tangentLabel(*e.tangent);
        return look;
    }
    if (mode == ViewMode::Forward) {
        look.nonfinite = e.valueNonfinite;
        if (look.label.isEmpty())
            look.label = e.shape;
        return look;
    }
    if (e.gradient) {
        look.arrow = true;
        look.nonfinite = e.gradientNonfinite;
        if (look.label.isEmpty())
            look.label = compactTensor(*e.gradient, 3);
        if (look.nonfinite) {
            look.width = (s.minWireWidth + s.maxWireWidth) / 2;
        } else if (e.magnitude > 0) {
            look.colourPosition = range.position(e.magnitude);
            look.width = s.minWireWidth + (s.maxWireWidth - s.minWireWidth) * look.colourPosition;
        } else {
            look.colourPosition = 0;
            look.width = s.minWireWidth;
        }
        return look;
    }
    if (e.gradientConcealed) {
        look.label = concealedText();
        return look;
    }
    if (e.blocked || e.cut) {
        // Dashed and grey, with the valve where stop_gradient shuts the flow (see the legend).
        look.dashed = true;
        look.valve = e.cut;
        return look;
    }
    look.faint = true;
    look.width = 1.5;
    return look;
}

QColor tangentColour(const EditorStyle& s) { return s.dark ? QColor(0xd4, 0xb3, 0xff) : QColor(0x6a, 0x3d, 0x9a); }

namespace {

QColor wireColour(const EdgeLook& look, const EditorStyle& s)
{
    QColor colour = s.wire;
    if (look.nonfinite)
        colour = s.nonfinite;
    else if (look.tangent)
        colour = tangentColour(s);
    else if (look.colourPosition >= 0)
        colour = s.gradientColour(look.colourPosition);
    else if (look.dashed)
        colour = s.blocked;
    if (look.faint)
        colour.setAlphaF(0.45);
    return colour;
}

} // namespace

void paintEdge(QPainter& p, const EdgeGeometry& g, const EdgeLook& look, const EdgeState& state, const EditorStyle& s,
               bool selected, bool detailed, const QRectF& visible)
{
    // A dash pattern starts at the path's start: a dashed wire is drawn whole, to keep its dashes.
    const bool dashed = look.dashed || look.nonfinite;
    const double reach = (look.width + 8) / 2 + 2; // the widest stroke (the glow), with its antialiasing
    const QPainterPath curve =
        visible.isEmpty() || dashed ? g.path : g.partWithin(visible.adjusted(-reach, -reach, reach, reach));
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    const QColor colour = wireColour(look, s);

    if (state.active) {
        QColor glow = s.active;
        glow.setAlphaF(0.55);
        p.setPen(QPen(glow, look.width + 8, Qt::SolidLine, Qt::RoundCap));
        p.drawPath(curve);
    }
    if (selected) {
        p.setPen(QPen(s.selection, look.width + 4, Qt::SolidLine, Qt::RoundCap));
        p.drawPath(curve);
    }
    QPen pen(colour, look.width, look.dashed ? Qt::DashLine : Qt::SolidLine, look.dashed ? Qt::FlatCap : Qt::RoundCap);
    if (look.nonfinite)
        pen.setStyle(Qt::DashDotLine);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    if (!curve.isEmpty())
        p.drawPath(curve);
    if (!detailed) {
        p.restore();
        return;
    }

    if (look.arrow) {
        // A chevron pointing back towards the output: gradients flow against the wires.
        const double size = 5 + look.width;
        QPainterPath chevron;
        chevron.moveTo(-size * 0.6, -size * 0.7);
        chevron.lineTo(size * 0.6, 0);
        chevron.lineTo(-size * 0.6, size * 0.7);
        QTransform t;
        t.translate(g.arrow.x(), g.arrow.y());
        t.rotate(-g.arrowAngle + (look.tangent ? 180 : 0)); // a tangent flows with the wire
        p.setPen(QPen(colour, 2.2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.drawPath(t.map(chevron));
    }
    if (look.valve) {
        // The valve: a closed circle with a bar, where stop_gradient shuts the gradient off.
        const double r = 11;
        p.setPen(QPen(s.blocked, 2.5));
        p.setBrush(s.canvas);
        p.drawEllipse(g.valve, r, r);
        p.drawLine(g.valve + QPointF(-r * 0.7, r * 0.7), g.valve + QPointF(r * 0.7, -r * 0.7));
    }
    p.restore();
}

bool paintEdgeSketch(QPainter& p, const EdgeGeometry& g, const EdgeLook& look, const EdgeState& state,
                     const EditorStyle& s, double zoom, const QRectF& visible)
{
    if (!visible.isEmpty() && !visible.intersects(g.curveBounds))
        return false;
    // One device pixel, two for the strongest gradients (as their width says in a detailed view),
    // three for the current step's wire; cosmetic pens of one pixel take Qt's fast line drawing.
    const double pixels = state.active ? 3.0 : look.width * zoom >= 1.5 ? 2.0 : 1.0;
    QPen pen(wireColour(look, s), pixels);
    pen.setCosmetic(true);
    if (look.dashed)
        pen.setStyle(Qt::DashLine);
    if (state.active)
        pen.setColor(s.active);
    p.save();
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setPen(pen);
    p.drawPolyline(g.sketch());
    p.restore();
    return true;
}

void paintEdgeLabel(QPainter& p, const EdgeGeometry& g, const EdgeLook& look, const EdgeState& state, const EditorStyle& s)
{
    if (g.label.isEmpty())
        return;
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    // A label placed away from its wire (nothing nearer was free) is joined to it by a line.
    const QPointF on = g.pointAt(g.spot.t);
    const QPointF near(std::clamp(on.x(), g.label.left(), g.label.right()), std::clamp(on.y(), g.label.top(), g.label.bottom()));
    if (QLineF(on, near).length() > 6) {
        QColor line = state.active ? s.active : s.mutedText;
        p.setPen(QPen(line, 1.2, Qt::DotLine));
        p.drawLine(on, near);
    }
    const QColor border = state.active ? s.active : look.nonfinite ? s.nonfinite : QColor(Qt::transparent);
    p.setPen(border.alpha() ? QPen(border, 1.5) : Qt::NoPen);
    p.setBrush(s.labelFill);
    p.drawRoundedRect(g.label, 4, 4);
    p.setFont(state.active ? s.textFont : s.smallFont);
    p.setPen(look.nonfinite ? s.nonfinite : look.dashed ? s.blocked : state.active ? s.text : s.mutedText);
    if (look.colourPosition >= 0 && !state.active)
        p.setPen(s.text);
    if (look.tangent) { // large, as the current step's: read from the back of the room
        p.setFont(s.textFont);
        if (!look.nonfinite && !state.active)
            p.setPen(tangentColour(s));
    }
    p.drawText(g.label, Qt::AlignCenter, g.labelText);
    p.restore();
}

} // namespace gs
