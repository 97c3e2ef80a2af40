#include "document/TraceArguments.h"

#include <algorithm>
#include <cmath>

#include "document/FormulaAst.h"
#include "document/FormulaBuilder.h"

#include <QSet>
#include <QStringList>

namespace gs {

// Note [tensor or number]
// TensorFlow keys a tf.function's tensor arguments by dtype and shape, and its Python-number
// arguments by value. The call text keeps that distinction visible: `constant(...)`, a list literal
// and `TensorSpec(...)` are tensors; a bare number is a plain number, so `x=10` and `x=20` make two
// graphs while `x=constant(10)` and `x=constant(20)` share one.

namespace {

struct Failure {
    QString message;
};

QStringList splitArguments(const QString& text)
{
    QStringList parts;
    QString current;
    int depth = 0;
    for (QChar c : text) {
        if (c == u'[' || c == u'(')
            ++depth;
        else if (c == u']' || c == u')')
            --depth;
        if (c == u',' && depth == 0) {
            parts << current;
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.trimmed().isEmpty() || !parts.isEmpty())
        parts << current;
    return parts;
}

std::optional<double> number(const Expr& e)
{
    if (e.kind == Expr::Kind::Number)
        return e.number;
    if (e.kind == Expr::Kind::Name)
        return detail::specialNumber(e.text);
    if (e.kind == Expr::Kind::Unary && !e.items.empty())
        if (auto v = number(*e.items.front()))
            return e.text == u"-" ? -*v : *v;
    return std::nullopt;
}

/// A number, or a list (of lists) of numbers, as a tensor value.
TensorValue literal(const Expr& e)
{
    if (auto v = number(e))
        return TensorValue::scalar(*v);
    if (e.kind != Expr::Kind::List || e.items.empty())
        throw Failure{QStringLiteral("expected a number or a non-empty list of numbers")};
    TensorValue value;
    if (e.items.front()->kind != Expr::Kind::List) {
        for (const ExprPtr& item : e.items) {
            auto v = number(*item);
            if (!v)
                throw Failure{QStringLiteral("a list must hold numbers (or rows of numbers)")};
            value.values.push_back(*v);
        }
        value.shape = Shape::vector(static_cast<std::int64_t>(value.values.size()));
        return value;
    }
    const std::size_t columns = e.items.front()->items.size();
    for (const ExprPtr& row : e.items) {
        if (row->kind != Expr::Kind::List || row->items.size() != columns || columns == 0)
            throw Failure{QStringLiteral("every row of a matrix must be a list of %1 numbers").arg(columns)};
        for (const ExprPtr& item : row->items) {
            auto v = number(*item);
            if (!v)
                throw Failure{QStringLiteral("a matrix must hold numbers")};
            value.values.push_back(*v);
        }
    }
    value.shape = Shape::matrix(static_cast<std::int64_t>(e.items.size()), static_cast<std::int64_t>(columns));
    return value;
}

std::optional<DType> dtypeOf(const Expr& e)
{
    if (e.kind == Expr::Kind::Name || e.kind == Expr::Kind::String)
        if (auto t = dtypeNamed(e.text))
            return t;
    throw Failure{QStringLiteral("dtype must be float32 or float64 (or int32, int64)")};
}

bool isCallNamed(const Expr& e, std::initializer_list<const char*> names)
{
    if (e.kind != Expr::Kind::Call)
        return false;
    for (const char* name : names)
        if (detail::isCall(e, name))
            return true;
    return false;
}

TraceArgument tensorSpec(const Expr& e)
{
    TraceArgument a;
    a.spec = true;
    std::vector<std::int64_t> dims;
    std::optional<DType> dtype;
    bool shapeGiven = false;
    auto readShape = [&](const Expr& s) {
        shapeGiven = true;
        if (s.kind != Expr::Kind::List)
            throw Failure{QStringLiteral("TensorSpec: shape must be a list of sizes: [], [3] or [2, 3]")};
        for (const ExprPtr& d : s.items) {
            if (d->kind != Expr::Kind::Number || !d->integer || d->number < 1)
                throw Failure{QStringLiteral("TensorSpec: every size in shape must be a positive integer")};
            // A spec's value is made of zeros: it must fit where a literal would.
            if (d->number > formulalimits::maxElements)
                throw Failure{QStringLiteral("TensorSpec: a shape of more than %1 elements").arg(formulalimits::maxElements)};
            dims.push_back(static_cast<std::int64_t>(d->number));
        }
        if (dims.size() > 2)
            throw Failure{QStringLiteral("TensorSpec: tensors have rank 0, 1 or 2")};
        if (dims.size() == 2 && dims[0] * dims[1] > formulalimits::maxElements)
            throw Failure{QStringLiteral("TensorSpec: a shape of more than %1 elements").arg(formulalimits::maxElements)};
    };
    if (!e.items.empty())
        readShape(*e.items.front());
    if (e.items.size() > 1)
        dtype = dtypeOf(*e.items[1]);
    for (const KeywordArg& k : e.keywords) {
        if (k.name == u"shape")
            readShape(*k.value);
        else if (k.name == u"dtype")
            dtype = dtypeOf(*k.value);
        else if (k.name != u"name")
            throw Failure{QStringLiteral("TensorSpec takes shape and dtype, not '%1'").arg(k.name)};
    }
    if (!shapeGiven)
        throw Failure{QStringLiteral("TensorSpec needs a shape: TensorSpec(shape=[2], dtype=float32)")};
    TensorValue value;
    value.shape = Shape::fromDims(dims);
    value.values.assign(static_cast<std::size_t>(value.shape.size()), 0.0);
    value.dtype = dtype;
    a.tensor = value;
    return a;
}

/// 10, -3, [1, 2]: numbers written without '.' or an exponent.
bool integerLiteral(const Expr& e)
{
    switch (e.kind) {
    case Expr::Kind::Number: return e.integer;
    case Expr::Kind::Unary: return !e.grouped && e.items.size() == 1 && e.items[0]->kind == Expr::Kind::Number && e.items[0]->integer;
    case Expr::Kind::List:
        return !e.items.empty() && std::all_of(e.items.begin(), e.items.end(), [](const ExprPtr& item) { return integerLiteral(*item); });
    default: return false;
    }
}

TraceArgument argument(const Expr& e)
{
    TraceArgument a;
    if (auto v = number(e)) {
        a.number = *v;
        a.integer = integerLiteral(e);
        // A Python int becomes an int32 or int64 constant in the trace; beyond int64 TensorFlow
        // has no tensor for it (Python itself raises OverflowError converting it).
        if (a.integer && !(std::abs(a.number) < 9223372036854775808.0))
            throw Failure{QStringLiteral("the integer %1 does not fit in int64").arg(a.number, 0, 'g', 17)};
        return a;
    }
    if (e.kind == Expr::Kind::List) {
        a.tensor = literal(e);
        return a;
    }
    if (isCallNamed(e, {"constant", "convert_to_tensor"})) {
        const Expr* value = e.items.empty() ? nullptr : e.items.front().get();
        std::optional<DType> dtype;
        for (const KeywordArg& k : e.keywords) {
            if (k.name == u"value")
                value = k.value.get();
            else if (k.name == u"dtype")
                dtype = dtypeOf(*k.value);
            else if (k.name != u"name")
                throw Failure{QStringLiteral("%1 takes a value and dtype, not '%2'").arg(e.text, k.name)};
        }
        if (e.items.size() > 1)
            dtype = dtypeOf(*e.items[1]);
        if (!value)
            throw Failure{QStringLiteral("%1 needs a value: constant(2.0)").arg(e.text)};
        a.tensor = literal(*value);
        // TensorFlow's rule, as in formulas: constant(10) is int32 (int64 past int32's range).
        if (!dtype && integerLiteral(*value)) {
            dtype = DType::Int32;
            for (double x : a.tensor->values)
                if (x > 2147483647.0 || x < -2147483648.0)
                    dtype = DType::Int64;
        }
        a.tensor->dtype = dtype;
        return a;
    }
    if (isCallNamed(e, {"TensorSpec"}))
        return tensorSpec(e);
    throw Failure{QStringLiteral("expected a plain number (10), a tensor (constant(2.0), [1, 2]) or "
                                 "TensorSpec(shape=[2], dtype=float32)")};
}

} // namespace

TraceArgumentsResult parseTraceArguments(const QString& text)
{
    TraceArgumentsResult result;
    QSet<QString> names; // a set, not a scan of the earlier arguments: 100,000 of them stay fast
    for (const QString& part : splitArguments(text)) {
        const QString item = part.trimmed();
        const qsizetype equals = item.indexOf(u'=');
        if (equals <= 0) {
            result.error = QStringLiteral("'%1': expected NAME=VALUE").arg(item);
            result.arguments.clear(); // an error comes without arguments (fuzz/regressions/trace_call)
            return result;
        }
        try {
            FormulaProgram program = parseFormulaProgram(item);
            if (program.statements.size() != 1 || program.statements.front().name.isEmpty())
                throw Failure{QStringLiteral("expected NAME=VALUE")};
            // The statement's own name, not the text before the first '=': that may be a comment
            // ("#x=1\ny=2" names y).
            const QString name = program.statements.front().name;
            if (names.contains(name))
                throw Failure{QStringLiteral("%1 is given twice").arg(name)};
            names.insert(name);
            TraceArgument a = argument(*program.statements.front().value);
            a.name = name;
            result.arguments.push_back(std::move(a));
        } catch (const FormulaException& e) {
            result.error = QStringLiteral("'%1': %2").arg(item, e.message);
            result.arguments.clear();
            return result;
        } catch (const Failure& f) {
            result.error = QStringLiteral("'%1': %2").arg(item, f.message);
            result.arguments.clear();
            return result;
        } catch (const std::exception& e) {
            result.error = QStringLiteral("'%1': %2").arg(item, QString::fromStdString(e.what()));
            result.arguments.clear();
            return result;
        }
    }
    return result;
}

} // namespace gs
