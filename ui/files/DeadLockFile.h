#pragma once

#include <QString>

namespace gs {

/// Removes the lock file `path` when a process was killed while taking it: QLockFile creates the
/// file, locks it with flock(), then writes its owner's process id into it; a SIGKILL in between
/// leaves an empty file that no live process holds. QLockFile cannot tell whose it is, so it
/// waits for it to age: QSettings' next write hangs for 30 s, and a lock that never goes stale
/// (AutosaveStore's) would hide its autosave copy for ever. A lock file with readable contents,
/// or held by a live process, is left alone. True when it was removed.
bool removeDeadLockFile(const QString& path);

} // namespace gs
