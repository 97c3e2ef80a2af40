#include "ui/RecentFiles.h"

#include "ui/SavedSettings.h"

#include <QFileInfo>
#include <QSettings>

namespace gs {

namespace {
const QString settingsKey = QStringLiteral("recentFiles");
}

RecentFiles::RecentFiles(QObject* parent)
    : QObject(parent)
{
    // What cannot be a recent file is dropped once, with its note in the log, not at every read.
    const QVariant saved = QSettings().value(settingsKey);
    const int type = saved.metaType().id();
    const QStringList usable = files();
    if (saved.isValid() && ((type != QMetaType::QString && type != QMetaType::QStringList) || saved.toStringList() != usable))
        store(usable);
}

QStringList RecentFiles::files() const { return savedsettings::paths(QSettings(), settingsKey, maxCount); }

void RecentFiles::add(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = files();
    list.removeAll(absolute);
    list.prepend(absolute);
    store(list.mid(0, maxCount));
}

void RecentFiles::remove(const QString& path)
{
    QStringList list = files();
    if (list.removeAll(QFileInfo(path).absoluteFilePath()) > 0)
        store(list);
}

void RecentFiles::clear()
{
    if (!files().isEmpty())
        store({});
}

void RecentFiles::store(const QStringList& list)
{
    QSettings settings;
    if (list.isEmpty())
        settings.remove(settingsKey);
    else
        settings.setValue(settingsKey, list);
    emit changed();
}

} // namespace gs
