#include "document/TensorJson.h"

#include <QJsonArray>

#include <cmath>

namespace gs {

namespace {

QJsonValue numberToJson(double v)
{
    if (std::isnan(v))
        return QStringLiteral("NaN");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
    return v;
}

std::optional<double> numberFromJson(const QJsonValue& v)
{
    if (v.isDouble())
        return v.toDouble();
    if (!v.isString())
        return std::nullopt;
    const QString s = v.toString();
    if (s == u"NaN" || s == u"nan")
        return NAN;
    if (s == u"Infinity" || s == u"inf")
        return INFINITY;
    if (s == u"-Infinity" || s == u"-inf")
        return -INFINITY;
    return std::nullopt;
}

QString describe(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("true or false");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::String: return QStringLiteral("the string \"%1\"").arg(v.toString().left(40));
    case QJsonValue::Array: return QStringLiteral("a list");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("nothing");
}

} // namespace

QJsonValue tensorToJson(const TensorValue& value)
{
    auto row = [&](std::int64_t r) {
        QJsonArray a;
        for (std::int64_t c = 0; c < value.shape.cols; ++c)
            a.append(numberToJson(value.values[static_cast<std::size_t>(r * value.shape.cols + c)]));
        return a;
    };
    if (value.shape.rank == 0)
        return value.values.empty() ? QJsonValue() : numberToJson(value.values.front());
    if (value.shape.rank == 1)
        return row(0);
    QJsonArray rows;
    for (std::int64_t r = 0; r < value.shape.rows; ++r)
        rows.append(row(r));
    return rows;
}

std::optional<TensorValue> tensorFromJson(const QJsonValue& json, TensorJsonError* error, std::int64_t maxElements)
{
    auto fail = [&](const QString& where, const QString& message) -> std::optional<TensorValue> {
        if (error)
            *error = TensorJsonError{where, message};
        return std::nullopt;
    };
    const QString expected = QStringLiteral("expected a number, a list of numbers or a list of rows, found ");
    if (auto x = numberFromJson(json))
        return TensorValue::scalar(*x);
    if (!json.isArray())
        return fail({}, expected + describe(json));
    const QJsonArray items = json.toArray();
    if (items.size() > maxElements)
        return fail({}, QStringLiteral("more than %1 elements").arg(maxElements));
    std::vector<double> values;
    const bool matrix = !items.isEmpty() && items.first().isArray();
    std::int64_t cols = -1;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString at = QStringLiteral("[%1]").arg(i);
        if (!matrix) {
            auto x = numberFromJson(items[i]);
            if (!x)
                return fail(at, QStringLiteral("expected a number, found ") + describe(items[i]));
            values.push_back(*x);
            continue;
        }
        if (!items[i].isArray())
            return fail(at, QStringLiteral("expected a row (a list of numbers), found ") + describe(items[i]));
        const QJsonArray row = items[i].toArray();
        if (cols >= 0 && row.size() != cols)
            return fail(at, QStringLiteral("this row has %1 numbers but row 0 has %2").arg(row.size()).arg(cols));
        cols = row.size();
        if (static_cast<std::int64_t>(values.size()) + cols > maxElements)
            return fail(at, QStringLiteral("more than %1 elements").arg(maxElements));
        for (qsizetype j = 0; j < row.size(); ++j) {
            if (row[j].isArray())
                return fail(at + QStringLiteral("[%1]").arg(j), QStringLiteral("tensors have at most 2 dimensions"));
            auto x = numberFromJson(row[j]);
            if (!x)
                return fail(at + QStringLiteral("[%1]").arg(j), QStringLiteral("expected a number, found ") + describe(row[j]));
            values.push_back(*x);
        }
    }
    const auto rows = static_cast<std::int64_t>(items.size());
    return TensorValue{matrix ? Shape::matrix(rows, cols) : Shape::vector(rows), std::move(values), std::nullopt};
}

} // namespace gs
