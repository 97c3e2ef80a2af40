#include "ui/panels/GradientCheckPanel.h"

#include "document/GraphDocument.h"
#include "document/NodeNames.h"
#include "ui/editor/EditorSession.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QResizeEvent>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

namespace gs {

namespace {

enum Column { SourceColumn, AutodiffColumn, NumericColumn, AbsColumn, RelColumn, AgreementColumn, Columns };

/// Shortest exact text, whole numbers with ".0" as TensorFlow prints floats.
QString number(double value)
{
    QString text = QString::number(value, 'g', 17);
    if (std::isfinite(value) && !text.contains(u'.') && !text.contains(u'e'))
        text += QStringLiteral(".0");
    return text;
}

QString tensorText(const std::vector<double>& values)
{
    if (values.size() == 1)
        return number(values.front());
    QStringList parts;
    for (double v : values)
        parts << number(v);
    return u'[' + parts.join(QStringLiteral(", ")) + u']';
}

QString agreementWord(Agreement a)
{
    switch (a) {
    case Agreement::Good: return QObject::tr("agree");
    case Agreement::Fair: return QObject::tr("roughly");
    case Agreement::Poor: return QObject::tr("disagree");
    }
    return {};
}

/// Text colours that keep 4.5:1 on the panel's background, light or dark.
QColor agreementColour(Agreement a, bool dark)
{
    switch (a) {
    case Agreement::Good: return dark ? QColor(0x7d, 0xe0, 0x98) : QColor(0x1b, 0x6e, 0x35);
    case Agreement::Fair: return dark ? QColor(0xff, 0xcc, 0x66) : QColor(0x8a, 0x52, 0x00);
    case Agreement::Poor: return dark ? QColor(0xff, 0x8a, 0x8a) : QColor(0xb0, 0x00, 0x20);
    }
    return {};
}

const QColor float32Colour(0x00, 0x72, 0xb2);
const QColor float64Colour(0xd5, 0x5e, 0x00);

} // namespace

GradientCheckPanel::GradientCheckPanel(EditorSession* session, QWidget* parent)
    : QWidget(parent),
      session_(session),
      of_(new QComboBox),
      eps_(new QComboBox),
      difference_(new QComboBox),
      table_(new QTableWidget(0, Columns)),
      plot_(new QCustomPlot),
      status_(new QLabel),
      split_(new QSplitter(Qt::Vertical)),
      timer_(new QTimer(this))
{
    setObjectName(QStringLiteral("gradientCheckPanel"));
    of_->setObjectName(QStringLiteral("gradientCheckOf"));
    of_->setToolTip(tr("The node whose gradient is checked (the target by default; selecting a node on the canvas "
                       "chooses it)"));
    eps_->setObjectName(QStringLiteral("gradientCheckEps"));
    eps_->setEditable(true);
    for (int e = 1; e <= 12; ++e)
        eps_->addItem(QStringLiteral("1e-%1").arg(e));
    eps_->setCurrentText(QStringLiteral("1e-6"));
    eps_->setToolTip(tr("The step of the finite difference (the book uses 1e-6)"));
    difference_->addItem(tr("forward: (f(x+eps) - f(x)) / eps"), int(Difference::Forward));
    difference_->addItem(tr("central: (f(x+eps) - f(x-eps)) / 2eps"), int(Difference::Central));
    difference_->setObjectName(QStringLiteral("gradientCheckDifference"));

    table_->setObjectName(QStringLiteral("gradientCheckTable"));
    table_->setHorizontalHeaderLabels({tr("source"), tr("autodiff"), tr("finite difference"), tr("abs error"),
                                       tr("rel error"), tr("")});
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);

