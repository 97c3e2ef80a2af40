#pragma once

#include "ui/files/Autosave.h"

#include <QDateTime>
#include <QImage>
#include <QString>

class QWidget;

namespace gs {

enum class RestoreAnswer { Restore, Discard, Later };

/// What an autosave copy would bring back, shown before the user decides.
struct RestorePreview {
    QString name;         ///< "Untitled", "b1"
    QString originalFile; ///< empty for an untitled graph
    QDateTime savedAt;
    QString formula;      ///< the graph as formula text (the first lines), if it has one
    int nodes = 0;
    QImage picture;       ///< a small picture of the graph; null when it is empty or huge
};

/// The preview of `copy`: its name, when it was saved, the first lines of its formula, its size
/// and a small picture drawn as the editor draws graphs.
RestorePreview restorePreview(const AutosaveStore::Copy& copy);

/// Asks, with the preview, whether to restore (Restore), throw the copy away (Discard) or decide
/// at the next start (Not Now, Escape: Later).
RestoreAnswer askToRestoreInDialog(QWidget* parent, const RestorePreview& preview);

} // namespace gs
