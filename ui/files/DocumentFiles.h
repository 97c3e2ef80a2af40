#pragma once

#include "document/DocumentFile.h"
#include "document/GraphData.h"
#include "ui/files/RestorePrompt.h"

#include <QDateTime>
#include <QImage>
#include <QObject>
#include <QString>

#include <functional>

class QWidget;

namespace gs {

class AutosaveSchedule;
class AutosaveStore;
class EditorSession;
class RecentFiles;
struct Example;

/// Opening, saving and never losing documents: File > New / Open / Save / Save As / Examples,
/// the question before unsaved changes are dropped (Save, Discard, Cancel), the recent files
/// list, and the autosave that brings back a session that ended unexpectedly: written about
/// 2 seconds after the last change (never more than 4 after the first) and as soon as the
/// application loses the focus, removed when the document is saved or closed.
class DocumentFiles : public QObject {
    Q_OBJECT
public:
    enum class Answer { Save, Discard, Cancel };
    using RestoreAnswer = gs::RestoreAnswer;
    using RestorePreview = gs::RestorePreview;

    DocumentFiles(EditorSession* session, RecentFiles* recentFiles, QWidget* window,
                  std::function<void(GraphData&)> layout, QObject* parent = nullptr);
    ~DocumentFiles() override;

    /// What the user answers when unsaved changes would be lost; a dialog by default (tests
    /// replace it).
    std::function<Answer(const QString& name)> askToSave;
    /// Where Save As writes; a file dialog by default ("" cancels).
    std::function<QString()> askFileName;
    /// Whether to bring back the work a crashed session left; a dialog with the preview by
    /// default (tests replace it).
    std::function<RestoreAnswer(const RestorePreview&)> askToRestore;
    /// How the canvas shows the document now, saved with it (unset: nothing is saved).
    std::function<std::optional<SavedView>()> viewState;

    /// The document's name for the title bar ("Untitled", "stop-gradient").
    QString displayName() const;

    /// Asks about unsaved changes; false when the user cancelled.
    bool maySwitch();
    void newDocument();
    bool openFile(const QString& path, QString* error = nullptr);
    /// Opens an example as a new, untitled document, shown the way the example wants.
    bool openExample(const Example& example, QString* error = nullptr);
    /// The book's first example, shown when the application starts without a file.
    void openStartExample();
    bool save();
    bool saveAs();
    bool saveTo(const QString& path, QString* error = nullptr);

    AutosaveStore& autosave() const { return *autosave_; }
    /// Writes the autosave copy now (when there are unsaved changes).
    void autosaveNow();
    /// Offers to restore the newest copy left by a session that ended unexpectedly (asks first
    /// when `ask`); true when one was restored. Discarded copies are deleted; "Later" keeps them
    /// for the next start.
    bool offerRestore(bool ask = true);
    /// The window is closing normally: the autosave copy is no longer needed.
    void closing();

signals:
    void displayNameChanged(const QString& name);
    void exampleOpened(const Example& example);
    void message(const QString& text);
    /// A file just opened says how it was last looked at (after EditorSession::loaded).
    void viewSaved(const gs::SavedView& view);

private:
    void showError(const QString& title, const QString& text);

    EditorSession* session_;
    RecentFiles* recentFiles_;
    QWidget* window_;
    std::function<void(GraphData&)> layout_;
    AutosaveStore* autosave_;
    AutosaveSchedule* schedule_;
    bool autosaveFailing_ = false;
    QString exampleName_;
};

} // namespace gs
