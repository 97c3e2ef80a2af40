#include "ui/panels/StepPanel.h"

#include "ui/editor/EditorSession.h"
#include "ui/render/GraphOverlay.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QToolButton>
#include <QVBoxLayout>

namespace gs {

namespace {

QAction* makeAction(QObject* parent, const QString& text, const char* name, const QList<QKeySequence>& keys)
{
    auto* action = new QAction(text, parent);
    action->setObjectName(QLatin1StringView(name));
    action->setShortcuts(keys);
    return action;
}

QToolButton* button(QWidget* parent, QAction* action, const QString& glyph)
{
    auto* b = new QToolButton(parent);
    b->setDefaultAction(action);
    b->setText(glyph);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    b->setMinimumWidth(36);
    return b;
}

} // namespace

StepPanel::StepPanel(EditorSession* session, QWidget* parent)
    : QWidget(parent)
    , session_(session)
    , slider_(new QSlider(Qt::Horizontal, this))
    , counter_(new QLabel(this))
    , text_(new QLabel(this))
{
    toggle_ = makeAction(this, tr("Step Through the &Tape"), "stepModeAction", {QKeySequence(Qt::CTRL | Qt::Key_T)});
    toggle_->setCheckable(true);
    first_ = makeAction(this, tr("&First Step"), "stepFirstAction", {QKeySequence(Qt::SHIFT | Qt::Key_Left)});
    back_ = makeAction(this, tr("Step &Back"), "stepBackAction", {QKeySequence(Qt::Key_Left), QKeySequence(Qt::Key_Comma)});
    forward_ = makeAction(this, tr("Step &Forward"), "stepForwardAction",
                          {QKeySequence(Qt::Key_Right), QKeySequence(Qt::Key_Period)});
    last_ = makeAction(this, tr("&Last Step"), "stepLastAction", {QKeySequence(Qt::SHIFT | Qt::Key_Right)});
    for (QAction* a : {first_, back_, forward_, last_})
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);

    slider_->setObjectName(QStringLiteral("stepSlider"));
    counter_->setObjectName(QStringLiteral("stepCounter"));
    text_->setObjectName(QStringLiteral("stepDescription"));
    text_->setWordWrap(true);
    text_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = text_->font();
    big.setPointSizeF(big.pointSizeF() * 1.15);
    text_->setFont(big);

    // Two short rows rather than one long one, so that the panel fits a narrow column.
    auto* top = new QHBoxLayout;
    auto* toggle = new QToolButton(this);
    toggle->setDefaultAction(toggle_);
    top->addWidget(toggle);
    top->addStretch();
    top->addWidget(counter_);
    auto* row = new QHBoxLayout;
    row->addWidget(button(this, first_, QStringLiteral("|◀")));
    row->addWidget(button(this, back_, QStringLiteral("◀")));
    row->addWidget(button(this, forward_, QStringLiteral("▶")));
    row->addWidget(button(this, last_, QStringLiteral("▶|")));
    slider_->setMinimumWidth(40);
    row->addWidget(slider_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(row);
    layout->addWidget(text_, 1);

    connect(toggle_, &QAction::toggled, this, [this](bool on) {
        if (!refreshing_)
            session_->setStep(on ? 0 : -1);
    });
    connect(first_, &QAction::triggered, this, [this] { session_->setStep(0); });
    connect(last_, &QAction::triggered, this, [this] { session_->setStep(session_->stepCount()); });
    connect(back_, &QAction::triggered, this, [this] { stepBy(-1); });
    connect(forward_, &QAction::triggered, this, [this] { stepBy(1); });
    connect(slider_, &QSlider::valueChanged, this, [this](int value) {
        if (!refreshing_)
            session_->setStep(value);
    });
    connect(session_, &EditorSession::evaluated, this, &StepPanel::refresh);
    connect(session_, &EditorSession::overlayChanged, this, &StepPanel::refresh);
    refresh();
}

void StepPanel::stepBy(int delta)
{
    const int now = session_->step();
    if (now < 0) {
        session_->setStep(delta > 0 ? 1 : session_->stepCount() - 1);
        return;
    }
    session_->setStep(std::clamp(now + delta, 0, session_->stepCount()));
}

void StepPanel::refresh()
{
    refreshing_ = true;
    const int count = session_->stepCount();
    const int step = session_->step();
    toggle_->setChecked(step >= 0);
    slider_->setRange(0, count);
    slider_->setValue(step < 0 ? count : step);
    slider_->setEnabled(count > 0);
    counter_->setText(step < 0 ? tr("%n event(s)", nullptr, count) : tr("step %1 of %2").arg(step).arg(count));
    if (count == 0)
        text_->setText(tr("Nothing to replay: the graph has not been evaluated."));
    else if (step < 0)
        text_->setText(tr("The finished evaluation: %n event(s) recorded. Press ▶ (or →) to replay the tape one "
                          "operation at a time.", nullptr, count));
    else if (step == 0)
        text_->setText(tr("Before the first operation: only the variables and constants have values."));
    else
        text_->setText(tr("Step %1: %2").arg(step).arg(describeEvent(session_->data(), session_->evaluation(),
                                                                   static_cast<std::size_t>(step - 1))));
    refreshing_ = false;
}

} // namespace gs
