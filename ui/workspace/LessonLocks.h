#pragma once

#include <QStringList>

#include <optional>

class QMainWindow;
class QString;

namespace gs {

class Workspace;

/// Disables the controls a lesson step locks (see lockableControls()) and enables the others
/// again: widgets and the menu actions that do the same thing, so that a student cannot take a
/// locked step off its path through a shortcut either.
void applyLessonLocks(Workspace* workspace, QMainWindow* window, const QStringList& locked);

/// Shows the docks whose objectName is in `panels` and hides the others, except `keep` (the
/// lesson's own dock); unset `panels` leaves the layout alone. Returns the names that name no
/// dock (a panel this build does not have).
QStringList showLessonPanels(QMainWindow* window, const std::optional<QStringList>& panels, const QString& keep);

} // namespace gs
