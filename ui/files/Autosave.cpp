#include "ui/files/Autosave.h"

#include "document/DocumentFile.h"
#include "ui/files/DeadLockFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QStandardPaths>
#include <QTimer>

#include <atomic>

namespace gs {

namespace {

const QString prefix = QStringLiteral("autosave-");
const QString suffix = QStringLiteral(".json");

QString lockPathFor(const QString& copyPath) { return copyPath.chopped(suffix.size()) + QStringLiteral(".lock"); }

/// A lock that is never taken for stale because of its age, only because its process is gone:
/// a window may run for days.
std::unique_ptr<QLockFile> tryLock(const QString& path)
{
    removeDeadLockFile(path); // its copy would never be offered otherwise
    auto lock = std::make_unique<QLockFile>(path);
    lock->setStaleLockTime(0);
    return lock->tryLock(0) ? std::move(lock) : nullptr;
}

/// A name no other session has: the process id for the humans, the start time against reused
/// process ids, a counter for several windows in one process.
QString newSessionName()
{
    static std::atomic<int> counter{0};
    return QStringLiteral("%1-%2-%3")
        .arg(QCoreApplication::applicationPid())
        .arg(QDateTime::currentMSecsSinceEpoch())
        .arg(counter++);
}

std::optional<AutosaveStore::Copy> readCopy(const QString& path)
{
    QFile file(path);
    if (file.size() > documentlimits::fileBytes * 2 || !file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    DocumentReadResult read = documentFromJson(QJsonDocument(o.value(QStringLiteral("document")).toObject()).toJson());
    if (!read.ok())
        return std::nullopt;
    AutosaveStore::Copy copy{std::move(read.data), {}};
    copy.note.originalFile = o.value(QStringLiteral("file")).toString();
    copy.note.name = o.value(QStringLiteral("name")).toString();
    copy.note.example = o.value(QStringLiteral("example")).toString();
    copy.note.savedAt = QDateTime::fromString(o.value(QStringLiteral("saved")).toString(), Qt::ISODateWithMs);
    return copy;
}

} // namespace

AutosaveStore::AutosaveStore(QString directory)
    : directory_(directory.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                                     : std::move(directory))
    , session_(newSessionName())
{
}

AutosaveStore::~AutosaveStore() = default;

QString AutosaveStore::path() const { return QDir(directory_).filePath(prefix + session_ + suffix); }

bool AutosaveStore::exists() const { return QFile::exists(path()); }

bool AutosaveStore::save(const GraphData& data, AutosaveNote note, QString* error)
{
    if (!QDir().mkpath(directory_)) {
        if (error)
            *error = QStringLiteral("cannot create '%1'").arg(directory_);
        return false;
    }
    // Taken before the first copy exists, so that no other session ever sees it unlocked.
    if (!lock_)
        lock_ = tryLock(lockPathFor(path()));
    if (!note.savedAt.isValid())
        note.savedAt = QDateTime::currentDateTime();
    const QJsonObject o{{QStringLiteral("autosave"), 1},
                        {QStringLiteral("file"), note.originalFile},
                        {QStringLiteral("name"), note.name},
                        {QStringLiteral("example"), note.example},
                        {QStringLiteral("saved"), note.savedAt.toString(Qt::ISODateWithMs)},
                        {QStringLiteral("document"), QJsonDocument::fromJson(documentToJson(data)).object()}};
    return saveFileAtomically(QJsonDocument(o).toJson(QJsonDocument::Compact), path(), error);
}

void AutosaveStore::discard() { QFile::remove(path()); }

std::optional<AutosaveStore::Copy> AutosaveStore::claimLeftBehind()
{
    releaseLeftBehind(false);
    const QFileInfoList copies = QDir(directory_).entryInfoList({prefix + QLatin1Char('*') + suffix}, QDir::Files, QDir::Time);
    for (const QFileInfo& info : copies) { // newest first
        const QString candidate = info.absoluteFilePath();
        if (candidate == QFileInfo(path()).absoluteFilePath())
            continue;
        std::unique_ptr<QLockFile> lock = tryLock(lockPathFor(candidate));
        if (!lock)
            continue; // its window is still running
        if (std::optional<Copy> copy = readCopy(candidate)) {
            claimedPath_ = candidate;
            claimedLock_ = std::move(lock);
            return copy;
        }
    }
    return std::nullopt;
}

void AutosaveStore::releaseLeftBehind(bool remove)
{
    if (remove && !claimedPath_.isEmpty())
        QFile::remove(claimedPath_);
    claimedPath_.clear();
    claimedLock_.reset(); // unlocking removes the lock file
}

AutosaveSchedule::AutosaveSchedule(QObject* parent, int quietMs, int latestMs)
    : QObject(parent)
    , quiet_(new QTimer(this))
    , latest_(new QTimer(this))
{
    for (QTimer* timer : {quiet_, latest_}) {
        timer->setSingleShot(true);
        timer->setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5% late: past the promise
        connect(timer, &QTimer::timeout, this, &AutosaveSchedule::fire);
    }
    quiet_->setInterval(quietMs);
    latest_->setInterval(latestMs);
}

void AutosaveSchedule::changed()
{
    quiet_->start();
    if (!latest_->isActive())
        latest_->start();
}

void AutosaveSchedule::flush()
{
    if (pending())
        fire();
}

void AutosaveSchedule::cancel()
{
    quiet_->stop();
    latest_->stop();
}

bool AutosaveSchedule::pending() const { return quiet_->isActive() || latest_->isActive(); }

void AutosaveSchedule::fire()
{
    cancel();
    emit due();
}

} // namespace gs
