#include "document/JsonFields.h"

#include <cmath>

namespace gs::detail {

void fail(const QString& where, const QString& message) { throw Failure{{where, message}}; }

QString typeName(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("a boolean");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::String: return QStringLiteral("a string");
    case QJsonValue::Array: return QStringLiteral("a list");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("nothing");
}

QString item(const QString& path, qsizetype i) { return QStringLiteral("%1[%2]").arg(path).arg(i); }

Fields::Fields(const QJsonValue& value, QString path)
    : path_(std::move(path))
{
    if (!value.isObject())
        fail(path_, QStringLiteral("expected an object, found %1").arg(typeName(value)));
    object_ = value.toObject();
}

int Fields::integer(const QString& key, int min, int max, std::optional<int> fallback) const
{
    if (!has(key)) {
        if (fallback)
            return *fallback;
        fail(at(key), QStringLiteral("is missing"));
    }
    const QJsonValue v = value(key);
    if (!v.isDouble())
        fail(at(key), QStringLiteral("expected an integer, found %1").arg(typeName(v)));
    const double d = v.toDouble();
    if (!std::isfinite(d) || std::floor(d) != d)
        fail(at(key), QStringLiteral("expected an integer, found %1").arg(d));
    if (d < min || d > max)
        fail(at(key), QStringLiteral("%1 is out of range (%2 to %3)").arg(d).arg(min).arg(max));
    return static_cast<int>(d);
}

double Fields::number(const QString& key, double min, double max, std::optional<double> fallback) const
{
    if (!has(key)) {
        if (fallback)
            return *fallback;
        fail(at(key), QStringLiteral("is missing"));
    }
    const QJsonValue v = value(key);
    if (!v.isDouble())
        fail(at(key), QStringLiteral("expected a number, found %1").arg(typeName(v)));
    const double d = v.toDouble();
    if (!std::isfinite(d) || d < min || d > max)
        fail(at(key), QStringLiteral("%1 is out of range (%2 to %3)").arg(d).arg(min).arg(max));
    return d;
}

QString Fields::string(const QString& key, int maxLength, std::optional<QString> fallback) const
{
    if (!has(key)) {
        if (fallback)
            return *fallback;
        fail(at(key), QStringLiteral("is missing"));
    }
    const QJsonValue v = value(key);
    if (!v.isString())
        fail(at(key), QStringLiteral("expected a string, found %1").arg(typeName(v)));
    const QString s = v.toString();
    if (s.size() > maxLength)
        fail(at(key), QStringLiteral("is %1 characters long; at most %2 are allowed").arg(s.size()).arg(maxLength));
    return s;
}

bool Fields::boolean(const QString& key, bool fallback) const
{
    if (!has(key))
        return fallback;
    if (!value(key).isBool())
        fail(at(key), QStringLiteral("expected true or false, found %1").arg(typeName(value(key))));
    return value(key).toBool();
}

QJsonArray Fields::array(const QString& key, int maxSize, bool required) const
{
    if (!has(key)) {
        if (required)
            fail(at(key), QStringLiteral("is missing"));
        return {};
    }
    const QJsonValue v = value(key);
    if (!v.isArray())
        fail(at(key), QStringLiteral("expected a list, found %1").arg(typeName(v)));
    const QJsonArray a = v.toArray();
    if (a.size() > maxSize)
        fail(at(key), QStringLiteral("has %1 entries; at most %2 are allowed").arg(a.size()).arg(maxSize));
    return a;
}

QPointF Fields::point(const QString& key) const
{
    if (!has(key))
        return {};
    const QJsonValue v = value(key);
    const QJsonArray a = v.toArray();
    if (!v.isArray() || a.size() != 2 || !a[0].isDouble() || !a[1].isDouble())
        fail(at(key), QStringLiteral("expected [x, y], found %1").arg(typeName(v)));
    const double x = a[0].toDouble(), y = a[1].toDouble();
    if (!std::isfinite(x) || !std::isfinite(y) || std::abs(x) > 1e9 || std::abs(y) > 1e9)
        fail(at(key), QStringLiteral("coordinates must be finite numbers below 1e9"));
    return {x, y};
}

} // namespace gs::detail
