#include "ui/training/TrainingTimeline.h"

#include "ui/training/TrainingSession.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QPushButton>
#include <QSlider>
#include <QStyle>
#include <QStyleOptionSlider>

#include <algorithm>

namespace gs {

namespace {

/// A slider whose groove takes you where you click (a timeline, not a page-by-page scroller);
/// the handle then follows the mouse as usual.
class ScrubSlider : public QSlider {
public:
    using QSlider::QSlider;

protected:
    void mousePressEvent(QMouseEvent* event) override
    {
        if (event->button() == Qt::LeftButton && maximum() > minimum()) {
            QStyleOptionSlider option;
            initStyleOption(&option);
            const QRect handle =
                style()->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderHandle, this);
            const QPoint at = event->position().toPoint();
            if (!handle.contains(at)) {
                const QRect groove = style()->subControlRect(QStyle::CC_Slider, &option,
                                                             QStyle::SC_SliderGroove, this);
                const int span = std::max(1, groove.width() - handle.width());
                const int position = std::clamp(at.x() - groove.x() - handle.width() / 2, 0, span);
                setValue(QStyle::sliderValueFromPosition(minimum(), maximum(), position, span,
                                                         option.upsideDown));
            }
        }
        QSlider::mousePressEvent(event);
    }
};

} // namespace

TrainingTimeline::TrainingTimeline(TrainingSession* session, QWidget* parent)
    : QWidget(parent)
    , session_(session)
    , slider_(new ScrubSlider(Qt::Horizontal))
    , step_(new QLabel)
    , memory_(new QLabel)
    , comparison_(new QLabel)
    , resume_(new QPushButton(tr("Resume from here")))
    , keep_(new QPushButton(tr("Keep as reference")))
    , clear_(new QPushButton(tr("Clear reference")))
{
    setObjectName(QStringLiteral("trainingTimeline"));
    slider_->setObjectName(QStringLiteral("timelineSlider"));
    slider_->setFocusPolicy(Qt::StrongFocus);
    slider_->setSingleStep(1);
    slider_->setToolTip(tr("Scrub through the recorded steps: Left/Right a step, Page Up/Down an "
                           "epoch, Home the oldest, End the live run"));
    step_->setObjectName(QStringLiteral("timelineStepLabel"));
    step_->setMinimumWidth(fontMetrics().horizontalAdvance(tr("Step 000,000 of 000,000")));
    memory_->setObjectName(QStringLiteral("timelineMemoryLabel"));
    comparison_->setObjectName(QStringLiteral("comparisonLabel"));
    comparison_->setWordWrap(true);
    resume_->setObjectName(QStringLiteral("resumeButton"));
    resume_->setToolTip(tr("Train on from the shown step, exactly as the run went on from it: its "
                           "weights, optimizer state and batches; the later steps are dropped"));
    keep_->setObjectName(QStringLiteral("keepReferenceButton"));
    keep_->setToolTip(tr("Keep this run's curves, dashed, and start over from the same initial "
                         "weights and batches: change the optimizer or the learning rate, run "
                         "again, and compare"));
    clear_->setObjectName(QStringLiteral("clearReferenceButton"));

    QFont small = memory_->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    memory_->setFont(small);
    comparison_->setFont(small);

    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(6);
    grid->setVerticalSpacing(0);
    grid->addWidget(slider_, 0, 0, 1, 2);
    grid->addWidget(step_, 0, 2);
    grid->addWidget(resume_, 0, 3);
    grid->addWidget(memory_, 1, 0);
    grid->addWidget(comparison_, 1, 1, 1, 2);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(keep_);
    buttons->addWidget(clear_);
    grid->addLayout(buttons, 1, 3);
    grid->setColumnStretch(0, 2);
    grid->setColumnStretch(1, 3);

    connect(slider_, &QSlider::valueChanged, this, &TrainingTimeline::scrubbed);
    connect(resume_, &QPushButton::clicked, this, [this] {
        if (const auto step = session_->shownStep())
            session_->resumeFrom(*step);
    });
    connect(keep_, &QPushButton::clicked, session_, &TrainingSession::keepAsReference);
    connect(clear_, &QPushButton::clicked, session_, &TrainingSession::clearReference);
    for (auto signal : {&TrainingSession::advanced, &TrainingSession::restarted,
                        &TrainingSession::shownStepChanged, &TrainingSession::referenceChanged,
                        &TrainingSession::settingsChanged})
        connect(session_, signal, this, &TrainingTimeline::refresh);
    connect(session_, &TrainingSession::rewound, this, &TrainingTimeline::refresh);
    refresh();
}

void TrainingTimeline::scrubbed(int value)
{
    if (refreshing_)
        return;
    // The end of the timeline is the live run.
    session_->showStep(value >= slider_->maximum() ? std::nullopt
                                                   : std::optional<std::int64_t>(value));
}

void TrainingTimeline::refresh()
{
    const StepRecords& records = session_->records();
    const std::optional<std::int64_t> shown = session_->shownStep();
    const QLocale c(QLocale::English); // 10,000: grouped digits, a decimal point
    refreshing_ = true;
    slider_->setRange(static_cast<int>(records.firstStep()), static_cast<int>(records.lastStep()));
    slider_->setPageStep(
        static_cast<int>(std::max<std::int64_t>(1, session_->loop().stepsPerEpoch())));
    slider_->setValue(static_cast<int>(shown.value_or(records.lastStep())));
    refreshing_ = false;

    if (shown)
        step_->setText(tr("Step %1 of %2").arg(c.toString(*shown), c.toString(records.lastStep())));
    else
        step_->setText(tr("Live · step %1").arg(c.toString(session_->completedSteps())));
    resume_->setEnabled(shown.has_value());
    memory_->setText(tr("Recorded: %1").arg(records.memoryText()));
    memory_->setToolTip(
        tr("Every step's weights, gradients, optimizer state (slots and iteration "
           "count), batch stream and losses, for the last %1 steps: %2")
            .arg(c.toString(static_cast<qint64>(StepRecords::capacity)), records.memoryText()));
    clear_->setEnabled(session_->reference().has_value());
    const QString comparison = session_->comparisonText();
    comparison_->setText(comparison.isEmpty() ? QString() : tr("Dashed: %1").arg(comparison));
}

} // namespace gs
