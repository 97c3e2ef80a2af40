#include "ui/lessons/LessonPlayer.h"

#include "document/FormulaReader.h"
#include "document/FormulaWriter.h"
#include "document/GraphDocument.h"
#include "document/commands/DocumentCommands.h"
#include "ui/editor/EditorSession.h"
#include "ui/editor/EditorView.h"
#include "ui/editor/GraphScene.h"
#include "ui/lessons/ExerciseTracker.h"
#include "ui/render/AutoLayout.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QTimer>
#include <QUndoStack>

#include <algorithm>

namespace gs {

LessonPlayer::LessonPlayer(EditorSession* session, GraphScene* scene, EditorView* view, QObject* parent)
    : QObject(parent)
    , session_(session)
    , scene_(scene)
    , view_(view)
{
    exercises_ = new ExerciseTracker(this, session_, this);
    connect(session_, &EditorSession::loaded, this, &LessonPlayer::documentLoaded);
    // Undoing an authoring change: show the steps as they are now, without moving the editor.
    connect(session_->document(), &GraphDocument::lessonChanged, this, [this] {
        if (applying_)
            return;
        index_ = std::clamp(index_, 0, std::max(0, count() - 1));
        frame_.text = index_ < count() ? lesson().steps[static_cast<std::size_t>(index_)].text : QString();
        frame_.question = index_ < count() ? lesson().steps[static_cast<std::size_t>(index_)].question : QString();
        frame_.conceal = index_ < count() ? lesson().steps[static_cast<std::size_t>(index_)].conceal : QStringList();
        frame_.goal = index_ < count() ? lesson().steps[static_cast<std::size_t>(index_)].goal : std::nullopt;
        session_->setConcealment(revealed_ ? Concealment{} : Concealment::fromParts(frame_.conceal));
        emit frameApplied();
    });
}

QUndoStack* LessonPlayer::undoStack() const { return session_->undoStack(); }

int LessonPlayer::count() const { return static_cast<int>(lesson().steps.size()); }

const LessonInfo& LessonPlayer::lesson() const { return session_->data().lesson; }

void LessonPlayer::documentLoaded()
{
    if (applying_)
        return;
    base_ = session_->data();
    index_ = 0;
    frame_ = lessonFrame(base_, 0);
    revealed_ = false;
    session_->setConcealment({});
    emit lessonLoaded();
    emit frameApplied();
    // Whoever loaded the document may still set up the editor (an example sets its dtype and
    // view right after loading); the first step is applied over that, once they are done.
    const int generation = ++generation_;
    QTimer::singleShot(0, this, [this, generation] {
        if (generation == generation_ && count() > 0)
            apply();
    });
}

void LessonPlayer::go(int index)
{
    ++generation_; // the first step is no longer pending
    if (count() == 0)
        return;
    index_ = std::clamp(index, 0, count() - 1);
    apply();
}

GraphData LessonPlayer::lessonDocument() const
{
    GraphData document = base_;
    document.lesson = lesson();
    return document;
}

void LessonPlayer::apply()
{
    EditorSession* session = session_;
    const EditorStyle style = scene_->editorStyle();
    frame_ = lessonFrame(lessonDocument(), index_, [&style](GraphData& data, const EvaluationOptions& options) {
        const Evaluation evaluation = evaluate(data, options);
        for (const auto& [id, p] : autoLayout(data, style, {}, &evaluation))
            data.node(id)->position = p;
    });
    index_ = frame_.index;

    applying_ = true;
    if (!(frame_.data == session->data())) {
        // Stepping is not editing: a clean document stays clean (and its undo history empty);
        // unsaved authoring is kept as an undoable change so that it is never lost silently.
        if (session->undoStack()->isClean())
            session->load(frame_.data, session->fileName());
        else
            session->undoStack()->push(new ReplaceDocumentCommand(session->document(), frame_.data, tr("Lesson Step")));
    }
    session->setDType(frame_.dtype);
    session->setWatched(frame_.watched);
    session->setJacobian(frame_.jacobian);
    session->setHessian(frame_.hessian);
    session->setViewMode(frame_.view == LessonView::Gradient ? ViewMode::Gradient : ViewMode::Forward);
    // Every visit of a step asks its question anew.
    revealed_ = false;
    session->setConcealment(Concealment::fromParts(frame_.conceal));
    applying_ = false;
    for (const QString& problem : frame_.problems)
        emit message(tr("Step %1: %2").arg(index_ + 1).arg(problem));
    // Every step is framed anew: its view or values may have changed the nodes' sizes.
    QTimer::singleShot(0, view_, [this] { view_->fitAll(); });
    emit frameApplied();
}

void LessonPlayer::reveal()
{
    if (!concealing())
        return;
    revealed_ = true;
    session_->setConcealment({});
    emit revealed();
}

LessonStep LessonPlayer::capture() const
{
    const EditorSession* session = session_;
    const GraphData& data = session->data();
    LessonStep step;
    const FormulaText formula = writeFormula(data);
    if (formula.ok())
        step.formula = formula.text;
    step.values = data.savedValues;
    step.view = session->viewMode() == ViewMode::Gradient ? LessonView::Gradient : LessonView::Forward;
    // The formula names the target by its last statement; the labels below are read back from it,
    // since writing a formula may rename what it cannot express as it is.
    const GraphData named = formula.ok() ? readFormula(formula.text).data : data;
    const auto labelOf = [&](NodeId id) {
        const Node* n = data.node(id);
        return n && !n->label.isEmpty() && named.findLabel(n->label).valid() ? n->label : QString();
    };
    if (!formula.ok() && !labelOf(data.target).isEmpty())
        step.target = labelOf(data.target);
    QStringList sources;
    for (NodeId id : session->watchedSources())
        if (const QString label = labelOf(id); !label.isEmpty())
            sources << label;
    step.sources = sources;
    step.dtype = session->evaluation().dtype;
    step.jacobian = session->jacobian();
    step.hessian = session->hessian();
    for (NodeId id : scene_->selectedNodes())
        if (const QString label = labelOf(id); !label.isEmpty())
            step.highlight << label;
    QStringList panels;
    for (const QDockWidget* dock : view_->window()->findChildren<QDockWidget*>())
        if (dock->isVisible() && !dock->objectName().isEmpty())
            panels << dock->objectName();
    panels.sort();
    step.panels = panels;
    return step;
}

void LessonPlayer::changeLesson(std::vector<LessonStep> steps, const QString& what, int show)
{
    EditorSession* session = session_;
    LessonInfo info = lesson();
    info.steps = std::move(steps);
    // One undo step for the new steps and for the graph the shown step then puts in the editor.
    session->undoStack()->beginMacro(what);
    applying_ = true;
    session->undoStack()->push(new SetLessonCommand(session->document(), info));
    applying_ = false;
    index_ = std::clamp(show, 0, std::max(0, count() - 1));
    if (count() > 0)
        apply();
    else
        emit frameApplied();
    session->undoStack()->endMacro();
}

void LessonPlayer::recordStep(const QString& text)
{
    LessonStep step = capture();
    step.text = text.isEmpty() ? tr("<p>(Describe this step.)</p>") : text;
    // The recorded graph is what every later step builds on, so it becomes the lesson's graph.
    base_ = session_->data();
    std::vector<LessonStep> steps = lesson().steps;
    const int at = steps.empty() ? 0 : index_ + 1;
    steps.insert(steps.begin() + at, std::move(step));
    changeLesson(std::move(steps), tr("Record Lesson Step"), at);
}

void LessonPlayer::setText(int index, const QString& text)
{
    if (index < 0 || index >= count() || lesson().steps[static_cast<std::size_t>(index)].text == text)
        return;
    std::vector<LessonStep> steps = lesson().steps;
    steps[static_cast<std::size_t>(index)].text = text;
    changeLesson(std::move(steps), tr("Edit Step Text"), index_);
}

void LessonPlayer::setQuestion(int index, const QString& question)
{
    if (index < 0 || index >= count() || lesson().steps[static_cast<std::size_t>(index)].question == question)
        return;
    std::vector<LessonStep> steps = lesson().steps;
    steps[static_cast<std::size_t>(index)].question = question;
    changeLesson(std::move(steps), tr("Edit Step Question"), index_);
}

void LessonPlayer::editStep(int index, const QString& text, const QString& question, const QStringList& conceal,
                            const std::optional<ExerciseGoal>& goal)
{
    if (index < 0 || index >= count())
        return;
    const LessonStep& now = lesson().steps[static_cast<std::size_t>(index)];
    if (now.text == text && now.question == question && now.conceal == conceal && now.goal == goal)
        return;
    std::vector<LessonStep> steps = lesson().steps;
    LessonStep& step = steps[static_cast<std::size_t>(index)];
    step.text = text;
    step.question = question;
    step.conceal = conceal;
    step.goal = goal;
    changeLesson(std::move(steps), tr("Edit Lesson Step"), index_);
}

void LessonPlayer::move(int from, int to)
{
    if (from < 0 || from >= count() || to < 0 || to >= count() || from == to)
        return;
    std::vector<LessonStep> steps = lesson().steps;
    LessonStep moved = steps[static_cast<std::size_t>(from)];
    steps.erase(steps.begin() + from);
    steps.insert(steps.begin() + to, std::move(moved));
    changeLesson(std::move(steps), tr("Move Lesson Step"), to);
}

void LessonPlayer::remove(int index)
{
    if (index < 0 || index >= count())
        return;
    std::vector<LessonStep> steps = lesson().steps;
    steps.erase(steps.begin() + index);
    const int show = std::min(index, static_cast<int>(steps.size()) - 1);
    changeLesson(std::move(steps), tr("Delete Lesson Step"), show);
}

} // namespace gs
