#include "document/python/PythonReport.h"

#include "document/JsonText.h"

#include <unordered_map>

namespace gs {

namespace {

void valueJson(JsonText& json, const PythonValue& v, const PythonEvaluation& e, DType numbers)
{
    switch (v.kind) {
    case PythonValue::Kind::None: json.null(); return;
    case PythonValue::Kind::Number: json.number(v.number, numbers); return;
    case PythonValue::Kind::Tensor: json.tensor(e.value(v.slot)); return;
    case PythonValue::Kind::List:
        json.beginArray();
        for (const PythonValue& item : v.items)
            valueJson(json, item, e, numbers);
        json.endArray();
        return;
    }
}

QString valueText(const PythonValue& v, const PythonEvaluation& e)
{
    switch (v.kind) {
    case PythonValue::Kind::None: return QStringLiteral("None");
    case PythonValue::Kind::Number: return QString::fromStdString(formatNumber(v.number, DType::Float64));
    case PythonValue::Kind::Tensor: {
        const std::optional<Tensor> t = e.value(v.slot);
        return t ? QString::fromStdString(t->str()).replace(u'\n', u' ') : QStringLiteral("None");
    }
    case PythonValue::Kind::List: {
        QStringList items;
        for (const PythonValue& item : v.items)
            items << valueText(item, e);
        return u'[' + items.join(QStringLiteral(", ")) + u']';
    }
    }
    return QString();
}

/// A list of numbers as a tensor value (what `trace` calls a list argument).
std::optional<TensorValue> numbersOf(const PythonValue& v)
{
    TensorValue value;
    auto row = [&](const PythonValue& r) {
        for (const PythonValue& x : r.items) {
            if (x.kind != PythonValue::Kind::Number)
                return false;
            value.values.push_back(x.number);
        }
        return true;
    };
    if (v.items.empty())
        return std::nullopt;
    if (v.items.front().kind == PythonValue::Kind::List) {
        for (const PythonValue& r : v.items)
            if (r.kind != PythonValue::Kind::List || r.items.size() != v.items.front().items.size() || !row(r))
                return std::nullopt;
        value.shape = Shape::matrix(static_cast<std::int64_t>(v.items.size()), static_cast<std::int64_t>(v.items.front().items.size()));
    } else {
        if (!row(v))
            return std::nullopt;
        value.shape = Shape::vector(static_cast<std::int64_t>(v.items.size()));
    }
    return value;
}

} // namespace

QString pythonResultsJson(const PythonProgram& program, const PythonEvaluation& evaluation)
{
    JsonText json;
    json.beginObject();
    for (const PythonResult& r : program.results) {
        json.key(r.name);
        valueJson(json, r.value, evaluation, evaluation.dtype);
    }
    return json.endObject().text();
}

QString pythonResultsTable(const PythonProgram& program, const PythonEvaluation& evaluation)
{
    QString out;
    for (const PythonResult& r : program.results)
        out += QStringLiteral("  %1 = %2\n").arg(r.name, valueText(r.value, evaluation));
    return out;
}

const PythonFunction* pythonFunctionNamed(const PythonProgram& program, const QString& name)
{
    const PythonFunction* chosen = nullptr;
    for (const PythonFunction& f : program.functions) {
        if (!name.isEmpty()) {
            if (f.name == name || f.names.contains(name))
                chosen = &f;
        } else if (!f.calls.empty() || !chosen || chosen->calls.empty()) {
            chosen = &f;
        }
    }
    return chosen;
}

PythonTraceCalls pythonTraceCalls(const PythonProgram& program, const PythonEvaluation& evaluation, const PythonFunction& function)
{
    // A constant as written keeps its own dtype, or none (then it takes the document's), as
    // `--call 'x=constant(2.0)'` does.
    std::unordered_map<python::Slot, const TensorValue*> constants;
    for (const python::Step& s : program.script.steps)
        if (s.kind == python::Step::Kind::Constant && s.value)
            constants.emplace(s.out, &*s.value);
    PythonTraceCalls result;
    for (const PythonFunction::Call& call : function.calls) {
        const QString where = QStringLiteral("line %1: %2").arg(call.span.line).arg(call.text);
        std::vector<TraceArgument> arguments;
        for (const auto& [name, value] : call.arguments) {
            TraceArgument a;
            a.name = name;
            if (value.kind == PythonValue::Kind::Number) {
                a.number = value.number;
                a.integer = value.integer; // tf_cube(2): a Python int (see DocumentFunction's note)
            } else if (value.kind == PythonValue::Kind::Tensor) {
                if (auto it = constants.find(value.slot); it != constants.end())
                    a.tensor = *it->second;
                else if (const std::optional<Tensor> t = evaluation.value(value.slot))
                    a.tensor = TensorValue::fromTensor(*t);
            } else if (value.kind == PythonValue::Kind::List) {
                a.tensor = numbersOf(value);
            }
            if (value.kind != PythonValue::Kind::Number && !a.tensor) {
                result.error = QStringLiteral("%1: the argument %2 is not a tensor or a number, so trace cannot make this call")
                                   .arg(where, name);
                return result;
            }
            arguments.push_back(std::move(a));
        }
        result.calls.push_back(std::move(arguments));
        result.texts << where;
    }
    return result;
}

} // namespace gs
