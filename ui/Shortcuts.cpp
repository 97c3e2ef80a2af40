#include "ui/Shortcuts.h"

namespace gs {

QList<QKeySequence> shortcutsFor(QKeySequence::StandardKey key, const QKeySequence& primary)
{
    QList<QKeySequence> shortcuts = QKeySequence::keyBindings(key);
    shortcuts.removeAll(primary);
    shortcuts.prepend(primary);
    return shortcuts;
}

} // namespace gs
