#pragma once

#include "ui/training/TrainingSettings.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace gs {

class TrainingSession;

/// The buttons that advance the run (a phase, a batch, an epoch, run/pause, reset) and the
/// settings a class may change between steps. Every edit goes to the session at once; the label
/// under the form says when part of it waits for the next step.
class TrainingControls : public QWidget {
    Q_OBJECT
public:
    explicit TrainingControls(TrainingSession* session, QWidget* parent = nullptr);

    QPushButton* phaseButton() const { return phase_; }
    QPushButton* batchButton() const { return batch_; }
    QPushButton* epochButton() const { return epoch_; }
    QPushButton* runButton() const { return run_; }
    QPushButton* resetButton() const { return reset_; }
    QDoubleSpinBox* learningRateBox() const { return learningRate_; }
    QSpinBox* batchSizeBox() const { return batchSize_; }
    QComboBox* optimizerBox() const { return optimizer_; }

private:
    QWidget* createButtons();
    QWidget* createForm();
    /// The settings the widgets show, sent to the session.
    void commit();
    /// The widgets from the session's settings (without sending them back).
    void load();
    /// Shows the hyperparameters the chosen optimizer has.
    void showOptimizerFields();
    void updateButtons();

    TrainingSession* session_;
    bool loading_ = false;
    QPushButton* phase_ = nullptr;
    QPushButton* batch_ = nullptr;
    QPushButton* epoch_ = nullptr;
    QPushButton* run_ = nullptr;
    QPushButton* reset_ = nullptr;
    QComboBox* optimizer_ = nullptr;
    QDoubleSpinBox* learningRate_ = nullptr;
    QDoubleSpinBox* momentum_ = nullptr;
    QCheckBox* nesterov_ = nullptr;
    QDoubleSpinBox* beta1_ = nullptr;
    QDoubleSpinBox* beta2_ = nullptr;
    QDoubleSpinBox* rho_ = nullptr;
    QSpinBox* batchSize_ = nullptr;
    QSpinBox* epochs_ = nullptr;
    QComboBox* penalty_ = nullptr;
    QDoubleSpinBox* penaltyFactor_ = nullptr;
    QComboBox* clipping_ = nullptr;
    QDoubleSpinBox* clipValue_ = nullptr;
    QComboBox* speed_ = nullptr;
    QLabel* pending_ = nullptr;
};

} // namespace gs
