#include "ui/training/TrainingView.h"

#include "ui/training/NetworkDiagram.h"
#include "ui/training/TrainingControls.h"
#include "ui/training/TrainingPlots.h"
#include "ui/training/TrainingSession.h"
#include "ui/training/TrainingTimeline.h"

#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QSaveFile>
#include <QScrollArea>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace gs {

namespace {

QString phaseText(nn::Phase phase)
{
    return QString::fromLatin1(nn::phaseName(phase)).replace(u'_', u' ');
}

} // namespace

TrainingView::TrainingView(nn::RunSpec run, QWidget* parent)
    : QWidget(parent)
    , session_(new TrainingSession(std::move(run), this))
    , controls_(new TrainingControls(session_))
    , diagram_(new NetworkDiagram(session_))
    , plots_(new TrainingPlots(session_))
    , timeline_(new TrainingTimeline(session_))
{
    setObjectName(QStringLiteral("trainingView"));
    phase_ = new QLabel;
    phase_->setObjectName(QStringLiteral("phaseLabel"));
    QFont bold = phase_->font();
    bold.setBold(true);
    phase_->setFont(bold);

    // The controls get the whole height on the left; the network and the curves share the rest.
    auto* scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("trainingControlsScroll"));
    scroll->setWidget(controls_);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(controls_->minimumSizeHint().width() + 16);
    scroll->setFrameShape(QFrame::NoFrame);

    auto* network = new QWidget;
    auto* networkLayout = new QVBoxLayout(network);
    networkLayout->setContentsMargins(0, 0, 0, 0);
    networkLayout->setSpacing(2);
    networkLayout->addWidget(phase_);
    networkLayout->addWidget(diagram_, 1);

    auto* right = new QSplitter(Qt::Vertical);
    right->setObjectName(QStringLiteral("trainingSplitter"));
    auto* curves = new QWidget;
    auto* curvesLayout = new QVBoxLayout(curves);
    curvesLayout->setContentsMargins(0, 0, 0, 0);
    curvesLayout->setSpacing(2);
    curvesLayout->addWidget(plots_, 1);
    curvesLayout->addWidget(timeline_);

    right->addWidget(network);
    right->addWidget(curves);
    right->setStretchFactor(0, 2);
    right->setStretchFactor(1, 3);
    right->setChildrenCollapsible(false);

    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(scroll);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split, 1);
    layout->addWidget(createStatusRow());

    connect(session_, &TrainingSession::advanced, this, &TrainingView::showState);
    connect(session_, &TrainingSession::restarted, this, &TrainingView::showState);
    connect(session_, &TrainingSession::settingsChanged, this, &TrainingView::showState);
    connect(session_, &TrainingSession::shownStepChanged, this, &TrainingView::showState);
    connect(session_, &TrainingSession::failed, this, [this](const QString& text) {
        status_->setText(tr("Stopped: %1").arg(text));
        emit message(tr("Training stopped: %1").arg(text));
    });
    showState();
}

QWidget* TrainingView::createStatusRow()
{
    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(2, 2, 2, 2);
    epoch_ = new QLabel;
    epoch_->setObjectName(QStringLiteral("epochLabel"));
    status_ = new QLabel;
    status_->setObjectName(QStringLiteral("trainingStatus"));
    status_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    progress_ = new QProgressBar;
    progress_->setObjectName(QStringLiteral("trainingProgress"));
    progress_->setTextVisible(false);
    progress_->setMaximumWidth(260);

    export_ = new QToolButton;
    export_->setObjectName(QStringLiteral("trainingExportButton"));
    export_->setText(tr("Export"));
    export_->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(export_);
    for (std::size_t i = 0; i < TrainingPlots::plotCount; ++i) {
        const int plot = static_cast<int>(i);
        menu->addAction(
            tr("Plot “%1”…").arg(TrainingPlots::title(static_cast<TrainingPlots::Plot>(plot))),
            this, [this, plot] { exportPlotInteractive(plot); });
    }
    menu->addSeparator();
    menu->addAction(tr("History as CSV…"), this, &TrainingView::exportHistoryInteractive);
    export_->setMenu(menu);

    layout->addWidget(epoch_);
    layout->addWidget(status_, 1);
    layout->addWidget(progress_);
    layout->addWidget(export_);
    return row;
}

void TrainingView::showState()
{
    const TrainingSession& s = *session_;
    const auto last = s.lastPhase();
    if (const StepRecord* r = s.shownRecord()) {
        phase_->setText(tr("Recorded step %1 of %2 · the weights and gradients as that step left "
                           "them · End follows the live run")
                            .arg(r->step)
                            .arg(s.completedSteps()));
    } else if (!last) {
        phase_->setText(tr("Step %1 · next phase: %2")
                            .arg(s.completedSteps() + 1)
                            .arg(phaseText(s.nextPhase())));
    } else {
        const QString step =
            QString::number(s.completedSteps() + (*last != nn::Phase::Metrics ? 1 : 0));
        phase_->setText(tr("Step %1 · ran: %2 · next: %3")
                            .arg(step, phaseText(*last), phaseText(s.nextPhase())));
    }
    epoch_->setText(s.finished() ? tr("Done: %1 epochs").arg(s.settings().epochs)
                                 : tr("Epoch %1/%2").arg(s.epoch()).arg(s.settings().epochs));
    status_->setText(s.statusLine());
    const auto total = static_cast<int>(std::min<std::int64_t>(s.totalSteps(), 1'000'000'000));
    progress_->setRange(0, total);
    progress_->setValue(static_cast<int>(std::lround(s.progress() * total)));
}

bool TrainingView::exportHistory(const QString& fileName, QString* error) const
{
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    file.write(session_->history().toCsv().toUtf8());
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void TrainingView::flush()
{
    showState();
    plots_->flush();
    diagram_->repaint();
}

void TrainingView::exportPlotInteractive(int plot)
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Plot"), QStringLiteral("training-plot.png"),
        tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!plots_->exportTo(static_cast<TrainingPlots::Plot>(plot), path, 2.0, &error))
        QMessageBox::warning(this, tr("Export Plot"), error);
    else
        emit message(tr("Exported the plot to %1").arg(path));
}

void TrainingView::exportHistoryInteractive()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export History"),
                                                      QStringLiteral("training-history.csv"),
                                                      tr("CSV table (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportHistory(path, &error))
        QMessageBox::warning(this, tr("Export History"), error);
    else if (const Ring<TrainingHistory::Step>& steps = session_->history().steps; steps.dropped() > 0)
        // Longer runs keep their last steps only (TrainingHistory::stepCapacity).
        emit message(tr("Exported the last %1 of %2 steps to %3").arg(steps.size()).arg(steps.total()).arg(path));
    else
        emit message(tr("Exported the history to %1").arg(path));
}

} // namespace gs
