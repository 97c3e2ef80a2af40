#include "ui/workspace/PresenterConsole.h"

#include "ui/lessons/LessonPlayer.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QTextBrowser>
#include <QTime>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace gs {

namespace {

QString stepHtml(const LessonPlayer* player, int index)
{
    if (index < 0 || index >= player->count())
        return {};
    const LessonStep& step = player->lesson().steps[static_cast<std::size_t>(index)];
    QString html = step.text;
    if (!step.question.isEmpty())
        html += QStringLiteral("<p><b>%1</b> %2</p>").arg(QObject::tr("Question:"), step.question.toHtmlEscaped());
    return html;
}

} // namespace

PresenterConsole::PresenterConsole(LessonPlayer* player, const QList<QAction*>& actions, QWidget* parent)
    : QWidget(parent, Qt::Window)
    , player_(player)
    , progress_(new QLabel(this))
    , current_(new QTextBrowser(this))
    , next_(new QTextBrowser(this))
    , clock_(new QLabel(this))
    , timer_(new QTimer(this))
{
    setObjectName(QStringLiteral("presenterConsole"));
    setWindowTitle(tr("Presenter Console — GradScope"));
    current_->setObjectName(QStringLiteral("consoleCurrent"));
    next_->setObjectName(QStringLiteral("consoleNext"));
    clock_->setObjectName(QStringLiteral("consoleClock"));
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    clock_->setFont(big);
    progress_->setFont(big);

    auto* top = new QHBoxLayout;
    top->addWidget(progress_, 1);
    top->addWidget(clock_);
    auto* texts = new QHBoxLayout;
    auto* now = new QVBoxLayout;
    now->addWidget(new QLabel(tr("<b>On the projector</b>"), this));
    now->addWidget(current_, 1);
    auto* later = new QVBoxLayout;
    later->addWidget(new QLabel(tr("<b>Next</b>"), this));
    later->addWidget(next_, 1);
    texts->addLayout(now, 3);
    texts->addLayout(later, 2);
    auto* buttons = new QHBoxLayout;
    for (QAction* a : actions) {
        auto* b = new QToolButton(this);
        b->setDefaultAction(a);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        buttons->addWidget(b);
        addAction(a);
    }
    buttons->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(texts, 1);
    layout->addLayout(buttons);

    connect(player_, &LessonPlayer::frameApplied, this, &PresenterConsole::refresh);
    connect(player_, &LessonPlayer::revealed, this, &PresenterConsole::refresh);
    connect(timer_, &QTimer::timeout, this, &PresenterConsole::tick);
    elapsed_.start();
    timer_->start(1000);
    refresh();
    tick();
}

void PresenterConsole::refresh()
{
    const int i = player_->index();
    const int n = player_->count();
    progress_->setText(n == 0 ? player_->lesson().title
                              : tr("%1 — step %2 of %3").arg(player_->lesson().title).arg(i + 1).arg(n));
    QString html = stepHtml(player_, i);
    if (player_->concealing())
        html += tr("<p><i>The answer is hidden: Space reveals it.</i></p>");
    // The lesson's notes are for the teacher only.
    if (!player_->lesson().notes.isEmpty())
        html += tr("<hr><p style='color:#bbbbbb'><b>Notes:</b> %1</p>").arg(player_->lesson().notes.toHtmlEscaped());
    current_->setHtml(html);
    next_->setHtml(i + 1 < n ? stepHtml(player_, i + 1) : tr("<p><i>This is the last step.</i></p>"));
}

void PresenterConsole::tick()
{
    const qint64 seconds = elapsed_.elapsed() / 1000;
    clock_->setText(tr("%1   (%2:%3 presenting)")
                        .arg(QTime::currentTime().toString(QStringLiteral("HH:mm")))
                        .arg(seconds / 60)
                        .arg(seconds % 60, 2, 10, QLatin1Char('0')));
}

} // namespace gs
