#pragma once

#include <QElapsedTimer>
#include <QWidget>

class QAction;
class QLabel;
class QTextBrowser;
class QTimer;

namespace gs {

class LessonPlayer;

/// The teacher's own screen while the graph is on the projector (presenter mode with two
/// screens): the step being shown with its question, the next step, a clock with the time spent
/// presenting, and Previous / Reveal / Next (their keys work here too).
class PresenterConsole : public QWidget {
    Q_OBJECT
public:
    PresenterConsole(LessonPlayer* player, const QList<QAction*>& actions, QWidget* parent = nullptr);

    QTextBrowser* current() const { return current_; }
    QTextBrowser* next() const { return next_; }
    QLabel* clock() const { return clock_; }

private:
    void refresh();
    void tick();

    LessonPlayer* player_;
    QLabel* progress_;
    QTextBrowser* current_;
    QTextBrowser* next_;
    QLabel* clock_;
    QTimer* timer_;
    QElapsedTimer elapsed_;
};

} // namespace gs
