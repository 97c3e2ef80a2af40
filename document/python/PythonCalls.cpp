// Calls: Python functions (inlined at each call, as tracing sees them), builtins and methods.
#include "document/python/PythonInterpreter.h"

#include <QStringList>

#include <cmath>

namespace gs::python {

Value Interpreter::call(const PyExpr& e, const FramePtr& frame)
{
    const Value callee = evalRaw(*e.items[0], frame);
    if (callee.kind == Value::Kind::Undefined)
        fail(callee.span, QStringLiteral("name '%1' is not defined").arg(callee.text));
    std::vector<Value> args;
    std::vector<NamedValue> kwargs;
    for (const PyArg& a : e.args) {
        if (a.keyword.isEmpty())
            args.push_back(eval(*a.value, frame));
        else
            kwargs.push_back(NamedValue{a.keyword, a.span, eval(*a.value, frame)});
    }
    return callValue(callee, std::move(args), std::move(kwargs), e.span, e.source);
}

Value Interpreter::callValue(const Value& callee, std::vector<Value> args, std::vector<NamedValue> kwargs, const SourceSpan& span,
                             const QString& text)
{
    switch (callee.kind) {
    case Value::Kind::Function: return callFunction(callee.function, args, kwargs, span);
    case Value::Kind::TfFunction: return callTfFunction(callee.index, args, kwargs, span, text);
    case Value::Kind::Builtin: return callBuiltin(callee.text, args, kwargs, span);
    case Value::Kind::Module: return callModule(callee.text, args, kwargs, span);
    case Value::Kind::Method: return callMethod(callee, args, kwargs, span, text);
    default: break;
    }
    fail(span, QStringLiteral("%1 cannot be called").arg(typeName(callee)));
}

void Interpreter::noKeywords(const QString& what, const std::vector<NamedValue>& kwargs) const
{
    if (!kwargs.empty())
        fail(kwargs.front().span, QStringLiteral("%1 takes no keyword argument '%2'").arg(what, kwargs.front().name));
}

FramePtr Interpreter::bindParameters(const FunctionObject& f, const std::vector<Value>& args, const std::vector<NamedValue>& kwargs,
                                     const SourceSpan& span)
{
    const PyStmt& def = *f.def;
    const QString name = def.text + QStringLiteral("()");
    if (args.size() > def.params.size())
        fail(span, QStringLiteral("%1 takes %2 positional argument%3 but %4 %5 given")
                       .arg(name)
                       .arg(def.params.size())
                       .arg(def.params.size() == 1 ? "" : "s")
                       .arg(args.size())
                       .arg(args.size() == 1 ? "was" : "were"));
    std::vector<std::optional<Value>> bound(def.params.size());
    for (std::size_t i = 0; i < args.size(); ++i)
        bound[i] = args[i];
    for (const NamedValue& k : kwargs) {
        std::size_t i = 0;
        while (i < def.params.size() && def.params[i].name != k.name)
            ++i;
        if (i == def.params.size())
            fail(k.span, QStringLiteral("%1 got an unexpected keyword argument '%2'").arg(name, k.name));
        if (bound[i])
            fail(k.span, QStringLiteral("%1 got multiple values for argument '%2'").arg(name, k.name));
        bound[i] = k.value;
    }
    QStringList missing;
    for (std::size_t i = 0; i < bound.size(); ++i) {
        if (!bound[i])
            bound[i] = f.defaults[i];
        if (!bound[i])
            missing << QStringLiteral("'%1'").arg(def.params[i].name);
    }
    if (!missing.isEmpty())
        fail(span, QStringLiteral("%1 missing %2 required argument%3: %4")
                       .arg(name)
                       .arg(missing.size())
                       .arg(missing.size() == 1 ? "" : "s")
                       .arg(missing.join(QStringLiteral(" and "))));
    const FramePtr frame = newFrame(f.closure);
    for (std::size_t i = 0; i < bound.size(); ++i)
        bind(def.params[i].name, *bound[i], frame, false);
    return frame;
}

Value Interpreter::invoke(const FunctionObject& f, const std::vector<Value>& args, const std::vector<NamedValue>& kwargs,
                          const SourceSpan& span)
{
    if (depth_ >= limits::callDepth)
        fail(span, QStringLiteral("calls are nested too deeply (more than %1): is %2 recursive?").arg(limits::callDepth).arg(f.def->text));
    const FramePtr frame = bindParameters(f, args, kwargs, span);
    ++depth_;
    struct Leave {
        int& depth;
        ~Leave() { --depth; }
    } leave{depth_};
    const Flow flow = execBlock(f.def->body, frame);
    if (flow == Flow::Break || flow == Flow::Continue)
        fail(flowSpan_, QStringLiteral("'%1' outside a loop").arg(flow == Flow::Break ? "break" : "continue"));
    Value result = flow == Flow::Return ? std::move(returned_) : Value{};
    returned_ = Value{};
    return result;
}

Value Interpreter::callFunction(const std::shared_ptr<FunctionObject>& f, const std::vector<Value>& args,
                                const std::vector<NamedValue>& kwargs, const SourceSpan& span)
{
    if (f->customGradient)
        return callCustomGradient(*f, args, kwargs, span);
    return invoke(*f, args, kwargs, span);
}

std::optional<Value> Interpreter::builtin(const QString& name)
{
    static const char* const builtins[] = {"range", "len", "print", "zip", "enumerate", "list", "tuple",
                                           "float", "int", "abs", "min", "max", "sum"};
    for (const char* b : builtins)
        if (name == QLatin1StringView(b))
            return Value::makeNamed(Value::Kind::Builtin, name);
    // Pasted cells often leave out their imports: the usual module names are always there.
    if (name == u"tf")
        return Value::makeNamed(Value::Kind::Module, QStringLiteral("tf"));
    if (name == u"keras")
        return Value::makeNamed(Value::Kind::Module, QStringLiteral("tf.keras"));
    if (name == u"np")
        return Value::makeNamed(Value::Kind::Module, QStringLiteral("np"));
    return std::nullopt;
}

Value Interpreter::callBuiltin(const QString& name, const std::vector<Value>& args, const std::vector<NamedValue>& kwargs,
                               const SourceSpan& span)
{
    auto integerArg = [&](const Value& v) {
        if (v.kind != Value::Kind::Int && v.kind != Value::Kind::Bool)
            fail(span, QStringLiteral("%1() needs integers, not %2").arg(name, typeName(v)));
        return v.kind == Value::Kind::Int ? v.integer : std::int64_t(v.boolean);
    };
    auto arity = [&](std::size_t low, std::size_t high) {
        if (args.size() < low || args.size() > high)
            fail(span, QStringLiteral("%1() takes %2 arguments, got %3")
                           .arg(name, low == high ? QString::number(low) : QStringLiteral("%1 to %2").arg(low).arg(high))
                           .arg(args.size()));
    };
    if (name == u"print")
        return Value{}; // nothing is printed: what a cell prints is what the results show
    if (name == u"range") {
        noKeywords(QStringLiteral("range()"), kwargs);
        arity(1, 3);
        const std::int64_t start = args.size() > 1 ? integerArg(args[0]) : 0;
        const std::int64_t stop = integerArg(args.size() > 1 ? args[1] : args[0]);
        const std::int64_t step = args.size() > 2 ? integerArg(args[2]) : 1;
        if (step == 0)
            fail(span, QStringLiteral("range() step must not be zero"));
        const double count = std::max(0.0, std::ceil((static_cast<double>(stop) - static_cast<double>(start)) / static_cast<double>(step)));
        if (count > static_cast<double>(limits::listSize))
            fail(span, QStringLiteral("range() of %1 numbers is too long to unroll (at most %2)").arg(count).arg(limits::listSize));
        std::vector<Value> items;
        for (std::int64_t i = 0; i < static_cast<std::int64_t>(count); ++i)
            items.push_back(Value::makeInt(start + i * step));
        return Value::makeSequence(Value::Kind::List, std::move(items));
    }
    if (name == u"len") {
        noKeywords(QStringLiteral("len()"), kwargs);
        arity(1, 1);
        if (args[0].kind == Value::Kind::String)
            return Value::makeInt(args[0].text.size());
        if (!args[0].isSequence())
            fail(span, QStringLiteral("len() of %1 is not supported").arg(typeName(args[0])));
        return Value::makeInt(static_cast<std::int64_t>(args[0].items->size()));
    }
    if (name == u"zip") {
        noKeywords(QStringLiteral("zip()"), kwargs);
        std::vector<std::vector<Value>> lists;
        std::size_t shortest = args.empty() ? 0 : SIZE_MAX;
        for (const Value& a : args) {
            lists.push_back(iterate(a, span));
            shortest = std::min(shortest, lists.back().size());
        }
        std::vector<Value> items;
        for (std::size_t i = 0; i < shortest; ++i) {
            std::vector<Value> row;
            for (const auto& list : lists)
                row.push_back(list[i]);
            items.push_back(Value::makeSequence(Value::Kind::Tuple, std::move(row)));
        }
        return Value::makeSequence(Value::Kind::List, std::move(items));
    }
    if (name == u"enumerate") {
        arity(1, 2);
        std::int64_t start = args.size() > 1 ? integerArg(args[1]) : 0;
        for (const NamedValue& k : kwargs) {
            if (k.name != u"start")
                fail(k.span, QStringLiteral("enumerate() takes no keyword argument '%1'").arg(k.name));
            start = integerArg(k.value);
        }
        std::vector<Value> items;
        for (const Value& item : iterate(args[0], span))
            items.push_back(Value::makeSequence(Value::Kind::Tuple, {Value::makeInt(start++), item}));
        return Value::makeSequence(Value::Kind::List, std::move(items));
    }
    if (name == u"list" || name == u"tuple") {
        noKeywords(name + QStringLiteral("()"), kwargs);
        arity(0, 1);
        return Value::makeSequence(name == u"list" ? Value::Kind::List : Value::Kind::Tuple,
                                   args.empty() ? std::vector<Value>{} : iterate(args[0], span));
    }
    if (name == u"float" || name == u"int") {
        noKeywords(name + QStringLiteral("()"), kwargs);
        arity(1, 1);
        const Value& v = args[0];
        if (!v.isNumber())
            fail(span, QStringLiteral("%1() of %2 is not supported").arg(name, typeName(v)));
        if (name == u"float")
            return Value::makeFloat(v.toDouble());
        const double d = std::trunc(v.toDouble());
        if (!std::isfinite(d) || std::abs(d) > 9e18)
            fail(span, QStringLiteral("int() of %1 overflows").arg(v.toDouble()));
        return Value::makeInt(static_cast<std::int64_t>(d));
    }
    if (name == u"abs") {
        noKeywords(QStringLiteral("abs()"), kwargs);
        arity(1, 1);
        if (args[0].kind == Value::Kind::Tensor)
            return callModule(QStringLiteral("tf.abs"), args, {}, span);
        if (args[0].kind == Value::Kind::Float)
            return Value::makeFloat(std::abs(args[0].number));
        if (args[0].isNumber())
            return Value::makeInt(std::abs(static_cast<std::int64_t>(args[0].toDouble())));
        fail(span, QStringLiteral("abs() of %1 is not supported").arg(typeName(args[0])));
    }
    if (name == u"min" || name == u"max") {
        noKeywords(name + QStringLiteral("()"), kwargs);
        const std::vector<Value> items = args.size() == 1 ? iterate(args[0], span) : args;
        if (items.empty())
            fail(span, QStringLiteral("%1() of nothing").arg(name));
        Value best = items.front();
        for (const Value& v : items) {
            if (!v.isNumber())
                fail(span, QStringLiteral("%1() works on Python numbers only, not %2").arg(name, typeName(v)));
            if (name == u"min" ? v.toDouble() < best.toDouble() : v.toDouble() > best.toDouble())
                best = v;
        }
        return best;
    }
    if (name == u"sum") {
        arity(1, 2);
        Value total = args.size() > 1 ? args[1] : Value::makeInt(0);
        for (const NamedValue& k : kwargs) {
            if (k.name != u"start")
                fail(k.span, QStringLiteral("sum() takes no keyword argument '%1'").arg(k.name));
            total = k.value;
        }
        for (const Value& v : iterate(args[0], span))
            total = binary(QStringLiteral("+"), total, v, span);
        return total;
    }
    fail(span, QStringLiteral("%1() is not supported").arg(name));
}

Value Interpreter::callMethod(const Value& method, const std::vector<Value>& args, const std::vector<NamedValue>& kwargs,
                              const SourceSpan& span, const QString& text)
{
    const Value& self = *method.self;
    const QString& name = method.text;
    if (self.kind == Value::Kind::Tape)
        return tapeMethod(self.index, name, args, kwargs, span, text);
    if (self.kind == Value::Kind::List) {
        noKeywords(name + QStringLiteral("()"), kwargs);
        if (args.size() != 1)
            fail(span, QStringLiteral("%1() takes one argument").arg(name));
        if (name == u"append") {
            self.items->push_back(args[0]);
        } else {
            const std::vector<Value> more = iterate(args[0], span);
            self.items->insert(self.items->end(), more.begin(), more.end());
        }
        if (static_cast<std::int64_t>(self.items->size()) > limits::listSize)
            fail(span, QStringLiteral("the list has more than %1 elements").arg(limits::listSize));
        return Value{};
    }
    if (self.kind == Value::Kind::Tensor && name == u"numpy") {
        noKeywords(QStringLiteral("numpy()"), kwargs);
        return self; // the tensor's value is what the results show
    }
    fail(span, QStringLiteral("%1.%2() is not supported").arg(typeName(self), name));
}

} // namespace gs::python
