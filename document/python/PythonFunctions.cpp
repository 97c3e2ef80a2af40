// Functions TensorFlow treats specially: @tf.custom_gradient (a custom gradient node whose body is
// the function's forward code and the gradient function it returns) and @tf.function (inlined like
// any def, and also read once more as a document of its own whose calls `trace` makes). Also what
// the program is when the code ends: labels, results, and the document's target and sources.
#include "document/python/PythonInterpreter.h"

#include <QSet>

namespace gs::python {

Value Interpreter::decorate(const Value& decorator, const Value& f, const SourceSpan& span)
{
    if (decorator.kind == Value::Kind::Module && decorator.text == u"tf.function")
        return makeTfFunction(f, span);
    if (decorator.kind == Value::Kind::Module && decorator.text == u"tf.custom_gradient")
        return makeCustomGradient(f, span);
    fail(span, QStringLiteral("the decorator %1 is not supported (GradScope knows @tf.function and @tf.custom_gradient)")
                   .arg(decorator.kind == Value::Kind::Module ? decorator.text : typeName(decorator)));
}

Value Interpreter::makeTfFunction(const Value& f, const SourceSpan& span)
{
    if (f.kind == Value::Kind::TfFunction)
        return f;
    if (f.kind != Value::Kind::Function)
        fail(span, QStringLiteral("tf.function takes a Python function, not %1").arg(typeName(f)));
    PythonFunction fn;
    fn.name = f.function->def->text;
    p_.functions.push_back(std::move(fn));
    tfFunctions_.push_back(f.function);
    traced_.push_back(false);
    Value v;
    v.kind = Value::Kind::TfFunction;
    v.function = f.function;
    v.index = static_cast<int>(p_.functions.size() - 1);
    return v;
}

Value Interpreter::makeCustomGradient(const Value& f, const SourceSpan& span) const
{
    if (f.kind != Value::Kind::Function)
        fail(span, QStringLiteral("tf.custom_gradient takes a Python function, not %1").arg(typeName(f)));
    Value v = f;
    v.function = std::make_shared<FunctionObject>(*f.function);
    v.function->customGradient = true;
    return v;
}

// Note [custom gradient calls]
// Each call of a @tf.custom_gradient function makes one custom gradient node (see note [custom
// gradient nodes] in GraphData.cpp) and one Custom step. Its inputs are the call's arguments (then
// any outer tensor the code uses, see note [captured values]); the function runs once with a
// Parameter for each, and what it returns is (value, grad_fn): the value is the forward result,
// and grad_fn runs once with dy (an Upstream node, named after grad_fn's parameter) to give one
// gradient per argument, or None. grad_fn may use what the forward part computed (the book's
// `exp`): both parts are one body. When an argument has no node (it was computed from
// gradients), the call only exists in the script.
Value Interpreter::callCustomGradient(const FunctionObject& f, const std::vector<Value>& args, const std::vector<NamedValue>& kwargs,
                                      const SourceSpan& span)
{
    const QString name = f.def->text;
    if (region().body >= 0)
        fail(span, QStringLiteral("%1 is a tf.custom_gradient function called inside another one: custom gradients do not nest here")
                       .arg(name));
    if (!kwargs.empty())
        fail(kwargs.front().span, QStringLiteral("%1 is a tf.custom_gradient function: give its arguments by position").arg(name));
    if (args.size() != f.def->params.size())
        fail(span, QStringLiteral("%1() takes %2 arguments but %3 were given").arg(name).arg(f.def->params.size()).arg(args.size()));
    if (args.empty())
        fail(span, QStringLiteral("%1 takes no arguments, so nothing can be differentiated").arg(name));
    std::vector<Slot> inputs;
    for (const Value& a : args)
        inputs.push_back(tensor(a, span));
    bool nodes = region().nodes;
    for (Slot in : inputs)
        nodes = nodes && nodeHere(in).valid();

    Context& c = context();
    const int body = static_cast<int>(c.script->bodies.size());
    c.script->bodies.emplace_back();
    const NodeId custom = nodes ? c.graph.customNode(span) : NodeId{};
    Region inner;
    inner.body = body;
    inner.scope = custom;
    inner.nodes = nodes;
    c.regions.push_back(std::move(inner));
    struct Leave {
        Context& c;
        bool active = true;
        ~Leave()
        {
            if (active)
                c.regions.pop_back();
        }
    } leave{c};

    std::vector<Value> params;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const NodeId node = nodes ? c.graph.parameter(custom, static_cast<int>(i), span) : NodeId{};
        const Slot p = newSlot(node);
        c.graph.name(node, f.def->params[i].name, GraphEmitter::Naming::Local);
        c.script->bodies[static_cast<std::size_t>(body)].params.push_back(p);
        params.push_back(Value::makeTensor(p));
    }
    const Value returned = invoke(f, params, {}, span);
    if (!returned.isSequence() || returned.items->size() != 2)
        fail(span, QStringLiteral("a tf.custom_gradient function must return (value, gradient function); %1 returned %2")
                       .arg(name, typeName(returned)));
    const Value value = (*returned.items)[0];
    const Value gradFn = (*returned.items)[1];
    if (value.kind != Value::Kind::Tensor && !value.isNumber())
        fail(span, QStringLiteral("%1 must return a tensor as its value, not %2").arg(name, typeName(value)));
    const Slot output = tensor(value, span);
    if (gradFn.kind != Value::Kind::Function || gradFn.function->customGradient)
        fail(span, QStringLiteral("%1 must return a gradient function (a def) after its value, not %2").arg(name, typeName(gradFn)));
    c.script->bodies[static_cast<std::size_t>(body)].output = output;

