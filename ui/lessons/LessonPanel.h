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
/// Page Up and Page Down anywhere in the window, like a presentation remote), Reveal for a
/// question's answer (also Space), and, in Edit Lesson mode only, the teacher's authoring
/// buttons: record the current state as a step, edit, move, delete (with an Undo right there).
class LessonPanel : public QWidget {
    Q_OBJECT
public:
    explicit LessonPanel(LessonPlayer* player, QWidget* parent = nullptr);

    QAction* nextAction() const { return next_; }
    QAction* previousAction() const { return previous_; }
    QAction* recordAction() const { return record_; }
    QAction* revealAction() const { return reveal_; }
    QAction* deleteAction() const { return delete_; }
    /// The Edit Lesson toggle, shown as a button beside the step counter.
    void setEditAction(QAction* action);
    /// Shows or hides the authoring buttons.
    void setAuthoring(bool on);
    bool authoring() const { return authoring_; }
    /// The line that offers to undo the step just deleted (hidden otherwise).
    QWidget* undoBar() const { return undoBar_; }
    QTextBrowser* textView() const { return text_; }
    QLabel* counter() const { return counter_; }
    QLabel* question() const { return question_; }

    /// What the Edit button asks for (the step's text, question and what it hides); a dialog by
    /// default (tests replace it). Returns false when cancelled.
    std::function<bool(QString& text, QString& question, QStringList& conceal)> askStepText;

private:
    void refresh();
    void editStep();
    void deleteStep();

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
    QAction* reveal_;
    QToolButton* editButton_ = nullptr;
    QWidget* authoringRow_;
    QWidget* undoBar_;
    QLabel* undoText_;
    bool authoring_ = false;
};

} // namespace gs
