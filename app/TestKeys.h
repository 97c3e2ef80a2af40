#pragma once

#include <QString>

class QMainWindow;

namespace gs {

/// Test-only: GRADSCOPE_TEST_KEYS plays keystrokes into the running window, so that a process
/// test can edit a document through the window as a user does (tests/app/tst_crash_recovery.cpp
/// kills the program with SIGKILL and checks that the next start brings the edit back). One step
/// per line, one step every 150 ms, starting once the window is up:
///     key SEQUENCE   a key with its modifiers, in QKeySequence's portable text: Ctrl+L, Return
///     type TEXT      each character of TEXT, as typed
///     wait MS        a pause
/// When no window is active (the offscreen platform activates none after a dialog closes), the
/// main window is activated first, as a user would click it. "gradscope: test keys played" goes
/// to stderr after the last step.
void playTestKeys(QMainWindow* window, const QString& script);

} // namespace gs
