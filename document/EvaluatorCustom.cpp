// Custom gradient nodes: the forward body runs inside gs::customGradient (tapes paused), the
// gradient bodies when the backward sweep reaches the node. See note [custom gradient nodes].
#include "document/Evaluator.h"

#include "engine/autodiff/CustomGradient.h"
#include "engine/core/EngineError.h"
#include "engine/ops/Apply.h"

namespace gs::detail {

Tensor Evaluator::custom(NodeId id, const std::vector<Tensor>& in)
{
    const Node& c = *g_.node(id);
    const int count = GraphData::customInputs(c);
    const Connection* forward = index_.into(id, count);
    if (!forward)
        throw EngineError("the forward port of " + g_.displayName(id).toStdString() + " is not connected");
    return customGradient(std::span<const Tensor>(in), [this, id, count, forward](std::span<const Tensor> params) {
        const std::vector<Tensor> captured(params.begin(), params.end());
        Tensor output = body(id, forward->from, captured, std::nullopt, true);
        CustomGradFn gradient = [this, id, count, captured](const Tensor& dy) {
            Gradients grads(static_cast<std::size_t>(count));
            for (int i = 0; i < count; ++i) {
                const Connection* g = index_.into(id, count + 1 + i);
                if (!g)
                    continue;
                Tensor gi = body(id, g->from, captured, dy, recordGradBodies_);
                const Tensor& x = captured[static_cast<std::size_t>(i)];
                if (gi.shape() != x.shape() || gi.dtype() != x.dtype()) {
                    const QString message = QStringLiteral("the gradient for input %1 has shape %2 and dtype %3, "
                                                           "but the input has shape %4 and dtype %5")
                                                .arg(g_.portName(*g_.node(id), i), QString::fromStdString(gi.shape().str()),
                                                     QLatin1StringView(dtypeName(gi.dtype()).data()),
                                                     QString::fromStdString(x.shape().str()),
                                                     QLatin1StringView(dtypeName(x.dtype()).data()));
                    fail(id, message);
                    throw BodyFailure{g_.displayName(id) + QStringLiteral(": ") + message};
                }
                grads[static_cast<std::size_t>(i)] = gi;
            }
            return grads;
        };
        return CustomForward{output, gradient};
    });
}

Tensor Evaluator::body(NodeId custom, NodeId root, const std::vector<Tensor>& params, const std::optional<Tensor>& dy,
            bool record)
{
    std::unordered_map<NodeId, Tensor> local;
    const std::unordered_set<NodeId> needed = g_.ancestors(root);
    for (NodeId id : g_.topologicalOrder(custom)) {
        if (!needed.count(id))
            continue;
        const Node& n = *g_.node(id);
        const std::size_t firstEvent = log_->events().size();
        try {
            Tensor value;
            switch (n.kind) {
            case NodeKind::Parameter:
                if (n.index < 0 || n.index >= static_cast<int>(params.size()))
                    throw EngineError("it stands for input " + std::to_string(n.index) + ", which does not exist");
                value = params[static_cast<std::size_t>(n.index)];
                break;
            case NodeKind::Upstream:
                if (!dy)
                    throw EngineError("dy only exists in the gradient, not in the forward expression");
                value = *dy;
                break;
            case NodeKind::Constant:
                if (!n.value)
                    throw EngineError("it has no value");
                value = tensorFor(*n.value);
                break;
            case NodeKind::Op: {
                const OpDef* def = GraphData::opOf(n);
                if (!def)
                    throw EngineError("unknown op '" + n.op.toStdString() + "'");
                std::vector<Tensor> in;
                for (int port = 0; port < n.ports; ++port) {
                    const Connection* c = index_.into(id, port);
                    if (!c)
                        throw EngineError("input '" + g_.portName(n, port).toStdString() + "' is not connected");
                    in.push_back(local.at(c->from));
                }
                value = apply(*def, std::span<const Tensor>(in), n.attrs);
                break;
            }
            default: throw EngineError("this kind of node cannot be inside a custom gradient");
            }
            local.emplace(id, value);
            if (record) {
                r_.nodes[id].value = value;
                if (!dy)
                    own(firstEvent, id, value);
            }
        } catch (const std::exception& e) {
            fail(id, what(e));
            throw BodyFailure{g_.displayName(custom) + QStringLiteral(": ") + g_.displayName(id) + QStringLiteral(": ")
                              + what(e)};
        }
    }
    return local.at(root);
}

} // namespace gs::detail
