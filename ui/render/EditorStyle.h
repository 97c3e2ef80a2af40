#pragma once

#include <QColor>
#include <QFont>

class QPalette;

namespace gs {

/// Colours, fonts and sizes of everything the graph editor draws (nodes, wires, legend), derived
/// from a palette so that a dark theme gets a dark graph. Meaningful colours come from the
/// Okabe-Ito palette, which stays distinguishable for the common forms of colour blindness and
/// on a washed-out projector; every colour that carries meaning is paired with a second cue
/// (a dash, a hatch, a badge or a word) and explained by the legend.
struct EditorStyle {
    bool dark = false;
    bool noneCallouts = true; ///< see NodeContent::of()
    /// Air on each side of a wire label in the gap between two ranks of the automatic layout
    /// (negative: the label may reach over the ports, as on a projector, where width is scarce).
    double labelAir = 6.0;

    QColor canvas;      ///< background behind exported pictures
    QColor nodeFill;
    QColor nodeBorder;
    QColor text;
    QColor mutedText;
    QColor selection;
    QColor wire;        ///< a connection with nothing to say
    QColor labelFill;   ///< behind texts drawn over wires

    // Header colours by node kind.
    QColor variableHeader;
    QColor constantHeader;
    QColor inputHeader;
    QColor opHeader;
    QColor customHeader;
    QColor bodyHeader;

    // Colours with a meaning (see the legend).
    QColor target;    ///< orange: the value being differentiated
    QColor source;    ///< blue: a source the tape watches
    QColor nonfinite; ///< vermillion: NaN or infinity
    QColor blocked;   ///< grey: no gradient because of a stop_gradient
    QColor active;    ///< sky blue: the current step
    QColor refused;   ///< vermillion: a connection that cannot be made
    QColor tangent;   ///< purple: forward mode's tangents on the wires

    QFont titleFont;
    QFont textFont;
    QFont valueFont;
    QFont smallFont;

    double cornerRadius = 6.0;
    double portRadius = 6.0;
    double padding = 8.0;
    double headerGap = 10.0; ///< a node's header: its title's height plus this
    double rowGap = 8.0;     ///< an input port's row: the small text's height plus this
    double minWireWidth = 1.5; ///< the smallest gradient's wire
    double maxWireWidth = 9.0; ///< the largest gradient's wire

    static EditorStyle fromPalette(const QPalette& palette);
    /// A fixed light style (exports from the command line, tests).
    static EditorStyle light();
    static EditorStyle darkStyle();

    /// For a projector: every text in nodes at least `textPixels` tall (at 100% zoom), with fewer
    /// sizes between them than on a desk, nodes without air between their rows (the graph must
    /// fit a screen at the largest zoom possible), and thick wires that survive a washed-out
    /// image.
    EditorStyle forPresentation(double textPixels) const;
    /// The height in pixels of the smallest text drawn in a node, at 100% zoom.
    double smallestNodeText() const;

    /// The gradient colour ramp at t in [0, 1] (small to large magnitude): viridis, oriented so
    /// that large gradients have the most contrast with the background.
    QColor gradientColour(double t) const;
};

} // namespace gs
