#include "ui/training/TrainingPlots.h"

#include "ui/training/PlotExport.h"
#include "ui/training/TrainingSession.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace gs {

namespace {

// Okabe-Ito: distinguishable for the common forms of colour blindness.
const QColor palette[] = {QColor(0x00, 0x72, 0xB2), QColor(0xE6, 0x9F, 0x00),
                          QColor(0x00, 0x9E, 0x73), QColor(0xCC, 0x79, 0xA7),
                          QColor(0xD5, 0x5E, 0x00), QColor(0x56, 0xB4, 0xE9)};
QColor colour(std::size_t i) { return palette[i % std::size(palette)]; }

/// Replots closer together than this are merged into one.
constexpr qint64 replotMilliseconds = 40;
/// The smoothing of TensorBoard's default: each step weighs 10 % in the average.
constexpr double smoothing = 0.9;

double plottable(double v) { return std::isfinite(v) ? v : std::nan(""); }

QCPGraph* addGraph(QCustomPlot* plot, const QString& name, const QColor& c, double width,
                   Qt::PenStyle style = Qt::SolidLine, QCPAxis* valueAxis = nullptr)
{
    QCPGraph* g = plot->addGraph(plot->xAxis, valueAxis ? valueAxis : plot->yAxis);
    g->setName(name);
    g->setPen(QPen(c, width, style));
    return g;
}

/// Value axes fitted to the data (and the key axis too, unless the plot sets it itself); a log
/// axis keeps a positive lower bound.
void fit(QCustomPlot* plot, bool keys)
{
    for (QCPAxis* axis : {plot->yAxis, plot->yAxis2})
        axis->rescale(true);
    if (keys)
        plot->xAxis->rescale(true);
    for (QCPAxis* axis : {plot->yAxis, plot->yAxis2}) {
        if (axis->scaleType() == QCPAxis::stLogarithmic) {
            QCPRange r = axis->range();
            if (r.lower <= 0)
                r.lower = r.upper > 0 ? r.upper * 1e-6 : 1e-6;
            axis->setRange(r.lower / 1.5, r.upper * 1.5);
        } else {
            axis->scaleRange(1.08, axis->range().center());
        }
    }
}

/// The points of `graph`, as a reference curve keeps them.
std::vector<DecimatedSeries::Point> pointsOf(const QCPGraph* graph)
{
    std::vector<DecimatedSeries::Point> out;
    out.reserve(static_cast<std::size_t>(graph->dataCount()));
    for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it)
        out.push_back({it->key, it->value});
    return out;
}

void setPoints(QCPGraph* graph, const std::vector<DecimatedSeries::Point>& points)
{
    QVector<QCPGraphData> data;
    data.reserve(static_cast<qsizetype>(points.size()));
    for (const DecimatedSeries::Point& p : points)
        data.append(QCPGraphData(p.x, p.y));
    graph->data()->set(data, true);
}

/// A dashed twin of a current curve, for the reference run.
QCPGraph* addReference(QCustomPlot* plot, const QString& name, const QColor& c,
                       const std::vector<DecimatedSeries::Point>& points)
{
    QCPGraph* g = addGraph(plot, name, c, 1.8, Qt::DashLine);
    setPoints(g, points);
    return g;
}

/// The session's fractional epoch of a recorded step: completed epochs plus the part of the
/// running one, so the marker on the epoch plot reaches epoch e's point when the epoch ends.
double epochPosition(const StepRecord& r)
{
    const nn::StepReport& report = r.state.report;
    const double part = report.stepsPerEpoch > 0
                            ? static_cast<double>(r.state.stepInEpoch) / report.stepsPerEpoch
                            : 0.0;
    return static_cast<double>(r.completedEpochs) + part;
}

} // namespace

