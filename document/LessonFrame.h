#pragma once

#include "document/Evaluation.h"
#include "document/GraphData.h"

#include <functional>

namespace gs {

/// Everything a lesson looks like at one step: the graph with the step's target and values
/// applied, and the evaluation settings and decorations the step asks for. What the lesson panel
/// applies to the editor, what `gradscope export --lesson` draws and what the lesson tests check.
struct LessonFrame {
    int index = 0;
    GraphData data; ///< keeps the lesson (all its steps), so that it can be saved from any step
    QString formula; ///< the formula in effect, "" for the document's own graph
    std::optional<DType> dtype;
    std::optional<std::vector<NodeId>> watched;
    LessonView view = LessonView::Forward;
    bool jacobian = false;
    bool hessian = false;
    std::vector<NodeId> highlighted;
    std::optional<QStringList> panels;
    QStringList locked;
    QString text;
    QString question;
    QStringList conceal; ///< what the question hides until revealed (the step's own)
    std::optional<ExerciseGoal> goal; ///< the step's own: what it asks the student to make true
    /// Labels the step names that the graph does not have, one message each.
    QStringList problems;

    EvaluationOptions evaluationOptions() const;
};

/// Lays out a graph that a formula produced (the editor's layout; readFormula's own when empty).
/// It is called once the step's values are in, with the step's evaluation options, because a
/// node's size depends on the values it shows (float64 values are long).
using LessonLayout = std::function<void(GraphData&, const EvaluationOptions&)>;

/// The state after steps 0..index of `document`'s lesson: each field is the one the latest of
/// those steps set (a formula also forgets the values set before it); highlights, locks, text and
/// question are the step's own. `document` is the lesson as opened: its graph is the graph until a
/// step gives a formula. `index` is clamped to the steps there are.
LessonFrame lessonFrame(const GraphData& document, int index, const LessonLayout& layout = {});

} // namespace gs
