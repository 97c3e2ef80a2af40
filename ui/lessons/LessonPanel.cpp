#include "ui/lessons/LessonPanel.h"

#include "ui/lessons/LessonPlayer.h"
#include "ui/lessons/LessonStepDialog.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

namespace gs {

namespace {

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
    , next_(new QAction(tr("Next \u25B6"), this))
    , previous_(new QAction(tr("\u25C0 Previous"), this))
    , record_(new QAction(tr("Record Step"), this))
    , edit_(new QAction(tr("Edit…"), this))
    , up_(new QAction(tr("Move Up"), this))
    , down_(new QAction(tr("Move Down"), this))
    , delete_(new QAction(tr("Delete"), this))
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
    next_->setShortcut(QKeySequence(Qt::Key_PageDown));
    previous_->setShortcut(QKeySequence(Qt::Key_PageUp));
    next_->setToolTip(tr("Next step (Page Down)"));
    previous_->setToolTip(tr("Previous step (Page Up)"));
    record_->setToolTip(tr("Add the editor's current state (graph, values, view, target, sources, dtype, "
                           "selected nodes as highlights, visible panels) as a step after this one"));

    QFont titleFont = title_->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    title_->setFont(titleFont);
    title_->setWordWrap(true);
    text_->setOpenExternalLinks(true);
    text_->setMinimumHeight(120);
    question_->setWordWrap(true);
    question_->setTextFormat(Qt::RichText);
    question_->setFrameShape(QFrame::StyledPanel);
    question_->setMargin(6);

    auto* navigation = new QHBoxLayout;
    navigation->addWidget(button(previous_, this));
    navigation->addStretch();
    navigation->addWidget(counter_);
    navigation->addStretch();
    navigation->addWidget(button(next_, this));
    auto* authoring = new QHBoxLayout;
    for (QAction* a : {record_, edit_, up_, down_, delete_})
        authoring->addWidget(button(a, this));
    authoring->addStretch();

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title_);
    layout->addWidget(text_, 1);
    layout->addWidget(question_);
    layout->addLayout(navigation);
    layout->addLayout(authoring);

    connect(next_, &QAction::triggered, player_, &LessonPlayer::next);
    connect(previous_, &QAction::triggered, player_, &LessonPlayer::previous);
    connect(record_, &QAction::triggered, player_, [this] { player_->recordStep(); });
    connect(edit_, &QAction::triggered, this, &LessonPanel::editStep);
    connect(up_, &QAction::triggered, player_, [this] { player_->move(player_->index(), player_->index() - 1); });
    connect(down_, &QAction::triggered, player_, [this] { player_->move(player_->index(), player_->index() + 1); });
    connect(delete_, &QAction::triggered, player_, [this] { player_->remove(player_->index()); });
    connect(player_, &LessonPlayer::frameApplied, this, &LessonPanel::refresh);
    refresh();
}

void LessonPanel::refresh()
{
    const int n = player_->count();
    const int i = player_->index();
    const QString title = player_->lesson().title;
    title_->setText(title.isEmpty() ? tr("Lesson") : title);
    counter_->setText(n == 0 ? tr("No steps") : tr("Step %1 of %2").arg(i + 1).arg(n));
    if (n == 0)
        text_->setHtml(tr("<p>This document has no lesson steps.</p><p>Open a lesson from <b>Help \u25B8 Lessons</b>, "
                          "or set up the editor and press <b>Record Step</b> to write one.</p>"));
    else
        text_->setHtml(player_->frame().text);
    const QString question = player_->frame().question;
    question_->setText(tr("<b>Question:</b> %1 <i>(the next step answers)</i>").arg(question.toHtmlEscaped()));
    question_->setVisible(!question.isEmpty());
    previous_->setEnabled(i > 0);
    next_->setEnabled(i + 1 < n);
    for (QAction* a : {edit_, delete_})
        a->setEnabled(n > 0);
    up_->setEnabled(i > 0);
    down_->setEnabled(i + 1 < n);
}

void LessonPanel::editStep()
{
    const int i = player_->index();
    if (i >= player_->count())
        return;
    const LessonStep& step = player_->lesson().steps[static_cast<std::size_t>(i)];
    QString text = step.text;
    QString question = step.question;
    const bool ok = askStepText ? askStepText(text, question) : LessonStepDialog::ask(this, text, question);
    if (!ok)
        return;
    player_->setText(i, text);
    player_->setQuestion(i, question);
}

} // namespace gs
