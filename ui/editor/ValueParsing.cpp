#include "ui/editor/ValueParsing.h"

#include "document/TensorJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cmath>

namespace gs {

std::optional<TensorValue> parseTensorValue(const QString& text)
{
    QString t = text.trimmed();
    if (t.isEmpty())
        return std::nullopt;
    static const QRegularExpression infinity(QStringLiteral("(?<![A-Za-z])(-?)inf(inity)?(?![A-Za-z])"),
                                             QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression notANumber(QStringLiteral("(?<![A-Za-z])nan(?![A-Za-z])"),
                                               QRegularExpression::CaseInsensitiveOption);
    t.replace(infinity, QStringLiteral("\"\\1Infinity\"")).replace(notANumber, QStringLiteral("\"NaN\""));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(("[" + t + "]").toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || doc.array().size() != 1)
        return std::nullopt;
    return tensorFromJson(doc.array().first(), nullptr, 10'000);
}

std::optional<AttrValue> parseAttrValue(const QString& text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return std::nullopt;
    if (t == u"True" || t == u"true")
        return AttrValue(true);
    if (t == u"False" || t == u"false")
        return AttrValue(false);
    bool ok = false;
    const qlonglong integer = t.toLongLong(&ok);
    if (ok)
        return AttrValue(static_cast<std::int64_t>(integer));
    const double number = t.toDouble(&ok);
    if (ok)
        return AttrValue(number);
    if (t.startsWith(u'[') && t.endsWith(u']')) {
        std::vector<std::int64_t> dims;
        for (const QString& part : t.mid(1, t.size() - 2).split(u',', Qt::SkipEmptyParts)) {
            const qlonglong d = part.trimmed().toLongLong(&ok);
            if (!ok)
                return AttrValue(t.toStdString());
            dims.push_back(d);
        }
        return AttrValue(dims);
    }
    QString name = t;
    if ((name.startsWith(u'"') && name.endsWith(u'"')) || (name.startsWith(u'\'') && name.endsWith(u'\'')))
        name = name.mid(1, name.size() - 2);
    return AttrValue(name.toStdString());
}

} // namespace gs
