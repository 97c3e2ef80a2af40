#include "ui/editor/EditorSession.h"

#include "document/GraphDocument.h"

#include <QUndoStack>

#include <algorithm>

namespace gs {

EditorSession::EditorSession(QUndoStack* undoStack, QObject* parent)
    : QObject(parent)
    , undoStack_(undoStack)
    , document_(new GraphDocument(this))
{
    connect(undoStack_, &QUndoStack::indexChanged, this, &EditorSession::evaluate);
    // A new graph (a file, a formula, undoing one): ids mean other nodes now, so the choices
    // made by id start afresh.
    connect(document_, &GraphDocument::documentReset, this, [this] {
        watched_.reset();
        preview_.clear();
        handPlaced_.clear();
        overlayOptions_.step = -1;
        emit settingsChanged();
        evaluate();
    });
    evaluate();
}

const GraphData& EditorSession::data() const { return document_->data(); }

void EditorSession::load(GraphData data, const QString& fileName)
{
    dtype_.reset();
    jacobian_ = false;
    hessian_ = false;
    undoStack_->clear();
    fileName_ = fileName;
    document_->reset(std::move(data));
    undoStack_->setClean();
    emit fileNameChanged(fileName_);
    emit settingsChanged();
    emit loaded();
}

void EditorSession::setFileName(const QString& fileName)
{
    fileName_ = fileName;
    emit fileNameChanged(fileName_);
}

void EditorSession::setDType(std::optional<DType> dtype)
{
    if (dtype_ == dtype)
        return;
    dtype_ = dtype;
    emit settingsChanged();
    evaluate();
}

void EditorSession::setWatched(std::optional<std::vector<NodeId>> sources)
{
    watched_ = std::move(sources);
    emit settingsChanged();
    evaluate();
}

std::vector<NodeId> EditorSession::watchedSources() const
{
    std::vector<NodeId> ids;
    const GraphData& data = document_->data();
    if (watched_) {
        for (NodeId id : *watched_)
            if (const Node* n = data.node(id); n && !n->scope.valid())
                ids.push_back(id);
        return ids;
    }
    // As the evaluation chooses them: every trainable top-level variable, in id order.
    for (const auto& [id, n] : data.nodes)
        if (n.kind == NodeKind::Variable && n.trainable && !n.scope.valid())
            ids.push_back(id);
    return ids;
}

void EditorSession::setJacobian(bool on)
{
    if (jacobian_ == on)
        return;
    jacobian_ = on;
    emit settingsChanged();
    evaluate();
}

void EditorSession::setHessian(bool on)
{
    if (hessian_ == on)
        return;
    hessian_ = on;
    emit settingsChanged();
    evaluate();
}

void EditorSession::setViewMode(ViewMode mode)
{
    if (overlayOptions_.mode == mode)
        return;
    overlayOptions_.mode = mode;
    emit settingsChanged();
    recomputeOverlay();
    emit overlayChanged();
}

void EditorSession::setStep(int step)
{
    step = step < 0 ? -1 : std::min(step, stepCount());
    if (overlayOptions_.step == step)
        return;
    overlayOptions_.step = step;
    recomputeOverlay();
    emit overlayChanged();
}

void EditorSession::setTangents(std::optional<std::unordered_map<NodeId, TensorValue>> tangents)
{
    tangents_ = std::move(tangents);
    overlayOptions_.tangents = tangents_.has_value();
    overlayOptions_.tangentStep = -1;
    evaluate();
}

void EditorSession::setTangentStep(int step)
{
    step = step < 0 ? -1 : std::min(step, tangentStepCount());
    if (overlayOptions_.tangentStep == step)
        return;
    overlayOptions_.tangentStep = step;
    recomputeOverlay();
    emit overlayChanged();
}

void EditorSession::previewValue(NodeId id, const TensorValue& value)
{
    preview_[id] = value;
    evaluate();
}

void EditorSession::clearPreview()
{
    if (preview_.empty())
        return;
    preview_.clear();
    evaluate();
}

void EditorSession::noteHandPlaced(const std::vector<NodeId>& ids) { handPlaced_.insert(ids.begin(), ids.end()); }

EvaluationOptions EditorSession::evaluationOptions() const
{
    const GraphData& data = document_->data();
    EvaluationOptions options;
    options.audience = MessageAudience::Window;
    options.dtype = dtype_;
    options.jacobian = jacobian_;
    options.hessian = hessian_;
    if (watched_)
        options.wrt = watchedSources();
    for (const auto& [id, value] : preview_)
        if (data.node(id))
            options.values[id] = value;
    if (tangents_) {
        // Only the sources take tangents: a direction chosen before the sources changed keeps
        // what still applies.
        options.tangents.emplace();
        for (NodeId id : watchedSources())
            if (const auto it = tangents_->find(id); it != tangents_->end())
                (*options.tangents)[id] = it->second;
    }
    return options;
}

void EditorSession::evaluate()
{
    evaluation_ = gs::evaluate(document_->data(), evaluationOptions());
    if (overlayOptions_.step > stepCount())
        overlayOptions_.step = stepCount();
    if (overlayOptions_.tangentStep > tangentStepCount())
        overlayOptions_.tangentStep = tangentStepCount();
    recomputeOverlay();
    emit evaluated();
}

void EditorSession::setConcealment(const Concealment& conceal)
{
    if (overlayOptions_.conceal == conceal)
        return;
    overlayOptions_.conceal = conceal;
    recomputeOverlay();
    emit overlayChanged();
}

void EditorSession::recomputeOverlay() { overlay_ = computeOverlay(document_->data(), evaluation_, overlayOptions_); }

} // namespace gs
