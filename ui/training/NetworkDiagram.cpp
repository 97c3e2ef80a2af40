#include "ui/training/NetworkDiagram.h"

#include "engine/nn/Dense.h"
#include "ui/training/Heatmap.h"
#include "ui/training/TrainingSession.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace gs {

namespace {

using nn::Phase;

const QColor accent(0xE6, 0x9F, 0x00);   // Okabe-Ito orange: what the last phase touched
const QColor backward(0xD5, 0x5E, 0x00); // vermillion: gradients flow back

constexpr double margin = 8;
constexpr double stripHeight = 28;
constexpr double gap = 30; ///< between boxes, room for an arrow
constexpr double pad = 8;  ///< inside a box

/// Short phase names for a narrow strip, in allPhases order.
const char* const shortPhaseNames[] = {"sample", "forward", "loss",        "grads",
                                       "clip",   "apply",   "constraints", "metrics"};

QString number(double v)
{
    return std::isfinite(v) ? QString::number(v, 'f', 4) : QStringLiteral("—");
}

/// "Dense(30, elu)" for a Dense layer, the Keras class otherwise.
QString layerTitle(const nn::Layer& layer)
{
    if (const auto* dense = dynamic_cast<const nn::Dense*>(&layer)) {
        QString t = QStringLiteral("Dense(%1").arg(dense->options().units);
        if (dense->options().activation != nn::Activation::Linear)
            t += QStringLiteral(", ")
                 + QString::fromStdString(nn::activationName(dense->options().activation));
        return t + u')';
    }
    return QString::fromStdString(layer.type());
}

void drawArrow(QPainter& p, QPointF from, QPointF to, const QColor& colour)
{
    p.save();
    p.setPen(QPen(colour, 1.6));
    p.drawLine(from, to);
    QPainterPath head;
    head.moveTo(to);
    head.lineTo(to + QPointF(-7, -4));
    head.lineTo(to + QPointF(-7, 4));
    head.closeSubpath();
    p.fillPath(head, colour);
    p.restore();
}

void drawBox(QPainter& p, const QRectF& rect, bool highlighted, const QPalette& palette)
{
    p.setPen(QPen(highlighted ? accent : palette.color(QPalette::Mid), highlighted ? 3 : 1));
    p.setBrush(palette.color(QPalette::Base));
    p.drawRoundedRect(rect, 6, 6);
}

/// One heatmap under its caption, in a column `width` wide; returns the height used.
double drawMatrix(QPainter& p, QPointF at, double width, double cell, const QString& caption,
                  const Tensor& t, bool highlighted, const QColor& text)
{
    const QFontMetricsF fm(p.font());
    QString label = caption;
    if (t.valid())
        label += QStringLiteral("  ±%1").arg(maxAbs(t), 0, 'g', 3);
    p.setPen(text);
    p.drawText(QPointF(at.x(), at.y() + fm.ascent()), fm.elidedText(label, Qt::ElideRight, width));
    const double y = at.y() + fm.height() + 2;
    if (!t.valid()) {
        p.setPen(QColor(0x90, 0x90, 0x90));
        p.drawText(QPointF(at.x(), y + fm.ascent()),
                   fm.elidedText(QObject::tr("after the gradients phase"), Qt::ElideRight, width));
        return y + fm.height() - at.y();
    }
    const QSize cells = heatmapCells(t);
    const QRectF rect(at.x(), y, cells.width() * cell, cells.height() * cell);
    paintHeatmap(p, rect, t);
    if (highlighted) {
        p.setPen(QPen(accent, 3));
        p.setBrush(Qt::NoBrush);
        p.drawRect(rect.adjusted(-2, -2, 2, 2));
    }
    return rect.bottom() - at.y();
}

/// What a layer box needs, in heatmap cells.
struct LayerCells {
    int columns = 0; ///< the widest weight
    int rows = 0;    ///< all weights stacked
    int weights = 0;
};

LayerCells cellsOf(const nn::Layer& layer)
{
    LayerCells c;
    for (const nn::Weight& w : layer.weights()) {
        const QSize s = heatmapCells(w.variable.peek());
        c.columns = std::max(c.columns, s.width());
        c.rows += s.height();
        ++c.weights;
    }
    return c;
}

bool isTrainable(const nn::Layer& layer, const Variable& v)
{
    const std::vector<Variable> trainable = layer.trainableVariables();
    return std::any_of(trainable.begin(), trainable.end(),
                       [&](const Variable& t) { return t.name() == v.name(); });
}

} // namespace

