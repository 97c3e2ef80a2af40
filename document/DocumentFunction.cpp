#include "document/DocumentFunction.h"

#include "document/Evaluation.h"
#include "document/Evaluator.h"
#include "engine/ops/Apply.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace gs {

namespace {

bool takesArguments(const Node& n)
{
    return !n.scope.valid() && !n.label.isEmpty()
           && (n.kind == NodeKind::Input || n.kind == NodeKind::Constant || n.kind == NodeKind::Variable);
}

QString namesOfArguments(const GraphData& data)
{
    QStringList names;
    for (const auto& [id, n] : data.nodes)
        if (takesArguments(n))
            names << n.label;
    return names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", "));
}

NodeId parameterNode(const GraphData& data, const QString& name)
{
    const NodeId id = data.findLabel(name);
    const Node* n = data.node(id);
    if (!n)
        throw TraceError{QStringLiteral("'%1' is not a value of the graph (its variables, constants and inputs: %2)")
                             .arg(name, namesOfArguments(data))};
    if (!takesArguments(*n))
        throw TraceError{QStringLiteral("'%1' is computed by the graph; only variables, constants and inputs can be "
                                        "arguments (%2)")
                             .arg(name, namesOfArguments(data))};
    return id;
}

QString missingValue(const Node& n)
{
    return QStringLiteral("%1 has no value: give one in the call (%1=constant(2.0) or %1=2)").arg(n.label);
}

} // namespace

QStringList DocumentFunction::parametersOf(const GraphData& data, const std::vector<std::vector<TraceArgument>>& calls)
{
    std::vector<NodeId> ids;
    for (const auto& [id, n] : data.nodes)
        if (n.kind == NodeKind::Input && takesArguments(n))
            ids.push_back(id);
    for (const auto& call : calls)
        for (const TraceArgument& a : call)
            if (const NodeId id = parameterNode(data, a.name); std::find(ids.begin(), ids.end(), id) == ids.end())
                ids.push_back(id);
    std::sort(ids.begin(), ids.end());
    QStringList names;
    for (NodeId id : ids)
        names << data.node(id)->label;
    return names;
}

DocumentFunction::DocumentFunction(GraphData data, QStringList parameters)
    : data_(std::move(data)), parameters_(std::move(parameters)), dtype_(documentDType(data_))
{
    std::vector<std::string> names;
    for (const QString& p : parameters_) {
        parameterNodes_.push_back(parameterNode(data_, p));
        names.push_back(p.toStdString());
    }
    for (const auto& [id, n] : data_.nodes)
        if (n.kind == NodeKind::Variable && !n.scope.valid())
            if (const TensorValue* v = declaredValue(n))
                variables_.emplace(id, Variable(v->toTensor(dtype_), n.trainable, n.label.toStdString()));
    const QString name = data_.lesson.title.isEmpty() ? QStringLiteral("f") : data_.lesson.title;
    function_ = std::make_unique<Function>(name.toStdString(), std::move(names),
                                           [this](const std::vector<FunctionArg>& args) { return body(args); });
}

QString DocumentFunction::resultName() const
{
    const Node* target = data_.node(data_.target);
    if (target && !target->label.isEmpty())
        return target->label;
    // An unnamed result is called y, unless the user has a y of their own elsewhere in the graph.
    auto taken = [this](const QString& name) {
        return std::any_of(data_.nodes.begin(), data_.nodes.end(), [&](const auto& entry) { return entry.second.label == name; });
    };
    for (const QString& name : {QStringLiteral("y"), QStringLiteral("result")})
        if (!taken(name))
            return name;
    for (int k = 1;; ++k)
        if (const QString name = QStringLiteral("result%1").arg(k); !taken(name))
            return name;
}

const TensorValue* DocumentFunction::declaredValue(const Node& n) const
{
    if (!n.label.isEmpty())
        if (auto it = data_.savedValues.constFind(n.label); it != data_.savedValues.constEnd())
            return &it.value();
    return n.value ? &*n.value : nullptr;
}

