#include "ui/panels/PlotPanel.h"

#include "document/GraphDocument.h"
#include "document/NodeNames.h"
#include "ui/editor/EditorSession.h"
#include "ui/files/Examples.h"
#include "ui/training/PlotExport.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

namespace gs {

namespace {

const QColor fColour(0x00, 0x72, 0xB2);  // blue
const QColor dfColour(0xE6, 0x9F, 0x00); // orange
const QColor badColour(0xD5, 0x5E, 0x00); // vermillion

/// QCustomPlot breaks a line at NaN; infinities would wreck the axis range, so they become NaN.
QVector<double> plottable(const std::vector<double>& values)
{
    QVector<double> out;
    out.reserve(static_cast<qsizetype>(values.size()));
    for (double v : values)
        out.push_back(std::isfinite(v) ? v : NAN);
    return out;
}

QCPGraph* addGraph(QCustomPlot* plot, QCPAxis* valueAxis, const QString& name, const QColor& colour, bool dashed)
{
    QCPGraph* g = plot->addGraph(plot->xAxis, valueAxis);
    g->setName(name);
    QPen pen(colour, dashed ? 2.0 : 2.8, dashed ? Qt::DashLine : Qt::SolidLine);
    g->setPen(pen);
    return g;
}

void shade(QCustomPlot* plot, const FunctionSamples& s, bool hatched, const QString& prefix)
{
    for (const FunctionSamples::Region& r : s.nonfinite) {
        auto* rect = new QCPItemRect(plot);
        rect->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
        rect->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
        rect->topLeft->setCoords(r.from, 0);
        rect->bottomRight->setCoords(r.to, 1);
        QColor fill = badColour;
        fill.setAlpha(hatched ? 150 : 55);
        rect->setBrush(hatched ? QBrush(fill, Qt::BDiagPattern) : QBrush(fill));
        rect->setPen(Qt::NoPen);
        auto* text = new QCPItemText(plot);
        text->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        text->position->setCoords((r.from + r.to) / 2, hatched ? 0.12 : 0.04);
        text->setPositionAlignment(Qt::AlignTop | Qt::AlignHCenter);
        text->setText(prefix + r.what);
        text->setColor(badColour);
        QFont f = plot->font();
        f.setBold(true);
        text->setFont(f);
    }
}

void axisRange(QCPAxis* axis, const std::vector<double>& a, const std::vector<double>& b)
{
    double lo = INFINITY;
    double hi = -INFINITY;
    for (const auto* values : {&a, &b})
        for (double v : *values)
            if (std::isfinite(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
    if (!std::isfinite(lo)) {
        axis->setRange(-1, 1);
        return;
    }
    const double pad = std::max((hi - lo) * 0.08, 1e-3 * std::max(1.0, std::abs(hi)));
    axis->setRange(lo - pad, hi + pad);
}

} // namespace

PlotPanel::PlotPanel(EditorSession* session, QWidget* parent)
    : QWidget(parent)
    , session_(session)
    , plot_(new QCustomPlot(this))
    , input_(new QComboBox(this))
    , from_(new QDoubleSpinBox(this))
    , to_(new QDoubleSpinBox(this))
    , compare_(new QComboBox(this))
    , status_(new QLabel(this))
    , timer_(new QTimer(this))
{
    plot_->setObjectName(QStringLiteral("functionPlot"));
    input_->setObjectName(QStringLiteral("plotInput"));
    compare_->setObjectName(QStringLiteral("plotCompare"));
    plot_->setMinimumSize(200, 120);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->legend->setVisible(true);
    plot_->legend->setFont(font());
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    plot_->yAxis2->setVisible(true);
    plot_->xAxis->setLabel(QStringLiteral("x"));
    plot_->yAxis->setLabel(QStringLiteral("f"));
    plot_->yAxis2->setLabel(QStringLiteral("f'"));
    plot_->yAxis->setLabelColor(fColour);
    plot_->yAxis2->setLabelColor(dfColour);
    for (QDoubleSpinBox* box : {from_, to_}) {
        box->setRange(-1e6, 1e6);
        box->setDecimals(2);
        box->setKeyboardTracking(false);
    }
    from_->setValue(defaultFrom);
    to_->setValue(defaultTo);
    compare_->addItem(tr("nothing"));
    for (const Example& e : examples())
        compare_->addItem(e.title, e.resource);
    status_->setWordWrap(true);
    timer_->setSingleShot(true);
    timer_->setInterval(60);

    // Three short rows rather than one long one, so that the panel fits a narrow column.
    auto* controls = new QGridLayout;
    controls->addWidget(new QLabel(tr("Sweep"), this), 0, 0);
    controls->addWidget(input_, 0, 1, 1, 3);
    controls->addWidget(new QLabel(tr("from"), this), 1, 0);
    controls->addWidget(from_, 1, 1);
    controls->addWidget(new QLabel(tr("to"), this), 1, 2);
    controls->addWidget(to_, 1, 3);
    controls->addWidget(new QLabel(tr("compare with"), this), 2, 0);
    controls->addWidget(compare_, 2, 1, 1, 3);
    controls->setColumnStretch(1, 1);
    controls->setColumnStretch(3, 1);
    // Their own minimum widths (the longest example's title, a million with decimals) would
    // keep the panel wide; a narrow panel elides them instead.
    for (QWidget* w : std::initializer_list<QWidget*>{input_, compare_, from_, to_}) {
        w->setMinimumWidth(64);
        w->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    }
    compare_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(plot_, 1);
    layout->addWidget(status_);

    connect(timer_, &QTimer::timeout, this, &PlotPanel::update);
    connect(session_, &EditorSession::evaluated, timer_, qOverload<>(&QTimer::start));
    connect(session_->document(), &GraphDocument::documentReset, this, &PlotPanel::fillInputs);
    connect(session_->document(), &GraphDocument::nodeAdded, this, &PlotPanel::fillInputs);
    connect(session_->document(), &GraphDocument::nodeRemoved, this, &PlotPanel::fillInputs);
    // A renamed input keeps being swept, under its new name.
    connect(session_->document(), &GraphDocument::nodeChanged, this, &PlotPanel::fillInputs);
    // Another document: nothing of the last one's plot carries over (an example sets its own
    // sweep right after it is loaded).
    connect(session_, &EditorSession::loaded, this, [this] {
        inputId_ = {};
        inputLabel_.clear();
        setComparison({}, std::nullopt);
        setRange(defaultFrom, defaultTo);
        fillInputs();
    });
    connect(input_, &QComboBox::activated, this, [this] {
        inputLabel_ = input_->currentText();
        inputId_ = NodeId{input_->currentData().toInt()};
        timer_->start();
    });
    connect(from_, &QDoubleSpinBox::valueChanged, timer_, qOverload<>(&QTimer::start));
    connect(to_, &QDoubleSpinBox::valueChanged, timer_, qOverload<>(&QTimer::start));
    connect(compare_, &QComboBox::activated, this, &PlotPanel::chooseComparison);
    fillInputs();
}

void PlotPanel::fillInputs()
{
    const GraphData& data = session_->data();
    const QSignalBlocker block(input_);
    input_->clear();
    for (NodeId id : sweepableInputs(data))
        input_->addItem(friendlyName(data, id), id.value);
    // The same node if it is still there (renamed or not), else the one with the same name (a
    // formula applied again makes new nodes), else the first.
    int index = inputId_.valid() ? input_->findData(inputId_.value) : -1;
    if (index < 0)
        index = input_->findText(inputLabel_);
    if (index < 0)
        index = 0;
    input_->setCurrentIndex(index);
    inputId_ = NodeId{input_->currentData().toInt()};
    inputLabel_ = input_->currentText();
    timer_->start();
}

void PlotPanel::setInputLabel(const QString& label)
{
    inputLabel_ = label;
    inputId_ = {};
    fillInputs();
}

void PlotPanel::setRange(double from, double to)
{
    const QSignalBlocker a(from_);
    const QSignalBlocker b(to_);
    from_->setValue(from);
    to_->setValue(to);
    timer_->start();
}

void PlotPanel::chooseComparison(int index)
{
    const QString resource = compare_->itemData(index).toString();
    if (resource.isEmpty()) {
        setComparison({}, std::nullopt);
        return;
    }
    QString error;
    setComparison(compare_->itemText(index), readDocument(resource, &error));
    if (!error.isEmpty())
        status_->setText(error);
}

void PlotPanel::setComparison(const QString& title, std::optional<GraphData> graph)
{
    comparisonTitle_ = title;
    comparison_ = std::move(graph);
    const int index = comparison_ ? compare_->findText(title) : 0;
    compare_->setCurrentIndex(index >= 0 ? index : 0);
    timer_->start();
}

void PlotPanel::update()
{
    timer_->stop();
    const GraphData& data = session_->data();
    SampleRequest request;
    request.input = NodeId{input_->currentData().toInt()};
    request.from = from_->value();
    request.to = to_->value();
    request.dtype = session_->dtype();
    samples_ = sampleFunction(data, request);
    comparisonSamples_ = {};
    if (comparison_ && samples_.ok()) {
        SampleRequest other = request;
        other.input = comparison_->findLabel(data.displayName(request.input));
        if (!other.input.valid() && !sweepableInputs(*comparison_).empty())
            other.input = sweepableInputs(*comparison_).front();
        comparisonSamples_ = sampleFunction(*comparison_, other);
    }
    draw();
}

void PlotPanel::flush()
{
    update();
    plot_->replot(QCustomPlot::rpImmediateRefresh);
}

void PlotPanel::draw()
{
    plot_->clearGraphs();
    plot_->clearItems();
    const GraphData& data = session_->data();
    // The target's own name, else "f" as on the axis: an expression is too long for a legend.
    const Node* targetNode = data.node(data.target);
    const QString target = targetNode && !targetNode->label.isEmpty() ? targetNode->label : QStringLiteral("f");
    const QString x = input_->currentText();
    if (!samples_.ok()) {
        // Empty axes over the chosen range: nothing of the last plot (another document's input
        // and scale) stays on screen.
        status_->setText(samples_.error.isEmpty() ? tr("Nothing to plot.") : samples_.error);
        plot_->legend->setVisible(false);
        plot_->xAxis->setLabel(x);
        plot_->xAxis->setRange(from_->value(), to_->value());
        plot_->yAxis->setRange(0, 1);
        plot_->yAxis2->setRange(0, 1);
        plot_->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    plot_->legend->setVisible(true);
    QStringList notes;
    plot_->xAxis->setLabel(x);
    const QVector<double> xs(samples_.x.begin(), samples_.x.end());
    addGraph(plot_, plot_->yAxis, QStringLiteral("%1(%2)").arg(target, x), fColour, false)->setData(xs, plottable(samples_.f));
    addGraph(plot_, plot_->yAxis2, QStringLiteral("d%1/d%2").arg(target, x), dfColour, false)->setData(xs, plottable(samples_.df));
    if (comparisonSamples_.ok()) {
        const QVector<double> cx(comparisonSamples_.x.begin(), comparisonSamples_.x.end());
        addGraph(plot_, plot_->yAxis, tr("f: %1").arg(comparisonTitle_.section(u':', 0, 0)), fColour.darker(130), true)
            ->setData(cx, plottable(comparisonSamples_.f));
        addGraph(plot_, plot_->yAxis2, tr("f': %1").arg(comparisonTitle_.section(u':', 0, 0)), dfColour.darker(130), true)
            ->setData(cx, plottable(comparisonSamples_.df));
    } else if (comparison_) {
        notes << tr("comparison: %1").arg(comparisonSamples_.error);
    }
    shade(plot_, samples_, false, QString());
    if (comparisonSamples_.ok())
        shade(plot_, comparisonSamples_, true, tr("compared: "));
    plot_->xAxis->setRange(samples_.x.front(), samples_.x.back());
    axisRange(plot_->yAxis, samples_.f, comparisonSamples_.f);
    axisRange(plot_->yAxis2, samples_.df, comparisonSamples_.df);
    // The input's current value, where the graph is evaluated.
    if (const Node* n = data.node(NodeId{input_->currentData().toInt()}); n && n->value && n->value->values.size() == 1) {
        auto* line = new QCPItemStraightLine(plot_);
        const double at = n->value->values.front();
        line->point1->setCoords(at, 0);
        line->point2->setCoords(at, 1);
        line->setPen(QPen(QColor(120, 120, 120), 1.2, Qt::DotLine));
    }
    if (!samples_.nonfinite.empty())
        notes << tr("shaded: where the graph computes NaN or infinity");
    status_->setText(notes.join(QStringLiteral(" · ")));
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

bool PlotPanel::exportTo(const QString& fileName, double scale, QString* error)
{
    return exportCustomPlot(plot_, fileName, scale, error);
}

} // namespace gs
