#include "ui/SavedSettings.h"

#include "ui/files/DeadLockFile.h"

#include <QDir>
#include <QSettings>
#include <QVariant>

#include <algorithm>
#include <cmath>

namespace gs {

Q_LOGGING_CATEGORY(settingsLog, "gradscope.settings", QtInfoMsg)

namespace savedsettings {

namespace {

/// How a value looks in the log: short, on one line, whatever it holds.
QString shown(const QVariant& value)
{
    QString text = value.canConvert<QString>() ? value.toString() : QString::fromLatin1(value.typeName());
    if (text.size() > 40)
        text = text.left(40) + QStringLiteral("…");
    for (QChar& c : text)
        if (c.isNull() || !c.isPrint())
            c = u'?';
    return text;
}

void ignored(const QString& key, const QVariant& value, const char* why)
{
    qCInfo(settingsLog, "ignoring the saved setting %s = '%s' (%s): default used", qPrintable(key),
           qPrintable(shown(value)), why);
}

bool isText(const QVariant& value)
{
    const int type = value.metaType().id();
    return type == QMetaType::QString || type == QMetaType::QByteArray;
}

/// The maximum length of a path on Linux (PATH_MAX).
constexpr qsizetype longestPath = 4096;

} // namespace

void checkFile(const QSettings& settings)
{
    if (removeDeadLockFile(settings.fileName() + QStringLiteral(".lock")))
        qCInfo(settingsLog, "removed the settings lock file left by a process killed while taking it");
    switch (settings.status()) {
    case QSettings::NoError:
        return;
    case QSettings::AccessError:
        qCWarning(settingsLog, "cannot read the settings file '%s': defaults used", qPrintable(settings.fileName()));
        return;
    case QSettings::FormatError:
        qCWarning(settingsLog, "the settings file '%s' is damaged: what cannot be read is ignored",
                  qPrintable(settings.fileName()));
        return;
    }
}

double number(const QSettings& settings, const QString& key, double fallback, double min, double max)
{
    const QVariant value = settings.value(key);
    if (!value.isValid())
        return fallback;
    bool ok = false;
    const double x = (isText(value) || value.canConvert<double>()) ? value.toDouble(&ok) : 0.0;
    if (!ok || !std::isfinite(x)) {
        ignored(key, value, "not a number");
        return fallback;
    }
    if (x < min || x > max) {
        ignored(key, value, "out of range");
        return fallback;
    }
    return x;
}

bool flag(const QSettings& settings, const QString& key, bool fallback)
{
    const QVariant value = settings.value(key);
    if (!value.isValid())
        return fallback;
    if (value.metaType().id() == QMetaType::Bool)
        return value.toBool();
    const QString text = isText(value) || value.metaType().id() == QMetaType::Int ? value.toString() : QString();
    if (text == u"true" || text == u"1")
        return true;
    if (text == u"false" || text == u"0")
        return false;
    ignored(key, value, "not true or false");
    return fallback;
}

int choice(const QSettings& settings, const QString& key, int fallback, int count)
{
    const QVariant value = settings.value(key);
    if (!value.isValid())
        return fallback;
    bool ok = false;
    const int x = (isText(value) || value.metaType().id() == QMetaType::Int) ? value.toInt(&ok) : 0;
    if (!ok) {
        ignored(key, value, "not a whole number");
        return fallback;
    }
    if (x < 0 || x >= count) {
        ignored(key, value, "no such choice in this version");
        return fallback;
    }
    return x;
}

QStringList paths(const QSettings& settings, const QString& key, qsizetype max)
{
    const QVariant value = settings.value(key);
    if (!value.isValid())
        return {};
    const int type = value.metaType().id();
    if (type != QMetaType::QString && type != QMetaType::QStringList) {
        ignored(key, value, "not a list of files");
        return {};
    }
    QStringList kept;
    qsizetype dropped = 0;
    for (const QString& path : value.toStringList()) {
        const bool usable = !path.isEmpty() && path.size() <= longestPath && QDir::isAbsolutePath(path)
                            && std::none_of(path.cbegin(), path.cend(), [](QChar c) { return c.category() == QChar::Other_Control; });
        if (usable && kept.size() < max && !kept.contains(path))
            kept << path;
        else
            ++dropped;
    }
    if (dropped > 0)
        qCInfo(settingsLog, "ignoring %lld of the %lld entries saved in %s (not absolute file paths, repeated or too many)",
               static_cast<long long>(dropped), static_cast<long long>(dropped + kept.size()), qPrintable(key));
    return kept;
}

} // namespace savedsettings

} // namespace gs
