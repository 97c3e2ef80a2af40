#include "ui/files/DocumentFiles.h"

#include "document/DocumentFile.h"
#include "document/Evaluation.h"
#include "document/FormulaReader.h"
#include "document/GraphDocument.h"
#include "document/python/PythonReader.h"
#include "ui/RecentFiles.h"
#include "ui/files/Autosave.h"
#include "ui/editor/EditorSession.h"
#include "ui/editor/PythonTape.h"
#include "ui/files/Examples.h"
#include "ui/files/RestorePrompt.h"
#include "ui/render/AutoLayout.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMessageBox>
#include <QUndoStack>

namespace gs {

namespace {
const QString startExample = QStringLiteral(":/examples/tape-basics.gscope");

/// A .gscope document (and how it was last looked at), or (like the command line) a file of
/// Python code (a .py file, or text that looks like Python; then also what its tape asks for) or
/// of formula text.
std::optional<GraphData> readAnyDocument(const QString& path, QString* error, std::optional<SavedView>* view,
                                         std::optional<PythonRequest>* request)
{
    QFile file(path);
    if (file.open(QIODevice::ReadOnly) && !file.peek(4096).trimmed().startsWith('{')) {
        if (file.size() > documentlimits::fileBytes) {
            *error = DocumentFiles::tr("the file is larger than %1 MB").arg(documentlimits::fileBytes >> 20);
            return std::nullopt;
        }
        const QString text = QString::fromUtf8(file.readAll());
        if (isPythonFileName(path) || looksLikePython(text)) {
            PythonReadResult python = readPython(text);
            if (!python.ok()) {
                *error = python.error->formatted();
                return std::nullopt;
            }
            *request = python.program.request;
            return std::move(python.program.data);
        }
        FormulaResult formula = readFormula(text);
        if (!formula.ok()) {
            *error = formula.error->formatted();
            return std::nullopt;
        }
        return std::move(formula.data);
    }
    DocumentReadResult read = loadDocument(path);
    if (!read.ok()) {
        *error = read.error->text();
        return std::nullopt;
    }
    *view = read.view;
    return std::move(read.data);
}
} // namespace

DocumentFiles::DocumentFiles(EditorSession* session, RecentFiles* recentFiles, QWidget* window,
                             std::function<void(GraphData&)> layout, QObject* parent)
    : QObject(parent)
    , session_(session)
    , recentFiles_(recentFiles)
    , window_(window)
    , layout_(std::move(layout))
    , autosave_(new AutosaveStore)
    , schedule_(new AutosaveSchedule(this))
{
    connect(schedule_, &AutosaveSchedule::due, this, &DocumentFiles::autosaveNow);
    // Every change: commands, undo and redo (the index moves), and whatever else the document signals.
    connect(session_->document(), &GraphDocument::changed, schedule_, &AutosaveSchedule::changed);
    connect(session_->undoStack(), &QUndoStack::indexChanged, schedule_, &AutosaveSchedule::changed);
    // Another document: the previous one's copy is no longer wanted.
    connect(session_, &EditorSession::loaded, this, [this] {
        schedule_->cancel();
        autosave_->discard();
    });
    // Leaving the application (another window, the desktop) may be the start of a crash or a
    // shutdown: what is pending is written now.
    connect(qGuiApp, &QGuiApplication::applicationStateChanged, schedule_, [this](Qt::ApplicationState state) {
        if (state != Qt::ApplicationActive)
            schedule_->flush();
    });
}

DocumentFiles::~DocumentFiles() { delete autosave_; }

QString DocumentFiles::displayName() const
{
    if (!session_->fileName().isEmpty())
        return QFileInfo(session_->fileName()).completeBaseName();
    return exampleName_.isEmpty() ? tr("Untitled") : exampleName_;
}

bool DocumentFiles::maySwitch()
{
    if (session_->undoStack()->isClean())
        return true;
    Answer answer = Answer::Cancel;
    if (askToSave) {
        answer = askToSave(displayName());
    } else {
        const auto button = QMessageBox::warning(
            window_, tr("Unsaved changes"), tr("Save the changes to “%1” before closing it?").arg(displayName()),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        answer = button == QMessageBox::Save ? Answer::Save : button == QMessageBox::Discard ? Answer::Discard : Answer::Cancel;
    }
    switch (answer) {
    case Answer::Save: return save();
    case Answer::Discard: return true;
    case Answer::Cancel: return false;
    }
    return false;
}

void DocumentFiles::newDocument()
{
    if (!maySwitch())
        return;
    exampleName_.clear();
    session_->load(GraphData{});
    emit displayNameChanged(displayName());
}

bool DocumentFiles::openFile(const QString& path, QString* error)
{
    if (!maySwitch())
        return false;
    QString why;
    std::optional<SavedView> view;
    std::optional<PythonRequest> request;
    std::optional<GraphData> data = readAnyDocument(path, &why, &view, &request);
    if (!data) {
        if (error)
            *error = why;
        else
            showError(tr("Cannot open"), tr("Cannot open “%1”:\n%2").arg(path, why));
        recentFiles_->remove(path);
        return false;
    }
    const bool formula = !path.endsWith(QStringLiteral(".gscope"));
    if (formula || needsLayout(*data))
        layout_(*data);
    exampleName_.clear();
    session_->load(std::move(*data), formula ? QString() : QFileInfo(path).absoluteFilePath());
    if (request && request->fromGradient) // the tape of the code's last gradient call
        applyPythonRequest(*session_, *request);
    if (view)
        emit viewSaved(*view);
    if (!formula)
        recentFiles_->add(path);
    emit displayNameChanged(displayName());
    emit message(tr("Opened %1").arg(QFileInfo(path).fileName()));
    return true;
}

bool DocumentFiles::openExample(const Example& example, QString* error)
{
    if (!maySwitch())
        return false;
    QString why;
    std::optional<GraphData> data = readDocument(example.resource, &why);
    if (!data) {
        if (error)
            *error = why;
        return false;
    }
    if (needsLayout(*data))
        layout_(*data);
    session_->load(std::move(*data));
    exampleName_ = QFileInfo(example.resource).completeBaseName();
    session_->setDType(example.dtype);
    session_->setJacobian(example.jacobian);
    session_->setHessian(example.hessian);
    session_->setViewMode(example.view);
    emit displayNameChanged(displayName());
    emit exampleOpened(example);
    return true;
}

void DocumentFiles::openStartExample()
{
    if (const Example* example = exampleFor(startExample)) {
        openExample(*example);
        exampleName_.clear();
        emit displayNameChanged(displayName());
    }
}

bool DocumentFiles::save()
{
    if (session_->fileName().isEmpty())
        return saveAs();
    return saveTo(session_->fileName());
}

bool DocumentFiles::saveAs()
{
    QString path = askFileName ? askFileName()
                               : QFileDialog::getSaveFileName(window_, tr("Save Graph"), displayName() + QStringLiteral(".gscope"),
                                                              tr("GradScope graphs (*.gscope)"));
    if (path.isEmpty())
        return false;
    if (!path.endsWith(QStringLiteral(".gscope")))
        path += QStringLiteral(".gscope");
    return saveTo(path);
}

bool DocumentFiles::saveTo(const QString& path, QString* error)
{
    QString why;
    if (!saveDocument(session_->data(), path, &why, viewState ? viewState() : std::nullopt)) {
        if (error)
            *error = why;
        else
            showError(tr("Cannot save"), tr("Cannot save “%1”:\n%2").arg(path, why));
        return false;
    }
    exampleName_.clear();
    session_->setFileName(QFileInfo(path).absoluteFilePath());
    session_->undoStack()->setClean();
    recentFiles_->add(path);
    schedule_->cancel();
    autosave_->discard();
    emit displayNameChanged(displayName());
    emit message(tr("Saved %1").arg(QFileInfo(path).fileName()));
    return true;
}

void DocumentFiles::autosaveNow()
{
    if (session_->undoStack()->isClean()) {
        autosave_->discard();
        return;
    }
    QString error;
    const bool saved = autosave_->save(session_->data(), {session_->fileName(), displayName(), exampleName_, {}}, &error);
    if (!saved && !autosaveFailing_) // said once, not every few seconds
        emit message(tr("Cannot autosave, save your work: %1").arg(error));
    autosaveFailing_ = !saved;
}

bool DocumentFiles::offerRestore(bool ask)
{
    std::optional<AutosaveStore::Copy> copy = autosave_->claimLeftBehind();
    if (!copy)
        return false;
    if (ask) {
        const RestorePreview preview = restorePreview(*copy);
        const RestoreAnswer answer = askToRestore ? askToRestore(preview) : askToRestoreInDialog(window_, preview);
        if (answer != RestoreAnswer::Restore) {
            autosave_->releaseLeftBehind(answer == RestoreAnswer::Discard);
            return false;
        }
    }
    session_->load(std::move(copy->data), copy->note.originalFile);
    session_->undoStack()->resetClean(); // restored work is unsaved work
    exampleName_ = copy->note.originalFile.isEmpty() ? copy->note.example : QString();
    // Protected again at once, under this session's name, before the old copy goes.
    autosaveNow();
    autosave_->releaseLeftBehind(true);
    emit displayNameChanged(displayName());
    emit message(tr("Restored the autosaved graph"));
    return true;
}

void DocumentFiles::closing()
{
    schedule_->cancel();
    autosave_->discard();
}

void DocumentFiles::showError(const QString& title, const QString& text)
{
    QMessageBox::warning(window_, title, text);
}

} // namespace gs
