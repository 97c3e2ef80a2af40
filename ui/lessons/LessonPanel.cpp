#include "ui/lessons/LessonPanel.h"

#include "ui/lessons/ExerciseTracker.h"
#include "ui/lessons/LessonPlayer.h"
#include "ui/lessons/LessonStepDialog.h"

#include <QAction>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QTextBrowser>
#include <QScrollArea>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace gs {

namespace {

/// Legible on the light desk palette and on presenter mode's black.
const QString passColour = QStringLiteral("#43a047");
const QString failColour = QStringLiteral("#e53935");

QToolButton* button(QAction* action, QWidget* parent)
{
    auto* b = new QToolButton(parent);
    b->setDefaultAction(action);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return b;
}

} // namespace

LessonPanel::LessonPanel(LessonPlayer* player, QWidget* parent)
    : QWidget(parent)
    , player_(player)
    , title_(new QLabel(this))
    , counter_(new QLabel(this))
    , text_(new QTextBrowser(this))
    , question_(new QLabel(this))
    , exercise_(new QFrame(this))
    , exerciseTitle_(new QLabel(exercise_))
    , conditions_(new QLabel(exercise_))
    , hint_(new QToolButton(exercise_))
    , summary_(new QLabel(this))
    , next_(new QAction(tr("Next \u25B6"), this))
    , previous_(new QAction(tr("\u25C0 Previous"), this))
    , record_(new QAction(tr("Record Step"), this))
    , edit_(new QAction(tr("Edit Step…"), this))
    , up_(new QAction(tr("Move Up"), this))
    , down_(new QAction(tr("Move Down"), this))
    , delete_(new QAction(tr("Delete Step"), this))
    , reveal_(new QAction(tr("Reveal the Answer"), this))
    , authoringRow_(new QWidget(this))
    , undoBar_(new QWidget(this))
    , undoText_(new QLabel(undoBar_))
{
    title_->setObjectName(QStringLiteral("lessonTitle"));
    counter_->setObjectName(QStringLiteral("lessonCounter"));
    text_->setObjectName(QStringLiteral("lessonText"));
    question_->setObjectName(QStringLiteral("lessonQuestion"));
    next_->setObjectName(QStringLiteral("nextStepAction"));
    previous_->setObjectName(QStringLiteral("previousStepAction"));
    record_->setObjectName(QStringLiteral("recordStepAction"));
    edit_->setObjectName(QStringLiteral("editStepAction"));
    up_->setObjectName(QStringLiteral("moveStepUpAction"));
    down_->setObjectName(QStringLiteral("moveStepDownAction"));
    delete_->setObjectName(QStringLiteral("deleteStepAction"));
    reveal_->setObjectName(QStringLiteral("revealAction"));
    exercise_->setObjectName(QStringLiteral("lessonExercise"));
    exerciseTitle_->setObjectName(QStringLiteral("exerciseTitle"));
    conditions_->setObjectName(QStringLiteral("exerciseConditions"));
    hint_->setObjectName(QStringLiteral("hintButton"));
    summary_->setObjectName(QStringLiteral("lessonExerciseSummary"));
    authoringRow_->setObjectName(QStringLiteral("lessonAuthoring"));
    undoBar_->setObjectName(QStringLiteral("lessonUndoBar"));
    next_->setShortcut(QKeySequence(Qt::Key_PageDown));
    previous_->setShortcut(QKeySequence(Qt::Key_PageUp));
    reveal_->setShortcut(QKeySequence(Qt::Key_Space));
    next_->setToolTip(tr("Next step (Page Down)"));
    previous_->setToolTip(tr("Previous step (Page Up)"));
    reveal_->setToolTip(tr("Show what the question hides (Space)"));
    record_->setToolTip(tr("Add the editor's current state (graph, values, view, target, sources, dtype, "
                           "selected nodes as highlights, visible panels) as a step after this one"));
    delete_->setToolTip(tr("Delete this step (undoable)"));

    QFont titleFont = title_->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    title_->setFont(titleFont);
    title_->setWordWrap(true);
    text_->setOpenExternalLinks(true);
    text_->setMinimumHeight(80);
    question_->setWordWrap(true);
    question_->setTextFormat(Qt::RichText);
    question_->setFrameShape(QFrame::StyledPanel);
    question_->setMargin(6);

    // The exercise: its conditions ticked live, and hints one at a time.
    exercise_->setFrameShape(QFrame::StyledPanel);
    exerciseTitle_->setTextFormat(Qt::RichText);
    exerciseTitle_->setWordWrap(true);
    conditions_->setTextFormat(Qt::RichText);
    conditions_->setWordWrap(true);
    hint_->setText(tr("Hint"));
    hint_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    hint_->setToolTip(tr("Reveal the next hint, under the step's text"));
    auto* exerciseLayout = new QVBoxLayout(exercise_);
    exerciseLayout->setContentsMargins(6, 4, 6, 4);
    exerciseLayout->setSpacing(2);
    exerciseLayout->addWidget(exerciseTitle_);
    exerciseLayout->addWidget(conditions_);
    exerciseLayout->addWidget(hint_, 0, Qt::AlignRight);
    exercise_->hide();
    summary_->setAlignment(Qt::AlignCenter);
    summary_->hide();

    auto* revealButton = button(reveal_, this);
    revealButton->setObjectName(QStringLiteral("revealButton"));

    auto* navigation = new QHBoxLayout;
    navigation->addWidget(button(previous_, this));
    navigation->addStretch();
    navigation->addWidget(counter_);
    navigation->addStretch();
    navigation->addWidget(button(next_, this));

    // Authoring: two rows, so that they fit a narrow dock; out of the way of Next.
    auto* authoring = new QVBoxLayout(authoringRow_);
    authoring->setContentsMargins(0, 6, 0, 0);
    auto* firstRow = new QHBoxLayout;
    auto* secondRow = new QHBoxLayout;
    for (QAction* a : {record_, edit_})
        firstRow->addWidget(button(a, authoringRow_));
    firstRow->addStretch();
    for (QAction* a : {up_, down_})
        secondRow->addWidget(button(a, authoringRow_));
    secondRow->addStretch();
    secondRow->addWidget(button(delete_, authoringRow_));
    authoring->addLayout(firstRow);
    authoring->addLayout(secondRow);
    authoringRow_->hide();

    auto* undoLayout = new QHBoxLayout(undoBar_);
    undoLayout->setContentsMargins(0, 0, 0, 0);
    undoText_->setWordWrap(true);
    auto* undo = new QToolButton(undoBar_);
    undo->setObjectName(QStringLiteral("undoDeleteButton"));
    undo->setText(tr("Undo"));
    undoLayout->addWidget(undoText_, 1);
    undoLayout->addWidget(undo);
    undoBar_->hide();
    connect(undo, &QToolButton::clicked, this, [this] {
        undoBar_->hide();
        player_->undoStack()->undo();
    });

    // What is read scrolls; the question and the controls stay in view below it, however small
    // the dock (on a 1024x768 projector the Trace panel can leave it a few lines).
    auto* reading = new QWidget;
    reading->setObjectName(QStringLiteral("lessonReading"));
    auto* readingLayout = new QVBoxLayout(reading);
    readingLayout->setContentsMargins(0, 0, 0, 0);
    readingLayout->addWidget(title_);
    readingLayout->addWidget(text_, 1);
    auto* readingScroll = new QScrollArea;
    readingScroll->setObjectName(QStringLiteral("lessonReadingScroll"));
    readingScroll->setWidget(reading);
    readingScroll->setWidgetResizable(true);
    readingScroll->setFrameShape(QFrame::NoFrame);
    readingScroll->setMinimumHeight(40);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(readingScroll, 1);
    // The exercise and the question stay in view with the controls: they are what the class is asked.
    layout->addWidget(exercise_);
    layout->addWidget(question_);
    // The button under the question's right end, so that a narrow dock keeps the question's width.
    layout->addWidget(revealButton, 0, Qt::AlignRight);
    layout->addLayout(navigation);
    layout->addWidget(summary_);
    layout->addWidget(undoBar_);
    layout->addWidget(authoringRow_);

    connect(next_, &QAction::triggered, player_, &LessonPlayer::next);
    connect(previous_, &QAction::triggered, player_, &LessonPlayer::previous);
    connect(reveal_, &QAction::triggered, player_, &LessonPlayer::reveal);
    connect(record_, &QAction::triggered, player_, [this] { player_->recordStep(); });
    connect(edit_, &QAction::triggered, this, &LessonPanel::editStep);
    connect(up_, &QAction::triggered, player_, [this] { player_->move(player_->index(), player_->index() - 1); });
    connect(down_, &QAction::triggered, player_, [this] { player_->move(player_->index(), player_->index() + 1); });
    connect(delete_, &QAction::triggered, this, &LessonPanel::deleteStep);
    connect(player_, &LessonPlayer::frameApplied, this, &LessonPanel::refresh);
    connect(player_, &LessonPlayer::revealed, this, &LessonPanel::refresh);
    connect(player_, &LessonPlayer::lessonLoaded, undoBar_, &QWidget::hide);
    connect(player_->exercises(), &ExerciseTracker::changed, this, &LessonPanel::refreshExercise);
    connect(hint_, &QToolButton::clicked, player_->exercises(), &ExerciseTracker::showHint);
    refresh();
}

