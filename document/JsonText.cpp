#include "document/JsonText.h"

#include <cmath>

namespace gs {

void JsonText::separate()
{
    if (afterKey_) {
        afterKey_ = false;
        return;
    }
    if (!first_.empty()) {
        if (!first_.back())
            text_ += QStringLiteral(", ");
        first_.back() = false;
    }
}

JsonText& JsonText::beginObject()
{
    separate();
    text_ += u'{';
    first_.push_back(true);
    return *this;
}

JsonText& JsonText::endObject()
{
    text_ += u'}';
    first_.pop_back();
    return *this;
}

JsonText& JsonText::beginArray()
{
    separate();
    text_ += u'[';
    first_.push_back(true);
    return *this;
}

JsonText& JsonText::endArray()
{
    text_ += u']';
    first_.pop_back();
    return *this;
}

JsonText& JsonText::key(const QString& name)
{
    separate();
    text_ += quoted(name) + QStringLiteral(": ");
    afterKey_ = true;
    return *this;
}

JsonText& JsonText::string(const QString& value)
{
    separate();
    text_ += quoted(value);
    return *this;
}

JsonText& JsonText::number(double value, DType dtype)
{
    separate();
    if (std::isnan(value))
        text_ += QStringLiteral("\"NaN\"");
    else if (std::isinf(value))
        text_ += value > 0 ? QStringLiteral("\"Infinity\"") : QStringLiteral("\"-Infinity\"");
    else if (dtype == DType::Bool)
        text_ += value != 0 ? QStringLiteral("true") : QStringLiteral("false");
    else
        text_ += QString::fromStdString(formatNumber(value, dtype));
    return *this;
}

JsonText& JsonText::integer(long long value)
{
    separate();
    text_ += QString::number(value);
    return *this;
}

JsonText& JsonText::boolean(bool value)
{
    separate();
    text_ += value ? QStringLiteral("true") : QStringLiteral("false");
    return *this;
}

JsonText& JsonText::null()
{
    separate();
    text_ += QStringLiteral("null");
    return *this;
}

JsonText& JsonText::raw(const QString& json)
{
    separate();
    text_ += json;
    return *this;
}

JsonText& JsonText::tensor(const std::optional<Tensor>& value)
{
    if (!value || !value->valid())
        return null();
    const Tensor& t = *value;
    auto row = [&](std::int64_t r) {
        beginArray();
        for (std::int64_t c = 0; c < t.shape().cols; ++c)
            number(t.at(r, c), t.dtype());
        endArray();
    };
    if (t.rank() == 0)
        return number(t.at(0), t.dtype());
    if (t.rank() == 1) {
        row(0);
        return *this;
    }
    beginArray();
    for (std::int64_t r = 0; r < t.shape().rows; ++r)
        row(r);
    return endArray();
}

QString JsonText::quoted(const QString& value)
{
    QString s = QStringLiteral("\"");
    for (QChar c : value) {
        switch (c.unicode()) {
        case '"': s += QStringLiteral("\\\""); break;
        case '\\': s += QStringLiteral("\\\\"); break;
        case '\n': s += QStringLiteral("\\n"); break;
        case '\r': s += QStringLiteral("\\r"); break;
        case '\t': s += QStringLiteral("\\t"); break;
        default:
            if (c.unicode() < 0x20)
                s += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                s += c;
        }
    }
    return s + u'"';
}

} // namespace gs
