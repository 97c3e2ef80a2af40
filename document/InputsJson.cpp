#include "document/InputsJson.h"

#include "document/TensorJson.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace gs {

InputsReadResult inputsFromJson(const QByteArray& bytes, const QString& fileName)
{
    InputsReadResult result;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        result.error = QStringLiteral("'%1' is not valid JSON: %2 (at byte %3)")
                           .arg(fileName, error.errorString())
                           .arg(error.offset);
        return result;
    }
    if (!doc.isObject()) {
        result.error = QStringLiteral("'%1' must hold a JSON object of names to values").arg(fileName);
        return result;
    }
    const QJsonObject object = doc.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        TensorJsonError why;
        auto value = tensorFromJson(it.value(), &why);
        if (!value) {
            result.values.clear();
            result.error = QStringLiteral("$.%1%2: %3").arg(it.key(), why.where, why.message);
            return result;
        }
        result.values.emplace_back(it.key(), std::move(*value));
    }
    return result;
}

QByteArray inputsToJson(const std::vector<std::pair<QString, TensorValue>>& values)
{
    QJsonObject object;
    for (const auto& [name, value] : values)
        object.insert(name, tensorToJson(value));
    return QJsonDocument(object).toJson();
}

} // namespace gs
