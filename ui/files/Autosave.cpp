#include "ui/files/Autosave.h"

#include "document/DocumentFile.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

namespace gs {

AutosaveStore::AutosaveStore(QString directory)
    : directory_(directory.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                                     : std::move(directory))
{
}

QString AutosaveStore::path() const { return QDir(directory_).filePath(QStringLiteral("autosave.gscope")); }

QString AutosaveStore::notePath() const { return QDir(directory_).filePath(QStringLiteral("autosave.json")); }

bool AutosaveStore::exists() const { return QFile::exists(path()); }

bool AutosaveStore::save(const GraphData& data, const QString& originalFile, QString* error) const
{
    if (!QDir().mkpath(directory_)) {
        if (error)
            *error = QStringLiteral("cannot create '%1'").arg(directory_);
        return false;
    }
    QJsonObject note{{QStringLiteral("file"), originalFile},
                     {QStringLiteral("saved"), QDateTime::currentDateTime().toString(Qt::ISODate)}};
    return saveFileAtomically(QJsonDocument(note).toJson(), notePath(), error) && saveDocument(data, path(), error);
}

std::optional<AutosaveStore::Restored> AutosaveStore::load() const
{
    if (!exists())
        return std::nullopt;
    DocumentReadResult read = loadDocument(path());
    if (!read.ok())
        return std::nullopt;
    Restored restored;
    restored.data = std::move(read.data);
    QFile note(notePath());
    if (note.open(QIODevice::ReadOnly)) {
        const QJsonObject o = QJsonDocument::fromJson(note.readAll()).object();
        restored.originalFile = o.value(QStringLiteral("file")).toString();
        restored.savedAt = QDateTime::fromString(o.value(QStringLiteral("saved")).toString(), Qt::ISODate);
    }
    return restored;
}

void AutosaveStore::discard() const
{
    QFile::remove(path());
    QFile::remove(notePath());
}

} // namespace gs