void LessonPanel::setEditAction(QAction* action)
{
    if (editButton_)
        return;
    editButton_ = button(action, this);
    editButton_->setObjectName(QStringLiteral("editLessonButton"));
    editButton_->setText(tr("Edit"));
    editButton_->setToolTip(action->statusTip());
    if (auto* layout = qobject_cast<QVBoxLayout*>(this->layout())) {
        auto* row = new QHBoxLayout;
        layout->removeWidget(title_);
        row->addWidget(title_, 1);
        row->addWidget(editButton_, 0, Qt::AlignTop);
        layout->insertLayout(0, row);
    }
}

void LessonPanel::setAuthoring(bool on)
{
    authoring_ = on;
    authoringRow_->setVisible(on);
    if (!on)
        undoBar_->hide();
    refresh();
}

void LessonPanel::refresh()
{
    const int n = player_->count();
    const int i = player_->index();
    const QString title = player_->lesson().title;
    title_->setText(title.isEmpty() ? tr("Lesson") : title);
    counter_->setText(n == 0 ? tr("No steps") : tr("Step %1 of %2").arg(i + 1).arg(n));
    if (n == 0) {
        shownHtml_.clear();
        text_->setHtml(tr("<p>This lesson has no steps yet.</p><p>Set up the editor (graph, values, view, "
                          "panels) and press <b>Record Step</b>; then <b>Edit Step…</b> to say what it shows.</p>"));
    }
    const QString question = player_->frame().question;
    const QString hint = player_->concealing() ? tr("the answer is hidden until you reveal it")
                                               : tr("the next step answers");
    question_->setText(tr("<b>Question:</b> %1 <i>(%2)</i>").arg(question.toHtmlEscaped(), hint));
    question_->setVisible(!question.isEmpty());
    reveal_->setEnabled(player_->concealing());
    if (auto* revealButton = findChild<QToolButton*>(QStringLiteral("revealButton")))
        revealButton->setVisible(player_->concealing());
    previous_->setEnabled(i > 0);
    next_->setEnabled(i + 1 < n);
    for (QAction* a : {edit_, delete_})
        a->setEnabled(authoring_ && n > 0);
    record_->setEnabled(authoring_);
    up_->setEnabled(authoring_ && i > 0);
    down_->setEnabled(authoring_ && i + 1 < n);
    refreshExercise();
}

