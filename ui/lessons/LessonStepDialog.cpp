#include "ui/lessons/LessonStepDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace gs {

namespace {

QPlainTextEdit* lines(const QString& text, int rows, QWidget* parent)
{
    auto* edit = new QPlainTextEdit(text, parent);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setFixedHeight(edit->fontMetrics().lineSpacing() * rows + 12);
    return edit;
}

} // namespace

LessonStepDialog::LessonStepDialog(const LessonStepWords& words, LabelCheck labelProblems, QWidget* parent)
    : QDialog(parent)
    , labelProblems_(std::move(labelProblems))
    , source_(new QPlainTextEdit(words.text, this))
    , preview_(new QTextBrowser(this))
    , question_(new QLineEdit(words.question, this))
    , gradients_(new QCheckBox(tr("the gradients"), this))
    , values_(new QCheckBox(tr("the values computed from the inputs"), this))
    , conditions_(lines(words.goal ? words.goal->conditionsText() : QString(), 4, this))
    , hints_(lines(words.goal ? words.goal->hints.join(u'\n') : QString(), 3, this))
    , explanation_(new QLineEdit(words.goal ? words.goal->explanation : QString(), this))
    , goalStatus_(new QLabel(this))
    , buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    gradients_->setObjectName(QStringLiteral("concealGradients"));
    values_->setObjectName(QStringLiteral("concealValues"));
    gradients_->setChecked(words.conceal.contains(QStringLiteral("gradients")));
    values_->setChecked(words.conceal.contains(QStringLiteral("values")));
    gradients_->setToolTip(tr("On the wires, in the answer and in the tape's table, until Space or the next step"));
    setWindowTitle(tr("Edit Lesson Step"));
    source_->setObjectName(QStringLiteral("stepSource"));
    question_->setObjectName(QStringLiteral("stepQuestion"));
    conditions_->setObjectName(QStringLiteral("stepConditions"));
    hints_->setObjectName(QStringLiteral("stepHints"));
    explanation_->setObjectName(QStringLiteral("stepExplanation"));
    goalStatus_->setObjectName(QStringLiteral("stepGoalStatus"));
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    conditions_->setFont(mono);
    conditions_->setPlaceholderText(tr("grad(w2) is None\nf is unchanged\nloss after 100 steps with rate lr < 0.5"));
    conditions_->setToolTip(tr("One condition a line, on the student's document as it is evaluated: a node's value (f == 105, "
                               "f is unchanged, z is finite), a gradient (grad(w2) is None), the dtype (dtype is float32), "
                               "or a value after gradient descent (loss after 100 steps with rate lr < 0.5)"));
    hints_->setPlaceholderText(tr("One hint a line, revealed one at a time"));
    explanation_->setPlaceholderText(tr("Shown once every condition holds (rich text)"));
    goalStatus_->setWordWrap(true);
    goalStatus_->setTextFormat(Qt::RichText);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(source_);
    splitter->addWidget(preview_);
    auto* form = new QFormLayout;
    form->addRow(tr("Question (answered by the next step):"), question_);
    auto* hidden = new QHBoxLayout;
    hidden->addWidget(gradients_);
    hidden->addWidget(values_);
    hidden->addStretch();
    form->addRow(tr("Hide until revealed:"), hidden);
    form->addRow(tr("Exercise conditions (one a line):"), conditions_);
    form->addRow(QString(), goalStatus_);
    form->addRow(tr("Hints (one a line):"), hints_);
    form->addRow(tr("When solved:"), explanation_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addLayout(form);
    layout->addWidget(buttons_);
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(source_, &QPlainTextEdit::textChanged, this, [this] { preview_->setHtml(source_->toPlainText()); });
    connect(conditions_, &QPlainTextEdit::textChanged, this, &LessonStepDialog::checkGoal);
    connect(hints_, &QPlainTextEdit::textChanged, this, &LessonStepDialog::checkGoal);
    connect(explanation_, &QLineEdit::textChanged, this, &LessonStepDialog::checkGoal);
    preview_->setHtml(words.text);
    checkGoal();
    resize(760, 580);
}

void LessonStepDialog::checkGoal()
{
    goal_.reset();
    goalError_.clear();
    QString error;
    const std::optional<std::vector<GoalCondition>> conditions = readConditions(conditions_->toPlainText(), &error);
    QStringList hints;
    for (const QString& line : hints_->toPlainText().split(u'\n'))
        if (!line.trimmed().isEmpty())
            hints << line.trimmed();
    if (!conditions) {
        goalError_ = error;
    } else if (conditions->empty()) {
        if (!hints.isEmpty() || !explanation_->text().trimmed().isEmpty())
            goalError_ = tr("hints and an explanation need at least one condition");
    } else if (hints.size() > goallimits::hints) {
        goalError_ = tr("%1 hints; at most %2 are allowed").arg(hints.size()).arg(goallimits::hints);
    } else {
        ExerciseGoal goal;
        goal.conditions = *conditions;
        goal.hints = hints;
        goal.explanation = explanation_->text().trimmed();
        const QStringList problems = labelProblems_ ? labelProblems_(goal) : QStringList();
        if (problems.isEmpty())
            goal_ = std::move(goal);
        else
            goalError_ = problems.join(QStringLiteral("; "));
    }
    if (!goalError_.isEmpty()) {
        goalStatus_->setText(QStringLiteral("<span style='color:#c62828'>%1</span>").arg(goalError_.toHtmlEscaped()));
    } else if (!goal_) {
        goalStatus_->setText(tr("<i>No conditions: the step is not an exercise.</i>"));
    } else {
        QStringList items;
        for (const GoalCondition& c : goal_->conditions)
            items << c.description().toHtmlEscaped();
        goalStatus_->setText(tr("The student makes these true: %1").arg(items.join(QStringLiteral("; "))));
    }
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(goalError_.isEmpty());
}

LessonStepWords LessonStepDialog::words() const
{
    LessonStepWords w;
    w.text = source_->toPlainText();
    w.question = question_->text();
    if (gradients_->isChecked())
        w.conceal << QStringLiteral("gradients");
    if (values_->isChecked())
        w.conceal << QStringLiteral("values");
    w.goal = goal_;
    return w;
}

bool LessonStepDialog::ask(QWidget* parent, LessonStepWords& words, const LabelCheck& labelProblems)
{
    LessonStepDialog dialog(words, labelProblems, parent);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    words = dialog.words();
    return true;
}

} // namespace gs
