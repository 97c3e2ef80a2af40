#pragma once

#include <QWidget>

#include <functional>

class QAction;
class QFrame;
class QLabel;
class QPushButton;
class QTextBrowser;
class QToolButton;

namespace gs {

class LessonPlayer;
struct LessonStepWords;

/// The lesson dock: the step's text and question, the step counter, Previous and Next (also
/// Page Up and Page Down anywhere in the window, like a presentation remote), Reveal for a
/// question's answer (also Space), and, in Edit Lesson mode only, the teacher's authoring
/// buttons: record the current state as a step, edit, move, delete (with an Undo right there).
///
/// An exercise step also shows its goal's conditions, each ticked or crossed as the student's
/// edits make it true or not (with what the document shows now), a Hint button that reveals the
/// hints one at a time under the text, the explanation once solved, and how many of the lesson's
/// exercises are solved.
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
    /// The exercise's box (hidden on other steps), its conditions, the Hint button, and the count
    /// of solved exercises ("1 of 4 exercises solved", hidden in a lesson without exercises).
    QFrame* exerciseBox() const { return exercise_; }
    QLabel* exerciseConditions() const { return conditions_; }
    QToolButton* hintButton() const { return hint_; }
    QLabel* exerciseSummary() const { return summary_; }

    /// What the Edit button asks for (the step's text, question, what it hides and its exercise
    /// goal); a dialog by default (tests replace it). Returns false when cancelled.
    std::function<bool(LessonStepWords& words)> askStepText;

private:
    void refresh();
    void refreshExercise();
    void editStep();
    void deleteStep();

    LessonPlayer* player_;
    QLabel* title_;
    QLabel* counter_;
    QTextBrowser* text_;
    QLabel* question_;
    QFrame* exercise_;
    QLabel* exerciseTitle_;
    QLabel* conditions_;
    QToolButton* hint_;
    QLabel* summary_;
    QString shownHtml_; ///< what the text view shows: the step's text, the hints shown, the explanation
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
