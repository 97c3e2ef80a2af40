#pragma once

#include "ui/render/GraphOverlay.h"

#include <QRectF>
#include <QString>

class QPainter;

namespace gs {

struct EdgeGeometry;
struct EditorStyle;

/// How one wire looks in the current view: its label, colour, width and dash.
struct EdgeLook {
    QString label;
    double width = 2.0;
    bool dashed = false;
    bool faint = false;
    bool valve = false;  ///< draws the stop_gradient valve
    bool arrow = false;  ///< draws the backward-flow chevron
    bool nonfinite = false;
    bool tangent = false; ///< forward mode: carries a tangent (purple, large, a chevron pointing forward)
    double colourPosition = -1; ///< on the gradient ramp; -1: the plain wire colour

    static EdgeLook of(const EdgeState& state, ViewMode mode, const GradientRange& range, const EditorStyle& style);
};

/// Draws one wire (scene coordinates) without its label; without `detailed`, only the curve (no
/// chevron or valve), for views zoomed out too far to read them.
/// Forward mode's colour: purple, apart from the gradient ramp, the source blue, the target orange
/// and the step's sky blue; dark enough on a light label (and light enough on a dark one) to read
/// on a projector.
QColor tangentColour(const EditorStyle& style);

/// `visible` (scene coordinates; empty: everything, as pictures draw it): what the painter's
/// clip will show. Only the part of the curve that reaches into it is stroked, which draws the
/// same pixels there: a wire that loops far out of the view costs what its visible part costs.
void paintEdge(QPainter& painter, const EdgeGeometry& geometry, const EdgeLook& look, const EdgeState& state,
               const EditorStyle& style, bool selected, bool detailed = true, const QRectF& visible = {});

/// The wire as a view zoomed out below sketchBelowZoom draws it (never a picture): its colour,
/// on 16 straight segments one or two device pixels wide, without antialiasing; the current step's
/// wire three pixels wide. Returns false (and draws nothing) when no part of it is in `visible`.
bool paintEdgeSketch(QPainter& painter, const EdgeGeometry& geometry, const EdgeLook& look, const EdgeState& state,
                     const EditorStyle& style, double zoom, const QRectF& visible = {});

/// Draws a wire's label. Labels are drawn after every wire (and after lesson halos), so that no
/// wire crosses and no frame clips them; placeWireLabels() keeps them off the nodes.
void paintEdgeLabel(QPainter& painter, const EdgeGeometry& geometry, const EdgeLook& look, const EdgeState& state,
                    const EditorStyle& style);

} // namespace gs
