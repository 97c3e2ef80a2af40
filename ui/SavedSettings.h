#pragma once

#include <QLoggingCategory>
#include <QString>
#include <QStringList>

class QSettings;

namespace gs {

Q_DECLARE_LOGGING_CATEGORY(settingsLog)

/// Checked reads of what earlier sessions left in QSettings. The file may come from an older or
/// newer GradScope, a hand edit or a damaged disk: a value of the wrong type or out of range is
/// ignored with a note in the log (category "gradscope.settings") and the default is used, so
/// the window always opens usable. An absent key gives the default silently. (The window layout
/// checks its own keys: WindowLayout.)
namespace savedsettings {

/// Notes in the log when the settings file could not be read or parsed (QSettings then keeps
/// what it could read; the checks below deal with the rest). Give it the process's first
/// QSettings: a process parses the file once, and only the object that parsed it has the status.
/// Removes a lock file left by a process killed while taking it (removeDeadLockFile()): before
/// any write, which would wait 30 s for it.
void checkFile(const QSettings& settings);
/// A finite number in [min, max].
double number(const QSettings& settings, const QString& key, double fallback, double min, double max);
/// true or false, as QSettings writes them (or 1 and 0).
bool flag(const QSettings& settings, const QString& key, bool fallback);
/// One of `count` choices, 0 to count - 1 (an enum's value).
int choice(const QSettings& settings, const QString& key, int fallback, int count);
/// A list of absolute file paths, at most `max` of them; entries that are not (empty, relative,
/// with control characters, absurdly long) are dropped.
QStringList paths(const QSettings& settings, const QString& key, qsizetype max);

} // namespace savedsettings

} // namespace gs
