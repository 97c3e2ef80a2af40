// Forward mode in an evaluation: a ForwardAccumulator records the forward pass beside the tapes,
// each source gets its tangent as it is computed, and after the backward pass every node's
// tangent is read off in forward order. See ForwardMode.h.
#include "document/Evaluator.h"

#include <QStringList>

#include <algorithm>
#include <unordered_set>

namespace gs::detail {

bool Evaluator::checkTangents()
{
    ForwardModeResult& f = r_.forward;
    f.requested = true;
    f.sources = sources_;
    QStringList strangers;
    for (const auto& [id, value] : *o_.tangents)
        if (!sourceSet_.count(id))
            strangers << nameOf(id);
    if (strangers.isEmpty())
        return true;
    strangers.sort();
    QStringList sources;
    for (NodeId s : sources_)
        if (!sources.contains(nameOf(s)))
            sources << nameOf(s);
    const QString are = sources.isEmpty() ? QStringLiteral("there are no sources")
                                          : QStringLiteral("the sources are %1").arg(sources.join(QStringLiteral(", ")));
    f.error = QStringLiteral("%1 %2 not a source of the gradients, so %3 no tangent (%4)")
                  .arg(strangers.join(QStringLiteral(", ")), strangers.size() == 1 ? "is" : "are",
                       strangers.size() == 1 ? "it takes" : "they take", are);
    return false;
}

void Evaluator::watchTangent(NodeId id, const Tensor& value)
{
    ForwardModeResult& f = r_.forward;
    if (!isFloating(value.dtype())) {
        if (f.error.isEmpty())
            f.error = QStringLiteral("%1 is a %2 value: forward mode needs float32 or float64 sources")
                          .arg(nameOf(id), QLatin1StringView(dtypeName(value.dtype()).data()));
        return;
    }
    Tensor tangent = Tensor::zeros(value.shape(), value.dtype());
    if (const auto it = o_.tangents->find(id); it != o_.tangents->end()) {
        const TensorValue& given = it->second;
        if (given.shape != value.shape()) {
            if (f.error.isEmpty())
                f.error = QStringLiteral("the tangent for %1 has shape %2, but %1 has shape %3")
                              .arg(nameOf(id), QString::fromStdString(given.shape.str()),
                                   QString::fromStdString(value.shape().str()));
        } else {
            tangent = Tensor::fromValues(given.shape, given.values, value.dtype());
        }
    }
    forward_->watch(value, tangent);
}

void Evaluator::forwardMode()
{
    ForwardAccumulator& acc = *forward_;
    forward_ = nullptr;
    acc.stop();
    ForwardModeResult& f = r_.forward;
    if (!f.error.isEmpty())
        return;
    try {
        for (NodeId s : sources_) {
            const auto v = values_.find(s);
            f.tangents.push_back(v == values_.end() ? std::nullopt : acc.jvp(v->second));
        }
        f.jvp = acc.jvp(*r_.value);
        for (const auto& [id, value] : values_)
            r_.nodes[id].tangent = acc.jvp(value);
        const std::vector<ForwardStep>& steps = acc.steps();
        // The ops the target depends on, walking back from it.
        std::unordered_set<TensorId> wanted{r_.value->id()};
        std::vector<bool> onPath(steps.size(), false);
        for (std::size_t k = steps.size(); k-- > 0;) {
            if (!wanted.count(steps[k].output.id()) || steps[k].rule == ForwardRule::Cut)
                continue;
            onPath[k] = true;
            for (std::size_t i = 0; i < steps[k].inputs.size(); ++i)
                if (steps[k].inputTangents[i])
                    wanted.insert(steps[k].inputs[i].id());
        }
        for (std::size_t k = 0; k < steps.size(); ++k) {
            ForwardModeStep step;
            const auto owner = owners_.find(steps[k].output.id());
            step.node = owner == owners_.end() ? NodeId{} : owner->second;
            step.step = steps[k];
            step.onPath = onPath[k];
            f.cost.opsPerPass += onPath[k] ? 1 : 0;
            f.steps.push_back(std::move(step));
        }
        std::unordered_set<NodeId> counted;
        for (NodeId s : sources_)
            if (const auto v = values_.find(s); v != values_.end() && counted.insert(s).second)
                f.cost.inputs += v->second.size();
        f.cost.outputs = r_.value->size();
    } catch (const BodyFailure& failure) {
        f.error = failure.message;
    } catch (const std::exception& e) {
        f.error = QStringLiteral("forward mode failed: %1").arg(what(e));
    }
    if (!f.error.isEmpty()) {
        f.jvp.reset();
        f.steps.clear();
        for (auto& [id, result] : r_.nodes)
            result.tangent.reset();
    }
}

} // namespace gs::detail
