#pragma once

#include "document/TrainingRunFile.h"
#include "engine/nn/RunSpec.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <cmath>
#include <initializer_list>

namespace gs::runfile {

// The pieces document/TrainingRunFile.cpp and TrainingRunLayers.cpp share to read a run file.

/// A JSON value with its path ("model[1].units"), so errors can say where they are.
struct Field {
    QJsonValue value;
    QString path;
    const QString* file;

    [[noreturn]] void fail(const QString& message) const
    {
        // The path holds the file's own keys: a control character in one (a newline) is written
        // as a backslash-u escape, so that the message stays one line.
        QString where = path.isEmpty() ? QStringLiteral("top level") : path;
        for (qsizetype i = where.size() - 1; i >= 0; --i)
            if (where[i].unicode() < 0x20 || where[i].unicode() == 0x7f)
                where.replace(i, 1, QStringLiteral("\\u%1").arg(where[i].unicode(), 4, 16, QLatin1Char('0')));
        throw RunFileError{QStringLiteral("%1: %2: %3").arg(*file, where, message)};
    }
    Field at(const char* name) const
    {
        const QString key = QString::fromLatin1(name);
        return {value.toObject().value(key), path.isEmpty() ? key : path + u'.' + key, file};
    }
    Field at(qsizetype index) const
    {
        return {value.toArray().at(index), QStringLiteral("%1[%2]").arg(path).arg(index), file};
    }
    bool has(const char* key) const
    {
        return value.isObject() && value.toObject().contains(QLatin1StringView(key));
    }

    QJsonObject object(std::initializer_list<const char*> allowed) const
    {
        if (!value.isObject())
            fail(QStringLiteral("expected an object"));
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            bool known = false;
            for (const char* key : allowed)
                known = known || it.key() == QLatin1StringView(key);
            if (!known)
                at(it.key().toLatin1().constData()).fail(QStringLiteral("unknown key"));
        }
        return o;
    }
    double number() const
    {
        if (!value.isDouble() || !std::isfinite(value.toDouble()))
            fail(QStringLiteral("expected a number"));
        return value.toDouble();
    }
    double positive() const
    {
        const double v = number();
        if (!(v > 0.0))
            fail(QStringLiteral("expected a positive number"));
        return v;
    }
    std::int64_t integer(std::int64_t minimum) const
    {
        const double v = value.toDouble(-1.0);
        if (!value.isDouble() || v != std::floor(v) || v < static_cast<double>(minimum)
            || v > 9.0e15)
            fail(QStringLiteral("expected an integer of at least %1").arg(minimum));
        return static_cast<std::int64_t>(v);
    }
    bool flag() const
    {
        if (!value.isBool())
            fail(QStringLiteral("expected true or false"));
        return value.toBool();
    }
    QString text() const
    {
        if (!value.isString())
            fail(QStringLiteral("expected a string"));
        return value.toString();
    }
    std::string name() const { return text().toStdString(); }
};

/// One entry of "model": a dense, dropout or batch_normalization layer.
nn::LayerSpec layerFromJson(const Field& field);

} // namespace gs::runfile
