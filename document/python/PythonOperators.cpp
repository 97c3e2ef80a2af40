// Python's operators, truth, equality, subscripts and attributes: on Python values as Python
// computes them, on tensors as ops (see note [graph and script] in PythonInterpreter.cpp).
#include "document/python/PythonInterpreter.h"

#include "document/OpCatalog.h"

#include <cmath>

namespace gs::python {

namespace {

const OpDef* opNamed(const char* name) { return opcatalog::find(QString::fromLatin1(name)); }

} // namespace

QString Interpreter::typeName(const Value& v)
{
    switch (v.kind) {
    case Value::Kind::None: return QStringLiteral("None");
    case Value::Kind::Bool: return QStringLiteral("a bool");
    case Value::Kind::Int: return QStringLiteral("an int");
    case Value::Kind::Float: return QStringLiteral("a float");
    case Value::Kind::String: return QStringLiteral("a string");
    case Value::Kind::Tensor: return QStringLiteral("a tensor");
    case Value::Kind::List: return QStringLiteral("a list");
    case Value::Kind::Tuple: return QStringLiteral("a tuple");
    case Value::Kind::Function: return QStringLiteral("a function");
    case Value::Kind::TfFunction: return QStringLiteral("a tf.function");
    case Value::Kind::Tape: return QStringLiteral("a GradientTape");
    case Value::Kind::Module: return QStringLiteral("%1").arg(v.text);
    case Value::Kind::DType: return QStringLiteral("the dtype %1").arg(v.text);
    case Value::Kind::Method: return QStringLiteral("a method");
    case Value::Kind::Builtin: return QStringLiteral("the function %1").arg(v.text);
    case Value::Kind::Undefined: return QStringLiteral("'%1' (not defined)").arg(v.text);
    }
    return QString();
}

bool Interpreter::truth(const Value& v, const SourceSpan& span) const
{
    switch (v.kind) {
    case Value::Kind::None: return false;
    case Value::Kind::Bool: return v.boolean;
    case Value::Kind::Int: return v.integer != 0;
    case Value::Kind::Float: return v.number != 0;
    case Value::Kind::String: return !v.text.isEmpty();
    case Value::Kind::List:
    case Value::Kind::Tuple: return !v.items->empty();
    case Value::Kind::Tensor:
        fail(span, QStringLiteral("the truth of a tensor is only known when the code runs: an if, and, or or not "
                                  "must be on Python values (use tf.where for tensors)"));
    case Value::Kind::Undefined: fail(span, QStringLiteral("name '%1' is not defined").arg(v.text));
    default: return true;
    }
}

bool Interpreter::equals(const Value& a, const Value& b) const
{
    if (a.isNumber() && b.isNumber())
        return a.toDouble() == b.toDouble();
    if (a.kind != b.kind)
        return false;
    switch (a.kind) {
    case Value::Kind::None: return true;
    case Value::Kind::String:
    case Value::Kind::Module:
    case Value::Kind::DType:
    case Value::Kind::Builtin: return a.text == b.text;
    case Value::Kind::Tensor: return a.slot == b.slot;
    case Value::Kind::List:
    case Value::Kind::Tuple:
        if (a.items->size() != b.items->size())
            return false;
        for (std::size_t i = 0; i < a.items->size(); ++i)
            if (!equals((*a.items)[i], (*b.items)[i]))
                return false;
        return true;
    case Value::Kind::Function:
    case Value::Kind::TfFunction: return a.function == b.function;
    case Value::Kind::Tape: return a.index == b.index;
    default: return false;
    }
}

std::vector<Value> Interpreter::iterate(const Value& v, const SourceSpan& span) const
{
    if (v.isSequence())
        return *v.items;
    if (v.kind == Value::Kind::Tensor)
        fail(span, QStringLiteral("iterating over a tensor is not supported: loop over a Python list or range(n)"));
    if (v.kind == Value::Kind::String) {
        std::vector<Value> chars;
        for (QChar c : v.text)
            chars.push_back(Value::makeString(QString(c)));
        return chars;
    }
    fail(span, QStringLiteral("%1 cannot be looped over: loop over a Python list or range(n)").arg(typeName(v)));
}

Value Interpreter::unary(const PyExpr& e, const Value& v)
{
    if (e.text == u"+") {
        if (v.isNumber() || v.kind == Value::Kind::Tensor)
            return v.kind == Value::Kind::Bool ? Value::makeInt(v.boolean) : v;
    } else if (v.kind == Value::Kind::Tensor) {
        return Value::makeTensor(apply(*opNamed("neg"), {tensor(v, e.span)}, {}, e.span));
    } else if (v.kind == Value::Kind::Float) {
        return Value::makeFloat(-v.number);
    } else if (v.kind == Value::Kind::Int || v.kind == Value::Kind::Bool) {
        const std::int64_t i = v.kind == Value::Kind::Int ? v.integer : v.boolean;
        if (i == INT64_MIN)
            fail(e.span, QStringLiteral("integer overflow"));
        return Value::makeInt(-i);
    }
    fail(e.span, QStringLiteral("bad operand for unary %1: %2").arg(e.text, typeName(v)));
}

Value Interpreter::binary(const QString& op, const Value& a, const Value& b, const SourceSpan& span)
{
    if (a.kind == Value::Kind::Tensor || b.kind == Value::Kind::Tensor) {
        static const std::pair<const char*, const char*> table[] = {
            {"+", "add"}, {"-", "sub"}, {"*", "mul"}, {"/", "div"}, {"@", "matmul"}, {"**", "pow"}, {"//", "floordiv"}, {"%", "floormod"},
        };
        for (const auto& [symbol, name] : table)
            if (op == QLatin1StringView(symbol)) {
                const OpDef* def = opNamed(name);
                if (!def)
                    fail(span, QStringLiteral("'%1' on tensors needs the %2 op, which GradScope does not have").arg(op, QLatin1StringView(name)));
                const Slot x = tensor(a, span);
                return Value::makeTensor(apply(*def, {x, tensor(b, span)}, {}, span));
            }
        fail(span, QStringLiteral("unsupported operator '%1' on tensors").arg(op));
    }
    if (a.isNumber() && b.isNumber())
        return numeric(op, a, b, span);
    if (op == u"+" && a.kind == b.kind && (a.isSequence() || a.kind == Value::Kind::String)) {
        if (a.kind == Value::Kind::String)
            return Value::makeString(a.text + b.text);
        std::vector<Value> items = *a.items;
        items.insert(items.end(), b.items->begin(), b.items->end());
        return Value::makeSequence(a.kind, std::move(items));
    }
    if (op == u"*" && ((a.isSequence() && b.kind == Value::Kind::Int) || (b.isSequence() && a.kind == Value::Kind::Int))) {
        const Value& seq = a.isSequence() ? a : b;
        const std::int64_t times = a.isSequence() ? b.integer : a.integer;
        if (times * static_cast<std::int64_t>(seq.items->size()) > limits::listSize)
            fail(span, QStringLiteral("the list has more than %1 elements").arg(limits::listSize));
        std::vector<Value> items;
        for (std::int64_t k = 0; k < times; ++k)
            items.insert(items.end(), seq.items->begin(), seq.items->end());
        return Value::makeSequence(seq.kind, std::move(items));
    }
    fail(span, QStringLiteral("unsupported operand types for %1: %2 and %3").arg(op, typeName(a), typeName(b)));
}

Value Interpreter::numeric(const QString& op, const Value& a, const Value& b, const SourceSpan& span)
{
    const bool integers = a.kind != Value::Kind::Float && b.kind != Value::Kind::Float;
    if (integers && op != u"/") {
        const std::int64_t x = a.kind == Value::Kind::Int ? a.integer : a.boolean;
        const std::int64_t y = b.kind == Value::Kind::Int ? b.integer : b.boolean;
        std::int64_t r = 0;
        bool overflow = false;
        if (op == u"+")
            overflow = __builtin_add_overflow(x, y, &r);
        else if (op == u"-")
            overflow = __builtin_sub_overflow(x, y, &r);
        else if (op == u"*")
            overflow = __builtin_mul_overflow(x, y, &r);
        else if (op == u"//" || op == u"%") {
            if (y == 0)
                fail(span, QStringLiteral("integer division or modulo by zero"));
            std::int64_t q = x / y;
            if ((x % y != 0) && ((x < 0) != (y < 0)))
                --q;
            r = op == u"//" ? q : x - q * y;
        } else if (op == u"**") {
            if (y < 0)
                return Value::makeFloat(std::pow(static_cast<double>(x), static_cast<double>(y)));
            r = 1;
            for (std::int64_t k = 0; k < y && !overflow; ++k)
                overflow = __builtin_mul_overflow(r, x, &r);
        } else {
            fail(span, QStringLiteral("unsupported operator '%1' on numbers").arg(op));
        }
        if (overflow)
            fail(span, QStringLiteral("integer overflow in %1 %2 %3").arg(x).arg(op).arg(y));
        return Value::makeInt(r);
    }
    const double x = a.toDouble();
    const double y = b.toDouble();
    if (op == u"+")
        return Value::makeFloat(x + y);
    if (op == u"-")
        return Value::makeFloat(x - y);
    if (op == u"*")
        return Value::makeFloat(x * y);
    if (op == u"/" || op == u"//" || op == u"%") {
        if (y == 0)
            fail(span, QStringLiteral("division by zero"));
        if (op == u"/")
            return Value::makeFloat(x / y);
        const double q = std::floor(x / y);
        return Value::makeFloat(op == u"//" ? q : x - q * y);
    }
    if (op == u"**")
        return Value::makeFloat(std::pow(x, y));
    fail(span, QStringLiteral("unsupported operator '%1' on numbers").arg(op));
}

Value Interpreter::compare(const PyExpr& e, const FramePtr& frame)
{
    Value left = eval(*e.items[0], frame);
    Value result;
    for (std::size_t i = 0; i < e.ops.size(); ++i) {
        const Value right = eval(*e.items[i + 1], frame);
        if ((left.kind == Value::Kind::Tensor || right.kind == Value::Kind::Tensor) && e.ops.size() > 1)
            fail(e.span, QStringLiteral("chained comparisons of tensors (a < b < c) are not supported"));
        result = compareTwo(e.ops[i], left, right, e.span);
        if (result.kind == Value::Kind::Bool && !result.boolean)
            return result;
        left = right;
    }
    return result;
}

Value Interpreter::compareTwo(const QString& op, const Value& a, const Value& b, const SourceSpan& span)
{
    if (op == u"is" || op == u"is not") {
        for (const Value* v : {&a, &b})
            if (v->kind == Value::Kind::Tensor && slots_[static_cast<std::size_t>(v->slot)].gradientCall >= 0)
                fail(span, QStringLiteral("whether a gradient is None is only known when the code runs: "
                                          "an 'is' test on a gradient is not supported"));
        const bool same = a.kind == b.kind && (a.kind == Value::Kind::None || equals(a, b));
        return Value::makeBool(op == u"is" ? same : !same);
    }
    if (op == u"in" || op == u"not in") {
        if (a.kind == Value::Kind::Tensor || !b.isSequence())
            fail(span, QStringLiteral("'%1' needs a Python value and a list or tuple").arg(op));
        bool found = false;
        for (const Value& item : *b.items)
            found = found || equals(a, item);
        return Value::makeBool(op == u"in" ? found : !found);
    }
    if (a.kind == Value::Kind::Tensor || b.kind == Value::Kind::Tensor) {
        static const std::pair<const char*, const char*> table[] = {
            {"<", "less"}, {"<=", "less_equal"}, {">", "greater"}, {">=", "greater_equal"}, {"==", "equal"}, {"!=", "not_equal"},
        };
        for (const auto& [symbol, name] : table)
            if (op == QLatin1StringView(symbol)) {
                const OpDef* def = opNamed(name);
                if (!def)
                    fail(span, QStringLiteral("'%1' on tensors needs the %2 op, which GradScope does not have").arg(op, QLatin1StringView(name)));
                const Slot x = tensor(a, span);
                return Value::makeTensor(apply(*def, {x, tensor(b, span)}, {}, span));
            }
    }
    if (op == u"==")
        return Value::makeBool(equals(a, b));
    if (op == u"!=")
        return Value::makeBool(!equals(a, b));
    if (a.isNumber() && b.isNumber()) {
        const double x = a.toDouble(), y = b.toDouble();
        const bool r = op == u"<" ? x < y : op == u"<=" ? x <= y : op == u">" ? x > y : x >= y;
        return Value::makeBool(r);
    }
    if (a.kind == Value::Kind::String && b.kind == Value::Kind::String) {
        const int c = a.text.compare(b.text);
        const bool r = op == u"<" ? c < 0 : op == u"<=" ? c <= 0 : op == u">" ? c > 0 : c >= 0;
        return Value::makeBool(r);
    }
    fail(span, QStringLiteral("'%1' is not supported between %2 and %3").arg(op, typeName(a), typeName(b)));
}

Value Interpreter::subscript(const Value& container, const Value& index, const SourceSpan& span)
{
    if (container.kind == Value::Kind::Tensor)
        fail(span, QStringLiteral("indexing a tensor (t[i]) is not supported"));
    if (!container.isSequence() && container.kind != Value::Kind::String)
        fail(span, QStringLiteral("%1 cannot be indexed").arg(typeName(container)));
    if (index.kind != Value::Kind::Int && index.kind != Value::Kind::Bool)
        fail(span, QStringLiteral("an index must be an integer, not %1").arg(typeName(index)));
    const std::int64_t size = container.kind == Value::Kind::String ? container.text.size()
                                                                    : static_cast<std::int64_t>(container.items->size());
    std::int64_t i = index.kind == Value::Kind::Int ? index.integer : index.boolean;
    if (i < 0)
        i += size;
    if (i < 0 || i >= size)
        fail(span, QStringLiteral("index %1 is out of range (the %2 has %3 elements)")
                       .arg(index.integer)
                       .arg(container.kind == Value::Kind::Tuple ? "tuple" : container.kind == Value::Kind::List ? "list" : "string")
                       .arg(size));
    if (container.kind == Value::Kind::String)
        return Value::makeString(QString(container.text[i]));
    return (*container.items)[static_cast<std::size_t>(i)];
}

Value Interpreter::attribute(const Value& object, const QString& name, const SourceSpan& span)
{
    auto method = [&] {
        Value m = Value::makeNamed(Value::Kind::Method, name);
        m.self = std::make_shared<Value>(object);
        return m;
    };
    switch (object.kind) {
    case Value::Kind::Module: return moduleAttribute(object.text, name);
    case Value::Kind::Tape: return method();
    case Value::Kind::List:
        if (name == u"append" || name == u"extend")
            return method();
        break;
    case Value::Kind::TfFunction:
        if (name == u"python_function") {
            Value f;
            f.kind = Value::Kind::Function;
            f.function = object.function;
            return f;
        }
        break;
    case Value::Kind::Tensor:
        if (name == u"numpy")
            return method();
        fail(span, QStringLiteral("the attribute .%1 of a tensor is not supported").arg(name));
    default: break;
    }
    fail(span, QStringLiteral("%1 has no attribute '%2' (or GradScope does not support it)").arg(typeName(object), name));
}

} // namespace gs::python