NetworkDiagram::NetworkDiagram(TrainingSession* session, QWidget* parent)
    : QWidget(parent)
    , session_(session)
{
    setObjectName(QStringLiteral("networkDiagram"));
    connect(session_, &TrainingSession::advanced, this, qOverload<>(&QWidget::update));
    connect(session_, &TrainingSession::restarted, this, qOverload<>(&QWidget::update));
    connect(session_, &TrainingSession::shownStepChanged, this, qOverload<>(&QWidget::update));
}

NetworkDiagram::Frame NetworkDiagram::frame() const
{
    Frame f;
    const nn::TrainingLoop& loop = session_->loop();
    if (const StepRecord* r = session_->shownRecord()) {
        f.recordedStep = r->step;
        f.variables = r->state.variables;
        f.gradients = r->state.gradients;
        f.report = r->state.report;
        return f;
    }
    f.variables = loop.model().snapshot();
    f.gradients = loop.gradients();
    f.report = loop.report();
    f.last = session_->lastPhase();
    f.next = session_->nextPhase();
    if (loop.batch().x.valid())
        f.batch = loop.batch().x.shape();
    return f;
}

QSize NetworkDiagram::sizeHint() const { return {1100, 250}; }
QSize NetworkDiagram::minimumSizeHint() const { return {640, 190}; }

