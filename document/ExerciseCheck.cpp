#include "document/ExerciseCheck.h"

#include <algorithm>
#include <cmath>

namespace gs {

namespace {

using Test = GoalCondition::Test;
using Subject = GoalCondition::Subject;

/// Longer values are cut in messages: a line in the lesson panel.
constexpr int maxValueText = 48;

QString valueText(const Tensor& t)
{
    QString s = TensorValue::fromTensor(t).text(t.dtype());
    if (s.size() > maxValueText)
        s = s.left(maxValueText - 1) + QStringLiteral("…");
    return s;
}

ConditionCheck result(bool passed, const QString& found) { return {passed, found}; }

double defaultTolerance(double expected) { return 1e-5 * std::max(1.0, std::abs(expected)); }

bool close(double x, double expected, double tolerance)
{
    if (std::isnan(x) || std::isnan(expected))
        return std::isnan(x) && std::isnan(expected);
    if (std::isinf(x) || std::isinf(expected))
        return x == expected;
    return std::abs(x - expected) <= tolerance;
}

/// A test on the elements of a tensor (not None, not unchanged).
bool holds(const GoalCondition& c, const std::vector<double>& xs)
{
    const auto all = [&](auto f) { return std::all_of(xs.begin(), xs.end(), f); };
    const auto any = [&](auto f) { return std::any_of(xs.begin(), xs.end(), f); };
    const double n = c.number;
    const double tolerance = c.tolerance.value_or(defaultTolerance(n));
    switch (c.test) {
    case Test::Equal: return all([&](double x) { return close(x, n, tolerance); });
    case Test::NotEqual: return !all([&](double x) { return close(x, n, tolerance); });
    case Test::Less: return all([&](double x) { return x < n; });
    case Test::LessEqual: return all([&](double x) { return x <= n; });
    case Test::Greater: return all([&](double x) { return x > n; });
    case Test::GreaterEqual: return all([&](double x) { return x >= n; });
    case Test::Finite: return all([](double x) { return std::isfinite(x); });
    case Test::NotFinite: return any([](double x) { return !std::isfinite(x); });
    case Test::NaN: return any([](double x) { return std::isnan(x); });
    case Test::NotNaN: return !any([](double x) { return std::isnan(x); });
    case Test::NotNone: return true;
    default: return false;
    }
}

bool sameTensor(const Tensor& a, const Tensor& b)
{
    if (a.shape() != b.shape())
        return false;
    const std::vector<double> x = a.toDoubles();
    const std::vector<double> y = b.toDoubles();
    for (std::size_t i = 0; i < x.size(); ++i)
        if (!close(x[i], y[i], defaultTolerance(y[i])))
            return false;
    return true;
}

/// What a node's value or gradient is in one state: the tensor, None (a gradient only), or why
/// there is none.
struct Looked {
    std::optional<Tensor> tensor;
    bool none = false; ///< a gradient that is None
    QString why;       ///< when neither: the problem, said to the student
};

Looked lookValue(const ExerciseState& s, const QString& label)
{
    const NodeId id = s.data->findLabel(label);
    if (!id.valid())
        return {std::nullopt, false, QStringLiteral("no node is labelled %1").arg(label)};
    const NodeResult* r = s.evaluation->node(id);
    if (r && r->value)
        return {r->value, false, {}};
    if (r && !r->error.isEmpty())
        return {std::nullopt, false, QStringLiteral("%1 has no value: %2").arg(label, r->error)};
    if (!s.evaluation->error.isEmpty())
        return {std::nullopt, false, QStringLiteral("%1 has no value: %2").arg(label, s.evaluation->error)};
    return {std::nullopt, false, QStringLiteral("%1 has no value").arg(label)};
}

Looked lookGradient(const ExerciseState& s, const QString& label)
{
    const NodeId id = s.data->findLabel(label);
    if (!id.valid())
        return {std::nullopt, false, QStringLiteral("no node is labelled %1").arg(label)};
    const Evaluation& e = *s.evaluation;
    if (!e.ok())
        return {std::nullopt, false, QStringLiteral("no gradients: %1").arg(e.error.isEmpty() ? QStringLiteral("the target has no value") : e.error)};
    if (!e.gradientError.isEmpty())
        return {std::nullopt, false, QStringLiteral("no gradients: %1").arg(e.gradientError)};
    for (const SourceGradient& g : e.gradients)
        if (g.node == id) {
            if (g.gradient)
                return {g.gradient, false, {}};
            return {std::nullopt, true, g.noneReason.isEmpty() ? QStringLiteral("None") : QStringLiteral("None: %1").arg(g.noneReason)};
        }
    return {std::nullopt, true, QStringLiteral("None: the tape does not watch %1").arg(label)};
}

ConditionCheck checkLooked(const GoalCondition& c, const Looked& now, const ExerciseState& start)
{
    if (c.test == Test::Unchanged || c.test == Test::Changed) {
        const bool unchangedAsked = c.test == Test::Unchanged;
        if (!start.data || !start.evaluation)
            return result(false, QStringLiteral("the step has no start to compare with"));
        const Looked before = c.subject == Subject::Gradient ? lookGradient(start, c.label) : lookValue(start, c.label);
        if (!before.tensor && !before.none)
            return result(false, QStringLiteral("at the start of the step, %1").arg(before.why));
        if (!now.tensor && !now.none)
            return result(false, now.why);
        const QString was = before.tensor ? valueText(*before.tensor) : QStringLiteral("None");
        const QString is = now.tensor ? valueText(*now.tensor) : QStringLiteral("None");
        const bool same = before.none || now.none ? before.none == now.none : sameTensor(*now.tensor, *before.tensor);
        if (same)
            return result(unchangedAsked, QStringLiteral("%1, as at the start").arg(is));
        return result(!unchangedAsked, QStringLiteral("%1; it was %2").arg(is, was));
    }
    if (c.test == Test::None || c.test == Test::NotNone) {
        if (now.none)
            return result(c.test == Test::None, now.why);
        if (!now.tensor)
            return result(false, now.why);
        return result(c.test == Test::NotNone, valueText(*now.tensor));
    }
    if (now.none)
        return result(false, now.why);
    if (!now.tensor)
        return result(false, now.why);
    return result(holds(c, now.tensor->toDoubles()), valueText(*now.tensor));
}

/// The learning rate of a training condition: its number, or the scalar its node holds now.
std::optional<double> learningRate(const GoalCondition& c, const ExerciseState& now, QString& why)
{
    if (c.rateLabel.isEmpty())
        return c.rate;
    const Looked rate = lookValue(now, c.rateLabel);
    if (!rate.tensor) {
        why = rate.why;
        return std::nullopt;
    }
    if (rate.tensor->size() != 1 || !std::isfinite(rate.tensor->at(0))) {
        why = QStringLiteral("the learning rate %1 must be one finite number, not %2").arg(c.rateLabel, valueText(*rate.tensor));
        return std::nullopt;
    }
    return rate.tensor->at(0);
}

/// Plain gradient descent on the document's own graph, as one optimizer step is done by hand in
/// the training lesson: every source the tape watches moves against its gradient of the node,
/// `steps` times, from the values it has now.
ConditionCheck checkTrained(const GoalCondition& c, const ExerciseState& now)
{
    const NodeId loss = now.data->findLabel(c.label);
    if (!loss.valid())
        return result(false, QStringLiteral("no node is labelled %1").arg(c.label));
    QString why;
    const std::optional<double> rate = learningRate(c, now, why);
    if (!rate)
        return result(false, why);
    if (!now.evaluation->error.isEmpty())
        return result(false, QStringLiteral("no result to start from: %1").arg(now.evaluation->error));
    std::vector<NodeId> sources;
    for (const SourceGradient& g : now.evaluation->gradients)
        sources.push_back(g.node);
    if (sources.empty())
        return result(false, QStringLiteral("the tape watches nothing: there is nothing to train"));

    EvaluationOptions options = now.options;
    options.target = loss;
    options.wrt = sources;
    options.jacobian = false;
    options.hessian = false;
    options.tangents.reset();
    std::vector<TensorValue> values;
    for (NodeId id : sources) {
        const NodeResult* r = now.evaluation->node(id);
        if (!r || !r->value)
            return result(false, QStringLiteral("%1 has no value to start from").arg(now.data->displayName(id)));
        TensorValue v = TensorValue::fromTensor(*r->value);
        const Node* node = now.data->node(id);
        v.dtype = node && node->value ? node->value->dtype : std::nullopt;
        values.push_back(std::move(v));
    }
    const auto lossText = [&](const Evaluation& e) { return e.value ? valueText(*e.value) : QStringLiteral("no value"); };
    for (int step = 0;; ++step) {
        for (std::size_t i = 0; i < sources.size(); ++i)
            options.values[sources[i]] = values[i];
        const Evaluation e = evaluate(*now.data, options);
        if (!e.ok())
            return result(false, QStringLiteral("after %1 steps: %2").arg(step).arg(e.error.isEmpty() ? QStringLiteral("no value") : e.error));
        const std::vector<double> lossValues = e.value->toDoubles();
        const bool finite = std::all_of(lossValues.begin(), lossValues.end(), [](double x) { return std::isfinite(x); });
        if (step == c.steps || !finite) {
            const QString found = step == c.steps ? lossText(e)
                                                  : QStringLiteral("%1 after %2 step%3 (it stops there)").arg(lossText(e)).arg(step).arg(step == 1 ? QString() : QStringLiteral("s"));
            return result(holds(c, lossValues), found);
        }
        for (std::size_t i = 0; i < sources.size(); ++i) {
            const std::optional<Tensor>& g = e.gradients[i].gradient;
            if (!g)
                continue;
            std::vector<double>& v = values[i].values;
            const std::vector<double> d = g->toDoubles();
            if (d.size() != v.size())
                return result(false, QStringLiteral("the gradient of %1 has another shape than its value").arg(now.data->displayName(sources[i])));
            for (std::size_t k = 0; k < v.size(); ++k)
                v[k] -= *rate * d[k];
        }
    }
}

} // namespace

bool GoalCheck::solved() const
{
    return !conditions.empty() && std::all_of(conditions.begin(), conditions.end(), [](const ConditionCheck& c) { return c.passed; });
}

int GoalCheck::passed() const
{
    return static_cast<int>(std::count_if(conditions.begin(), conditions.end(), [](const ConditionCheck& c) { return c.passed; }));
}

ConditionCheck checkCondition(const GoalCondition& c, const ExerciseState& now, const ExerciseState& start)
{
    if (!now.data || !now.evaluation)
        return result(false, QStringLiteral("nothing to check"));
    switch (c.subject) {
    case Subject::DType: {
        const QString name = QString::fromLatin1(dtypeName(now.evaluation->dtype).data());
        return result((now.evaluation->dtype == c.dtype) == (c.test == Test::IsDType), name);
    }
    case Subject::Value: return checkLooked(c, lookValue(now, c.label), start);
    case Subject::Gradient: return checkLooked(c, lookGradient(now, c.label), start);
    case Subject::Trained: return checkTrained(c, now);
    }
    return {};
}

GoalCheck checkGoal(const ExerciseGoal& goal, const ExerciseState& now, const ExerciseState& start)
{
    GoalCheck check;
    for (const GoalCondition& c : goal.conditions)
        check.conditions.push_back(checkCondition(c, now, start));
    return check;
}

QStringList goalProblems(const ExerciseGoal& goal, const GraphData& data)
{
    QStringList problems;
    for (const GoalCondition& c : goal.conditions)
        for (const QString& label : c.labels())
            if (!data.findLabel(label).valid())
                problems << QStringLiteral("goal '%1': no node has this label").arg(label);
    problems.removeDuplicates();
    return problems;
}

} // namespace gs