std::vector<FunctionArg> DocumentFunction::bind(const std::vector<TraceArgument>& arguments) const
{
    for (const TraceArgument& a : arguments)
        if (!parameters_.contains(a.name))
            throw TraceError{QStringLiteral("'%1' is not a parameter of this function (its parameters: %2)")
                                 .arg(a.name, parameters_.isEmpty() ? QStringLiteral("none") : parameters_.join(QStringLiteral(", ")))};
    std::vector<FunctionArg> args;
    for (std::size_t i = 0; i < parameterNodes_.size(); ++i) {
        const auto given = std::find_if(arguments.begin(), arguments.end(),
                                        [&](const TraceArgument& a) { return a.name == parameters_[static_cast<qsizetype>(i)]; });
        if (given != arguments.end()) {
            if (given->tensor)
                args.emplace_back(given->tensor->toTensor(dtype_));
            else
                args.emplace_back(PythonNumber(given->number, given->integer));
            continue;
        }
        const Node& n = *data_.node(parameterNodes_[i]);
        const TensorValue* v = declaredValue(n);
        if (!v)
            throw TraceError{missingValue(n)};
        args.emplace_back(v->toTensor(dtype_));
    }
    return args;
}

std::vector<Tensor> DocumentFunction::body(const std::vector<FunctionArg>& args) const
{
    const std::unordered_set<NodeId> needed = data_.ancestors(data_.target);
    // Numbers follow the tensors they meet (as `x * 2` does in TensorFlow): the graph's literals and
    // plain-number arguments take the dtype of the first tensor argument.
    DType numbers = dtype_;
    for (const FunctionArg& a : args)
        if (const Tensor* t = std::get_if<Tensor>(&a)) {
            numbers = t->dtype();
            break;
        }
    const ConnectionIndex index(data_);
    std::unordered_map<NodeId, Tensor> values;
    // Note [Python ints in a trace]: what TensorFlow computes in Python while tracing. tf_cube(2)
    // runs 2 ** 3 in Python and the function returns the int32 tensor 8 (a constant of the
    // graph). A node is a Python int here when it is a plain int argument, a literal with whole
    // values, or integer arithmetic on Python ints only; when the result is one, it is returned
    // as an int32 constant (the float ops before it are pruned).
    std::unordered_set<NodeId> pythonInts;
    // The user's labels travel into the traced graph, so the concrete function shows their `y`.
    auto nameTraced = [&values](NodeId id, const Node& n) {
        if (!n.label.isEmpty())
            observers::nameTensor(values.at(id), n.label.toStdString());
    };
    auto whole = [](const Tensor& t) {
        for (double x : t.toDoubles())
            if (!std::isfinite(x) || x != std::trunc(x))
                return false;
        return true;
    };
    // Every top-level node is computed, not only the target's ancestors, so that what the target
    // does not need shows up in the trace and the pruning pass has something to remove. Such a
    // node may fail (say, shapes that do not broadcast) without failing the call.
    for (NodeId id : data_.topologicalOrder()) {
        const Node& n = *data_.node(id);
        const bool isNeeded = needed.count(id) > 0;
        auto fail = [&](const QString& why) {
            if (isNeeded)
                throw TraceError{QStringLiteral("%1: %2").arg(data_.displayName(id), why)};
        };
        const auto param = std::find(parameterNodes_.begin(), parameterNodes_.end(), id);
        if (param != parameterNodes_.end()) {
            const FunctionArg& a = args[static_cast<std::size_t>(param - parameterNodes_.begin())];
            values.emplace(id, std::holds_alternative<Tensor>(a) ? std::get<Tensor>(a) : Tensor::scalar(std::get<PythonNumber>(a).value, numbers));
            if (plainInts_.size() == parameterNodes_.size() && plainInts_[static_cast<std::size_t>(param - parameterNodes_.begin())])
                pythonInts.insert(id);
            continue;
        }
        switch (n.kind) {
        case NodeKind::Variable:
            if (auto it = variables_.find(id); it != variables_.end())
                values.emplace(id, it->second.value());
            else if (isNeeded)
                throw TraceError{missingValue(n)};
            break;
        case NodeKind::Constant:
        case NodeKind::Input:
            if (const TensorValue* v = declaredValue(n)) {
                values.emplace(id, v->toTensor(numbers));
                nameTraced(id, n);
                if (n.kind == NodeKind::Constant && !v->dtype && whole(values.at(id)))
                    pythonInts.insert(id);
            } else if (isNeeded)
                throw TraceError{missingValue(n)};
            break;
        case NodeKind::Op: {
            const OpDef* def = GraphData::opOf(n);
            std::vector<Tensor> in;
            for (int port = 0; port < n.ports; ++port) {
                const Connection* c = index.into(id, port);
                const auto v = c ? values.find(c->from) : values.end();
                if (v == values.end())
                    break;
                in.push_back(v->second);
            }
            if (!def) {
                fail(QStringLiteral("unknown op '%1'").arg(n.op));
            } else if (static_cast<int>(in.size()) == n.ports) {
                try {
                    // As in eager mode: gather(x, [0, 2])'s literal indices trace as an int32
                    // constant, and a literal next to an int32 tensor takes its dtype.
                    detail::adaptLiteralInputs(*def, in, [&](std::size_t port) {
                        const Connection* c = index.into(id, static_cast<int>(port));
                        const Node* from = c ? data_.node(c->from) : nullptr;
                        if (!from || from->kind != NodeKind::Constant)
                            return false;
                        const TensorValue* v = declaredValue(*from);
                        return v && !v->dtype;
                    });
                    values.emplace(id, apply(*def, std::span<const Tensor>(in), n.attrs));
                    nameTraced(id, n);
                    static const QStringList integerOps{"add", "sub", "mul", "neg", "pow", "square", "floordiv", "floormod"};
                    bool allInts = integerOps.contains(n.op) && n.ports > 0;
                    for (int port = 0; port < n.ports && allInts; ++port) {
                        const Connection* c = index.into(id, port);
                        allInts = c && pythonInts.count(c->from);
                    }
                    if (allInts && whole(values.at(id)))
                        pythonInts.insert(id);
                } catch (const std::exception& e) {
                    fail(QString::fromStdString(e.what()));
                }
            } else {
                fail(QStringLiteral("an input has no value"));
            }
            break;
        }
        case NodeKind::CustomGradient:
            fail(QStringLiteral("custom gradients cannot be traced yet"));
            break;
        case NodeKind::Parameter:
        case NodeKind::Upstream:
            break;
        }
    }
    const auto result = values.find(data_.target);
    if (result == values.end())
        throw TraceError{data_.target.valid() ? QStringLiteral("the target %1 has no value").arg(resultName())
                                              : QStringLiteral("the graph has no target")};
    if (pythonInts.count(data_.target) && isFloating(result->second.dtype())) {
        DType integer = DType::Int32;
        for (double x : result->second.toDoubles())
            if (x > 2147483647.0 || x < -2147483648.0)
                integer = DType::Int64;
        return {Tensor::fromValues(result->second.shape(), result->second.toDoubles(), integer)};
    }
    return {result->second};
}

TraceCallResult DocumentFunction::call(const std::vector<TraceArgument>& arguments)
{
    const std::vector<FunctionArg> args = bind(arguments);
    plainInts_.assign(parameterNodes_.size(), false);
    for (std::size_t i = 0; i < parameterNodes_.size(); ++i)
        for (const TraceArgument& a : arguments)
            if (a.name == parameters_[static_cast<qsizetype>(i)] && !a.tensor && a.integer)
                plainInts_[i] = true;
    TraceCallResult result;
    result.specOnly = std::any_of(arguments.begin(), arguments.end(), [](const TraceArgument& a) { return a.spec; })
                      && std::all_of(arguments.begin(), arguments.end(),
                                     [](const TraceArgument& a) { return a.spec || !a.tensor; });
    try {
        const std::vector<Tensor> out = (*function_)(args);
        result.value = out.front();
    } catch (const TraceError&) {
        throw;
    } catch (const std::exception& e) {
        throw TraceError{QString::fromStdString(e.what())};
    }
    result.call = function_->calls().back();
    result.concrete = result.call.concrete;
    return result;
}

} // namespace gs
