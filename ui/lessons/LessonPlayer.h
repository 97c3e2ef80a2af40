#pragma once

#include "document/GraphData.h"
#include "document/LessonFrame.h"

#include <QObject>

class QUndoStack;

namespace gs {

class EditorSession;
class EditorView;
class ExerciseTracker;
class GraphScene;

/// Steps through the lesson of the open document and puts the editor in each step's state (the
/// graph, values, target, sources, dtype, view, derivatives); decorations that are not editor
/// state (highlights, panels, locks) are announced with frameApplied() for others to show.
/// Also the teacher's authoring: record the current state as a step, edit, reorder, delete, each
/// an undoable change of the document's lesson.
///
/// The lesson's own graph (the document as opened) is kept aside, because stepping replaces the
/// graph shown whenever a step carries a formula; see lessonFrame() for how steps add up.
class LessonPlayer : public QObject {
    Q_OBJECT
public:
    LessonPlayer(EditorSession* session, GraphScene* scene, EditorView* view, QObject* parent = nullptr);

    int count() const;
    /// The step shown, 0..count()-1 (0 when there are no steps).
    int index() const { return index_; }
    const LessonFrame& frame() const { return frame_; }
    const LessonInfo& lesson() const;
    /// The lesson as a document: its own graph (as opened or recorded) with all its steps, what a
    /// handout is made from whatever step is shown.
    GraphData lessonDocument() const;
    /// Where authoring changes go (each one undoable).
    QUndoStack* undoStack() const;
    /// The exercise of the step shown, checked as the student edits.
    ExerciseTracker* exercises() const { return exercises_; }
    /// While a step is being put into the editor (its evaluations are the step's, not the student's).
    bool applying() const { return applying_; }

    /// Shows step `index` (clamped).
    void go(int index);
    void next() { go(index_ + 1); }
    void previous() { go(index_ - 1); }

    /// Whether the step's question still hides part of what the editor shows (its "conceal").
    bool concealing() const { return !frame_.conceal.isEmpty() && !revealed_; }
    /// Shows what the question hid, until the step is left.
    void reveal();

    /// The editor's current state as a step (the graph as a formula, values, view, target,
    /// watched sources, dtype, derivatives, selected nodes as highlights, visible panels).
    LessonStep capture() const;
    /// Inserts capture() after the current step and shows it.
    void recordStep(const QString& text = {});
    void setText(int index, const QString& text);
    void setQuestion(int index, const QString& question);
    /// The step's words, what its question hides and its exercise goal, as one undoable change.
    void editStep(int index, const QString& text, const QString& question, const QStringList& conceal,
                  const std::optional<ExerciseGoal>& goal);
    /// Moves step `from` to position `to`; the moved step stays the one shown.
    void move(int from, int to);
    void remove(int index);

signals:
    /// A document was opened (its first step follows, once the loader is done).
    void lessonLoaded();
    /// A step was applied (or the lesson changed): panels redraw from frame().
    void frameApplied();
    /// The step's answer was revealed.
    void revealed();
    void message(const QString& text);

private:
    void documentLoaded();
    void changeLesson(std::vector<LessonStep> steps, const QString& what, int show);
    void apply();

    EditorSession* session_;
    GraphScene* scene_;
    EditorView* view_;
    GraphData base_;
    LessonFrame frame_;
    int index_ = 0;
    bool applying_ = false;
    bool revealed_ = false;
    int generation_ = 0; ///< of loads, so that a pending first step is dropped once stale
    ExerciseTracker* exercises_ = nullptr;
};

} // namespace gs
