#include "ui/training/TrainingControls.h"

#include "ui/training/TrainingSession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace gs {

namespace {

QDoubleSpinBox* numberBox(double minimum, double maximum, double step, int decimals)
{
    auto* box = new QDoubleSpinBox;
    box->setRange(minimum, maximum);
    box->setSingleStep(step);
    box->setDecimals(decimals);
    // One value per finished edit: typing "0.05" must not train a step at 0.0 in between.
    box->setKeyboardTracking(false);
    return box;
}

QPushButton* button(const QString& text, const char* name, const QString& tip)
{
    auto* b = new QPushButton(text);
    b->setObjectName(QLatin1StringView(name));
    b->setToolTip(tip);
    return b;
}

/// Run speeds offered, in steps per second (0: as fast as the engine goes).
constexpr int speeds[] = {0, 1000, 200, 50, 10, 2};

} // namespace

TrainingControls::TrainingControls(TrainingSession* session, QWidget* parent)
    : QWidget(parent)
    , session_(session)
{
    setObjectName(QStringLiteral("trainingControls"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(createButtons());
    layout->addWidget(createForm());
    layout->addStretch(1);

    connect(session_, &TrainingSession::settingsChanged, this, &TrainingControls::load);
    connect(session_, &TrainingSession::restarted, this, &TrainingControls::load);
    connect(session_, &TrainingSession::advanced, this, &TrainingControls::updateButtons);
    connect(session_, &TrainingSession::runningChanged, this, &TrainingControls::updateButtons);
    load();
    updateButtons();
}

QWidget* TrainingControls::createButtons()
{
    auto* box = new QWidget;
    auto* grid = new QGridLayout(box);
    grid->setContentsMargins(0, 0, 0, 0);
    phase_ = button(tr("Phase"), "stepPhaseButton", tr("Run the next phase of the step"));
    batch_ =
        button(tr("Batch"), "stepBatchButton", tr("Run the rest of this step, or one whole step"));
    epoch_ = button(tr("Epoch"), "stepEpochButton", tr("Run to the end of this epoch"));
    run_ = button(tr("Run"), "runButton", tr("Train until the last epoch, or pause"));
    run_->setCheckable(true);
    reset_ = button(tr("Reset"), "resetButton", tr("Back to the initial weights (same seed)"));
    grid->addWidget(phase_, 0, 0);
    grid->addWidget(batch_, 0, 1);
    grid->addWidget(epoch_, 0, 2);
    grid->addWidget(run_, 1, 0, 1, 2);
    grid->addWidget(reset_, 1, 2);

    connect(phase_, &QPushButton::clicked, session_, &TrainingSession::stepPhase);
    connect(batch_, &QPushButton::clicked, session_, &TrainingSession::stepBatch);
    connect(epoch_, &QPushButton::clicked, session_, &TrainingSession::stepEpoch);
    connect(run_, &QPushButton::clicked, this, [this](bool on) {
        if (on)
            session_->start();
        else
            session_->pause();
        updateButtons();
    });
    connect(reset_, &QPushButton::clicked, session_, &TrainingSession::reset);
    return box;
}

QWidget* TrainingControls::createForm()
{
    auto* box = new QWidget;
    auto* form = new QFormLayout(box);
    form->setContentsMargins(0, 8, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    optimizer_ = new QComboBox;
    optimizer_->setObjectName(QStringLiteral("optimizerBox"));
    for (const char* name : {"sgd", "adagrad", "rmsprop", "adam", "nadam"})
        optimizer_->addItem(QString::fromLatin1(name));
    learningRate_ = numberBox(1e-5, 10.0, 0.001, 5);
    learningRate_->setObjectName(QStringLiteral("learningRateBox"));
    momentum_ = numberBox(0.0, 0.999, 0.05, 3);
    nesterov_ = new QCheckBox(tr("Nesterov"));
    beta1_ = numberBox(0.0, 0.9999, 0.01, 4);
    beta2_ = numberBox(0.0, 0.99999, 0.001, 5);
    rho_ = numberBox(0.0, 0.9999, 0.01, 4);
    batchSize_ = new QSpinBox;
    batchSize_->setObjectName(QStringLiteral("batchSizeBox"));
    batchSize_->setRange(1, 4096);
    batchSize_->setKeyboardTracking(false);
    epochs_ = new QSpinBox;
    epochs_->setObjectName(QStringLiteral("epochsBox"));
    epochs_->setRange(1, 10000);
    epochs_->setKeyboardTracking(false);

    penalty_ = new QComboBox;
    penalty_->setObjectName(QStringLiteral("penaltyBox"));
    penalty_->addItems({tr("none"), QStringLiteral("l1"), QStringLiteral("l2")});
    penaltyFactor_ = numberBox(0.0, 10.0, 0.01, 4);
    auto* penaltyRow = new QWidget;
    auto* penaltyLayout = new QHBoxLayout(penaltyRow);
    penaltyLayout->setContentsMargins(0, 0, 0, 0);
    penaltyLayout->addWidget(penalty_);
    penaltyLayout->addWidget(penaltyFactor_, 1);

    clipping_ = new QComboBox;
    clipping_->setObjectName(QStringLiteral("clippingBox"));
    clipping_->addItems({tr("none"), QStringLiteral("clipnorm"), QStringLiteral("clipvalue")});
    clipValue_ = numberBox(0.001, 1000.0, 0.1, 3);
    auto* clipRow = new QWidget;
    auto* clipLayout = new QHBoxLayout(clipRow);
    clipLayout->setContentsMargins(0, 0, 0, 0);
    clipLayout->addWidget(clipping_);
    clipLayout->addWidget(clipValue_, 1);

    speed_ = new QComboBox;
    speed_->setObjectName(QStringLiteral("speedBox"));
    for (int s : speeds)
        speed_->addItem(s == 0 ? tr("as fast as possible") : tr("%1 steps/s").arg(s), s);
    speed_->setCurrentIndex(2);
    session_->setStepsPerSecond(speed_->currentData().toInt());

    form->addRow(tr("Optimizer"), optimizer_);
    form->addRow(tr("Learning rate"), learningRate_);
    form->addRow(tr("Momentum"), momentum_);
    form->addRow(QString(), nesterov_);
    form->addRow(QStringLiteral("beta_1"), beta1_);
    form->addRow(QStringLiteral("beta_2"), beta2_);
    form->addRow(QStringLiteral("rho"), rho_);
    form->addRow(tr("Batch size"), batchSize_);
    form->addRow(tr("Epochs"), epochs_);
    form->addRow(tr("Penalty"), penaltyRow);
    form->addRow(tr("Clipping"), clipRow);
    form->addRow(tr("Speed"), speed_);
    pending_ = new QLabel(
        tr("Takes effect at the next step: the current weights, a fresh optimizer state."));
    pending_->setObjectName(QStringLiteral("pendingLabel"));
    pending_->setWordWrap(true);
    pending_->setVisible(false);
    form->addRow(pending_);

    for (QDoubleSpinBox* b :
         {learningRate_, momentum_, beta1_, beta2_, rho_, penaltyFactor_, clipValue_})
        connect(b, &QDoubleSpinBox::valueChanged, this, &TrainingControls::commit);
    for (QSpinBox* b : {batchSize_, epochs_})
        connect(b, &QSpinBox::valueChanged, this, &TrainingControls::commit);
    for (QComboBox* b : {optimizer_, penalty_, clipping_})
        connect(b, &QComboBox::currentIndexChanged, this, &TrainingControls::commit);
    connect(nesterov_, &QCheckBox::toggled, this, &TrainingControls::commit);
    connect(speed_, &QComboBox::currentIndexChanged, this,
            [this] { session_->setStepsPerSecond(speed_->currentData().toInt()); });
    return box;
}

void TrainingControls::commit()
{
    if (loading_)
        return;
    TrainingSettings s = session_->settings();
    nn::OptimizerSpec& o = s.optimizer;
    const std::string name = optimizer_->currentText().toStdString();
    if (name != o.name) {
        // A different optimizer starts from Keras's defaults, except for the learning rate.
        o = nn::OptimizerSpec{};
        o.name = name;
        o.clipping = session_->settings().optimizer.clipping;
    }
    o.learningRate = learningRate_->value();
    const bool sgd = name == "sgd";
    const bool rmsprop = name == "rmsprop";
    const bool adamLike = name == "adam" || name == "nadam";
    // A hyperparameter left at Keras's default stays unset, so that merely showing it in a
    // box does not count as a change (which would start a new optimizer).
    const auto set = [](std::optional<double>& field, const QDoubleSpinBox* box, double keras) {
        if (box->value() != field.value_or(keras))
            field = box->value();
    };
    if (sgd || rmsprop)
        set(o.momentum, momentum_, 0.0);
    if (sgd)
        o.nesterov = nesterov_->isChecked();
    if (adamLike) {
        set(o.beta1, beta1_, 0.9);
        set(o.beta2, beta2_, 0.999);
    }
    if (rmsprop)
        set(o.rho, rho_, 0.9);
    o.clipping = {};
    if (clipping_->currentIndex() == 1)
        o.clipping.clipnorm = clipValue_->value();
    else if (clipping_->currentIndex() == 2)
        o.clipping.clipvalue = clipValue_->value();
    s.batchSize = batchSize_->value();
    s.epochs = epochs_->value();
    const double factor = penaltyFactor_->value();
    s.regularizer = penalty_->currentIndex() == 1   ? nn::Regularizer::L1(factor)
                    : penalty_->currentIndex() == 2 ? nn::Regularizer::L2(factor)
                                                    : nn::Regularizer{};
    session_->setSettings(s);
    showOptimizerFields();
    updateButtons();
}

void TrainingControls::load()
{
    loading_ = true;
    const TrainingSettings& s = session_->settings();
    const nn::OptimizerSpec& o = s.optimizer;
    optimizer_->setCurrentText(QString::fromStdString(o.name));
    learningRate_->setValue(o.learningRate.value_or(0.001));
    momentum_->setValue(o.momentum.value_or(0.0));
    nesterov_->setChecked(o.nesterov);
    beta1_->setValue(o.beta1.value_or(0.9));
    beta2_->setValue(o.beta2.value_or(0.999));
    rho_->setValue(o.rho.value_or(0.9));
    batchSize_->setValue(static_cast<int>(s.batchSize));
    epochs_->setValue(static_cast<int>(s.epochs));
    penalty_->setCurrentIndex(s.regularizer.l1 != 0 ? 1 : s.regularizer.l2 != 0 ? 2 : 0);
    penaltyFactor_->setValue(s.regularizer.l1 != 0 ? s.regularizer.l1 : s.regularizer.l2);
    clipping_->setCurrentIndex(o.clipping.clipnorm ? 1 : o.clipping.clipvalue ? 2 : 0);
    clipValue_->setValue(o.clipping.clipnorm.value_or(o.clipping.clipvalue.value_or(1.0)));
    loading_ = false;
    showOptimizerFields();
    updateButtons();
}

void TrainingControls::showOptimizerFields()
{
    auto* form = findChild<QFormLayout*>();
    const QString name = optimizer_->currentText();
    const bool sgd = name == u"sgd";
    const bool rmsprop = name == u"rmsprop";
    const bool adamLike = name == u"adam" || name == u"nadam";
    form->setRowVisible(momentum_, sgd || rmsprop);
    form->setRowVisible(nesterov_, sgd);
    form->setRowVisible(beta1_, adamLike);
    form->setRowVisible(beta2_, adamLike);
    form->setRowVisible(rho_, rmsprop);
    penaltyFactor_->setEnabled(penalty_->currentIndex() != 0);
    clipValue_->setEnabled(clipping_->currentIndex() != 0);
}

void TrainingControls::updateButtons()
{
    const bool running = session_->running();
    const bool finished = session_->finished();
    phase_->setEnabled(!running && !finished);
    batch_->setEnabled(!running && !finished);
    epoch_->setEnabled(!running && !finished);
    run_->setEnabled(running || !finished);
    run_->setChecked(running);
    run_->setText(running ? tr("Pause") : tr("Run"));
    pending_->setVisible(session_->changesPending());
}

} // namespace gs
