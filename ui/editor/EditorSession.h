#pragma once

#include "document/Evaluation.h"
#include "ui/render/GraphOverlay.h"

#include <QObject>
#include <QString>

#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

class QUndoStack;

namespace gs {

class GraphDocument;

/// One open document with everything the editor shows about it: the GraphDocument (changed only
/// through commands on the undo stack), how it is evaluated (dtype, sources the tape watches,
/// values being previewed), the latest Evaluation and the GraphOverlay computed from it.
///
/// Evaluation is synchronous and happens after every change: a command (the undo stack's index
/// moves), a reset, or a change of the evaluation settings. It is fast enough for that (see
/// bench/bench_editor.cpp), so what is on screen is never stale.
class EditorSession : public QObject {
    Q_OBJECT
public:
    EditorSession(QUndoStack* undoStack, QObject* parent = nullptr);

    GraphDocument* document() const { return document_; }
    QUndoStack* undoStack() const { return undoStack_; }
    const GraphData& data() const;

    const Evaluation& evaluation() const { return evaluation_; }
    const GraphOverlay& overlay() const { return overlay_; }
    OverlayOptions overlayOptions() const { return overlayOptions_; }

    /// Replaces the document (opening a file, an example): clears the undo stack and the settings.
    void load(GraphData data, const QString& fileName = {});
    QString fileName() const { return fileName_; }
    void setFileName(const QString& fileName);

    /// float32 or float64 for everything; unset: what the document declares.
    std::optional<DType> dtype() const { return dtype_; }
    void setDType(std::optional<DType> dtype);
    /// The sources the tape watches, in order; unset: every trainable variable.
    const std::optional<std::vector<NodeId>>& watched() const { return watched_; }
    void setWatched(std::optional<std::vector<NodeId>> sources);
    /// The sources the tape watches now (the chosen ones that still exist, or the default).
    std::vector<NodeId> watchedSources() const;

    /// Also compute the Jacobian (d target[i] / d source[j]) and the Hessian (nested tapes).
    bool jacobian() const { return jacobian_; }
    void setJacobian(bool on);
    bool hessian() const { return hessian_; }
    void setHessian(bool on);

    void setViewMode(ViewMode mode);
    ViewMode viewMode() const { return overlayOptions_.mode; }
    /// Step mode: -1 shows the finished evaluation, 0..stepCount() the state after that many events.
    void setStep(int step);
    int step() const { return overlayOptions_.step; }
    int stepCount() const { return static_cast<int>(evaluation_.events.size()); }
    /// Forward mode along a direction over the sources (a tangent per source, zeros for those
    /// left out), its tangents drawn on the wires; unset: off (nothing is computed for it).
    void setTangents(std::optional<std::unordered_map<NodeId, TensorValue>> tangents);
    const std::optional<std::unordered_map<NodeId, TensorValue>>& tangents() const { return tangents_; }
    /// Forward mode replayed: -1 shows every tangent, 0..tangentStepCount() those after that many
    /// forward steps.
    void setTangentStep(int step);
    int tangentStep() const { return overlayOptions_.tangentStep; }
    int tangentStepCount() const { return static_cast<int>(evaluation_.forward.steps.size()); }
    /// What a lesson's question hides until it is revealed (nothing by default).
    void setConcealment(const Concealment& conceal);
    Concealment concealment() const { return overlayOptions_.conceal; }

    /// A value shown without changing the document (a slider being dragged); cleared by
    /// clearPreview() or by committing the value with a command.
    void previewValue(NodeId id, const TensorValue& value);
    void clearPreview();

    /// Nodes the user placed by hand since the document was loaded (kept by "Arrange").
    const std::unordered_set<NodeId>& handPlaced() const { return handPlaced_; }
    void noteHandPlaced(const std::vector<NodeId>& ids);

    /// Runs the evaluation now (it normally runs by itself after every change).
    void evaluate();
    /// What evaluate() asks of the engine: the dtype, the watched sources, the values being
    /// previewed, the Jacobian and Hessian when they are on.
    EvaluationOptions evaluationOptions() const;

signals:
    /// A new evaluation (and overlay) is available.
    void evaluated();
    /// Only the overlay changed (view mode, step).
    void overlayChanged();
    void settingsChanged();
    void fileNameChanged(const QString& fileName);
    void loaded();

private:
    void recomputeOverlay();

    QUndoStack* undoStack_;
    GraphDocument* document_;
    QString fileName_;
    std::optional<DType> dtype_;
    std::optional<std::vector<NodeId>> watched_;
    bool jacobian_ = false;
    bool hessian_ = false;
    std::unordered_map<NodeId, TensorValue> preview_;
    std::optional<std::unordered_map<NodeId, TensorValue>> tangents_;
    std::unordered_set<NodeId> handPlaced_;
    OverlayOptions overlayOptions_;
    Evaluation evaluation_;
    GraphOverlay overlay_;
};

} // namespace gs