    region().gradientPhase = true;
    const NodeId upstreamNode = nodes ? c.graph.upstream(custom, span) : NodeId{};
    const Slot upstream = newSlot(upstreamNode);
    const PyStmt& gradDef = *gradFn.function->def;
    c.graph.name(upstreamNode, gradDef.params.empty() ? QStringLiteral("dy") : gradDef.params.front().name, GraphEmitter::Naming::Local);
    c.script->bodies[static_cast<std::size_t>(body)].upstream = upstream;
    const Value grads = invoke(*gradFn.function, {Value::makeTensor(upstream)}, {}, span);
    std::vector<Value> perInput;
    if (grads.isSequence())
        perInput = *grads.items;
    else
        perInput.push_back(grads);
    if (perInput.size() != inputs.size())
        fail(span, QStringLiteral("the gradient function of %1 returned %2 gradients for %3 arguments")
                       .arg(name)
                       .arg(perInput.size())
                       .arg(inputs.size()));
    std::vector<Slot> gradSlots;
    for (const Value& g : perInput)
        gradSlots.push_back(g.kind == Value::Kind::None ? -1 : tensor(g, span));

    std::vector<Slot> all = inputs;
    all.insert(all.end(), region().capturedOuter.begin(), region().capturedOuter.end());
    CustomBody& b = c.script->bodies[static_cast<std::size_t>(body)];
    gradSlots.resize(b.params.size(), -1); // captured values get no gradient
    b.grads = gradSlots;
    if (nodes) {
        std::vector<NodeId> inputNodes;
        for (Slot in : all)
            inputNodes.push_back(slots_[static_cast<std::size_t>(in)].node);
        std::vector<NodeId> gradNodes;
        for (Slot g : gradSlots)
            gradNodes.push_back(g < 0 ? NodeId{} : nodeHere(g));
        c.graph.finishCustom(custom, inputNodes, nodeHere(output), gradNodes);
        c.graph.name(custom, name, GraphEmitter::Naming::FunctionName);
    }
    leave.active = false;
    c.regions.pop_back();

    const Slot out = newSlot(custom);
    Step step;
    step.kind = Step::Kind::Custom;
    step.span = span;
    step.out = out;
    step.inputs = all;
    step.body = body;
    steps().push_back(std::move(step));
    recordOnTapes(all, out, true);
    return Value::makeTensor(out);
}

Value Interpreter::callTfFunction(int index, const std::vector<Value>& args, const std::vector<NamedValue>& kwargs,
                                  const SourceSpan& span, const QString& text)
{
    const std::shared_ptr<FunctionObject> f = tfFunctions_[static_cast<std::size_t>(index)];
    if (context().index == 0 && region().body < 0) {
        if (!traced_[static_cast<std::size_t>(index)]) {
            traced_[static_cast<std::size_t>(index)] = true;
            buildTraceDocument(index);
        }
        const FramePtr bound = bindParameters(*f, args, kwargs, span);
        PythonFunction::Call c;
        c.span = span;
        c.text = text;
        for (const PyParam& p : f->def->params) {
            const auto value = resultValue(bound->names.value(p.name));
            c.arguments.emplace_back(p.name, value.value_or(PythonValue{}));
        }
        p_.functions[static_cast<std::size_t>(index)].calls.push_back(std::move(c));
    }
    return toTensors(callFunction(f, args, kwargs, span), span);
}

