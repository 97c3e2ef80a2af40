#pragma once

#include "document/GraphData.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace gs {

/// The crash-recovery copy of the open document: written every little while when there are
/// unsaved changes (QStandardPaths::AppDataLocation/autosave.gscope, with a small note of which
/// file it belongs to), removed when the document is saved or the window closes normally, so
/// that one found at start-up means the last session ended unexpectedly.
class AutosaveStore {
public:
    /// `directory` empty: the application's data directory.
    explicit AutosaveStore(QString directory = {});

    QString path() const;
    bool exists() const;
    bool save(const GraphData& data, const QString& originalFile, QString* error = nullptr) const;

    struct Restored {
        GraphData data;
        QString originalFile;
        QDateTime savedAt;
    };
    std::optional<Restored> load() const;
    void discard() const;

private:
    QString notePath() const;
    QString directory_;
};

} // namespace gs
