// Lesson steps in .gscope files; see the "lesson.steps" section of docs/file-format.md.
#include "document/LessonJson.h"

#include "document/FormulaReader.h"
#include "document/LessonFrame.h"
#include "document/TensorJson.h"

namespace gs::detail {

namespace {

constexpr int maxSteps = 1'000;
constexpr int maxLabels = 1'000; ///< in one list (sources, highlight)
constexpr int maxPanels = 64;

QStringList strings(const Fields& f, const QString& key, int maxSize, int maxLength)
{
    const QJsonArray list = f.array(key, maxSize, false);
    QStringList out;
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (!list[i].isString())
            fail(item(f.at(key), i), QStringLiteral("expected a string, found %1").arg(typeName(list[i])));
        const QString s = list[i].toString();
        if (s.size() > maxLength)
            fail(item(f.at(key), i), QStringLiteral("is %1 characters long; at most %2 are allowed").arg(s.size()).arg(maxLength));
        out << s;
    }
    return out;
}

std::optional<bool> optionalBool(const Fields& f, const QString& key)
{
    if (!f.has(key))
        return std::nullopt;
    if (!f.value(key).isBool())
        fail(f.at(key), QStringLiteral("expected true or false, found %1").arg(typeName(f.value(key))));
    return f.value(key).toBool();
}

ExerciseGoal readGoal(const Fields& f)
{
    ExerciseGoal goal;
    if (!f.has("conditions"))
        fail(f.at("conditions"), QStringLiteral("is missing: a goal needs at least one condition"));
    const QStringList conditions = strings(f, QStringLiteral("conditions"), goallimits::conditions, goallimits::conditionLength);
    if (conditions.isEmpty())
        fail(f.at("conditions"), QStringLiteral("is empty: a goal needs at least one condition"));
    for (qsizetype i = 0; i < conditions.size(); ++i) {
        const ConditionRead read = readCondition(conditions[i]);
        if (!read.ok())
            fail(item(f.at("conditions"), i), QStringLiteral("column %1: %2").arg(read.column + 1).arg(read.error));
        goal.conditions.push_back(*read.condition);
    }
    goal.hints = strings(f, QStringLiteral("hints"), goallimits::hints, documentlimits::textLength);
    goal.explanation = f.string("explanation", documentlimits::textLength, QString());
    return goal;
}

QJsonObject goalToJson(const ExerciseGoal& goal)
{
    QJsonArray conditions;
    for (const GoalCondition& c : goal.conditions)
        conditions.append(c.source);
    QJsonObject o{{"conditions", conditions}};
    if (!goal.hints.isEmpty())
        o["hints"] = QJsonArray::fromStringList(goal.hints);
    if (!goal.explanation.isEmpty())
        o["explanation"] = goal.explanation;
    return o;
}

LessonStep readStep(const Fields& f, const TensorRead& tensor)
{
    LessonStep s;
    s.text = f.string("text", documentlimits::textLength, QString());
    s.question = f.string("question", documentlimits::textLength, QString());
    if (f.has("formula")) {
        s.formula = f.string("formula", documentlimits::textLength);
        const FormulaResult read = readFormula(*s.formula);
        if (!read.ok())
            fail(f.at("formula"), read.error->formatted());
    }
    if (f.has("values")) {
        const Fields values(f.value("values"), f.at("values"));
        const QStringList names = values.keysOf();
        if (names.size() > documentlimits::nodes)
            fail(f.at("values"), QStringLiteral("has more than %1 entries").arg(documentlimits::nodes));
        for (const QString& name : names) {
            if (name.size() > documentlimits::nameLength)
                fail(values.at(name.left(40)), QStringLiteral("the name is too long"));
            const QJsonValue v = values.value(name);
            if (v.isObject()) {
                const Fields typed(v, values.at(name));
                TensorValue value = tensor(typed.value("value"), typed.at("value"));
                if (typed.has("dtype")) {
                    // As in documents: a value may be an integer tensor (tf.constant(10) is int32).
                    value.dtype = dtypeNamed(typed.string("dtype", 16));
                    if (!value.dtype)
                        fail(typed.at("dtype"), QStringLiteral("expected \"float32\", \"float64\", \"int32\" or \"int64\""));
                }
                s.values.insert(name, value);
            } else {
                s.values.insert(name, tensor(v, values.at(name)));
            }
        }
    }
    if (f.has("view")) {
        s.view = lessonViewNamed(f.string("view", 16));
        if (!s.view)
            fail(f.at("view"), QStringLiteral("expected \"forward\" or \"gradient\""));
    }
    if (f.has("target"))
        s.target = f.string("target", documentlimits::nameLength);
    if (f.has("sources"))
        s.sources = strings(f, QStringLiteral("sources"), maxLabels, documentlimits::nameLength);
    if (f.has("dtype")) {
        s.dtype = floatDTypeNamed(f.string("dtype", 16));
        if (!s.dtype)
            fail(f.at("dtype"), QStringLiteral("expected \"float32\" or \"float64\""));
    }
    s.jacobian = optionalBool(f, QStringLiteral("jacobian"));
    s.hessian = optionalBool(f, QStringLiteral("hessian"));
    s.highlight = strings(f, QStringLiteral("highlight"), maxLabels, documentlimits::nameLength);
    if (f.has("panels"))
        s.panels = strings(f, QStringLiteral("panels"), maxPanels, documentlimits::nameLength);
    s.locked = strings(f, QStringLiteral("locked"), static_cast<int>(lockableControls().size()), 32);
    for (qsizetype i = 0; i < s.locked.size(); ++i)
        if (!lockableControls().contains(s.locked[i]))
            fail(item(f.at("locked"), i), QStringLiteral("unknown control \"%1\" (expected one of %2)")
                                              .arg(s.locked[i], lockableControls().join(QStringLiteral(", "))));
    s.conceal = strings(f, QStringLiteral("conceal"), static_cast<int>(concealableParts().size()), 32);
    for (qsizetype i = 0; i < s.conceal.size(); ++i)
        if (!concealableParts().contains(s.conceal[i]))
            fail(item(f.at("conceal"), i), QStringLiteral("unknown part \"%1\" (expected one of %2)")
                                               .arg(s.conceal[i], concealableParts().join(QStringLiteral(", "))));
    if (f.has("goal"))
        s.goal = readGoal(Fields(f.value("goal"), f.at("goal")));
    return s;
}

QJsonValue valueToJson(const TensorValue& v)
{
    if (!v.dtype)
        return tensorToJson(v);
    return QJsonObject{{"value", tensorToJson(v)}, {"dtype", QString::fromLatin1(dtypeName(*v.dtype).data())}};
}

} // namespace

