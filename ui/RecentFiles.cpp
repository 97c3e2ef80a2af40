#include "ui/RecentFiles.h"

#include <QFileInfo>
#include <QSettings>

namespace gs {

namespace {
const QString settingsKey = QStringLiteral("recentFiles");
}

RecentFiles::RecentFiles(QObject* parent)
    : QObject(parent)
{}

QStringList RecentFiles::files() const { return QSettings().value(settingsKey).toStringList(); }

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
