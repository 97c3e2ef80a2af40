// The TensorFlow API as the chapter's code uses it: tf.Variable, tf.constant, tf.cast and every op
// under its TensorFlow name (OpCatalog resolves tf., tf.math., tf.nn. and keras. spellings), dtypes,
// and tf.GradientTape: with blocks, watch(), gradient() and jacobian().
#include "document/python/PythonInterpreter.h"

#include "document/OpCatalog.h"
#include "engine/ops/OpDef.h"

#include <functional>

namespace gs::python {

namespace {

const char* const intMessage = "%1 tensors are not supported yet: GradScope's dtypes are float32, float64, int32, int64 and bool";

/// A Python int or a (nested) list of them: what tf.constant makes an int32 tensor of.
bool allIntegers(const Value& v)
{
    if (v.kind == Value::Kind::Int)
        return true;
    if (!v.isSequence() || v.items->empty())
        return false;
    for (const Value& item : *v.items)
        if (!allIntegers(item))
            return false;
    return true;
}

bool isDTypeName(const QString& name)
{
    static const char* const names[] = {"float16", "bfloat16", "float32", "float64", "double", "half", "bool",
                                        "int8",    "int16",    "int32",   "int64",   "uint8",  "uint16", "complex64"};
    for (const char* n : names)
        if (name == QLatin1StringView(n))
            return true;
    return false;
}

} // namespace

Value Interpreter::moduleAttribute(const QString& path, const QString& name) const
{
    if ((path == u"tf" || path == u"np" || path == u"tf.dtypes") && isDTypeName(name))
        return Value::makeNamed(Value::Kind::DType, name == u"double" ? QStringLiteral("float64") : name);
    return Value::makeNamed(Value::Kind::Module, path.isEmpty() ? name : path + u'.' + name);
}

Value Interpreter::callModule(const QString& path, const std::vector<Value>& args, const std::vector<NamedValue>& kwargs,
                              const SourceSpan& span)
{
    if (path == u"tf.Variable")
        return declare(NodeKind::Variable, args, kwargs, span);
    if (path == u"tf.constant" || path == u"tf.convert_to_tensor" || path == u"np.array")
        return declare(NodeKind::Constant, args, kwargs, span);
    if (path == u"tf.zeros" || path == u"np.zeros")
        return filled(0.0, args, kwargs, span);
    if (path == u"tf.ones" || path == u"np.ones")
        return filled(1.0, args, kwargs, span);
    if (path == u"tf.GradientTape") {
        if (args.size() > 2)
            fail(span, QStringLiteral("tf.GradientTape takes persistent and watch_accessed_variables"));
        std::vector<NamedValue> named = kwargs;
        static const char* const positional[] = {"persistent", "watch_accessed_variables"};
        for (std::size_t i = 0; i < args.size(); ++i)
            named.push_back(NamedValue{QString::fromLatin1(positional[i]), span, args[i]});
        return makeTape(named);
    }
    if (path == u"tf.function") {
        for (const NamedValue& k : kwargs) {
            if (k.name == u"input_signature" && k.value.kind != Value::Kind::None)
                fail(k.span, QStringLiteral("tf.function(input_signature=...) is not supported: the calls in the code are traced"));
            static const char* const accepted[] = {"input_signature", "autograph", "jit_compile", "reduce_retracing",
                                                   "experimental_relax_shapes", "experimental_compile"};
            bool known = false;
            for (const char* a : accepted)
                known = known || k.name == QLatin1StringView(a);
            if (!known)
                fail(k.span, QStringLiteral("tf.function has no keyword argument '%1' that GradScope knows").arg(k.name));
        }
        if (args.empty())
            return Value::makeNamed(Value::Kind::Module, QStringLiteral("tf.function")); // @tf.function(...) as a decorator
        if (args.size() > 1)
            fail(span, QStringLiteral("tf.function takes one function"));
        return makeTfFunction(args.front(), span);
    }
    if (path == u"tf.custom_gradient") {
        noKeywords(QStringLiteral("tf.custom_gradient"), kwargs);
        if (args.size() != 1)
            fail(span, QStringLiteral("tf.custom_gradient takes one function"));
        return makeCustomGradient(args.front(), span);
    }
    if (path == u"tf.print")
        return Value{};
    if (path == u"tf.TensorSpec")
        fail(span, QStringLiteral("tf.TensorSpec is not supported: call the tf.function with tensors or numbers"));
    if (const OpDef* def = opcatalog::find(path))
        return callOp(*def, args, kwargs, span);
    QString message = opcatalog::unknownMessage(path);
    if (path.startsWith(QStringLiteral("tf.keras.")) && !path.startsWith(QStringLiteral("tf.keras.activations.")))
        message = QStringLiteral("%1 is not supported: GradScope reads the chapter's gradient and tf.function code "
                                 "(models train with gradscope train)")
                      .arg(path);
    fail(span, message);
}

std::optional<DType> Interpreter::dtypeArgument(const Value& v, const SourceSpan& span) const
{
    if (v.kind == Value::Kind::None)
        return std::nullopt;
    if (v.kind == Value::Kind::DType || v.kind == Value::Kind::String) {
        if (auto t = dtypeNamed(v.text))
            return t;
        if (v.text == u"bool")
            return DType::Bool;
        if (isDTypeName(v.text))
            fail(span, QString::fromLatin1(intMessage).arg(v.text));
    }
    fail(span, QStringLiteral("dtype must be tf.float32, tf.float64, tf.int32, tf.int64 or tf.bool, not %1").arg(typeName(v)));
}

TensorValue Interpreter::valueArgument(const Value& v, const char* what, const SourceSpan& span) const
{
    if (auto value = literal(v, span))
        return *value;
    if (v.kind == Value::Kind::Tensor) {
        const SlotInfo& s = slots_[static_cast<std::size_t>(v.slot)];
        if (s.leaf && s.kind == NodeKind::Constant && s.value)
            return *s.value;
    }
    if (v.kind == Value::Kind::Bool)
        fail(span, QStringLiteral("bool values are not supported in %1").arg(QLatin1StringView(what)));
    fail(span, QStringLiteral("%1 needs a number, a list of numbers or a tf.constant here, not %2").arg(QLatin1StringView(what), typeName(v)));
}

Value Interpreter::declare(NodeKind kind, const std::vector<Value>& args, const std::vector<NamedValue>& kwargs, const SourceSpan& span)
{
    const bool variable = kind == NodeKind::Variable;
    const char* what = variable ? "tf.Variable" : "tf.constant";
    std::optional<Value> value;
    std::optional<Value> dtype;
    bool trainable = true;
    auto setTrainable = [&](const Value& v, const SourceSpan& where) {
        if (v.kind != Value::Kind::Bool && v.kind != Value::Kind::None)
            fail(where, QStringLiteral("trainable must be True or False"));
        trainable = v.kind == Value::Kind::None || v.boolean;
    };
    if (!args.empty())
        value = args[0];
    if (args.size() > 1) {
        if (variable)
            setTrainable(args[1], span);
        else
            dtype = args[1];
    }
    if (args.size() > 2)
        fail(span, QStringLiteral("%1 takes a value%2; give the others as keywords").arg(QLatin1StringView(what), variable ? ", trainable" : ", dtype"));
    for (const NamedValue& k : kwargs) {
        if (k.name == (variable ? u"initial_value" : u"value"))
            value = k.value;
        else if (k.name == u"dtype")
            dtype = k.value;
        else if (k.name == u"trainable" && variable)
            setTrainable(k.value, k.span);
        else if (k.name == u"shape" && !variable && k.value.kind != Value::Kind::None)
            fail(k.span, QStringLiteral("tf.constant(shape=...) is not supported: write the value out"));
        else if (k.name != u"name" && k.name != u"shape")
            fail(k.span, QStringLiteral("%1 has no keyword '%2' that GradScope knows").arg(QLatin1StringView(what), k.name));
    }
    if (!value)
        fail(span, QStringLiteral("%1 needs a value, such as %1(5.0)").arg(QLatin1StringView(what)));
    const std::optional<DType> type = dtype ? dtypeArgument(*dtype, span) : std::nullopt;
    if (type == DType::Bool)
        fail(span, QStringLiteral("bool %1s are not supported: compare tensors to make bool tensors").arg(QLatin1StringView(what)));
    if (!variable && value->kind == Value::Kind::Tensor && !literal(*value, span)) {
        const SlotInfo& s = slots_[static_cast<std::size_t>(value->slot)];
        if (!type || (s.leaf && s.value && s.value->dtype == type))
            return *value;
        Attrs attrs;
        attrs.set("dtype", std::string(dtypeName(*type)));
        return Value::makeTensor(apply(*opcatalog::find(QStringLiteral("cast")), {tensor(*value, span)}, attrs, span));
    }
    if (variable && region().body >= 0)
        fail(span, QStringLiteral("declare variables outside the tf.custom_gradient function and pass them in"));
    TensorValue v = valueArgument(*value, what, span);
    if (type)
        v.dtype = type;
    else if (allIntegers(*value)) // tf.constant(10) and tf.Variable(5) are int32, as in TensorFlow
        v.dtype = DType::Int32;
    return Value::makeTensor(leaf(kind, std::move(v), trainable, QString(), span, false));
}

Value Interpreter::filled(double fill, const std::vector<Value>& args, const std::vector<NamedValue>& kwargs, const SourceSpan& span)
{
    std::optional<Value> shape = args.empty() ? std::nullopt : std::optional<Value>(args[0]);
    std::optional<DType> type;
    if (args.size() > 1)
        type = dtypeArgument(args[1], span);
    for (const NamedValue& k : kwargs) {
        if (k.name == u"shape")
            shape = k.value;
        else if (k.name == u"dtype")
            type = dtypeArgument(k.value, k.span);
        else if (k.name != u"name")
            fail(k.span, QStringLiteral("%1 takes shape and dtype, not '%2'").arg(fill == 0 ? "tf.zeros" : "tf.ones", k.name));
    }
    std::vector<std::int64_t> dims;
    if (shape && shape->kind == Value::Kind::Int)
        dims.push_back(shape->integer);
    else if (shape && shape->isSequence())
        for (const Value& d : *shape->items) {
            if (d.kind != Value::Kind::Int || d.integer < 0)
                fail(span, QStringLiteral("a shape holds sizes (non-negative integers)"));
            dims.push_back(d.integer);
        }
    else
        fail(span, QStringLiteral("%1 needs a shape: a size or a list of sizes").arg(fill == 0 ? "tf.zeros" : "tf.ones"));
    if (dims.size() > 2)
        fail(span, QStringLiteral("tensors have at most 2 dimensions"));
    if (type == DType::Bool)
        fail(span, QStringLiteral("bool tensors of zeros or ones are not supported"));
    TensorValue v;
    v.shape = Shape::fromDims(dims);
    if (v.shape.size() > formulalimits::maxElements)
        fail(span, QStringLiteral("this tensor has more than %1 elements").arg(formulalimits::maxElements));
    v.values.assign(static_cast<std::size_t>(v.shape.size()), fill);
    v.dtype = type;
    return Value::makeTensor(leaf(NodeKind::Constant, std::move(v), true, QString(), span, false));
}

AttrValue Interpreter::attrValue(const Value& v, const SourceSpan& span) const
{
    switch (v.kind) {
    case Value::Kind::Int: return v.integer;
    case Value::Kind::Float: return v.number;
    case Value::Kind::Bool: return v.boolean;
    case Value::Kind::String: return v.text.toStdString();
    case Value::Kind::DType:
        if (!dtypeNamed(v.text) && v.text != u"bool")
            fail(span, QString::fromLatin1(intMessage).arg(v.text));
        return v.text.toStdString();
    case Value::Kind::List:
    case Value::Kind::Tuple: {
        std::vector<std::int64_t> dims;
        for (const Value& item : *v.items) {
            if (item.kind != Value::Kind::Int)
                fail(span, QStringLiteral("expected a list of integers"));
            dims.push_back(item.integer);
        }
        return dims;
    }
    default: break;
    }
    fail(span, QStringLiteral("an attribute must be a number, True, False, a dtype, a string or a list of integers, not %1").arg(typeName(v)));
}

Value Interpreter::callOp(const OpDef& def, const std::vector<Value>& args, const std::vector<NamedValue>& kwargs, const SourceSpan& span)
{
    const QString opName = QString::fromStdString(def.name);
    std::vector<std::optional<Value>> inputs;
    Attrs attrs;
    std::size_t nextAttr = 0;
    auto setAttr = [&](const QString& name, const Value& value, const SourceSpan& where) {
        if (value.kind == Value::Kind::None)
            return; // axis=None: the op's default
        const opcatalog::AttrResult r = opcatalog::coerceAttr(def, name, attrValue(value, where));
        if (!r.value)
            fail(where, r.error);
        attrs.set(name.toStdString(), *r.value);
    };
    auto positionalAttr = [&](const Value& value) {
        if (nextAttr >= def.attrs.size())
            fail(span, QStringLiteral("%1 takes at most %2 positional arguments").arg(opName).arg(args.size() - 1));
        setAttr(QString::fromStdString(def.attrs[nextAttr++].name), value, span);
    };
    if (opcatalog::variadic(def)) {
        const bool listForm = !args.empty() && args[0].isSequence();
        if (listForm) {
            for (const Value& item : *args[0].items)
                inputs.emplace_back(item);
            for (std::size_t i = 1; i < args.size(); ++i)
                positionalAttr(args[i]);
        } else {
            for (const Value& a : args)
                inputs.emplace_back(a);
        }
    } else {
        const auto arity = static_cast<std::size_t>(def.maxArity);
        inputs.resize(arity);
        for (std::size_t i = 0; i < args.size(); ++i) {
            if (i < arity)
                inputs[i] = args[i];
            else
                positionalAttr(args[i]);
        }
    }
    for (const NamedValue& k : kwargs) {
        bool isInput = false;
        if (!opcatalog::variadic(def))
            for (std::size_t i = 0; i < inputs.size() && i < def.inputNames.size(); ++i)
                if (k.name == QString::fromStdString(def.inputName(i))) {
                    if (inputs[i])
                        fail(k.span, QStringLiteral("%1 got multiple values for '%2'").arg(opName, k.name));
                    inputs[i] = k.value;
                    isInput = true;
                }
        if (isInput)
            continue;
        if (opcatalog::variadic(def) && (k.name == u"inputs" || k.name == u"values") && k.value.isSequence()) {
            for (const Value& item : *k.value.items)
                inputs.emplace_back(item);
            continue;
        }
        if (opcatalog::hasAttr(def, k.name))
            setAttr(k.name, k.value, k.span);
        else if (k.name != u"name")
            fail(k.span, QStringLiteral("%1 has no input or attribute '%2' (its attributes: %3)").arg(opName, k.name, opcatalog::attrNames(def)));
    }
    for (std::size_t i = 0; i < inputs.size(); ++i)
        if (!inputs[i])
            fail(span, QStringLiteral("%1 is missing its input '%2'").arg(opName, QString::fromStdString(def.inputName(i))));
    const QString portsError = opcatalog::portsError(def, static_cast<int>(inputs.size()));
    if (!portsError.isEmpty())
        fail(span, portsError);
    std::vector<Slot> inputSlots;
    for (const std::optional<Value>& in : inputs)
        inputSlots.push_back(tensor(*in, span));
    return Value::makeTensor(apply(def, inputSlots, attrs, span));
}

// --- tapes ---------------------------------------------------------------------------------------

Value Interpreter::makeTape(const std::vector<NamedValue>& kwargs)
{
    TapeState t;
    for (const NamedValue& k : kwargs) {
        if (k.value.kind != Value::Kind::Bool)
            fail(k.span, QStringLiteral("%1 must be True or False").arg(k.name));
        if (k.name == u"persistent")
            t.persistent = k.value.boolean;
        else if (k.name == u"watch_accessed_variables")
            t.watchAccessed = k.value.boolean;
        else
            fail(k.span, QStringLiteral("tf.GradientTape has no keyword '%1' (it takes persistent and watch_accessed_variables)").arg(k.name));
    }
    tapes_.push_back(t);
    Value v;
    v.kind = Value::Kind::Tape;
    v.index = static_cast<int>(tapes_.size() - 1);
    return v;
}

void Interpreter::startTape(int tape, const SourceSpan& span)
{
    if (context().index != 0)
        fail(span, QStringLiteral("a GradientTape inside a tf.function cannot be traced here"));
    if (region().body >= 0)
        fail(span, QStringLiteral("a GradientTape inside a tf.custom_gradient function is not supported"));
    TapeState& t = tapes_[static_cast<std::size_t>(tape)];
    if (t.started)
        fail(span, QStringLiteral("this GradientTape has already recorded a with block: make a new one"));
    t.started = true;
    t.recording = true;
    Step step;
    step.kind = Step::Kind::BeginTape;
    step.span = span;
    step.tape = tape;
    step.tapeOptions = TapeOptions{t.persistent, t.watchAccessed};
    steps().push_back(std::move(step));
}

void Interpreter::endTape(int tape, const SourceSpan& span)
{
    tapes_[static_cast<std::size_t>(tape)].recording = false;
    Step step;
    step.kind = Step::Kind::EndTape;
    step.span = span;
    step.tape = tape;
    steps().push_back(std::move(step));
}

Value Interpreter::tapeMethod(int tape, const QString& method, const std::vector<Value>& args, const std::vector<NamedValue>& kwargs,
                              const SourceSpan& span, const QString& text)
{
    if (method == u"gradient" || method == u"jacobian")
        return gradient(tape, method == u"jacobian", args, kwargs, span, text);
    if (method != u"watch")
        fail(span, QStringLiteral("tape.%1() is not supported (GradScope knows watch, gradient and jacobian)").arg(method));
    noKeywords(QStringLiteral("tape.watch()"), kwargs);
    if (args.size() != 1)
        fail(span, QStringLiteral("tape.watch() takes one tensor or a list of tensors"));
    if (context().index != 0 || region().body >= 0)
        fail(span, QStringLiteral("tape.watch() inside a tf.function or a custom gradient is not supported"));
    if (!tapes_[static_cast<std::size_t>(tape)].started)
        fail(span, QStringLiteral("this GradientTape has not started: use it in a with block (with tf.GradientTape() as tape:)"));
    std::vector<Value> pending{args[0]};
    while (!pending.empty()) {
        const Value v = pending.back();
        pending.pop_back();
        if (v.isSequence()) {
            pending.insert(pending.end(), v.items->rbegin(), v.items->rend());
            continue;
        }
        if (v.kind != Value::Kind::Tensor)
            fail(span, QStringLiteral("tape.watch() takes tensors or variables, not %1").arg(typeName(v)));
        Step step;
        step.kind = Step::Kind::Watch;
        step.span = span;
        step.tape = tape;
        step.inputs = {v.slot};
        steps().push_back(std::move(step));
        tapes_[static_cast<std::size_t>(tape)].watched.insert(v.slot);
    }
    return Value{};
}

Value Interpreter::gradient(int tape, bool jacobian, const std::vector<Value>& args, const std::vector<NamedValue>& kwargs,
                            const SourceSpan& span, const QString& text)
{
    const QString what = jacobian ? QStringLiteral("tape.jacobian()") : QStringLiteral("tape.gradient()");
    if (context().index != 0 || region().body >= 0)
        fail(span, QStringLiteral("%1 inside a tf.function or a custom gradient is not supported").arg(what));
    std::optional<Value> target = args.size() > 0 ? std::optional<Value>(args[0]) : std::nullopt;
    std::optional<Value> sources = args.size() > 1 ? std::optional<Value>(args[1]) : std::nullopt;
    if (args.size() > 2)
        fail(span, QStringLiteral("%1 takes a target and sources; give the others as keywords").arg(what));
    UnconnectedGradients unconnected = UnconnectedGradients::None;
    for (const NamedValue& k : kwargs) {
        if (k.name == u"target") {
            target = k.value;
        } else if (k.name == u"sources") {
            sources = k.value;
        } else if (k.name == u"unconnected_gradients") {
            const QString name = k.value.text.section(u'.', -1).toLower();
            if ((k.value.kind != Value::Kind::Module && k.value.kind != Value::Kind::String) || (name != u"zero" && name != u"none"))
                fail(k.span, QStringLiteral("unconnected_gradients must be tf.UnconnectedGradients.NONE or .ZERO"));
            unconnected = name == u"zero" ? UnconnectedGradients::Zero : UnconnectedGradients::None;
        } else if (k.name == u"output_gradients" && !jacobian) {
            if (k.value.kind != Value::Kind::None)
                fail(k.span, QStringLiteral("output_gradients is not supported"));
        } else if (!(jacobian && (k.name == u"experimental_use_pfor" || k.name == u"parallel_iterations"))) {
            fail(k.span, QStringLiteral("%1 has no keyword '%2' that GradScope knows").arg(what, k.name));
        }
    }
    if (!target || !sources)
        fail(span, QStringLiteral("%1 needs a target and its sources: tape.%2(z, [w1, w2])").arg(what, jacobian ? "jacobian" : "gradient"));
    TapeState& t = tapes_[static_cast<std::size_t>(tape)];
    if (!t.started)
        fail(span, QStringLiteral("this GradientTape has recorded nothing: use it in a with block (with tf.GradientTape() as tape:)"));
    if (!t.persistent && t.uses > 0)
        fail(span, QStringLiteral("A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians) "
                                  "— this tape gave its gradients on line %1; make it with tf.GradientTape(persistent=True) "
                                  "to ask it again")
                       .arg(t.firstUseLine));
    if (t.uses++ == 0)
        t.firstUseLine = span.line;
    if (target->isSequence())
        fail(span, QStringLiteral("a list of targets is not supported: add them up (TensorFlow takes the gradient of their sum)"));
    if (target->kind != Value::Kind::Tensor)
        fail(span, QStringLiteral("the target of %1 must be a tensor, not %2").arg(what, typeName(*target)));

    GradientInfo info;
    info.target = target->slot;
    info.jacobian = jacobian;
    Step step;
    step.kind = Step::Kind::Gradient;
    step.span = span;
    step.tape = tape;
    step.jacobian = jacobian;
    step.unconnected = unconnected;
    step.inputs.push_back(target->slot);
    const int call = static_cast<int>(gradients_.size());
    // The result has the sources' structure: one tensor, or (nested) lists.
    std::function<Value(const Value&)> gradientsOf = [&](const Value& source) -> Value {
        if (source.isSequence()) {
            std::vector<Value> items;
            for (const Value& item : *source.items)
                items.push_back(gradientsOf(item));
            return Value::makeSequence(Value::Kind::List, std::move(items));
        }
        if (source.kind != Value::Kind::Tensor)
            fail(span, QStringLiteral("the sources of %1 must be tensors or variables, not %2").arg(what, typeName(source)));
        info.sources.push_back(source.slot);
        info.watched.push_back(t.watched.count(source.slot) > 0);
        step.inputs.push_back(source.slot);
        const Slot out = newSlot(NodeId{});
        slots_[static_cast<std::size_t>(out)].gradientCall = call;
        step.outputs.push_back(out);
        return Value::makeTensor(out);
    };
    const Value result = gradientsOf(*sources);
    for (Slot out : step.outputs)
        recordOnTapes(step.inputs, out, true);
    steps().push_back(std::move(step));
    gradients_.push_back(std::move(info));
    p_.gradientCalls.push_back(PythonGradientCall{span, text, jacobian, *resultValue(result)});
    return result;
}

} // namespace gs::python
