#pragma once

#include "ui/render/GraphOverlay.h"

#include <QSizeF>
#include <QString>
#include <QStringList>

class QPainter;
class QPointF;

namespace gs {

struct EditorStyle;
struct Evaluation;
struct GraphData;
struct GraphOverlay;

/// The key to every colour, dash and mark the graph uses in its current view: in the gradient
/// view the log-scale ramp of gradient magnitudes with its end values, then only the marks that
/// appear in the graph (stop_gradient cuts, NaN and infinity).
QSizeF legendSize(const GraphOverlay& overlay, const EditorStyle& style);
void paintLegend(QPainter& painter, const QPointF& topLeft, const GraphOverlay& overlay, const EditorStyle& style);

/// The answer in words: the target's value and each source's gradient, with the reason for every
/// None ("f = 105.0", "∂f/∂w1 = 30.0", "∂f/∂w2 = None: every path ... goes through stop_gradient").
/// What `conceal` hides is written as "?". Stepping through the tape (`overlay` at a step), it
/// is what the tape has done so far: a value not computed yet, a gradient summed so far.
QStringList summaryLines(const GraphData& data, const Evaluation& evaluation, const Concealment& conceal = {},
                         const GraphOverlay* overlay = nullptr);
QSizeF summarySize(const QStringList& lines, const EditorStyle& style, double maxWidth);
void paintSummary(QPainter& painter, const QPointF& topLeft, const QStringList& lines, const EditorStyle& style,
                  double maxWidth);

} // namespace gs
