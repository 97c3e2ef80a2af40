#pragma once

#include "document/ExerciseGoal.h"

#include <QDialog>

#include <functional>
#include <optional>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTextBrowser;

namespace gs {

/// What Edit Text… changes in a step: its words, what its question hides, and its exercise goal.
struct LessonStepWords {
    QString text;
    QString question;
    QStringList conceal;
    std::optional<ExerciseGoal> goal;
};

/// Edits a step's text (rich text, written as HTML, with a live preview), its question, what the
/// question hides until the teacher reveals it (the gradients, the computed values), and the
/// exercise: conditions one a line in the condition language (see docs/lessons.md), hints one a
/// line in the order they are revealed, and what is shown once it is solved. Conditions are read
/// as they are typed; OK waits until they all read and name nodes the step's graph has.
class LessonStepDialog : public QDialog {
    Q_OBJECT
public:
    /// `labelProblems` says what a goal names that the step's graph does not have (empty: fine).
    using LabelCheck = std::function<QStringList(const ExerciseGoal&)>;

    LessonStepDialog(const LessonStepWords& words, LabelCheck labelProblems = {}, QWidget* parent = nullptr);

    /// The words as edited; the goal unset when there are no conditions.
    LessonStepWords words() const;
    /// Why the goal cannot be kept as it is ("" when it can).
    QString goalError() const { return goalError_; }

    /// Shows the dialog; false when cancelled, else `words` holds the new ones.
    static bool ask(QWidget* parent, LessonStepWords& words, const LabelCheck& labelProblems = {});

private:
    void checkGoal();

    LabelCheck labelProblems_;
    QPlainTextEdit* source_;
    QTextBrowser* preview_;
    QLineEdit* question_;
    QCheckBox* gradients_;
    QCheckBox* values_;
    QPlainTextEdit* conditions_;
    QPlainTextEdit* hints_;
    QLineEdit* explanation_;
    QLabel* goalStatus_;
    QDialogButtonBox* buttons_;
    std::optional<ExerciseGoal> goal_;
    QString goalError_;
};

} // namespace gs
