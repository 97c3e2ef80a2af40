// Running Python code: statements, names and expressions (operators are in PythonOperators.cpp).
#include "document/python/PythonInterpreter.h"

// Note [graph and script]
// Reading Python is running it, the way tf.function's tracing runs it: Python numbers, lists,
// loops, ifs and function calls are carried out as Python would (a loop is unrolled, a def is
// inlined at each call), and every operation on a tensor is recorded twice:
//   - as a node of the document, which is what the editor shows and what `eval` and `convert`
//     read, exactly as if the same graph had been written in the formula language;
//   - as a step of a script (PythonScript.h): the same operations in the order the code made them,
//     interleaved with what the document cannot hold: when each tape starts and stops recording,
//     what it watches, and each gradient() and jacobian() call with its result.
// evaluatePython() replays the script through the engine's own GradientTape, so every gradient
// call gets what TensorFlow would give it: None for a constant the tape did not watch, an error
// for a second call on a non-persistent tape, Hessians from nested tapes. Values computed from
// gradients (a Hessian's first derivatives) only exist in the script. Tensor values are never
// needed to run the code: control flow is on Python values only (an `if` on a tensor is refused).

namespace gs::python {

Interpreter::Interpreter(const QString& text)
    : text_(text)
    , globals_(newFrame(nullptr))
{
    auto main = std::make_unique<Context>();
    main->script = &p_.script;
    main->regions.emplace_back();
    contexts_.push_back(std::move(main));
}

Interpreter::~Interpreter()
{
    for (const std::weak_ptr<Frame>& weak : frames_)
        if (const FramePtr frame = weak.lock()) {
            frame->names.clear();
            frame->parent.reset();
        }
}

FramePtr Interpreter::newFrame(const FramePtr& parent)
{
    auto frame = std::make_shared<Frame>();
    frame->parent = parent;
    frames_.push_back(frame);
    return frame;
}

PythonProgram Interpreter::run(const PyModule& module)
{
    p_.text = text_;
    const Flow flow = execBlock(module.body, globals_);
    if (flow == Flow::Break || flow == Flow::Continue)
        fail(flowSpan_, QStringLiteral("'%1' outside a loop").arg(flow == Flow::Break ? "break" : "continue"));
    finish(p_);
    return std::move(p_);
}

void Interpreter::tick(const SourceSpan& span)
{
    if (++ticks_ > limits::steps)
        fail(span, QStringLiteral("the code runs too long to unroll (more than %1 steps)").arg(limits::steps));
}

// --- statements ----------------------------------------------------------------------------------

Interpreter::Flow Interpreter::execBlock(const std::vector<PyStmtPtr>& body, const FramePtr& frame)
{
    for (const PyStmtPtr& s : body) {
        const Flow flow = exec(*s, frame);
        if (flow != Flow::Normal)
            return flow;
    }
    return Flow::Normal;
}

Interpreter::Flow Interpreter::exec(const PyStmt& s, const FramePtr& frame)
{
    tick(s.span);
    switch (s.kind) {
    case PyStmt::Kind::Expr: {
        const Value v = eval(*s.value, frame);
        if (topLevel(frame)) {
            noteTopLevel(v);
            if (s.value->kind != PyExpr::Kind::Name)
                if (auto result = resultValue(v); result && result->holdsTensor())
                    entries_.push_back(Entry{s.value->source, false, s.value->span, *result});
        }
        return Flow::Normal;
    }
    case PyStmt::Kind::Assign: {
        const Value v = eval(*s.value, frame);
        for (const PyExprPtr& target : s.targets)
            assign(*target, v, frame);
        if (topLevel(frame))
            noteTopLevel(v);
        return Flow::Normal;
    }
    case PyStmt::Kind::AugAssign: {
        const PyExpr& target = *s.targets.front();
        const Value current = materialize(lookup(target.text, target.span, frame));
        const Value v = binary(s.text, current, eval(*s.value, frame), s.span);
        bind(target.text, v, frame);
        if (topLevel(frame))
            noteTopLevel(v);
        return Flow::Normal;
    }
    case PyStmt::Kind::Return:
        if (frame == globals_)
            fail(s.span, QStringLiteral("'return' outside a function"));
        returned_ = s.value ? eval(*s.value, frame) : Value{};
        return Flow::Return;
    case PyStmt::Kind::Def: execDef(s, frame); return Flow::Normal;
    case PyStmt::Kind::With: return execWith(s, frame, 0);
    case PyStmt::Kind::For: return execFor(s, frame);
    case PyStmt::Kind::If:
        if (truth(eval(*s.value, frame), s.value->span))
            return execBlock(s.body, frame);
        return execBlock(s.orelse, frame);
    case PyStmt::Kind::Del:
        for (const PyExprPtr& target : s.targets) {
            if (!frame->names.contains(target->text))
                fail(target->span, QStringLiteral("name '%1' is not defined").arg(target->text));
            frame->names.remove(target->text);
        }
        return Flow::Normal;
    case PyStmt::Kind::Pass:
        if (s.text.isEmpty())
            return Flow::Normal;
        flowSpan_ = s.span;
        return s.text == u"break" ? Flow::Break : Flow::Continue;
    case PyStmt::Kind::Import: execImport(s, frame); return Flow::Normal;
    }
    return Flow::Normal;
}

void Interpreter::noteTopLevel(const Value& value)
{
    // The last value the top level computes is the document's target when no gradient is taken.
    std::vector<const Value*> pending{&value};
    while (!pending.empty()) {
        const Value* v = pending.back();
        pending.pop_back();
        if (v->kind == Value::Kind::Tensor) {
            if (const NodeId node = nodeHere(v->slot); node.valid()) {
                lastValue_ = node;
                return;
            }
        } else if (v->isSequence()) {
            for (const Value& item : *v->items)
                pending.push_back(&item);
        }
    }
}

void Interpreter::execDef(const PyStmt& s, const FramePtr& frame)
{
    auto f = std::make_shared<FunctionObject>();
    f->def = &s;
    f->closure = frame;
    for (const PyParam& p : s.params)
        f->defaults.push_back(p.defaultValue ? std::optional<Value>(eval(*p.defaultValue, frame)) : std::nullopt);
    Value v;
    v.kind = Value::Kind::Function;
    v.function = f;
    for (auto it = s.decorators.rbegin(); it != s.decorators.rend(); ++it)
        v = decorate(evalRaw(**it, frame), v, (*it)->span);
    bind(s.text, v, frame);
}

Interpreter::Flow Interpreter::execWith(const PyStmt& s, const FramePtr& frame, std::size_t item)
{
    if (item == s.items.size())
        return execBlock(s.body, frame);
    const PyWithItem& w = s.items[item];
    const Value context = eval(*w.context, frame);
    if (context.kind != Value::Kind::Tape)
        fail(w.context->span, QStringLiteral("with works with tf.GradientTape() only, not with %1").arg(typeName(context)));
    startTape(context.index, w.context->span);
    if (w.target)
        assign(*w.target, context, frame);
    const Flow flow = execWith(s, frame, item + 1);
    endTape(context.index, w.context->span);
    return flow;
}

Interpreter::Flow Interpreter::execFor(const PyStmt& s, const FramePtr& frame)
{
    const std::vector<Value> items = iterate(eval(*s.value, frame), s.value->span);
    for (const Value& item : items) {
        tick(s.span);
        assign(*s.targets.front(), item, frame);
        const Flow flow = execBlock(s.body, frame);
        if (flow == Flow::Break)
            break;
        if (flow == Flow::Return)
            return flow;
    }
    return Flow::Normal;
}

void Interpreter::execImport(const PyStmt& s, const FramePtr& frame)
{
    for (std::size_t i = 0; i < s.targets.size(); ++i) {
        const QString& module = s.imported[i];
        const QString top = module.section(u'.', 0, 0);
        const QString rest = module.section(u'.', 1);
        QString path;
        if (top == u"tensorflow")
            path = rest.isEmpty() ? QStringLiteral("tf") : QStringLiteral("tf.") + rest;
        else if (top == u"keras")
            path = rest.isEmpty() ? QStringLiteral("tf.keras") : QStringLiteral("tf.keras.") + rest;
        else if (top == u"numpy")
            path = rest.isEmpty() ? QStringLiteral("np") : QStringLiteral("np.") + rest;
        else if (top == u"math" && rest.isEmpty())
            path = QStringLiteral("math");
        else
            fail(s.targets[i]->span, QStringLiteral("'%1' cannot be imported: only tensorflow, keras, numpy and math can").arg(module));
        const Value v = moduleAttribute(path.section(u'.', 0, -2), path.section(u'.', -1));
        bind(s.targets[i]->text, path.contains(u'.') ? v : Value::makeNamed(Value::Kind::Module, path), frame);
    }
}

void Interpreter::assign(const PyExpr& target, const Value& value, const FramePtr& frame)
{
    if (target.kind == PyExpr::Kind::Name)
        return bind(target.text, materialize(value), frame);
    // a, b = ... (target is a Tuple or List of targets)
    if (value.kind == Value::Kind::Tensor)
        fail(target.span, QStringLiteral("unpacking a tensor is not supported: assign it to one name"));
    if (!value.isSequence())
        fail(target.span, QStringLiteral("cannot unpack %1 into %2 names").arg(typeName(value)).arg(target.items.size()));
    const std::vector<Value>& items = *value.items;
    if (items.size() != target.items.size())
        fail(target.span, items.size() > target.items.size()
                              ? QStringLiteral("too many values to unpack (expected %1, got %2)").arg(target.items.size()).arg(items.size())
                              : QStringLiteral("not enough values to unpack (expected %1, got %2)").arg(target.items.size()).arg(items.size()));
    for (std::size_t i = 0; i < items.size(); ++i)
        assign(*target.items[i], items[i], frame);
}

void Interpreter::bind(const QString& name, const Value& value, const FramePtr& frame, bool label)
{
    if (!frame->names.contains(name)) {
        frame->order.push_back(name);
        if (topLevel(frame))
            entries_.push_back(Entry{name, true, {}, {}});
    }
    frame->names.insert(name, value);
    if (label && value.kind == Value::Kind::Tensor)
        context().graph.name(nodeHere(value.slot), name,
                             topLevel(frame) ? GraphEmitter::Naming::Earlier : GraphEmitter::Naming::Local);
}

// --- expressions ---------------------------------------------------------------------------------

Value Interpreter::eval(const PyExpr& e, const FramePtr& frame) { return materialize(evalRaw(e, frame)); }

Value Interpreter::evalRaw(const PyExpr& e, const FramePtr& frame)
{
    switch (e.kind) {
    case PyExpr::Kind::Number:
        if (e.integer)
            return Value::makeInt(static_cast<std::int64_t>(e.number));
        return Value::makeFloat(e.number);
    case PyExpr::Kind::String: return Value::makeString(e.text);
    case PyExpr::Kind::Name: return lookup(e.text, e.span, frame);
    case PyExpr::Kind::Attribute: {
        const Value object = evalRaw(*e.items[0], frame);
        if (object.kind == Value::Kind::Undefined)
            fail(object.span, QStringLiteral("name '%1' is not defined").arg(object.text));
        return attribute(object, e.text, e.span);
    }
    case PyExpr::Kind::Call: return call(e, frame);
    case PyExpr::Kind::Subscript: return subscript(eval(*e.items[0], frame), eval(*e.items[1], frame), e.span);
    case PyExpr::Kind::List:
    case PyExpr::Kind::Tuple: {
        std::vector<Value> items;
        for (const PyExprPtr& item : e.items)
            items.push_back(eval(*item, frame));
        return Value::makeSequence(e.kind == PyExpr::Kind::List ? Value::Kind::List : Value::Kind::Tuple, std::move(items));
    }
    case PyExpr::Kind::ListComp: return listComprehension(e, frame);
    case PyExpr::Kind::Unary:
        if (e.text == u"not")
            return Value::makeBool(!truth(eval(*e.items[0], frame), e.items[0]->span));
        return unary(e, eval(*e.items[0], frame));
    case PyExpr::Kind::Binary: {
        const Value a = eval(*e.items[0], frame);
        return binary(e.text, a, eval(*e.items[1], frame), e.span);
    }
    case PyExpr::Kind::Compare: return compare(e, frame);
    case PyExpr::Kind::BoolOp: {
        // Python's and/or: the first operand that decides, as it is.
        Value v;
        for (const PyExprPtr& item : e.items) {
            v = eval(*item, frame);
            const bool t = truth(v, item->span);
            if ((e.text == u"and") != t)
                return v;
        }
        return v;
    }
    case PyExpr::Kind::Conditional:
        return truth(eval(*e.items[1], frame), e.items[1]->span) ? eval(*e.items[0], frame) : eval(*e.items[2], frame);
    }
    fail(e.span, QStringLiteral("unexpected expression"));
}

Value Interpreter::lookup(const QString& name, const SourceSpan& span, const FramePtr& frame)
{
    if (name == u"True" || name == u"False")
        return Value::makeBool(name == u"True");
    if (name == u"None")
        return Value{};
    for (Frame* f = frame.get(); f; f = f->parent.get()) {
        auto it = f->names.constFind(name);
        if (it == f->names.constEnd())
            continue;
        // A tensor from outside the body being built comes in under its name (note [captured values]).
        if (it->kind == Value::Kind::Tensor
            && (region().body >= 0 || slots_[static_cast<std::size_t>(it->slot)].context != context().index))
            return Value::makeTensor(capture(it->slot, name, span));
        return *it;
    }
    if (auto b = builtin(name))
        return *b;
    Value v = Value::makeNamed(Value::Kind::Undefined, name);
    v.span = span;
    return v;
}

// Note [undefined names]
// A name the code never assigns reads, as in the formula language, as a trainable variable without
// a value (its value comes from --at, or the Inspector): a teacher can paste the book's cell
//     with tf.GradientTape() as tape:
//         z = f(w1, w2)
// whose w1 and w2 were made in an earlier cell. Calling an undefined name, or taking one of its
// attributes, is still Python's NameError.
Value Interpreter::materialize(const Value& v)
{
    if (v.kind != Value::Kind::Undefined)
        return v;
    Context& c = context();
    Slot slot;
    if (auto it = c.freeNames.constFind(v.text); it != c.freeNames.constEnd()) {
        slot = *it;
    } else {
        slot = leaf(NodeKind::Variable, std::nullopt, true, v.text, v.span, true);
        c.freeNames.insert(v.text, slot);
        c.graph.name(slots_[static_cast<std::size_t>(slot)].node, v.text, GraphEmitter::Naming::Final);
        if (c.index == 0)
            bind(v.text, Value::makeTensor(slot), globals_);
    }
    if (region().body >= 0)
        slot = capture(slot, v.text, v.span);
    return Value::makeTensor(slot);
}

Value Interpreter::listComprehension(const PyExpr& e, const FramePtr& frame)
{
    const FramePtr scope = newFrame(frame); // the comprehension's names do not leak, as in Python 3
    std::vector<Value> out;
    comprehend(e, 0, scope, out);
    return Value::makeSequence(Value::Kind::List, std::move(out));
}

void Interpreter::comprehend(const PyExpr& e, std::size_t generator, const FramePtr& frame, std::vector<Value>& out)
{
    if (generator == e.generators.size()) {
        if (static_cast<std::int64_t>(out.size()) >= limits::listSize)
            fail(e.span, QStringLiteral("the list has more than %1 elements").arg(limits::listSize));
        out.push_back(eval(*e.items[0], frame));
        return;
    }
    const PyGenerator& g = e.generators[generator];
    for (const Value& item : iterate(eval(*g.iterable, frame), g.iterable->span)) {
        tick(e.span);
        assign(*g.target, item, frame);
        bool keep = true;
        for (const PyExprPtr& condition : g.conditions)
            keep = keep && truth(eval(*condition, frame), condition->span);
        if (keep)
            comprehend(e, generator + 1, frame, out);
    }
}

} // namespace gs::python
