#pragma once

// Internal to the document layer: reading untrusted JSON one checked field at a time, for
// DocumentReader.cpp. Every read names its JSON path in the error it throws.
#include "document/DocumentFile.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

#include <optional>

namespace gs::detail {

/// Thrown at the first problem; documentFromJson() turns it into its result.
struct Failure {
    DocumentFileError error;
};

[[noreturn]] void fail(const QString& where, const QString& message);

/// "a number", "a list", ...: what a JSON value is, for messages.
QString typeName(const QJsonValue& v);

/// `path[i]`
QString item(const QString& path, qsizetype i);

/// One JSON object and its path, with typed, checked reads: a missing, mistyped or out-of-range
/// field throws a Failure naming `path.key`.
class Fields {
public:
    Fields(const QJsonValue& value, QString path);

    QString at(const QString& key) const { return path_ + u'.' + key; }
    bool has(const QString& key) const { return object_.contains(key); }
    QJsonValue value(const QString& key) const { return object_.value(key); }
    QStringList keysOf() const { return object_.keys(); }

    int integer(const QString& key, int min, int max, std::optional<int> fallback = std::nullopt) const;
    double number(const QString& key, double min, double max, std::optional<double> fallback = std::nullopt) const;
    QString string(const QString& key, int maxLength, std::optional<QString> fallback = std::nullopt) const;
    bool boolean(const QString& key, bool fallback) const;
    QJsonArray array(const QString& key, int maxSize, bool required) const;
    /// `[x, y]` with finite coordinates; (0, 0) when missing.
    QPointF point(const QString& key) const;

private:
    QString path_;
    QJsonObject object_;
};

} // namespace gs::detail
