#include "ui/files/DeadLockFile.h"

#include <QFile>
#include <QLockFile>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace gs {

bool removeDeadLockFile(const QString& path)
{
    qint64 pid = 0;
    QString host;
    QString application;
    if (!QFile::exists(path) || QLockFile(path).getLockInfo(&pid, &host, &application))
        return false;
    // Unreadable: its owner died before writing, or is writing right now, holding the flock().
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool held = ::flock(fd, LOCK_EX | LOCK_NB) != 0;
    const bool removed = !held && QFile::remove(path);
    ::close(fd);
    return removed;
}

} // namespace gs
