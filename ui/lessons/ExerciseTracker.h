#pragma once

#include "document/Evaluation.h"
#include "document/ExerciseCheck.h"

#include <QObject>

#include <set>

namespace gs {

class EditorSession;
class LessonPlayer;

/// The exercise of the step shown, checked live: after every evaluation of the student's
/// document (every edit, every change of dtype or sources), its goal is checked against the
/// document as it is now and the step's starting state (for "unchanged"). Also which hints have
/// been revealed on this step, and which exercises of the lesson have been solved.
///
/// A goal counts as solved once the student's edits have met it; the step's own starting state
/// never counts, so that a step shown does not solve itself. Solved exercises are remembered
/// until another document is opened: coming back to a solved step shows its start again, and it
/// stays solved.
class ExerciseTracker : public QObject {
    Q_OBJECT
public:
    ExerciseTracker(LessonPlayer* player, EditorSession* session, QObject* parent = nullptr);

    /// The goal of the step shown, or nullptr when it is not an exercise.
    const ExerciseGoal* goal() const;
    /// The goal checked on the document as it is now (empty when there is no goal).
    const GoalCheck& check() const { return check_; }
    /// Whether the step shown has been solved (now or earlier).
    bool solvedHere() const;

    /// How many of the goal's hints are shown (they are revealed in order).
    int hintsShown() const { return hintsShown_; }
    /// Reveals the next hint, if there is one.
    void showHint();

    /// Steps of the lesson that are exercises, and how many of them have been solved.
    int exerciseCount() const;
    int solvedCount() const;

signals:
    /// The check, the hints shown or the count of solved exercises changed.
    void changed();

private:
    void stepShown();
    void lessonLoaded();
    void recheck(bool byStudent);

    LessonPlayer* player_;
    EditorSession* session_;
    GraphData startData_;
    Evaluation start_;
    GoalCheck check_;
    int step_ = -1; ///< the step the hints were revealed on
    int hintsShown_ = 0;
    std::set<int> solved_;
};

} // namespace gs
