#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QSlider;

namespace gs {

class TrainingSession;

/// The run's timeline under the curves: a slider over the recorded steps (the last 10,000), with
/// the keyboard's Left/Right (a step), Page Up/Down (an epoch's worth) and Home/End; a click
/// on the groove jumps there. Anywhere but the end it shows that step in the diagram, the
/// heatmaps and a marker on the curves; at the end it follows the live run. "Resume from here"
/// trains on from the shown step. The memory the records take is stated beside it. Two buttons
/// keep the run as the reference for the next one, or drop it; the label names how they differ.
class TrainingTimeline : public QWidget {
    Q_OBJECT
public:
    explicit TrainingTimeline(TrainingSession* session, QWidget* parent = nullptr);

    QSlider* slider() const { return slider_; }
    QLabel* stepLabel() const { return step_; }
    QLabel* memoryLabel() const { return memory_; }
    QLabel* comparisonLabel() const { return comparison_; }
    QPushButton* resumeButton() const { return resume_; }
    QPushButton* keepReferenceButton() const { return keep_; }
    QPushButton* clearReferenceButton() const { return clear_; }

private:
    /// The slider, labels and buttons from the session (without sending anything back).
    void refresh();
    void scrubbed(int value);

    TrainingSession* session_;
    QSlider* slider_;
    QLabel* step_;
    QLabel* memory_;
    QLabel* comparison_;
    QPushButton* resume_;
    QPushButton* keep_;
    QPushButton* clear_;
    bool refreshing_ = false;
};

} // namespace gs
