#pragma once

#include <QKeySequence>
#include <QList>

namespace gs {

/// The platform's key bindings for `key`, with `primary` first (added when the platform lacks
/// it), so that the documented shortcut (Ctrl+Shift+Z for Redo, Ctrl+= for Zoom In) works
/// everywhere and is the one menus show.
QList<QKeySequence> shortcutsFor(QKeySequence::StandardKey key, const QKeySequence& primary);

} // namespace gs
