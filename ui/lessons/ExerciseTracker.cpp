#include "ui/lessons/ExerciseTracker.h"

#include "ui/editor/EditorSession.h"
#include "ui/lessons/LessonPlayer.h"

#include <algorithm>

namespace gs {

ExerciseTracker::ExerciseTracker(LessonPlayer* player, EditorSession* session, QObject* parent)
    : QObject(parent)
    , player_(player)
    , session_(session)
{
    connect(player_, &LessonPlayer::lessonLoaded, this, &ExerciseTracker::lessonLoaded);
    connect(player_, &LessonPlayer::frameApplied, this, &ExerciseTracker::stepShown);
    // While a step is being applied the document is the step's start, not the student's work;
    // the check follows once the step is shown (frameApplied).
    connect(session_, &EditorSession::evaluated, this, [this] {
        if (!player_->applying())
            recheck(true);
    });
}

const ExerciseGoal* ExerciseTracker::goal() const
{
    const LessonFrame& frame = player_->frame();
    return player_->count() > 0 && frame.goal ? &*frame.goal : nullptr;
}

bool ExerciseTracker::solvedHere() const { return goal() && solved_.count(player_->index()) > 0; }

void ExerciseTracker::showHint()
{
    const ExerciseGoal* g = goal();
    if (!g || hintsShown_ >= g->hints.size())
        return;
    ++hintsShown_;
    emit changed();
}

int ExerciseTracker::exerciseCount() const
{
    const std::vector<LessonStep>& steps = player_->lesson().steps;
    return static_cast<int>(std::count_if(steps.begin(), steps.end(), [](const LessonStep& s) { return s.goal.has_value(); }));
}

int ExerciseTracker::solvedCount() const
{
    const std::vector<LessonStep>& steps = player_->lesson().steps;
    return static_cast<int>(std::count_if(solved_.begin(), solved_.end(), [&steps](int i) {
        return i < static_cast<int>(steps.size()) && steps[static_cast<std::size_t>(i)].goal.has_value();
    }));
}

void ExerciseTracker::lessonLoaded()
{
    solved_.clear();
    step_ = -1;
    hintsShown_ = 0;
}

void ExerciseTracker::stepShown()
{
    const LessonFrame& frame = player_->frame();
    if (frame.index != step_) {
        step_ = frame.index;
        hintsShown_ = 0;
    }
    if (goal()) {
        // What "unchanged" compares with: the step as it starts, evaluated as the step asks.
        startData_ = frame.data;
        start_ = evaluate(startData_, frame.evaluationOptions());
    } else {
        startData_ = GraphData{};
        start_ = Evaluation{};
    }
    recheck(false);
}

void ExerciseTracker::recheck(bool byStudent)
{
    check_ = GoalCheck{};
    if (const ExerciseGoal* g = goal()) {
        const ExerciseState now{&session_->data(), &session_->evaluation(), session_->evaluationOptions()};
        const ExerciseState start{&startData_, &start_, {}};
        check_ = checkGoal(*g, now, start);
        if (byStudent && check_.solved())
            solved_.insert(player_->index());
    }
    emit changed();
}

} // namespace gs
