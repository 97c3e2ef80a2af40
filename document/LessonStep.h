#pragma once

#include "document/ExerciseGoal.h"
#include "document/TensorValue.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace gs {

/// Which pass a lesson step shows. The document layer's own name for the editor's ViewMode, so
/// that files and headless exports need no widgets.
enum class LessonView { Forward, Gradient };

/// One step of a lesson: what it says and the state it puts the editor in.
///
/// A step only names what it changes; everything it leaves unset carries over from the steps
/// before it (see lessonFrame()). Nodes are named by their labels, not ids, so that a step still
/// means the same thing after a formula rebuilt the graph.
struct LessonStep {
    QString text;     ///< rich text (the HTML subset QTextDocument renders)
    QString question; ///< shown below the text; the next step's text answers it
    std::optional<QString> formula;     ///< replaces the graph (and forgets earlier steps' values)
    QMap<QString, TensorValue> values;  ///< by label, over the declared values
    std::optional<LessonView> view;
    std::optional<QString> target;      ///< label of the value to differentiate
    std::optional<QStringList> sources; ///< labels the tape watches; unset: trainable variables
    std::optional<DType> dtype;         ///< unset: as the document declares
    std::optional<bool> jacobian;
    std::optional<bool> hessian;
    QStringList highlight;              ///< labels drawn with a halo during this step only
    std::optional<QStringList> panels;  ///< dock objectNames shown (the others are hidden)
    QStringList locked;                 ///< controls a student cannot use during this step
    /// What the step's question (or a later step) gives away, hidden until the teacher reveals it
    /// or the next step is shown:
    /// "gradients" (the gradients in the answer box, the tape's table and on the wires) and
    /// "values" (the values computed from the inputs). See concealableParts().
    QStringList conceal;
    /// Makes the step an exercise: conditions the student's edits must make true, checked live
    /// (see ExerciseGoal and checkGoal()). The step's own, like its text.
    std::optional<ExerciseGoal> goal;

    friend bool operator==(const LessonStep&, const LessonStep&) = default;
};

/// The controls a step can lock, as written in files: "formula", "values", "target", "sources",
/// "dtype", "view", "graph" (moving, adding and deleting nodes).
const QStringList& lockableControls();

/// What a step can conceal until it is revealed, as written in files: "gradients", "values".
const QStringList& concealableParts();

/// "forward" / "gradient", and back.
QString lessonViewName(LessonView view);
std::optional<LessonView> lessonViewNamed(const QString& name);

} // namespace gs