std::vector<LessonStep> readLessonSteps(const Fields& lesson, const GraphData& graph, const TensorRead& tensor)
{
    const QString path = lesson.at("steps");
    const QJsonArray list = lesson.array("steps", maxSteps, false);
    std::vector<LessonStep> steps;
    for (qsizetype i = 0; i < list.size(); ++i)
        steps.push_back(readStep(Fields(list[i], item(path, i)), tensor));

    // A label that names nothing would make a step silently show less than its author meant.
    GraphData document = graph;
    document.lesson.steps = steps;
    for (int i = 0; i < static_cast<int>(steps.size()); ++i) {
        const LessonFrame frame = lessonFrame(document, i);
        if (!frame.problems.isEmpty())
            fail(item(path, i), frame.problems.front());
    }
    return steps;
}

QJsonArray lessonStepsToJson(const std::vector<LessonStep>& steps)
{
    QJsonArray list;
    for (const LessonStep& s : steps) {
        QJsonObject o;
        o["text"] = s.text;
        if (!s.question.isEmpty())
            o["question"] = s.question;
        if (s.formula)
            o["formula"] = *s.formula;
        if (!s.values.isEmpty()) {
            QJsonObject values;
            for (auto it = s.values.cbegin(); it != s.values.cend(); ++it)
                values[it.key()] = valueToJson(it.value());
            o["values"] = values;
        }
        if (s.view)
            o["view"] = lessonViewName(*s.view);
        if (s.target)
            o["target"] = *s.target;
        if (s.sources)
            o["sources"] = QJsonArray::fromStringList(*s.sources);
        if (s.dtype)
            o["dtype"] = QString::fromLatin1(dtypeName(*s.dtype).data());
        if (s.jacobian)
            o["jacobian"] = *s.jacobian;
        if (s.hessian)
            o["hessian"] = *s.hessian;
        if (!s.highlight.isEmpty())
            o["highlight"] = QJsonArray::fromStringList(s.highlight);
        if (s.panels)
            o["panels"] = QJsonArray::fromStringList(*s.panels);
        if (!s.locked.isEmpty())
            o["locked"] = QJsonArray::fromStringList(s.locked);
        if (!s.conceal.isEmpty())
            o["conceal"] = QJsonArray::fromStringList(s.conceal);
        if (s.goal)
            o["goal"] = goalToJson(*s.goal);
        list.append(o);
    }
    return list;
}

} // namespace gs::detail
