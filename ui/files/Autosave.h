#pragma once

#include "document/GraphData.h"

#include <QDateTime>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

class QLockFile;
class QTimer;

namespace gs {

/// What an autosave copy says about the document besides its contents: enough to tell the user,
/// after a crash, what would come back.
struct AutosaveNote {
    QString originalFile; ///< the file it was opened from; empty for an untitled graph
    QString name;         ///< the name in the title bar ("Untitled", "b1")
    QString example;      ///< the example it started from, when untitled ("stop-gradient")
    QDateTime savedAt;
};

/// The crash-recovery copies of open documents, in QStandardPaths::AppDataLocation. Each window
/// writes its own copy (autosave-<session>.json: the note and the document in one file, written
/// atomically with QSaveFile, so a crash mid-write leaves the previous copy whole) and holds a
/// QLockFile next to it while it runs. A copy whose lock is free was left by a session that ended
/// without closing normally: the next start offers it back. Two windows running at once never
/// offer or delete each other's copies.
class AutosaveStore {
public:
    /// `directory` empty: the application's data directory.
    explicit AutosaveStore(QString directory = {});
    /// Releases the lock but keeps the copy: a window destroyed without closing normally has
    /// unsaved work that the next start should offer.
    ~AutosaveStore();
    AutosaveStore(const AutosaveStore&) = delete;
    AutosaveStore& operator=(const AutosaveStore&) = delete;

    /// This session's copy.
    QString path() const;
    bool exists() const;
    /// Writes this session's copy (atomically); `note.savedAt` unset means now.
    bool save(const GraphData& data, AutosaveNote note, QString* error = nullptr);
    /// Removes this session's copy (the document was saved or closed).
    void discard();

    struct Copy {
        GraphData data;
        AutosaveNote note;
    };
    /// The newest copy left by a session that ended unexpectedly, reserved for this one (its
    /// lock taken) so that another window starting now does not offer it too. Unreadable copies
    /// are skipped (and left alone).
    std::optional<Copy> claimLeftBehind();
    /// Done with the claimed copy: `remove` deletes it (restored or discarded); otherwise it is
    /// released for the next start.
    void releaseLeftBehind(bool remove);

private:
    QString directory_;
    QString session_;
    std::unique_ptr<QLockFile> lock_;
    QString claimedPath_;
    std::unique_ptr<QLockFile> claimedLock_;
};

/// When to write the autosave copy: `quiet` after the last change, so that a burst of edits is
/// written once, but never later than `latest` after the first change not yet written, so that a
/// stream of changes (a value dragged for a minute) is still written every few seconds. With the
/// defaults, a crash loses at most about 4 seconds of work.
class AutosaveSchedule : public QObject {
    Q_OBJECT
public:
    static constexpr int defaultQuietMs = 2000;
    static constexpr int defaultLatestMs = 4000;

    explicit AutosaveSchedule(QObject* parent = nullptr, int quietMs = defaultQuietMs, int latestMs = defaultLatestMs);

    /// Something changed that is not written yet.
    void changed();
    /// Writes now if anything is pending (the window lost the focus: the user may be about to
    /// do something that ends the session).
    void flush();
    /// Nothing is pending any more (the document was saved or closed).
    void cancel();
    bool pending() const;

signals:
    void due();

private:
    void fire();

    QTimer* quiet_;
    QTimer* latest_;
};

} // namespace gs