TrainingPlots::TrainingPlots(TrainingSession* session, QWidget* parent)
    : QWidget(parent)
    , session_(session)
    , replotTimer_(new QTimer(this))
{
    setObjectName(QStringLiteral("trainingPlots"));
    replotTimer_->setSingleShot(true);
    connect(replotTimer_, &QTimer::timeout, this, &TrainingPlots::replotNow);
    sinceReplot_.start();

    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(4);
    for (std::size_t i = 0; i < plotCount; ++i)
        plots_[i] = addPlot(title(static_cast<Plot>(i)));

    // The optimizer plot gets its weight chooser above it.
    auto* optimizerBox = new QWidget;
    auto* optimizerLayout = new QVBoxLayout(optimizerBox);
    optimizerLayout->setContentsMargins(0, 0, 0, 0);
    optimizerLayout->setSpacing(2);
    auto* chooser = new QHBoxLayout;
    weight_ = new QComboBox;
    weight_->setObjectName(QStringLiteral("traceWeightBox"));
    element_ = new QSpinBox;
    element_->setObjectName(QStringLiteral("traceElementBox"));
    element_->setKeyboardTracking(false);
    chooser->addWidget(new QLabel(tr("Weight")));
    chooser->addWidget(weight_, 1);
    chooser->addWidget(new QLabel(tr("element")));
    chooser->addWidget(element_);
    optimizerLayout->addLayout(chooser);
    optimizerLayout->addWidget(plots_[OptimizerState], 1);

    grid->addWidget(plots_[Loss], 0, 0);
    grid->addWidget(plots_[Epochs], 0, 1);
    grid->addWidget(plots_[GradientNorms], 1, 0);
    grid->addWidget(optimizerBox, 1, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(0, 1);
    grid->setRowStretch(1, 1);

    setUpLoss();
    setUpEpochs();
    setUpGradients();
    setUpOptimizer();
    fillWeightChoices();
    connect(weight_, &QComboBox::currentIndexChanged, this, &TrainingPlots::chooseWeight);
    connect(element_, &QSpinBox::valueChanged, this, &TrainingPlots::chooseWeight);
    connect(session_, &TrainingSession::advanced, this, &TrainingPlots::append);
    connect(session_, &TrainingSession::restarted, this, &TrainingPlots::restart);
    connect(session_, &TrainingSession::rewound, this, &TrainingPlots::rewind);
    connect(session_, &TrainingSession::shownStepChanged, this, &TrainingPlots::showMarkers);
    connect(session_, &TrainingSession::referenceChanged, this, &TrainingPlots::takeReference);
    connect(session_, &TrainingSession::settingsChanged, this, &TrainingPlots::nameCurves);
    for (std::size_t i = 0; i < plotCount; ++i) {
        auto* line = new QCPItemStraightLine(plots_[i]);
        line->setPen(QPen(colour(4), 1.6, Qt::DashDotLine));
        line->setVisible(false);
        line->setSelectable(false);
        markers_[i] = line;
    }
    chooseWeight();
}

QString TrainingPlots::title(Plot which)
{
    switch (which) {
    case Loss:
        return tr("Loss per step");
    case Epochs:
        return tr("Epoch means");
    case GradientNorms:
        return tr("Gradient norm per layer");
    case OptimizerState:
        return tr("Optimizer state");
    }
    return {};
}

QCustomPlot* TrainingPlots::addPlot(const QString& title)
{
    auto* plot = new QCustomPlot;
    plot->setMinimumSize(200, 110);
    plot->plotLayout()->insertRow(0);
    auto* heading =
        new QCPTextElement(plot, title, QFont(font().family(), font().pointSize(), QFont::Bold));
    plot->plotLayout()->addElement(0, 0, heading);
    plot->legend->setVisible(true);
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    plot->legend->setFont(small);
    plot->legend->setBrush(QColor(255, 255, 255, 200));
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    // Coalesced repaints are all a fast run needs; antialiasing only the curves keeps them cheap.
    plot->setNotAntialiasedElements(QCP::aeAll);
    plot->setAntialiasedElements(QCP::aePlottables);
    plot->setPlottingHint(QCP::phFastPolylines);
    return plot;
}

void TrainingPlots::setUpLoss()
{
    QCustomPlot* plot = plots_[Loss];
    plot->xAxis->setLabel(tr("step"));
    plot->yAxis->setLabel(tr("loss"));
    QColor light = colour(0);
    light.setAlpha(90);
    rawLoss_ = addGraph(plot, tr("raw"), light, 1.0);
    smoothedLoss_ = addGraph(plot, tr("smoothed"), colour(0).darker(120), 2.4);
    // Bound to the raw curve only while hovering: a tracer on an empty graph complains.
    tracer_ = new QCPItemTracer(plot);
    tracer_->setStyle(QCPItemTracer::tsCircle);
    tracer_->setPen(QPen(colour(4), 1.5));
    tracer_->setSize(7);
    tracer_->setVisible(false);
    tracerLabel_ = new QCPItemText(plot);
    tracerLabel_->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    tracerLabel_->position->setParentAnchor(tracer_->position);
    tracerLabel_->position->setCoords(6, -6);
    tracerLabel_->setBrush(QColor(255, 255, 255, 220));
    tracerLabel_->setPadding(QMargins(3, 1, 3, 1));
    tracerLabel_->setVisible(false);
    connect(plot, &QCustomPlot::mouseMove, this, &TrainingPlots::hoverLoss);
}

void TrainingPlots::setUpEpochs()
{
    QCustomPlot* plot = plots_[Epochs];
    plot->xAxis->setLabel(tr("epoch"));
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    plot->xAxis->setTicker(ticker);
}

void TrainingPlots::setUpGradients()
{
    QCustomPlot* plot = plots_[GradientNorms];
    plot->xAxis->setLabel(tr("step"));
    plot->yAxis->setLabel(tr("‖gradient‖"));
    plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
    plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
}

void TrainingPlots::setUpOptimizer()
{
    QCustomPlot* plot = plots_[OptimizerState];
    plot->xAxis->setLabel(tr("step"));
    plot->yAxis2->setVisible(true);
}

void TrainingPlots::fillWeightChoices()
{
    const QSignalBlocker blocker(weight_);
    const int current = weight_->currentIndex();
    weight_->clear();
    for (const Variable& v : session_->loop().model().trainableVariables())
        weight_->addItem(QStringLiteral("%1 %2").arg(QString::fromStdString(v.name()),
                                                     QString::fromStdString(v.shape().str())));
    weight_->setCurrentIndex(std::max(0, current));
}

void TrainingPlots::chooseWeight()
{
    const std::vector<Variable> vars = session_->loop().model().trainableVariables();
    const auto index = static_cast<std::size_t>(std::max(0, weight_->currentIndex()));
    if (index >= vars.size())
        return;
    {
        const QSignalBlocker blocker(element_);
        element_->setRange(0, static_cast<int>(vars[index].peek().size() - 1));
    }
    session_->traceWeight(index, element_->value());
}

void TrainingPlots::feed(QCPGraph* graph, DecimatedSeries& series, double x, double y)
{
    if (!series.append(x, y)) {
        graph->addData(x, y);
        return;
    }
    const std::vector<DecimatedSeries::Point> points = series.points();
    QVector<QCPGraphData> data;
    data.reserve(static_cast<qsizetype>(points.size()));
    for (const DecimatedSeries::Point& p : points)
        data.append(QCPGraphData(p.x, p.y));
    graph->data()->set(data, true);
}

void TrainingPlots::restart()
{
    shownSteps_ = shownTrace_ = 0;
    shownEpochs_ = 0;
    smoothed_ = smoothingWeight_ = 0.0;
    smoothingAt_.clear();
    for (Plot p : {Epochs, GradientNorms, OptimizerState})
        referenceGraphs_[p].clear(); // clearGraphs() below deletes them
    rawLoss_->data()->clear();
    smoothedLoss_->data()->clear();
    rawSeries_.clear();
    smoothedSeries_.clear();
    gradientSeries_.clear();
    optimizerSeries_.clear();
    tracer_->setGraph(nullptr);
    tracer_->setVisible(false);
    tracerLabel_->setVisible(false);
    plots_[Epochs]->clearGraphs();
    plots_[GradientNorms]->clearGraphs();
    plots_[OptimizerState]->clearGraphs();
    fillWeightChoices();
    requestReplot();
}

void TrainingPlots::append()
{
    const TrainingHistory& h = session_->history();
    const std::size_t metrics = static_cast<std::size_t>(h.metricNames.size());

    // Steps: raw and smoothed loss, gradient norms. The history keeps the last steps in a ring:
    // steps[i] is step number first + i + 1 of the run.
    const Ring<TrainingHistory::Step>& steps = h.steps;
    const std::int64_t first = steps.dropped();
    const auto stepAt = [&](std::int64_t n) -> const TrainingHistory::Step& {
        return steps[static_cast<std::size_t>(n - first)];
    };
    QCustomPlot* gradients = plots_[GradientNorms];
    const auto ownGraphs = [this](Plot p) {
        return plots_[p]->graphCount() - static_cast<int>(referenceGraphs_[p].size());
    };
    if (ownGraphs(GradientNorms) != h.layerNames.size()) {
        gradients->clearGraphs();
        referenceGraphs_[GradientNorms].clear();
        gradientSeries_.assign(static_cast<std::size_t>(h.layerNames.size()), DecimatedSeries());
        for (qsizetype l = 0; l < h.layerNames.size(); ++l)
            addGraph(gradients, h.layerNames[l], colour(static_cast<std::size_t>(l)), 1.6);
        for (std::int64_t n = first; n < shownSteps_; ++n)
            for (std::size_t l = 0; l < stepAt(n).gradientNorms.size() && l < gradientSeries_.size(); ++l)
                feed(gradients->graph(static_cast<int>(l)), gradientSeries_[l], static_cast<double>(stepAt(n).step),
                     plottable(stepAt(n).gradientNorms[l]));
    }
    // Steps that left the ring before they were shown (more than a ring's worth between two
    // updates) are not drawn.
    shownSteps_ = std::max(shownSteps_, first);
    for (; shownSteps_ < steps.total(); ++shownSteps_) {
        const TrainingHistory::Step& s = stepAt(shownSteps_);
        const auto x = static_cast<double>(s.step);
        feed(rawLoss_, rawSeries_, x, plottable(s.loss));
        if (std::isfinite(s.loss)) {
            smoothed_ = smoothing * smoothed_ + (1 - smoothing) * s.loss;
            smoothingWeight_ = smoothing * smoothingWeight_ + (1 - smoothing);
        }
        feed(smoothedLoss_, smoothedSeries_, x, smoothingWeight_ > 0 ? smoothed_ / smoothingWeight_ : std::nan(""));
        smoothingAt_.push_back({x, smoothed_, smoothingWeight_});
        for (std::size_t l = 0; l < s.gradientNorms.size() && l < gradientSeries_.size(); ++l)
            feed(gradients->graph(static_cast<int>(l)), gradientSeries_[l], x, plottable(s.gradientNorms[l]));
    }
    if (!h.steps.empty())
        rawLoss_->setName(tr("raw (last %1)").arg(h.steps.back().loss, 0, 'f', 4));

    // Epochs: a training curve and a dashed validation curve per quantity, in the same colour.
    QCustomPlot* epochs = plots_[Epochs];
    const auto quantities = static_cast<int>(metrics + 1);
    if (ownGraphs(Epochs) != 2 * quantities) {
        epochs->clearGraphs();
        referenceGraphs_[Epochs].clear();
        shownEpochs_ = 0;
        for (int q = 0; q < quantities; ++q) {
            const QString name = q == 0 ? QStringLiteral("loss") : h.metricNames[q - 1];
            for (bool validation : {false, true}) {
                QCPGraph* g = addGraph(epochs, validation ? QStringLiteral("val_") + name : name,
                                       colour(static_cast<std::size_t>(q)), 2.0,
                                       validation ? Qt::DashLine : Qt::SolidLine);
                g->setScatterStyle(QCPScatterStyle(
                    validation ? QCPScatterStyle::ssSquare : QCPScatterStyle::ssDisc, 6));
            }
        }
    }
    // Room for every epoch of the run, so the curve grows to the right as epochs finish.
    auto lastEpoch = static_cast<double>(std::max<std::int64_t>(
        session_->settings().epochs, h.epochs.empty() ? 1 : h.epochs.back().epoch));
    if (reference_ && !reference_->epochLoss.empty())
        lastEpoch = std::max(lastEpoch, reference_->epochLoss.back().x);
    epochs->xAxis->setRange(0.5, lastEpoch + 0.5);
    for (; shownEpochs_ < h.epochs.size(); ++shownEpochs_) {
        const TrainingHistory::Epoch& e = h.epochs[shownEpochs_];
        const auto x = static_cast<double>(e.epoch);
        epochs->graph(0)->addData(x, plottable(e.loss));
        if (e.validationLoss)
            epochs->graph(1)->addData(x, plottable(*e.validationLoss));
        for (std::size_t m = 0; m < metrics; ++m) {
            if (m < e.metrics.size())
                epochs->graph(static_cast<int>(2 * (m + 1)))->addData(x, plottable(e.metrics[m]));
            if (m < e.validationMetrics.size())
                epochs->graph(static_cast<int>(2 * (m + 1) + 1))
                    ->addData(x, plottable(e.validationMetrics[m]));
        }
    }

    // The chosen weight: its gradient and first slot on the left axis, the other slots (second
    // moments, much smaller) on the right one.
    const WeightTrace& t = session_->trace();
    QCustomPlot* optimizer = plots_[OptimizerState];
    if (ownGraphs(OptimizerState) != 1 + t.slotNames.size() || t.steps.total() < shownTrace_) {
        optimizer->clearGraphs();
        referenceGraphs_[OptimizerState].clear();
        shownTrace_ = 0;
        optimizerSeries_.assign(static_cast<std::size_t>(1 + t.slotNames.size()), DecimatedSeries());
        addGraph(optimizer, tr("gradient"), QColor(0x80, 0x80, 0x80), 1.0);
        for (qsizetype i = 0; i < t.slotNames.size(); ++i)
            addGraph(optimizer, i == 0 ? t.slotNames[i] : t.slotNames[i] + tr(" (right axis)"),
                     colour(static_cast<std::size_t>(i)), 2.0, Qt::SolidLine,
                     i == 0 ? optimizer->yAxis : optimizer->yAxis2);
    }
    // The trace is a ring too, its slot values beside its steps.
    const std::int64_t traceFirst = t.steps.dropped();
    shownTrace_ = std::max(shownTrace_, traceFirst);
    for (; shownTrace_ < t.steps.total(); ++shownTrace_) {
        const auto k = static_cast<std::size_t>(shownTrace_ - traceFirst);
        feed(optimizer->graph(0), optimizerSeries_[0], t.steps[k], plottable(t.gradients[k]));
        for (std::size_t i = 0; i < t.slotValues.size() && i + 1 < optimizerSeries_.size(); ++i)
            if (k < t.slotValues[i].size())
                feed(optimizer->graph(static_cast<int>(i + 1)), optimizerSeries_[i + 1], t.steps[k],
                     plottable(t.slotValues[i][k]));
    }
    if (!t.values.empty())
        optimizer->graph(0)->setName(
            tr("gradient (weight now %1)").arg(t.values.back(), 0, 'g', 4));
    ensureReferenceGraphs();
    showMarkers();
    requestReplot();
}

void TrainingPlots::rewind(std::int64_t step)
{
    const auto cut = [](QCPGraph* graph, DecimatedSeries& series, double x) {
        series.truncate(x);
        setPoints(graph, series.points());
    };
    const auto x = static_cast<double>(step);
    cut(rawLoss_, rawSeries_, x);
    cut(smoothedLoss_, smoothedSeries_, x);
    QCustomPlot* gradients = plots_[GradientNorms];
    for (std::size_t l = 0; l < gradientSeries_.size(); ++l)
        if (static_cast<int>(l) < gradients->graphCount())
            cut(gradients->graph(static_cast<int>(l)), gradientSeries_[l], x);
    // The step curves go on after the last point they kept (a whole bucket may have gone), with
    // the smoothing as it stood there.
    const double kept = rawSeries_.lastX().value_or(0.0);
    shownSteps_ = static_cast<std::int64_t>(kept);
    while (!smoothingAt_.empty() && smoothingAt_.back().step > kept)
        smoothingAt_.dropNewest(1);
    smoothed_ = smoothingAt_.empty() ? 0.0 : smoothingAt_.back().smoothed;
    smoothingWeight_ = smoothingAt_.empty() ? 0.0 : smoothingAt_.back().weight;
    // Every epoch is in the history: drawn anew.
    plots_[Epochs]->clearGraphs();
    referenceGraphs_[Epochs].clear();
    shownEpochs_ = 0;
    // The trace, likewise, after the last point its curves kept.
    QCustomPlot* optimizer = plots_[OptimizerState];
    for (std::size_t i = 0; i < optimizerSeries_.size(); ++i)
        if (static_cast<int>(i) < optimizer->graphCount())
            cut(optimizer->graph(static_cast<int>(i)), optimizerSeries_[i], x);
    const WeightTrace& t = session_->trace();
    const double traceKept =
        optimizerSeries_.empty() ? 0.0 : optimizerSeries_[0].lastX().value_or(0.0);
    std::size_t traced = 0;
    while (traced < t.steps.size() && t.steps[traced] <= traceKept)
        ++traced;
    shownTrace_ = t.steps.dropped() + static_cast<std::int64_t>(traced);
    append();
}

void TrainingPlots::showMarkers()
{
    const StepRecord* r = session_->shownRecord();
    for (std::size_t i = 0; i < plotCount; ++i) {
        QCPItemStraightLine* line = markers_[i];
        line->setVisible(r != nullptr);
        if (!r)
            continue;
        const double x = i == Epochs ? epochPosition(*r) : static_cast<double>(r->step);
        line->point1->setCoords(x, 0.0);
        line->point2->setCoords(x, 1.0);
    }
    requestReplot();
}

void TrainingPlots::takeReference()
{
    for (Plot p : {Loss, Epochs, GradientNorms})
        dropReferenceGraphs(p);
    reference_.reset();
    if (session_->reference()) {
        ReferenceCurves curves;
        curves.smoothedLoss = pointsOf(smoothedLoss_);
        for (int l = 0; l < plots_[GradientNorms]->graphCount(); ++l)
            curves.gradientNorms.push_back(pointsOf(plots_[GradientNorms]->graph(l)));
        if (plots_[Epochs]->graphCount() >= 2) {
            curves.epochLoss = pointsOf(plots_[Epochs]->graph(0));
            curves.validationLoss = pointsOf(plots_[Epochs]->graph(1));
        }
        reference_ = std::move(curves);
        ensureReferenceGraphs();
    }
    nameCurves();
    requestReplot();
}

void TrainingPlots::dropReferenceGraphs(Plot which)
{
    for (QCPGraph* g : referenceGraphs_[which])
        plots_[which]->removeGraph(g);
    referenceGraphs_[which].clear();
}

void TrainingPlots::ensureReferenceGraphs()
{
    if (!reference_)
        return;
    bool added = false;
    if (referenceGraphs_[Loss].empty()) {
        referenceGraphs_[Loss].push_back(addReference(
            plots_[Loss], QString(), colour(4).darker(110), reference_->smoothedLoss));
        added = true;
    }
    if (referenceGraphs_[GradientNorms].empty() && !reference_->gradientNorms.empty()) {
        for (std::size_t l = 0; l < reference_->gradientNorms.size(); ++l)
            referenceGraphs_[GradientNorms].push_back(addReference(
                plots_[GradientNorms], QString(), colour(l), reference_->gradientNorms[l]));
        added = true;
    }
    if (referenceGraphs_[Epochs].empty() && !reference_->epochLoss.empty()) {
        referenceGraphs_[Epochs].push_back(
            addReference(plots_[Epochs], QString(), colour(4), reference_->epochLoss));
        referenceGraphs_[Epochs].push_back(
            addReference(plots_[Epochs], QString(), colour(4).lighter(130),
                         reference_->validationLoss));
        referenceGraphs_[Epochs].back()->setPen(QPen(colour(4).lighter(130), 1.8, Qt::DotLine));
        added = true;
    }
    if (added)
        nameCurves();
}

void TrainingPlots::nameCurves()
{
    if (!reference_) {
        smoothedLoss_->setName(tr("smoothed"));
        return;
    }
    // Each run by the settings in which it differs from the other.
    const QString current = session_->currentRunName();
    const QString reference = session_->referenceRunName();
    smoothedLoss_->setName(tr("smoothed, %1 (current)").arg(current));
    if (!referenceGraphs_[Loss].empty())
        referenceGraphs_[Loss].front()->setName(tr("smoothed, %1 (reference)").arg(reference));
    const TrainingHistory& h = session_->history();
    for (std::size_t l = 0; l < referenceGraphs_[GradientNorms].size(); ++l) {
        const auto layer = static_cast<qsizetype>(l);
        referenceGraphs_[GradientNorms][l]->setName(tr("%1 (reference)").arg(
            layer < h.layerNames.size() ? h.layerNames[layer] : QString::number(layer)));
    }
    if (referenceGraphs_[Epochs].size() == 2) {
        referenceGraphs_[Epochs][0]->setName(tr("loss, %1 (reference)").arg(reference));
        referenceGraphs_[Epochs][1]->setName(tr("val_loss (reference)"));
    }
    requestReplot();
}

void TrainingPlots::requestReplot()
{
    if (replotTimer_->isActive())
        return;
    // Painting may take at most a fifth of the time: slow replots (big windows, long runs) come
    // less often, so training keeps most of the thread.
    double cost = 0;
    for (QCustomPlot* plot : plots_)
        cost += plot->replotTime();
    const auto interval = std::max<qint64>(replotMilliseconds, static_cast<qint64>(4 * cost));
    replotTimer_->start(static_cast<int>(std::max<qint64>(0, interval - sinceReplot_.elapsed())));
}

void TrainingPlots::replotNow()
{
    for (QCustomPlot* plot : plots_) {
        fit(plot, plot != plots_[Epochs]);
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
    sinceReplot_.restart();
}

void TrainingPlots::flush()
{
    replotTimer_->stop();
    for (QCustomPlot* plot : plots_) {
        fit(plot, plot != plots_[Epochs]);
        plot->replot(QCustomPlot::rpImmediateRefresh);
    }
    sinceReplot_.restart();
}

void TrainingPlots::hoverLoss(QMouseEvent* event)
{
    QCustomPlot* plot = plots_[Loss];
    if (rawLoss_->data()->isEmpty())
        return;
    const double step = std::round(plot->xAxis->pixelToCoord(event->position().x()));
    tracer_->setGraph(rawLoss_);
    tracer_->setGraphKey(step);
    tracer_->updatePosition();
    const double value = tracer_->position->value();
    tracerLabel_->setText(tr("step %1: %2").arg(tracer_->position->key()).arg(value, 0, 'f', 4));
    tracer_->setVisible(true);
    tracerLabel_->setVisible(true);
    plot->replot(QCustomPlot::rpQueuedReplot);
}

bool TrainingPlots::exportTo(Plot which, const QString& fileName, double scale, QString* error)
{
    fit(plots_[which], which != Epochs);
    return exportCustomPlot(plots_[which], fileName, scale, error);
}

} // namespace gs
