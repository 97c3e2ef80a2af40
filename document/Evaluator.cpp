#include "document/Evaluator.h"

#include "document/NodeNames.h"
#include "document/OpCatalog.h"

#include "engine/core/EngineError.h"
#include "engine/ops/Apply.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

namespace gs::detail {

std::vector<NodeId> Evaluator::run()
{
    r_.target = o_.target.valid() ? o_.target : g_.target;
    dtype_ = o_.dtype ? *o_.dtype : documentDType(g_);
    r_.dtype = dtype_;
    const std::vector<NodeId> order = g_.topologicalOrder({});
    const Node* target = g_.node(r_.target);
    if (!target || target->scope.valid()) {
        r_.error = !target ? (r_.target.valid() ? QStringLiteral("there is no node %1 to use as the target").arg(r_.target.value)
                              : o_.audience == MessageAudience::Window
                                  ? QStringLiteral("the graph has no target: right-click the node to differentiate "
                                                   "and choose Make Target")
                                  : QStringLiteral("the graph has no target"))
                           : QStringLiteral("%1 is inside a custom gradient and cannot be the target").arg(nameOf(r_.target));
        forwardOnly(order);
        return {};
    }
    if (!chooseSources()) {
        forwardOnly(order);
        return {};
    }
    for (NodeId s : sources_)
        sourceSet_.insert(s);
    std::optional<ForwardAccumulator> forward;
    if (o_.tangents && checkTangents())
        forward_ = &forward.emplace();
    needed_ = g_.ancestors(r_.target);
    // A value missing somewhere stops only what depends on it: everything else is computed.
    const bool complete = checkValues(order);

    EventLog log;
    log_ = &log;
    std::optional<GradientTape> outer;
    if (o_.hessian)
        outer.emplace(TapeOptions{true, true});
    GradientTape tape(TapeOptions{true, true});
    tapes_ = {&tape};
    if (outer)
        tapes_.push_back(&*outer);
    for (NodeId id : order)
        compute(id);
    if (forward_)
        forward_->stop(); // forward mode is the forward pass only, not the backward pass's ops
    const auto value = values_.find(r_.target);
    if (!complete || value == values_.end()) {
        if (r_.error.isEmpty())
            r_.error = firstFailure(order);
        tape.stop();
        log.stop();
        if (outer)
            outer->stop();
        collectNodeResults({});
        return sources_;
    }
    r_.value = value->second;
    r_.dtype = value->second.dtype();

    // The engine takes each source once; a source named twice gets its gradient twice.
    std::vector<Source> sources;
    std::vector<NodeId> unique;
    std::vector<std::size_t> slot;
    for (NodeId s : sources_) {
        const auto it = std::find(unique.begin(), unique.end(), s);
        slot.push_back(static_cast<std::size_t>(it - unique.begin()));
        if (it == unique.end()) {
            unique.push_back(s);
            sources.push_back(sourceOf(s));
        }
    }
    std::unordered_map<TensorId, Tensor> adjoints;
    std::vector<std::optional<Tensor>> grads(sources.size());
    // A non-float target is asked too: TensorFlow answers None for every source and warns
    // "The dtype of the target tensor must be floating ..." (the tape does both).
    if (!sources.empty()) {
        recordGradBodies_ = true;
        try {
            GradientOptions options;
            options.adjoints = &adjoints;
            grads = tape.gradient(*r_.value, sources, options);
        } catch (const BodyFailure& f) {
            r_.gradientError = f.message;
        } catch (const std::exception& e) {
            r_.gradientError = what(e);
        }
        recordGradBodies_ = false;
    }
    tape.stop();
    log.stop();
    if (outer)
        outer->stop();
    for (const std::string& w : tape.warnings())
        if (!r_.warnings.contains(QString::fromStdString(w)))
            r_.warnings << QString::fromStdString(w);
    r_.events = log.events();
    for (std::size_t i = 0; i < sources_.size(); ++i)
        r_.gradients.push_back(SourceGradient{sources_[i], grads[slot[i]], {}});
    collectNodeResults(adjoints);
    if (forward_)
        forwardMode();
    if (r_.gradientError.isEmpty() && isFloating(r_.value->dtype())) {
        if (o_.jacobian)
            jacobian(tape, sources);
        if (outer)
            hessian(*outer, sources, grads);
    }
    expand(slot);
    return sources_;
}

void Evaluator::expand(const std::vector<std::size_t>& slot)
{
    if (!r_.jacobian.empty()) {
        std::vector<std::optional<Tensor>> jacobian;
        for (std::size_t s : slot)
            jacobian.push_back(r_.jacobian[s]);
        r_.jacobian = std::move(jacobian);
    }
    if (!r_.hessian.empty()) {
        std::vector<std::vector<std::optional<Tensor>>> hessian;
        for (std::size_t i : slot) {
            std::vector<std::optional<Tensor>> row;
            for (std::size_t j : slot)
                row.push_back(r_.hessian[i][j]);
            hessian.push_back(std::move(row));
        }
        r_.hessian = std::move(hessian);
    }
}

QString Evaluator::nameOf(NodeId id) const
{
    // The window shows no ids: it names a node by its label or by what it computes.
    return o_.audience == MessageAudience::Window ? quotedName(g_, id) : g_.displayName(id);
}

void Evaluator::forwardOnly(const std::vector<NodeId>& order)
{
    EventLog log;
    log_ = &log;
    for (NodeId id : order)
        compute(id);
    log.stop();
    log_ = nullptr;
    collectNodeResults({});
}

bool Evaluator::chooseSources()
{
    if (o_.wrt) {
        for (NodeId id : *o_.wrt) {
            const Node* n = g_.node(id);
            if (!n || n->scope.valid()) {
                r_.error = QStringLiteral("cannot take gradients with respect to %1").arg(nameOf(id));
                return false;
            }
        }
        sources_ = *o_.wrt;
        return true;
    }
    for (const auto& [id, n] : g_.nodes)
        if (n.kind == NodeKind::Variable && n.trainable && !n.scope.valid())
            sources_.push_back(id);
    return true;
}

const TensorValue* Evaluator::declaredValue(const Node& n) const
{
    if (auto it = o_.values.find(n.id); it != o_.values.end())
        return &it->second;
    if (!n.label.isEmpty() && !n.scope.valid())
        if (auto it = g_.savedValues.constFind(n.label); it != g_.savedValues.constEnd())
            return &it.value();
    return n.value ? &*n.value : nullptr;
}

bool Evaluator::checkValues(const std::vector<NodeId>& order)
{
    QStringList missing;
    for (NodeId id : order) {
        const Node& n = *g_.node(id);
        if ((n.kind == NodeKind::Variable || n.kind == NodeKind::Input) && !declaredValue(n) && needed_.count(id))
            missing << nameOf(id);
    }
    if (missing.isEmpty())
        return true;
    const QString& first = missing.front();
    const QString declare = QStringLiteral("%1 = Variable(1.0)").arg(first);
    const QString names = missing.join(QStringLiteral(", "));
    const char* have = missing.size() == 1 ? "has" : "have";
    const char* them = missing.size() == 1 ? "it" : "them";
    // The window has no --at: values are set in its Inspector.
    r_.error = o_.audience == MessageAudience::Window
                   ? QStringLiteral("%1 %2 no value: set a value in the Inspector, or declare %3 in the formula (%4)")
                         .arg(names, have, them, declare)
                   : QStringLiteral("%1 %2 no value: declare %3 (%4) or give a value when evaluating (--at %5=1.0)")
                         .arg(names, have, them, declare, first);
    return false;
}

Tensor Evaluator::tensorFor(const TensorValue& v) const
{
    if (o_.dtype && !(v.dtype && isInteger(*v.dtype))) // --dtype chooses the floats; an int32 stays one
        return Tensor::fromValues(v.shape, v.values, *o_.dtype);
    return v.toTensor(dtype_);
}

void adaptLiteralInputs(const OpDef& def, std::vector<Tensor>& in, const std::function<bool(std::size_t)>& isLiteral)
{
    auto toInteger = [&](std::size_t k, DType dtype) {
        // TensorFlow refuses to convert 2.5 to an int32 tensor; a whole number converts.
        for (double x : in[k].toDoubles())
            if (!std::isfinite(x) || x != std::trunc(x)) // nan and inf too, as TensorFlow
                throw EngineError("Cannot convert " + formatNumber(x, DType::Float64) + " to EagerTensor of dtype "
                                  + std::string(dtypeName(dtype)));
        in[k] = Tensor::fromValues(in[k].shape(), in[k].toDoubles(), dtype);
    };
    for (std::size_t k = 0; k < in.size(); ++k)
        if (opcatalog::takesIndices(def, k) && isFloating(in[k].dtype()) && isLiteral(k))
            toInteger(k, DType::Int32);
    std::optional<DType> met;
    for (std::size_t k = 0; k < in.size() && !met; ++k)
        if (isInteger(in[k].dtype()) && !isLiteral(k) && !opcatalog::takesIndices(def, k))
            met = in[k].dtype();
    if (!met)
        return;
    for (std::size_t k = 0; k < in.size(); ++k)
        if (in[k].dtype() != *met && isFloating(in[k].dtype()) && isLiteral(k))
            toInteger(k, *met);
}

void Evaluator::adaptLiterals(NodeId id, const OpDef& def, std::vector<Tensor>& in) const
{
    adaptLiteralInputs(def, in, [&](std::size_t port) {
        const Connection* c = index_.into(id, static_cast<int>(port));
        const Node* from = c ? g_.node(c->from) : nullptr;
        if (!from || from->kind != NodeKind::Constant)
            return false;
        const TensorValue* v = declaredValue(*from);
        return v && !v->dtype;
    });
}

Source Evaluator::sourceOf(NodeId id) const
{
    if (auto it = variables_.find(id); it != variables_.end())
        return Source(it->second);
    return Source(values_.at(id));
}

void Evaluator::watch(NodeId id, const Tensor& t)
{
    if (sourceSet_.count(id))
        for (GradientTape* tape : tapes_)
            tape->watch(t);
    if (forward_ && sourceSet_.count(id))
        watchTangent(id, t);
}

void Evaluator::own(std::size_t firstEvent, NodeId id, const Tensor& value)
{
    const auto& events = log_->events();
    for (std::size_t k = firstEvent; k < events.size(); ++k)
        owners_.emplace(events[k].outputId, id);
    owners_[value.id()] = id;
}

std::optional<std::vector<Tensor>> Evaluator::inputs(NodeId id, int count)
{
    std::vector<Tensor> in;
    for (int port = 0; port < count; ++port) {
        const Connection* c = index_.into(id, port);
        if (!c) {
            fail(id, QStringLiteral("input '%1' is not connected").arg(g_.portName(*g_.node(id), port)));
            return std::nullopt;
        }
        auto it = values_.find(c->from);
        if (it == values_.end()) {
            // Named after the node where the missing value starts, not the nearest one waiting.
            NodeResult& result = r_.nodes[id];
            result.skipped = true;
            const auto upstream = r_.nodes.find(c->from);
            result.blockedBy = upstream != r_.nodes.end() && upstream->second.skipped ? upstream->second.blockedBy : c->from;
            result.error.clear();
            return std::nullopt;
        }
        in.push_back(it->second);
    }
    return in;
}

void Evaluator::compute(NodeId id)
{
    const Node& n = *g_.node(id);
    const std::size_t firstEvent = log_->events().size();
    try {
        std::optional<Tensor> value;
        switch (n.kind) {
        case NodeKind::Variable: {
            const TensorValue* v = declaredValue(n);
            if (!v)
                return fail(id, QStringLiteral("%1 has no value").arg(nameOf(id)));
            Variable variable(tensorFor(*v), n.trainable, n.label.toStdString());
            // TensorFlow's tape watches a trainable variable it reads without a word whatever its
            // dtype; only asking for an integer one's gradient warns (and gives None).
            if (sourceSet_.count(id) && isFloating(variable.dtype()))
                for (GradientTape* tape : tapes_)
                    tape->watch(variable);
            variables_.emplace(id, variable);
            value = variable.value();
            break;
        }
        case NodeKind::Constant:
        case NodeKind::Input: {
            const TensorValue* v = declaredValue(n);
            if (!v)
                return fail(id, QStringLiteral("%1 has no value").arg(nameOf(id)));
            value = tensorFor(*v);
            break;
        }
        case NodeKind::Op: {
            const OpDef* def = GraphData::opOf(n);
            if (!def)
                return fail(id, QStringLiteral("unknown op '%1'").arg(n.op));
            auto in = inputs(id, n.ports);
            if (!in)
                return;
            adaptLiterals(id, *def, *in);
            value = apply(*def, std::span<const Tensor>(*in), n.attrs);
            break;
        }
        case NodeKind::CustomGradient: {
            auto in = inputs(id, GraphData::customInputs(n));
            if (!in)
                return;
            value = custom(id, *in);
            break;
        }
        case NodeKind::Parameter:
        case NodeKind::Upstream:
            return fail(id, QStringLiteral("%1 belongs inside a custom gradient").arg(nameOf(id)));
        }
        watch(id, *value);
        values_.emplace(id, *value);
        own(firstEvent, id, *value);
    } catch (const BodyFailure& f) {
        fail(id, f.message);
    } catch (const std::exception& e) {
        fail(id, what(e));
    }
}

QString Evaluator::firstFailure(const std::vector<NodeId>& order) const
{
    for (NodeId id : order) {
        auto it = r_.nodes.find(id);
        if (it != r_.nodes.end() && !it->second.error.isEmpty() && needed_.count(id)) {
            const Node& n = *g_.node(id);
            const QString kind = n.kind == NodeKind::Op ? n.op : nodeKindName(n.kind);
            const QString name = nameOf(id);
            return (name.startsWith(kind) ? name : QStringLiteral("%1 (%2)").arg(name, kind)) + QStringLiteral(": ")
                   + it->second.error;
        }
    }
    return QStringLiteral("the target %1 has no value").arg(nameOf(r_.target));
}

void Evaluator::collectNodeResults(const std::unordered_map<TensorId, Tensor>& adjoints)
{
    for (const auto& [id, value] : values_) {
        NodeResult& result = r_.nodes[id];
        result.value = value;
        const TensorId key = variables_.count(id) ? variables_.at(id).id() : value.id();
        if (auto it = adjoints.find(key); it != adjoints.end())
            result.adjoint = it->second;
    }
}

void Evaluator::jacobian(GradientTape& tape, const std::vector<Source>& sources)
{
    try {
        for (const Source& s : sources)
            r_.jacobian.push_back(tape.jacobian(*r_.value, s));
    } catch (const std::exception& e) {
        r_.jacobian.clear();
        r_.jacobianError = what(e);
    } catch (const BodyFailure& f) {
        r_.jacobian.clear();
        r_.jacobianError = f.message;
    }
}

void Evaluator::hessian(GradientTape& outer, const std::vector<Source>& sources, const std::vector<std::optional<Tensor>>& grads)
{
    try {
        for (const std::optional<Tensor>& gi : grads) {
            std::vector<std::optional<Tensor>> row(sources.size());
            if (gi && gi->size() == 1 && gi->rank() == 0)
                row = outer.gradient(*gi, sources);
            else if (gi)
                for (std::size_t j = 0; j < sources.size(); ++j)
                    row[j] = outer.jacobian(*gi, sources[j]);
            r_.hessian.push_back(std::move(row));
        }
    } catch (const std::exception& e) {
        r_.hessian.clear();
        r_.hessianError = what(e);
    } catch (const BodyFailure& f) {
        r_.hessian.clear();
        r_.hessianError = f.message;
    }
}

} // namespace gs::detail