    plot_->setObjectName(QStringLiteral("gradientCheckPlot"));
    plot_->setMinimumSize(220, 130);
    for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) {
        axis->setScaleType(QCPAxis::stLogarithmic);
        axis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
        axis->setNumberFormat(QStringLiteral("eb"));
        axis->setNumberPrecision(0);
    }
    plot_->xAxis->setLabel(tr("step eps"));
    plot_->yAxis->setLabel(tr("|finite difference - autodiff|"));
    plot_->xAxis->setRangeReversed(true); // eps shrinks to the right, as one tries smaller steps
    plot_->legend->setVisible(true);
    plot_->legend->setFont(font());
    plot_->setBackground(palette().base());

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Check")));
    controls->addWidget(of_, 1);
    controls->addWidget(new QLabel(tr("eps")));
    controls->addWidget(eps_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(difference_);
    // The table beside the plot in a wide, short dock (under the canvas), above it in a tall one.
    split_->addWidget(table_);
    split_->addWidget(plot_);
    split_->setChildrenCollapsible(false);
    split_->setStretchFactor(0, 1);
    split_->setStretchFactor(1, 2);
    layout->addWidget(split_, 1);
    layout->addWidget(status_);
    status_->setWordWrap(true);

    timer_->setSingleShot(true);
    timer_->setInterval(150);
    connect(timer_, &QTimer::timeout, this, &GradientCheckPanel::update);
    connect(session_, &EditorSession::evaluated, timer_, qOverload<>(&QTimer::start));
    connect(session_->document(), &GraphDocument::documentReset, this, [this] {
        node_ = {};
        fillNodes();
    });
    connect(session_->document(), &GraphDocument::nodeAdded, this, &GradientCheckPanel::fillNodes);
    connect(session_->document(), &GraphDocument::nodeRemoved, this, &GradientCheckPanel::fillNodes);
    connect(session_->document(), &GraphDocument::nodeChanged, this, &GradientCheckPanel::fillNodes);
    connect(of_, &QComboBox::activated, this, [this] {
        node_ = NodeId{of_->currentData().toInt()};
        update();
    });
    connect(eps_, &QComboBox::currentTextChanged, timer_, qOverload<>(&QTimer::start));
    connect(difference_, &QComboBox::activated, this, &GradientCheckPanel::update);
    connect(table_, &QTableWidget::itemSelectionChanged, this, &GradientCheckPanel::drawCurves);
    fillNodes();
}

void GradientCheckPanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    split_->setOrientation(width() > 2 * height() ? Qt::Horizontal : Qt::Vertical);
}

void GradientCheckPanel::setNode(NodeId node)
{
    node_ = session_->data().node(node) ? node : NodeId{};
    fillNodes();
    update();
}

void GradientCheckPanel::fillNodes()
{
    const GraphData& data = session_->data();
    const QSignalBlocker block(of_);
    of_->clear();
    // The target first, then every other top-level node: any value can be checked.
    of_->addItem(data.target.valid() ? tr("the target, %1").arg(friendlyName(data, data.target)) : tr("the target"), 0);
    const NodeNamer namer(data);
    for (const auto& [id, node] : data.nodes)
        if (!node.scope.valid() && id != data.target)
            of_->addItem(namer.name(id), id.value);
    const int index = node_.valid() ? of_->findData(node_.value) : 0;
    of_->setCurrentIndex(index >= 0 ? index : 0);
    if (index < 0)
        node_ = {};
    timer_->start();
}

EvaluationOptions GradientCheckPanel::options() const
{
    EvaluationOptions options = session_->evaluationOptions();
    options.jacobian = options.hessian = false;
    if (node_.valid())
        options.target = node_;
    return options;
}

void GradientCheckPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (stale_)
        update();
}

void GradientCheckPanel::update()
{
    timer_->stop();
    // A check runs the graph dozens of times (the curves, about a hundred): only for a panel
    // someone can see. A hidden one catches up when it is shown.
    if (!isVisible()) {
        stale_ = true;
        return;
    }
    stale_ = false;
    GradientCheckOptions checking;
    checking.evaluation = options();
    checking.difference = static_cast<Difference>(difference_->currentData().toInt());
    bool ok = false;
    checking.eps = eps_->currentText().trimmed().toDouble(&ok);
    if (!ok || !(checking.eps > 0)) {
        check_ = {};
        check_.error = tr("eps must be a positive number such as 1e-4, not “%1”").arg(eps_->currentText());
    } else {
        check_ = checkGradients(session_->data(), checking);
    }
    fillTable();
    drawCurves();
}

