#pragma once

#include <QWidget>

#include <functional>

class QAction;
class QLabel;
class QPushButton;
class QTextBrowser;
class QToolButton;

namespace gs {

class LessonPlayer;

/// The lesson dock: the step's text and question, the step counter, Previous and Next (also
/// Page Up and Page Down anywhere in the window, like a presentation remote), and the teacher's
/// authoring buttons: record the current state as a step, edit, move, delete.
class LessonPanel : public QWidget {
    Q_OBJECT
public:
    explicit LessonPanel(LessonPlayer* player, QWidget* parent = nullptr);

    QAction* nextAction() const { return next_; }
    QAction* previousAction() const { return previous_; }
    QAction* recordAction() const { return record_; }
    QTextBrowser* textView() const { return text_; }
    QLabel* counter() const { return counter_; }
    QLabel* question() const { return question_; }

    /// What the Edit button asks for; a dialog by default (tests replace it). Returns false when
    /// cancelled.
    std::function<bool(QString& text, QString& question)> askStepText;

private:
    void refresh();
    void editStep();

    LessonPlayer* player_;
    QLabel* title_;
    QLabel* counter_;
    QTextBrowser* text_;
    QLabel* question_;
    QAction* next_;
    QAction* previous_;
    QAction* record_;
    QAction* edit_;
    QAction* up_;
    QAction* down_;
    QAction* delete_;
};

} // namespace gs
