#include "document/LessonFrame.h"

#include "document/ExerciseCheck.h"
#include "document/FormulaReader.h"

#include <algorithm>

namespace gs {

EvaluationOptions LessonFrame::evaluationOptions() const
{
    EvaluationOptions options;
    options.dtype = dtype;
    options.wrt = watched;
    options.jacobian = jacobian;
    options.hessian = hessian;
    return options;
}

namespace {

NodeId labelled(LessonFrame& frame, const QString& label, const QString& role)
{
    const NodeId id = frame.data.findLabel(label);
    if (!id.valid())
        frame.problems << QStringLiteral("%1 '%2': no node has this label").arg(role, label);
    return id;
}

} // namespace

LessonFrame lessonFrame(const GraphData& document, int index, const LessonLayout& layout)
{
    const std::vector<LessonStep>& steps = document.lesson.steps;
    LessonFrame frame;
    frame.index = steps.empty() ? 0 : std::clamp(index, 0, static_cast<int>(steps.size()) - 1);
    QMap<QString, TensorValue> values = document.savedValues;
    std::optional<QString> target;
    std::optional<QStringList> sources;
    QStringList stepValues; ///< labels the steps gave values (the document's own are not checked)
    for (int i = 0; i < static_cast<int>(steps.size()) && i <= frame.index; ++i) {
        const LessonStep& s = steps[static_cast<std::size_t>(i)];
        if (s.formula) {
            frame.formula = *s.formula;
            values.clear();
            stepValues.clear();
            target.reset();
            sources.reset();
        }
        for (auto it = s.values.cbegin(); it != s.values.cend(); ++it) {
            values.insert(it.key(), it.value());
            stepValues << it.key();
        }
        if (s.view)
            frame.view = *s.view;
        if (s.target)
            target = s.target;
        if (s.sources)
            sources = s.sources;
        if (s.dtype)
            frame.dtype = s.dtype;
        if (s.jacobian)
            frame.jacobian = *s.jacobian;
        if (s.hessian)
            frame.hessian = *s.hessian;
        if (s.panels)
            frame.panels = s.panels;
    }

    if (frame.formula.isEmpty()) {
        frame.data = document;
    } else {
        FormulaResult read = readFormula(frame.formula);
        if (!read.ok())
            frame.problems << QStringLiteral("formula: %1").arg(read.error->formatted());
        frame.data = std::move(read.data);
        frame.data.lesson = document.lesson;
    }
    frame.data.savedValues = values;
    stepValues.removeDuplicates();
    for (const QString& label : stepValues)
        labelled(frame, label, QStringLiteral("value"));
    if (target)
        if (const NodeId id = labelled(frame, *target, QStringLiteral("target")); id.valid())
            frame.data.target = id;
    if (sources) {
        std::vector<NodeId> ids;
        for (const QString& label : *sources)
            if (const NodeId id = labelled(frame, label, QStringLiteral("source")); id.valid())
                ids.push_back(id);
        frame.watched = std::move(ids);
    }
    if (!steps.empty()) {
        const LessonStep& s = steps[static_cast<std::size_t>(frame.index)];
        for (const QString& label : s.highlight)
            if (const NodeId id = labelled(frame, label, QStringLiteral("highlight")); id.valid())
                frame.highlighted.push_back(id);
        frame.locked = s.locked;
        frame.text = s.text;
        frame.question = s.question;
        frame.conceal = s.conceal;
        frame.goal = s.goal;
        if (s.goal)
            frame.problems << goalProblems(*s.goal, frame.data);
    }
    if (!frame.formula.isEmpty() && layout)
        layout(frame.data, frame.evaluationOptions());
    return frame;
}

} // namespace gs