void Interpreter::buildTraceDocument(int index)
{
    const std::shared_ptr<FunctionObject> f = tfFunctions_[static_cast<std::size_t>(index)];
    auto context = std::make_unique<Context>();
    context->index = static_cast<int>(contexts_.size());
    context->script = &context->ownScript;
    context->regions.emplace_back();
    contexts_.push_back(std::move(context));
    const int depth = depth_;
    const Value returned = returned_;
    PythonFunction& fn = p_.functions[static_cast<std::size_t>(index)];
    try {
        std::vector<Value> params;
        for (const PyParam& p : f->def->params) {
            const Slot s = leaf(NodeKind::Input, std::nullopt, false, p.name, p.span, true);
            this->context().graph.name(slots_[static_cast<std::size_t>(s)].node, p.name, GraphEmitter::Naming::Final);
            params.push_back(Value::makeTensor(s));
        }
        const Value result = callFunction(f, params, {}, f->def->span);
        if (result.isSequence())
            fail(f->def->span, QStringLiteral("%1 returns %2 values: trace shows functions that return one tensor")
                                   .arg(fn.name)
                                   .arg(result.items->size()));
        if (result.kind != Value::Kind::Tensor && !result.isNumber())
            fail(f->def->span, QStringLiteral("%1 returns %2, not a tensor").arg(fn.name, typeName(result)));
        const NodeId target = nodeHere(tensor(result, f->def->span));
        fn.data = this->context().graph.finish(target);
        fn.data.lesson.title = fn.name;
    } catch (const FormulaException& e) {
        fn.error = FormulaError::at(text_, e.span, e.message).headline();
        fn.data = {};
    }
    depth_ = depth;
    returned_ = returned;
    contexts_.pop_back();
}

// --- the program when the code ends --------------------------------------------------------------

void Interpreter::finish(PythonProgram& program)
{
    for (std::size_t i = 0; i < traced_.size(); ++i)
        if (!traced_[i]) { // a tf.function the code never calls can still be traced with --call
            traced_[i] = true;
            buildTraceDocument(static_cast<int>(i));
        }
    Context& c = context();
    for (const QString& name : globals_->order) {
        const auto it = globals_->names.constFind(name);
        if (it == globals_->names.constEnd())
            continue;
        if (it->kind == Value::Kind::Tensor)
            c.graph.name(nodeHere(it->slot), name, GraphEmitter::Naming::Final);
        if (it->kind == Value::Kind::TfFunction)
            program.functions[static_cast<std::size_t>(it->index)].names << name;
    }

    QSet<QString> seen;
    for (const Entry& e : entries_) {
        PythonResult result;
        result.span = e.span;
        if (e.isName) {
            const auto it = globals_->names.constFind(e.name);
            if (seen.contains(e.name) || it == globals_->names.constEnd())
                continue;
            const auto value = resultValue(*it);
            if (!value || !value->holdsTensor())
                continue;
            result.name = e.name;
            result.value = *value;
        } else {
            result.name = seen.contains(e.name) ? QStringLiteral("%1 (line %2)").arg(e.name).arg(e.span.line) : e.name;
            result.value = e.value;
        }
        seen.insert(e.name);
        program.results.push_back(std::move(result));
    }

    // The document's tape: the last gradient call's target and the sources its tape watched; a
    // gradient of a gradient (nested tapes) is the Hessian of the first one's target.
    auto topNode = [&](Slot s) {
        const SlotInfo& info = slots_[static_cast<std::size_t>(s)];
        return info.context == 0 && info.body < 0 ? info.node : NodeId{};
    };
    auto watchedSources = [&](const GradientInfo& g) {
        std::vector<NodeId> sources;
        for (std::size_t i = 0; i < g.sources.size(); ++i)
            if (const NodeId n = topNode(g.sources[i]); n.valid() && g.watched[i])
                sources.push_back(n);
        return sources;
    };
    NodeId target;
    if (!gradients_.empty()) {
        const GradientInfo& last = gradients_.back();
        const int first = slots_[static_cast<std::size_t>(last.target)].gradientCall;
        if (topNode(last.target).valid()) {
            target = topNode(last.target);
            program.request.sources = watchedSources(last);
            program.request.jacobian = last.jacobian;
        } else if (first >= 0 && topNode(gradients_[static_cast<std::size_t>(first)].target).valid()) {
            const GradientInfo& g = gradients_[static_cast<std::size_t>(first)];
            target = topNode(g.target);
            program.request.sources = watchedSources(g);
            program.request.hessian = true;
        }
        program.request.fromGradient = target.valid();
    }
    if (!target.valid())
        target = lastValue_;
    if (!target.valid() && !c.graph.data().nodes.empty())
        target = c.graph.data().nodes.rbegin()->first;
    if (c.graph.data().nodes.empty()) {
        QStringList defined;
        for (const QString& name : globals_->order)
            if (const auto it = globals_->names.constFind(name); it != globals_->names.constEnd()
                                                                   && (it->kind == Value::Kind::Function || it->kind == Value::Kind::TfFunction))
                defined << name;
        throw FormulaException{{}, defined.isEmpty() ? QStringLiteral("the code computes no tensors")
                                                     : QStringLiteral("the code computes no tensors: it defines %1; call %2 to see a graph")
                                                           .arg(defined.join(QStringLiteral(", ")), defined.size() == 1 ? "it" : "one")};
    }
    program.data = c.graph.finish(target);
    program.script.slotCount = static_cast<int>(slots_.size());
    program.script.tapeCount = static_cast<int>(tapes_.size());
}

} // namespace gs::python
