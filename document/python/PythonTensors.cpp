// Tensors of the running code: slots of the script, nodes of the document, and how Python values
// become them (numbers and lists of numbers are constants, lists of tensors are stacked).
#include "document/python/PythonInterpreter.h"

#include "document/OpCatalog.h"

namespace gs::python {

std::vector<Step>& Interpreter::steps()
{
    Context& c = context();
    const Region& r = c.regions.back();
    if (r.body < 0)
        return c.script->steps;
    CustomBody& b = c.script->bodies[static_cast<std::size_t>(r.body)];
    return r.gradientPhase ? b.gradient : b.forward;
}

Slot Interpreter::newSlot(NodeId node)
{
    SlotInfo info;
    info.context = context().index;
    info.body = region().body;
    info.node = node;
    slots_.push_back(std::move(info));
    return static_cast<Slot>(slots_.size() - 1);
}

NodeId Interpreter::nodeHere(Slot slot) const
{
    const SlotInfo& s = slots_[static_cast<std::size_t>(slot)];
    const Context& c = context();
    return s.context == c.index && s.body == c.regions.back().body ? s.node : NodeId{};
}

Slot Interpreter::leaf(NodeKind kind, std::optional<TensorValue> value, bool trainable, const QString& name, const SourceSpan& span,
                       bool root)
{
    Context& c = context();
    const bool top = root || region().body < 0;
    const Region& r = top ? c.regions.front() : region();
    const NodeId node = r.nodes ? c.graph.leaf(kind, value, trainable, r.scope, span) : NodeId{};
    SlotInfo info;
    info.context = c.index;
    info.body = r.body;
    info.node = node;
    info.leaf = true;
    info.kind = kind;
    info.value = value;
    info.trainable = trainable;
    slots_.push_back(info);
    const auto slot = static_cast<Slot>(slots_.size() - 1);
    if (kind == NodeKind::Variable || kind == NodeKind::Constant) {
        Step step;
        step.kind = kind == NodeKind::Variable ? Step::Kind::Variable : Step::Kind::Constant;
        step.span = span;
        step.out = slot;
        step.value = std::move(value);
        step.trainable = trainable;
        step.node = node;
        step.name = name;
        (top ? c.script->steps : steps()).push_back(std::move(step));
    }
    return slot;
}

Slot Interpreter::apply(const OpDef& def, std::vector<Slot> inputs, const Attrs& attrs, const SourceSpan& span)
{
    for (Slot& in : inputs)
        in = capture(in, QString(), span);
    bool all = region().nodes;
    std::vector<NodeId> nodes;
    for (Slot in : inputs) {
        nodes.push_back(nodeHere(in));
        all = all && nodes.back().valid();
    }
    const NodeId node = all ? context().graph.op(def, attrs, nodes, region().scope, span) : NodeId{};
    const Slot out = newSlot(node);
    Step step;
    step.kind = Step::Kind::Apply;
    step.span = span;
    step.out = out;
    step.inputs = inputs;
    step.op = &def;
    step.attrs = attrs;
    steps().push_back(std::move(step));
    recordOnTapes(inputs, out, def.differentiable());
    return out;
}

// Note [captured values]
// A tf.custom_gradient body or a tf.function body may use a tensor from outside it.
//   - In a custom gradient, the outer tensor becomes one more input of the custom gradient node
//     (a Parameter inside its body) whose gradient port stays empty: as in TensorFlow, where only
//     the function's arguments are inputs of the recorded op, no gradient flows to it. A captured
//     variable is refused, as TensorFlow refuses it unless grad_fn takes `variables`.
//   - In a tf.function's document (for `trace`), a variable or constant of the program comes along
//     as a node of its own, as TensorFlow captures it; anything else would need the program's
//     graph and is refused.
Slot Interpreter::capture(Slot slot, const QString& name, const SourceSpan& span)
{
    Context& c = context();
    if (slots_[static_cast<std::size_t>(slot)].context != c.index) {
        if (auto it = c.imported.find(slot); it != c.imported.end()) {
            slot = it->second;
        } else {
            const SlotInfo s = slots_[static_cast<std::size_t>(slot)];
            if (!s.leaf || s.kind == NodeKind::Input)
                fail(span, QStringLiteral("the function uses %1, a tensor computed outside it: a tf.function can only capture "
                                          "variables and constants")
                               .arg(name.isEmpty() ? QStringLiteral("a value") : name));
            const Slot imported = leaf(s.kind, s.value, s.trainable, name, span, true);
            c.graph.name(slots_[static_cast<std::size_t>(imported)].node, name, GraphEmitter::Naming::Final);
            c.imported.emplace(slot, imported);
            slot = imported;
        }
    }
    Region& r = region();
    const SlotInfo& s = slots_[static_cast<std::size_t>(slot)];
    if (r.body < 0 || s.body == r.body)
        return slot;
    if (auto it = r.captures.find(slot); it != r.captures.end())
        return it->second;
    const QString shown = name.isEmpty() ? QStringLiteral("a tensor from outside it") : name;
    if (s.leaf && s.kind == NodeKind::Variable)
        fail(span, QStringLiteral("a tf.custom_gradient function uses the variable %1: TensorFlow then needs its gradient "
                                  "function to take variables=, which is not supported; pass it as an argument")
                       .arg(shown));
    if (r.nodes && !s.node.valid())
        fail(span, QStringLiteral("a tf.custom_gradient function uses %1, which is computed from gradients: pass it as an argument")
                       .arg(shown));
    CustomBody& b = c.script->bodies[static_cast<std::size_t>(r.body)];
    const NodeId node = r.nodes ? c.graph.parameter(r.scope, static_cast<int>(b.params.size()), span) : NodeId{};
    const Slot param = newSlot(node);
    c.graph.name(node, name, GraphEmitter::Naming::Local);
    b.params.push_back(param);
    r.captures.emplace(slot, param);
    r.capturedOuter.push_back(slot);
    return param;
}

void Interpreter::recordOnTapes(const std::vector<Slot>& inputs, Slot out, bool differentiable)
{
    if (context().index != 0 || region().body >= 0)
        return;
    for (TapeState& t : tapes_) {
        if (!t.recording)
            continue;
        bool touches = false;
        for (Slot in : inputs) {
            const SlotInfo& s = slots_[static_cast<std::size_t>(in)];
            if (s.leaf && s.kind == NodeKind::Variable && s.trainable && t.watchAccessed)
                t.watched.insert(in); // reading a trainable variable while recording watches it
            touches = touches || t.watched.count(in) > 0;
        }
        if (touches && differentiable)
            t.watched.insert(out);
    }
}

std::optional<TensorValue> Interpreter::literal(const Value& v, const SourceSpan& span) const
{
    if (v.kind == Value::Kind::Int || v.kind == Value::Kind::Float)
        return TensorValue::scalar(v.toDouble());
    if (!v.isSequence() || v.items->empty())
        return std::nullopt;
    const std::vector<Value>& items = *v.items;
    TensorValue value;
    if (!items.front().isSequence()) {
        for (const Value& item : items) {
            if (item.kind != Value::Kind::Int && item.kind != Value::Kind::Float)
                return std::nullopt;
            value.values.push_back(item.toDouble());
        }
        value.shape = Shape::vector(static_cast<std::int64_t>(items.size()));
        return value;
    }
    const std::size_t columns = items.front().items->size();
    for (const Value& row : items) {
        if (!row.isSequence())
            return std::nullopt;
        if (row.items->size() != columns)
            fail(span, QStringLiteral("this row has %1 values but the first row has %2").arg(row.items->size()).arg(columns));
        for (const Value& item : *row.items) {
            if (item.isSequence())
                fail(span, QStringLiteral("tensors have at most 2 dimensions"));
            if (item.kind != Value::Kind::Int && item.kind != Value::Kind::Float)
                return std::nullopt;
            value.values.push_back(item.toDouble());
        }
        if (static_cast<std::int64_t>(value.values.size()) > formulalimits::maxElements)
            fail(span, QStringLiteral("this literal has more than %1 elements").arg(formulalimits::maxElements));
    }
    value.shape = Shape::matrix(static_cast<std::int64_t>(items.size()), static_cast<std::int64_t>(columns));
    return value;
}

Slot Interpreter::tensor(const Value& v, const SourceSpan& span)
{
    switch (v.kind) {
    case Value::Kind::Tensor: return capture(v.slot, QString(), span);
    case Value::Kind::Int:
    case Value::Kind::Float: return implicitConstant(TensorValue::scalar(v.toDouble()), span);
    case Value::Kind::List:
    case Value::Kind::Tuple:
        if (auto value = literal(v, span))
            return implicitConstant(std::move(*value), span);
        return stackOf(v, span);
    case Value::Kind::Bool: fail(span, QStringLiteral("a Python bool cannot be used as a tensor here"));
    case Value::Kind::None: fail(span, QStringLiteral("None cannot be used as a tensor"));
    default: break;
    }
    fail(span, QStringLiteral("%1 cannot be used as a tensor").arg(typeName(v)));
}

Slot Interpreter::implicitConstant(TensorValue value, const SourceSpan& span)
{
    const Slot slot = leaf(NodeKind::Constant, std::move(value), true, QString(), span, false);
    steps().back().implicit = true;
    return slot;
}

Slot Interpreter::stackOf(const Value& list, const SourceSpan& span)
{
    if (list.items->empty())
        fail(span, QStringLiteral("an empty list has no value"));
    std::vector<Slot> items;
    for (const Value& item : *list.items)
        items.push_back(tensor(item, span));
    return apply(*opcatalog::find(QStringLiteral("stack")), items, {}, span);
}

Value Interpreter::toTensors(const Value& v, const SourceSpan& span)
{
    // A tf.function's Python int result is an int32 tensor (tf_cube(2) is an int32 8), as
    // TensorFlow converts it; a float is a float of the document's dtype.
    if (v.kind == Value::Kind::Int)
        return Value::makeTensor(leaf(NodeKind::Constant, TensorValue::scalar(v.toDouble(), DType::Int32), true, QString(), span, false));
    if (v.kind == Value::Kind::Float)
        return Value::makeTensor(tensor(v, span));
    if (v.isSequence()) {
        std::vector<Value> items;
        for (const Value& item : *v.items)
            items.push_back(toTensors(item, span));
        return Value::makeSequence(v.kind, std::move(items));
    }
    return v;
}

std::optional<PythonValue> Interpreter::resultValue(const Value& v) const
{
    PythonValue r;
    switch (v.kind) {
    case Value::Kind::None: return r;
    case Value::Kind::Bool:
    case Value::Kind::Int:
    case Value::Kind::Float:
        r.kind = PythonValue::Kind::Number;
        r.number = v.toDouble();
        r.integer = v.kind == Value::Kind::Int;
        return r;
    case Value::Kind::Tensor:
        r.kind = PythonValue::Kind::Tensor;
        r.slot = v.slot;
        return r;
    case Value::Kind::List:
    case Value::Kind::Tuple:
        r.kind = PythonValue::Kind::List;
        for (const Value& item : *v.items) {
            auto element = resultValue(item);
            if (!element)
                return std::nullopt;
            r.items.push_back(std::move(*element));
        }
        return r;
    default: return std::nullopt;
    }
}

} // namespace gs::python
