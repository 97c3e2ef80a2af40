#pragma once

#include "document/Evaluation.h"
#include "document/ExerciseGoal.h"
#include "document/GraphData.h"

#include <QStringList>

#include <vector>

namespace gs {

/// A document and its evaluation, as a goal is checked against them.
struct ExerciseState {
    const GraphData* data = nullptr;
    const Evaluation* evaluation = nullptr;
    /// What `evaluation` was computed with: a training condition runs the same evaluation again
    /// (its dtype, its sources) with the values gradient descent gives.
    EvaluationOptions options;
};

/// One condition checked: whether it holds, and what the document shows now, in words ("105",
/// "None: w2 reaches f only through stop_gradient", "no node is labelled w9").
struct ConditionCheck {
    bool passed = false;
    QString found;
    friend bool operator==(const ConditionCheck&, const ConditionCheck&) = default;
};

struct GoalCheck {
    std::vector<ConditionCheck> conditions; ///< in the goal's order
    /// Every condition holds (and there is at least one).
    bool solved() const;
    int passed() const;
    friend bool operator==(const GoalCheck&, const GoalCheck&) = default;
};

/// Checks a condition on the student's document as it is now (`now`), and, for `unchanged`,
/// against the step's starting state (`start`). Pure: it only reads its arguments (a training
/// condition evaluates the document again, up to its number of steps plus one times).
///
/// Tensors are checked element by element: a comparison, `finite`, `unchanged` hold when they
/// hold for every element; `nan` when some element is NaN, `not finite` when some element is not
/// finite. `==` allows a difference of 1e-5 relative to the number (at least 1e-5) unless
/// `within` says otherwise. A gradient of a node the tape does not watch is None, as
/// `tape.gradient` answers for an unwatched tensor.
ConditionCheck checkCondition(const GoalCondition& condition, const ExerciseState& now, const ExerciseState& start);
GoalCheck checkGoal(const ExerciseGoal& goal, const ExerciseState& now, const ExerciseState& start);

/// The labels a goal names that `data` (the graph at the start of its step) does not have, one
/// message each: "goal 'w9': no node has this label".
QStringList goalProblems(const ExerciseGoal& goal, const GraphData& data);

} // namespace gs