void NetworkDiagram::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::Text);
    const QColor muted = pal.color(QPalette::PlaceholderText);
    p.fillRect(rect(), pal.color(QPalette::Window));

    const nn::TrainingLoop& loop = session_->loop();
    const Frame shown = frame();
    const std::optional<Phase> last = shown.last;
    const std::optional<Phase> next = shown.next;
    const auto did = [&](std::initializer_list<Phase> phases) {
        return last && std::find(phases.begin(), phases.end(), *last) != phases.end();
    };

    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.9);
    QFont bold = small;
    bold.setBold(true);
    p.setFont(small);
    const QFontMetricsF fm(small);

    // The phase strip: full names when they fit, short ones otherwise.
    const double chipWidth = (width() - 2 * margin) / static_cast<double>(nn::allPhases.size());
    for (std::size_t i = 0; i < nn::allPhases.size(); ++i) {
        const Phase phase = nn::allPhases[i];
        const QRectF chip(margin + i * chipWidth + 2, margin, chipWidth - 4, stripHeight - 4);
        const bool ran = last && *last == phase;
        p.setPen(QPen(phase == next ? accent : pal.color(QPalette::Mid), phase == next ? 2.5 : 1));
        p.setBrush(ran ? accent : pal.color(QPalette::Base));
        p.drawRoundedRect(chip, 5, 5);
        QString label = QStringLiteral("%1. %2").arg(i + 1).arg(
            QString::fromLatin1(nn::phaseName(phase)).replace(u'_', u' '));
        if (fm.horizontalAdvance(label) > chip.width() - 6)
            label = QStringLiteral("%1. %2").arg(i + 1).arg(QLatin1StringView(shortPhaseNames[i]));
        p.setPen(ran ? QColor(Qt::black) : text);
        p.drawText(chip, Qt::AlignCenter, fm.elidedText(label, Qt::ElideRight, chip.width() - 4));
    }

    // Box sizes, then the heatmap cell that fits them into the width and the height.
    const nn::Sequential& model = loop.model();
    const double inputWidth = fm.horizontalAdvance(QStringLiteral("batch (32, 8)")) + 2 * pad;
    const double lossWidth =
        fm.horizontalAdvance(QStringLiteral("mean_absolute_error  0.0000")) + 2 * pad;
    const double captionWidth = fm.horizontalAdvance(QStringLiteral("kernel (8, 30)  ±0.52"));
    const double top = margin + stripHeight + 8;
    const double boxHeight = height() - margin - top;
    const double captionHeight = fm.height() + 8;
    double columns = 0;
    double widthCell = 14;
    double heightCell = 14;
    double fixed =
        2 * margin + inputWidth + lossWidth + gap * (static_cast<double>(model.size()) + 1);
    for (std::size_t l = 0; l < model.size(); ++l) {
        const LayerCells c = cellsOf(model.layer(l));
        columns += 2 * c.columns;
        fixed += 3 * pad;
        if (c.rows > 0)
            heightCell = std::min(
                heightCell,
                (boxHeight - 2 * pad - fm.height() * 1.4 - c.weights * captionHeight) / c.rows);
    }
    if (columns > 0)
        widthCell = (width() - fixed) / columns;
    const double cell = std::clamp(std::min(widthCell, heightCell), 2.0, 14.0);

    // The batch.
    double x = margin;
    const QRectF input(x, top, inputWidth, std::min(110.0, boxHeight));
    drawBox(p, input, did({Phase::SampleBatch}), pal);
    p.setPen(text);
    p.setFont(bold);
    p.drawText(input.adjusted(pad, pad, -pad, -pad), Qt::AlignLeft | Qt::AlignTop, tr("Input"));
    p.setFont(small);
    const QString batchText =
        shown.recordedStep ? tr("recorded\nstep %1").arg(*shown.recordedStep)
        : loop.batch().x.valid()
            ? tr("batch (%1, %2)").arg(shown.batch.rows).arg(shown.batch.cols)
            : tr("no batch yet");
    p.drawText(input.adjusted(pad, pad + fm.height() * 1.4, -pad, -pad),
               Qt::AlignLeft | Qt::AlignTop,
               tr("%1 features\n%2").arg(model.inputDim()).arg(batchText));
    double previousRight = input.right();
    const double arrowY = top + 30;

    // The layers: weights on the left, their gradients on the right.
    const auto& gradients = shown.gradients;
    std::size_t variable = 0;
    std::size_t weightIndex = 0; ///< into shown.variables
    x = previousRight + gap;
    for (std::size_t l = 0; l < model.size(); ++l) {
        const nn::Layer& layer = model.layer(l);
        const double column =
            std::max(cellsOf(layer).columns * cell, std::min(captionWidth, 150.0));
        const QRectF box(x, top, 2 * column + 3 * pad, boxHeight);
        drawBox(p, box, did({Phase::Forward}), pal);
        drawArrow(p, {previousRight + 2, arrowY}, {x - 2, arrowY},
                  did({Phase::Forward, Phase::SampleBatch}) ? accent : muted);
        p.setFont(bold);
        p.setPen(text);
        p.drawText(QPointF(x + pad, top + pad + fm.ascent()),
                   fm.elidedText(QString::fromStdString(layer.name()) + QStringLiteral(" · ")
                                     + layerTitle(layer),
                                 Qt::ElideRight, box.width() - 2 * pad));
        p.setFont(small);
        const bool weightsMoved = did({Phase::Apply, Phase::Constraints});
        const bool gradientsMoved = did({Phase::Gradients, Phase::Clip});
        double y = top + pad + fm.height() * 1.4;
        for (const nn::Weight& w : layer.weights()) {
            const Variable& v = w.variable;
            const QString name = QString::fromStdString(v.name()).section(u'/', -1);
            const QString shape = QString::fromStdString(v.shape().str());
            const Tensor& value =
                weightIndex < shown.variables.size() ? shown.variables[weightIndex] : v.peek();
            ++weightIndex;
            double used = drawMatrix(p, {x + pad, y}, column, cell, name + u' ' + shape, value,
                                     weightsMoved, text);
            if (isTrainable(layer, v)) {
                const Tensor g = variable < gradients.size() && gradients[variable]
                                     ? *gradients[variable]
                                     : Tensor();
                used = std::max(used, drawMatrix(p, {x + 2 * pad + column, y}, column, cell,
                                                 QStringLiteral("∇ ") + name, g, gradientsMoved,
                                                 gradientsMoved ? backward : text));
                ++variable;
            }
            y += used + 8;
        }
        previousRight = box.right();
        x = box.right() + gap;
    }

    // The loss and the metrics.
    const nn::StepReport& r = shown.report;
    const QRectF loss(x, top, std::max(40.0, std::min(lossWidth, width() - margin - x)),
                      std::min(boxHeight, fm.height() * 8.5 + 2 * pad));
    drawBox(p, loss, did({Phase::Loss, Phase::Metrics}), pal);
    drawArrow(p, {previousRight + 2, arrowY}, {x - 2, arrowY},
              did({Phase::Forward, Phase::Loss}) ? accent : muted);
    p.setFont(bold);
    p.setPen(text);
    p.drawText(QPointF(x + pad, top + pad + fm.ascent()),
               fm.elidedText(QString::fromStdString(loop.loss().name()), Qt::ElideRight,
                             loss.width() - 2 * pad));
    p.setFont(small);
    QString lines = tr("main  %1\npenalty  %2\nloss  %3\n\n")
                        .arg(number(r.mainLoss), number(r.regularizationLoss), number(r.loss));
    const std::vector<std::string> metrics = loop.metricNames();
    for (std::size_t i = 0; i < metrics.size() && i < r.metrics.size(); ++i)
        lines += QStringLiteral("%1  %2\n")
                     .arg(QString::fromStdString(metrics[i]), number(r.metrics[i]));
    p.drawText(loss.adjusted(pad, pad + fm.height() * 1.4, -pad, -pad),
               Qt::AlignLeft | Qt::AlignTop, lines);
}

} // namespace gs