void LessonPanel::refreshExercise()
{
    const ExerciseTracker* exercises = player_->exercises();
    const ExerciseGoal* goal = exercises->goal();
    const int n = player_->count();
    const int total = n > 0 ? exercises->exerciseCount() : 0;
    summary_->setVisible(total > 0);
    summary_->setText(total == 1 ? tr("%1 of 1 exercise solved").arg(exercises->solvedCount())
                                 : tr("%1 of %2 exercises solved").arg(exercises->solvedCount()).arg(total));
    exercise_->setVisible(goal != nullptr);

    // The text view shows the step's text, then the hints revealed and, once solved, the
    // explanation; it is set again only when that changes, so that its scrolling stays.
    QString html = n > 0 ? player_->frame().text : QString();
    if (goal) {
        for (int h = 0; h < std::min<int>(exercises->hintsShown(), static_cast<int>(goal->hints.size())); ++h)
            html += tr("<p><b>Hint %1:</b> %2</p>").arg(h + 1).arg(goal->hints[h]);
        if (exercises->check().solved() && !goal->explanation.isEmpty())
            html += tr("<p><b>Solved.</b> %1</p>").arg(goal->explanation);
    }
    if (n > 0 && html != shownHtml_) {
        shownHtml_ = html;
        text_->setHtml(html);
    }
    if (!goal)
        return;

    const GoalCheck& check = exercises->check();
    const bool solved = check.solved();
    exerciseTitle_->setText(solved ? tr("<b>Exercise: solved</b> <span style='color:%1'>✔</span>").arg(passColour)
                            : exercises->solvedHere() ? tr("<b>Exercise</b> (solved before): make these true")
                                                      : tr("<b>Exercise:</b> make these true"));
    // What the document shows now would give away what the step's question hides.
    const bool details = !player_->concealing();
    QStringList lines;
    for (std::size_t c = 0; c < goal->conditions.size(); ++c) {
        const bool pass = c < check.conditions.size() && check.conditions[c].passed;
        QString line = QStringLiteral("<span style='color:%1'>%2</span> %3")
                           .arg(pass ? passColour : failColour, pass ? QStringLiteral("✔") : QStringLiteral("✘"),
                                goal->conditions[c].description().toHtmlEscaped());
        if (details && c < check.conditions.size() && !check.conditions[c].found.isEmpty())
            line += QStringLiteral(" <i>(now %1)</i>").arg(check.conditions[c].found.toHtmlEscaped());
        lines << line;
    }
    conditions_->setText(lines.join(QStringLiteral("<br>")));
    const int shown = std::min<int>(exercises->hintsShown(), static_cast<int>(goal->hints.size()));
    const int hints = static_cast<int>(goal->hints.size());
    hint_->setVisible(hints > 0);
    hint_->setEnabled(shown < hints);
    hint_->setText(shown == 0 ? tr("Hint") : shown < hints ? tr("Next Hint (%1 of %2)").arg(shown + 1).arg(hints) : tr("No More Hints"));
}

void LessonPanel::editStep()
{
    const int i = player_->index();
    if (i >= player_->count())
        return;
    const LessonStep& step = player_->lesson().steps[static_cast<std::size_t>(i)];
    LessonStepWords words{step.text, step.question, step.conceal, step.goal};
    // A goal names nodes of the graph the step starts from.
    const GraphData start = player_->frame().data;
    const auto labels = [start](const ExerciseGoal& goal) { return goalProblems(goal, start); };
    const bool ok = askStepText ? askStepText(words) : LessonStepDialog::ask(this, words, labels);
    if (!ok)
        return;
    player_->editStep(i, words.text, words.question, words.conceal, words.goal);
}

void LessonPanel::deleteStep()
{
    const int i = player_->index();
    if (!authoring_ || i >= player_->count())
        return;
    player_->remove(i);
    // Deleting is one click: say what happened, with the way back right beside it.
    undoText_->setText(tr("Deleted step %1.").arg(i + 1));
    undoBar_->show();
}

} // namespace gs
