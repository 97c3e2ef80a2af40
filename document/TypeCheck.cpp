#include "document/TypeCheck.h"

#include "document/Evaluation.h"
#include "document/OpCatalog.h"
#include "engine/core/EngineError.h"
#include "engine/ops/Apply.h"

namespace gs {

namespace {

class Checker {
public:
    Checker(const GraphData& g, std::optional<DType> dtype)
        : g_(g)
        , index_(g)
        , forced_(dtype)
        , dtype_(dtype ? *dtype : documentDType(g))
    {
    }

    std::unordered_map<NodeId, NodeCheck> run()
    {
        for (NodeId id : g_.topologicalOrder({}))
            check(id);
        return std::move(result_);
    }

private:
    std::optional<TensorType> typeOf(NodeId id) const
    {
        auto it = result_.find(id);
        return it == result_.end() ? std::nullopt : it->second.type;
    }

    void fail(NodeId id, const QString& message) { result_[id].error = message; }

    /// The types feeding ports [first, first + count) of `id`; nullopt when one is unknown.
    std::optional<std::vector<TensorType>> inputs(NodeId id, int first, int count)
    {
        std::vector<TensorType> types;
        for (int port = first; port < first + count; ++port) {
            const Connection* c = index_.into(id, port);
            if (!c) {
                fail(id, QStringLiteral("input '%1' is not connected").arg(g_.portName(*g_.node(id), port)));
                return std::nullopt;
            }
            auto t = typeOf(c->from);
            if (!t)
                return std::nullopt;
            types.push_back(*t);
        }
        return types;
    }

    TensorType valueType(const TensorValue& v) const
    {
        if (v.dtype && isInteger(*v.dtype)) // --dtype chooses the floats; an int32 stays one
            return {*v.dtype, v.shape};
        return {forced_ ? *forced_ : v.dtype.value_or(dtype_), v.shape};
    }

    void check(NodeId id)
    {
        const Node& n = *g_.node(id);
        result_[id] = NodeCheck{};
        switch (n.kind) {
        case NodeKind::Variable:
        case NodeKind::Input:
        case NodeKind::Constant:
            if (n.value)
                result_[id].type = valueType(*n.value);
            else if (n.kind == NodeKind::Constant)
                fail(id, QStringLiteral("the constant has no value"));
            return;
        case NodeKind::Op: {
            const OpDef* def = GraphData::opOf(n);
            if (!def)
                return fail(id, opcatalog::unknownMessage(n.op).replace(QStringLiteral("function"), QStringLiteral("op")));
            const QString arity = opcatalog::portsError(*def, n.ports);
            if (!arity.isEmpty())
                return fail(id, arity);
            if (auto in = inputs(id, 0, n.ports)) {
                adaptLiterals(id, *def, *in);
                infer(id, *def, *in, n.attrs);
            }
            return;
        }
        case NodeKind::CustomGradient: return custom(id);
        case NodeKind::Parameter:
        case NodeKind::Upstream: return fail(id, QStringLiteral("this node belongs inside a custom gradient"));
        }
    }

    /// As the evaluator does: a constant without a dtype that meets an integer tensor takes its dtype.
    void adaptLiterals(NodeId id, const OpDef& def, std::vector<TensorType>& in) const
    {
        auto isLiteral = [&](std::size_t port) {
            const Connection* c = index_.into(id, static_cast<int>(port));
            const Node* from = c ? g_.node(c->from) : nullptr;
            return from && from->kind == NodeKind::Constant && from->value && !from->value->dtype;
        };
        for (std::size_t k = 0; k < in.size(); ++k)
            if (opcatalog::takesIndices(def, k) && isFloating(in[k].dtype) && isLiteral(k))
                in[k].dtype = DType::Int32;
        std::optional<DType> met;
        for (std::size_t k = 0; k < in.size() && !met; ++k)
            if (isInteger(in[k].dtype) && !isLiteral(k) && !opcatalog::takesIndices(def, k))
                met = in[k].dtype;
        if (met)
            for (std::size_t k = 0; k < in.size(); ++k)
                if (isFloating(in[k].dtype) && isLiteral(k))
                    in[k].dtype = *met;
    }

    void infer(NodeId id, const OpDef& def, const std::vector<TensorType>& in, const Attrs& attrs)
    {
        try {
            result_[id].type = inferType(def, std::span<const TensorType>(in), attrs);
        } catch (const std::exception& e) {
            fail(id, QString::fromStdString(e.what()));
        }
    }

    void custom(NodeId id)
    {
        const Node& c = *g_.node(id);
        const int count = GraphData::customInputs(c);
        auto params = inputs(id, 0, count);
        if (!params)
            return;
        const Connection* forward = index_.into(id, count);
        if (!forward)
            return fail(id, QStringLiteral("the forward port is not connected"));
        body(id, *params, std::nullopt);
        auto output = typeOf(forward->from);
        if (!output)
            return;
        body(id, *params, output);
        for (int i = 0; i < count; ++i) {
            const Connection* grad = index_.into(id, count + 1 + i);
            if (!grad)
                continue;
            auto t = typeOf(grad->from);
            const TensorType& x = (*params)[static_cast<std::size_t>(i)];
            if (t && !(*t == x))
                return fail(id, QStringLiteral("the gradient for input %1 has shape %2 and dtype %3, but the input has shape %4 and dtype %5")
                                    .arg(g_.portName(c, i), QString::fromStdString(t->shape.str()),
                                         QLatin1StringView(dtypeName(t->dtype).data()), QString::fromStdString(x.shape.str()),
                                         QLatin1StringView(dtypeName(x.dtype).data())));
        }
        result_[id].type = output;
    }

    /// Types the body nodes; dy has the forward output's type once that is known.
    void body(NodeId custom, const std::vector<TensorType>& params, const std::optional<TensorType>& dy)
    {
        for (NodeId id : g_.topologicalOrder(custom)) {
            const Node& n = *g_.node(id);
            NodeCheck& r = result_[id];
            switch (n.kind) {
            case NodeKind::Parameter:
                if (n.index >= 0 && n.index < static_cast<int>(params.size()))
                    r.type = params[static_cast<std::size_t>(n.index)];
                else
                    r.error = QStringLiteral("its custom gradient has no input %1").arg(n.index);
                break;
            case NodeKind::Upstream: r.type = dy; break;
            default: check(id);
            }
        }
    }

    const GraphData& g_;
    const ConnectionIndex index_;
    std::optional<DType> forced_;
    DType dtype_;
    std::unordered_map<NodeId, NodeCheck> result_;
};

} // namespace

std::unordered_map<NodeId, NodeCheck> checkTypes(const GraphData& data, std::optional<DType> dtype)
{
    return Checker(data, dtype).run();
}

} // namespace gs