void GradientCheckPanel::fillTable()
{
    const GraphData& data = session_->data();
    const int selected = table_->currentRow();
    const QSignalBlocker block(table_);
    table_->setRowCount(0);
    if (!check_.ok()) {
        status_->setText(check_.error);
        return;
    }
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    table_->setRowCount(static_cast<int>(check_.sources.size()));
    for (int row = 0; row < table_->rowCount(); ++row) {
        const SourceCheck& c = check_.sources[row];
        const Agreement agreement = agreementOf(c.relError, check_.dtype);
        const QString autodiff = c.autodiff ? tensorText(c.autodiff->toDoubles()) : QStringLiteral("None");
        const QStringList cells{friendlyName(data, c.node), autodiff, tensorText(c.numeric),
                                QString::number(c.absError, 'g', 3), QString::number(c.relError, 'g', 3),
                                agreementWord(agreement)};
        for (int column = 0; column < Columns; ++column) {
            auto* item = new QTableWidgetItem(cells[column]);
            item->setData(Qt::UserRole, c.node.value);
            if (column == AgreementColumn || column == RelColumn)
                item->setForeground(agreementColour(agreement, dark));
            if (!c.autodiff)
                item->setToolTip(tr("None: %1. The finite difference is compared with zero.").arg(c.noneReason));
            table_->setItem(row, column, item);
        }
    }
    table_->selectRow(selected >= 0 && selected < table_->rowCount() ? selected : 0);
    const QString of = friendlyName(data, check_.target);
    status_->setText(check_.sources.empty()
                         ? tr("The tape watches no source.")
                         : tr("d%1 / d source, as the tape computes it and as a %2 difference with eps = %3, in %4.")
                               .arg(of, differenceName(check_.difference))
                               .arg(check_.eps)
                               .arg(QLatin1StringView(dtypeName(check_.dtype).data())));
}

std::optional<ErrorPoint> GradientCheckPanel::best(DType dtype) const
{
    return dtype == DType::Float32 ? best32_ : best64_;
}

void GradientCheckPanel::drawCurves()
{
    plot_->clearGraphs();
    plot_->clearItems();
    best32_ = best64_ = std::nullopt;
    const int row = table_->currentRow();
    if (!check_.ok() || row < 0 || row >= static_cast<int>(check_.sources.size())) {
        plot_->legend->setVisible(false);
        plot_->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const NodeId source = check_.sources[row].node;
    const Difference difference = check_.difference;
    double low = 1e300, high = 0;
    for (DType dtype : {DType::Float32, DType::Float64}) {
        EvaluationOptions o = options();
        o.dtype = dtype;
        const std::vector<ErrorPoint> curve = errorCurve(session_->data(), source, o, difference);
        QVector<double> xs, ys;
        for (const ErrorPoint& p : curve)
            if (std::isfinite(p.absError) && p.absError > 0) { // a log axis has no 0
                xs << p.eps;
                ys << p.absError;
                low = std::min(low, p.absError);
                high = std::max(high, p.absError);
            }
        const QColor colour = dtype == DType::Float32 ? float32Colour : float64Colour;
        QCPGraph* graph = plot_->addGraph();
        graph->setName(QLatin1StringView(dtypeName(dtype).data()));
        graph->setPen(QPen(colour, 2));
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
        graph->setData(xs, ys);
        const std::optional<ErrorPoint> best = bestStep(curve);
        (dtype == DType::Float32 ? best32_ : best64_) = best;
        if (best && best->absError > 0) {
            auto* mark = new QCPItemText(plot_);
            mark->position->setCoords(best->eps, best->absError);
            mark->setPositionAlignment(Qt::AlignHCenter | Qt::AlignTop);
            mark->setText(tr("best %1").arg(best->eps, 0, 'e', 1));
            mark->setColor(colour);
            mark->setFont(font());
            mark->setPadding(QMargins(0, 6, 0, 0));
        }
    }
    // The step in use.
    auto* now = new QCPItemStraightLine(plot_);
    now->point1->setCoords(check_.eps, 1);
    now->point2->setCoords(check_.eps, 2);
    now->setPen(QPen(palette().color(QPalette::Text), 1, Qt::DashLine));
    plot_->legend->setVisible(true);
    plot_->xAxis->setRange(1e-12 / 2, 0.2);
    if (high > 0)
        plot_->yAxis->setRange(low / 10, high * 10);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace gs
