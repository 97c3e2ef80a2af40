#pragma once

#include <QWidget>

class QAction;
class QLabel;
class QSlider;

namespace gs {

class EditorSession;

/// Replays the evaluation one event at a time: forward ops, then the backward sweep where each
/// wire shows upstream × local derivative = contribution and a value used twice sums its parts.
/// Buttons, a timeline slider and keys (Left/Right to step, Shift+Left/Right to the ends,
/// Ctrl+T to start or leave step mode) drive the session's step.
class StepPanel : public QWidget {
    Q_OBJECT
public:
    explicit StepPanel(EditorSession* session, QWidget* parent = nullptr);

    QAction* toggleAction() const { return toggle_; }
    QAction* firstAction() const { return first_; }
    QAction* backAction() const { return back_; }
    QAction* forwardAction() const { return forward_; }
    QAction* lastAction() const { return last_; }
    QSlider* timeline() const { return slider_; }
    QLabel* description() const { return text_; }

    void stepBy(int delta);

private:
    void refresh();

    EditorSession* session_;
    QAction* toggle_;
    QAction* first_;
    QAction* back_;
    QAction* forward_;
    QAction* last_;
    QSlider* slider_;
    QLabel* counter_;
    QLabel* text_;
    bool refreshing_ = false;
};

} // namespace gs
