#include "ui/panels/InspectorPanel.h"

#include "document/GraphDocument.h"
#include "document/NodeNames.h"
#include "document/OpCatalog.h"
#include "document/commands/NodeCommands.h"
#include "engine/ops/OpDef.h"
#include "ui/editor/EditorSession.h"
#include "ui/editor/GraphEditing.h"
#include "ui/editor/GraphScene.h"
#include "ui/editor/ValueParsing.h"
#include "ui/panels/SelectionSummary.h"
#include "ui/render/ValueDisplay.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSlider>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace gs {

namespace {

bool editableValue(const Node& n)
{
    return !n.scope.valid()
           && (n.kind == NodeKind::Variable || n.kind == NodeKind::Constant || n.kind == NodeKind::Input);
}

QString tensorLongText(const Tensor& t)
{
    return QString::fromStdString(t.size() <= 64 ? t.str() : t.shape().str() + " (large)");
}

} // namespace

InspectorPanel::InspectorPanel(EditorSession* session, GraphEditing* editing, QWidget* parent)
    : QWidget(parent)
    , session_(session)
    , editing_(editing)
    , scene_(editing->scene())
{
    auto* outer = new QVBoxLayout(this);
    heading_ = new QLabel(this);
    heading_->setObjectName(QStringLiteral("inspectorHeading"));
    QFont big = heading_->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    heading_->setFont(big);
    empty_ = new QLabel(tr("Select a node to see its value and gradient here."), this);
    empty_->setWordWrap(true);
    form_ = new QWidget(this);
    layout_ = new QFormLayout(form_);
    layout_->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(heading_);
    summary_ = new SelectionSummary(session_, this);
    outer->addWidget(empty_);
    outer->addWidget(summary_);
    outer->addWidget(form_);
    outer->addStretch(1);

    label_ = new QLineEdit(form_);
    label_->setObjectName(QStringLiteral("inspectorLabel"));
    kind_ = new QLabel(form_);
    kind_->setWordWrap(true);
    type_ = new QLabel(form_);
    type_->setObjectName(QStringLiteral("inspectorType"));
    value_ = new QLineEdit(form_);
    value_->setObjectName(QStringLiteral("inspectorValue"));
    value_->setToolTip(tr("A number, nan, inf, or a list: [1, 2] or [[1, 2], [3, 4]]"));
    valueText_ = new QLabel(form_);
    valueText_->setObjectName(QStringLiteral("inspectorValueText"));
    valueText_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    valueText_->setWordWrap(true);
    slider_ = new QSlider(Qt::Horizontal, form_);
    slider_->setObjectName(QStringLiteral("inspectorSlider"));
    slider_->setRange(0, sliderSteps);
    sliderRange_ = new QLabel(form_);
    trainable_ = new QCheckBox(tr("trainable (watched by default)"), form_);
    gradient_ = new QLabel(form_);
    gradient_->setObjectName(QStringLiteral("inspectorGradient"));
    gradient_->setWordWrap(true);
    gradient_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    error_ = new QLabel(form_);
    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("color: #D55E00;"));
    makeTarget_ = new QPushButton(tr("Make Target"), form_);
    makeTarget_->setObjectName(QStringLiteral("inspectorMakeTarget"));
    watched_ = new QCheckBox(tr("watched by the tape"), form_);
    watched_->setObjectName(QStringLiteral("inspectorWatched"));

    connect(label_, &QLineEdit::editingFinished, this, &InspectorPanel::commitLabel);
    connect(value_, &QLineEdit::editingFinished, this, &InspectorPanel::commitValue);
    connect(slider_, &QSlider::sliderMoved, this, &InspectorPanel::sliderMoved);
    connect(slider_, &QSlider::sliderReleased, this, &InspectorPanel::sliderReleased);
    connect(slider_, &QSlider::actionTriggered, this, [this](int action) {
        // Keyboard and page steps: one command each.
        if (action != QAbstractSlider::SliderMove && !slider_->isSliderDown()) {
            sliderMoved(slider_->sliderPosition());
            sliderReleased();
        }
    });
    connect(trainable_, &QCheckBox::toggled, this, [this](bool on) {
        const Node* n = session_->data().node(node_);
        if (!n || n->trainable == on)
            return;
        Node after = *n;
        after.trainable = on;
        session_->undoStack()->push(new EditNodeCommand(session_->document(), after, tr("Set trainable")));
    });
    connect(makeTarget_, &QPushButton::clicked, this, [this] { editing_->setTarget(node_); });
    connect(watched_, &QCheckBox::toggled, this, [this](bool on) { editing_->setWatched(node_, on); });
    connect(session_, &EditorSession::evaluated, this, &InspectorPanel::refreshValues);
    connect(session_, &EditorSession::overlayChanged, this, &InspectorPanel::refreshValues);
    connect(session_->document(), &GraphDocument::nodeChanged, this, [this](NodeId id) {
        const std::vector<NodeId>& shown = summary_->nodes();
        if (id == node_ || (!summary_->isHidden() && std::find(shown.begin(), shown.end(), id) != shown.end()))
            rebuild();
    });
    // The current node does not change when a second or third node joins the selection.
    if (scene_) {
        connect(scene_, &QGraphicsScene::selectionChanged, this, &InspectorPanel::rebuild);
        // The workspace deletes its session before its scene, whose dying items still announce
        // selection changes: stop following them with the session, there is nothing to show.
        connect(session_, &QObject::destroyed, this, [this] {
            if (scene_)
                disconnect(scene_, nullptr, this, nullptr);
        });
    }
    connect(session_->document(), &GraphDocument::nodeRemoved, this, [this](NodeId id) {
        if (id == node_)
            setNode({});
    });
    connect(session_->document(), &GraphDocument::documentReset, this, [this] { setNode({}); });
    rebuild();
}

void InspectorPanel::setNode(NodeId id)
{
    node_ = id;
    const Node* n = session_->data().node(id);
    if (n && n->value && n->value->values.size() == 1)
        setSliderRange(n->value->values.front());
    rebuild();
}

void InspectorPanel::setSliderRange(double centre)
{
    if (!std::isfinite(centre))
        centre = 0;
    const double span = std::max(1.0, std::abs(centre)) * 2.0;
    sliderLow_ = centre - span;
    sliderHigh_ = centre + span;
    sliderRange_->setText(QStringLiteral("%1 … %2").arg(shortNumber(sliderLow_), shortNumber(sliderHigh_)));
}

double InspectorPanel::sliderValue(int position) const
{
    const double t = double(position) / sliderSteps;
    const double v = sliderLow_ + (sliderHigh_ - sliderLow_) * t;
    // Round to a readable number: three significant digits of the range.
    const double step = std::pow(10.0, std::floor(std::log10(sliderHigh_ - sliderLow_)) - 3);
    return std::round(v / step) * step;
}

void InspectorPanel::rebuild()
{
    while (layout_->rowCount() > 0) {
        const QFormLayout::TakeRowResult taken = layout_->takeRow(0);
        if (taken.labelItem) {
            delete taken.labelItem->widget();
            delete taken.labelItem;
        }
        delete taken.fieldItem; // the field widgets are kept (or deleted below)
    }
    // Later: an attribute field may be the one whose editingFinished led here.
    for (const auto& [name, field] : attrs_) {
        field->hide();
        field->deleteLater();
    }
    attrs_.clear();
    for (QWidget* w : {static_cast<QWidget*>(label_), static_cast<QWidget*>(kind_), static_cast<QWidget*>(type_),
                       static_cast<QWidget*>(value_), static_cast<QWidget*>(valueText_), static_cast<QWidget*>(slider_),
                       static_cast<QWidget*>(sliderRange_), static_cast<QWidget*>(trainable_),
                       static_cast<QWidget*>(gradient_), static_cast<QWidget*>(error_),
                       static_cast<QWidget*>(makeTarget_), static_cast<QWidget*>(watched_)})
        w->hide();

    const GraphData& data = session_->data();
    if (const std::vector<NodeId> several = severalSelected(); !several.empty()) {
        heading_->setText(SelectionSummary::heading(several.size()));
        summary_->setNodes(several);
        summary_->show();
        empty_->hide();
        form_->hide();
        return;
    }
    summary_->hide();
    const Node* n = data.node(node_);
    empty_->setVisible(!n);
    form_->setVisible(n != nullptr);
    if (!n) {
        heading_->setText(tr("Inspector"));
        return;
    }
    heading_->setText(friendlyName(data, node_));
    const auto row = [this](const QString& label, QWidget* w) {
        layout_->addRow(label, w);
        w->show();
    };
    if (n->kind != NodeKind::Upstream) {
        label_->setText(n->label);
        row(tr("Label"), label_);
    }
    QString kind = n->kind == NodeKind::Op ? n->op : nodeKindName(n->kind);
    if (const OpDef* op = GraphData::opOf(*n); op && !op->summary.empty())
        kind += QStringLiteral(" — ") + QString::fromStdString(op->summary);
    kind_->setText(kind);
    row(n->kind == NodeKind::Op ? tr("Op") : tr("Kind"), kind_);
    if (const OpDef* op = GraphData::opOf(*n)) {
        for (const AttrSpec& spec : op->attrs) {
            const QString name = QString::fromStdString(spec.name);
            auto* field = new QLineEdit(form_);
            field->setObjectName(QStringLiteral("inspectorAttr_") + name);
            if (const AttrValue* v = n->attrs.find(spec.name))
                field->setText(QString::fromStdString(formatAttrValue(*v)));
            field->setPlaceholderText(QString::fromStdString(formatAttrValue(spec.defaultValue)));
            field->setToolTip(QString::fromStdString(spec.doc));
            connect(field, &QLineEdit::editingFinished, this, [this, name, field] { commitAttr(name, field); });
            attrs_.emplace_back(name, field);
            row(name, field);
        }
    }
    row(tr("Type"), type_);
    if (editableValue(*n)) {
        row(tr("Value"), value_);
        const bool scalar = !n->value || n->value->values.size() == 1;
        if (scalar) {
            row(QString(), slider_);
            row(QString(), sliderRange_);
        }
        if (n->kind == NodeKind::Variable) {
            trainable_->setChecked(n->trainable);
            row(QString(), trainable_);
        }
    } else {
        row(tr("Value"), valueText_);
    }
    row(tr("Gradient"), gradient_);
    if (!n->scope.valid()) {
        row(QString(), makeTarget_);
        row(QString(), watched_);
    }
    row(QString(), error_);
    refreshValues();
}

std::vector<NodeId> InspectorPanel::severalSelected() const
{
    if (!scene_)
        return {};
    std::vector<NodeId> selected;
    for (NodeId id : scene_->selectedNodes())
        if (session_->data().node(id))
            selected.push_back(id);
    if (selected.size() < 2)
        selected.clear();
    return selected;
}

void InspectorPanel::refreshValues()
{
    const GraphData& data = session_->data();
    const Node* n = data.node(node_);
    if (!n)
        return;
    const NodeState& state = session_->overlay().node(node_);
    const Evaluation& ev = session_->evaluation();
    if (state.value)
        type_->setText(QStringLiteral("%1  %2").arg(QString::fromStdString(state.value->shape().str()),
                                                    QLatin1StringView(dtypeName(state.value->dtype()).data())));
    else
        type_->setText(tr("unknown (no value)"));
    if (!value_->hasFocus()) {
        const TensorValue* declared = n->value ? &*n->value : nullptr;
        value_->setText(declared ? declared->text() : QString());
        value_->setPlaceholderText(tr("no value: type one"));
    }
    if (!slider_->isSliderDown() && n->value && n->value->values.size() == 1) {
        const double v = n->value->values.front();
        if (!(v >= sliderLow_ && v <= sliderHigh_))
            setSliderRange(v);
        const QSignalBlocker block(slider_);
        slider_->setValue(static_cast<int>(std::lround((v - sliderLow_) / (sliderHigh_ - sliderLow_) * sliderSteps)));
    }
    valueText_->setText(state.value ? tensorLongText(*state.value) : state.pending ? tr("not computed yet") : tr("none"));
    const QString target = ev.target.valid() ? derivativeName(data, ev.target) : tr("target");
    if (state.adjoint)
        gradient_->setText(QStringLiteral("∂%1/∂%2 = %3").arg(target, derivativeName(data, node_), tensorLongText(*state.adjoint)));
    else if (state.noneGradient)
        gradient_->setText(QStringLiteral("None — %1").arg(state.noneReason));
    else
        gradient_->setText(tr("none flows here"));
    QStringList problems;
    if (!state.error.isEmpty())
        problems << state.error;
    for (const QString& b : state.births)
        problems << QStringLiteral("⚠ ") + b;
    error_->setText(problems.join(u'\n'));
    error_->setVisible(!problems.isEmpty());
    makeTarget_->setEnabled(!state.target);
    makeTarget_->setText(state.target ? tr("This is the target") : tr("Make Target"));
    const QSignalBlocker block(watched_);
    watched_->setChecked(editing_->isWatched(node_));
}

void InspectorPanel::commitLabel()
{
    const Node* n = session_->data().node(node_);
    const QString label = label_->text().trimmed();
    if (!n || label == n->label)
        return;
    if (!label.isEmpty() && session_->data().findLabel(label, n->scope).valid()) {
        label_->setText(n->label);
        error_->setText(tr("'%1' is already the name of another node").arg(label));
        error_->show();
        return;
    }
    Node after = *n;
    after.label = label;
    session_->undoStack()->push(new EditNodeCommand(session_->document(), after, tr("Rename to %1").arg(label)));
}

void InspectorPanel::commitValue()
{
    const Node* n = session_->data().node(node_);
    if (!n || !editableValue(*n))
        return;
    const QString text = value_->text().trimmed();
    std::optional<TensorValue> value;
    if (!text.isEmpty()) {
        value = parseTensorValue(text);
        if (!value) {
            error_->setText(tr("'%1' is not a number or a list of numbers").arg(text));
            error_->show();
            return;
        }
        if (n->value)
            value->dtype = n->value->dtype;
    } else if (n->kind == NodeKind::Constant) {
        return;
    }
    if (value == n->value)
        return;
    Node after = *n;
    after.value = value;
    if (value && value->values.size() == 1)
        setSliderRange(value->values.front());
    session_->undoStack()->push(
        new EditNodeCommand(session_->document(), after, tr("Set %1 = %2").arg(friendlyName(session_->data(), node_), text)));
}

void InspectorPanel::commitAttr(const QString& name, QLineEdit* field)
{
    const Node* n = session_->data().node(node_);
    const OpDef* op = n ? GraphData::opOf(*n) : nullptr;
    if (!op)
        return;
    Node after = *n;
    const auto given = parseAttrValue(field->text());
    Attrs attrs;
    for (const auto& [key, value] : n->attrs.items())
        if (QString::fromStdString(key) != name)
            attrs.set(key, value);
    if (given) {
        const opcatalog::AttrResult coerced = opcatalog::coerceAttr(*op, name, *given);
        if (!coerced.value) {
            error_->setText(coerced.error);
            error_->show();
            return;
        }
        attrs.set(name.toStdString(), *coerced.value);
    }
    if (attrs == n->attrs)
        return;
    after.attrs = attrs;
    session_->undoStack()->push(new EditNodeCommand(session_->document(), after, tr("Set %1").arg(name)));
}

void InspectorPanel::sliderMoved(int position)
{
    const Node* n = session_->data().node(node_);
    if (!n)
        return;
    TensorValue v = TensorValue::scalar(sliderValue(position), n->value ? n->value->dtype : std::nullopt);
    value_->setText(v.text());
    session_->previewValue(node_, v);
}

void InspectorPanel::sliderReleased()
{
    const Node* n = session_->data().node(node_);
    if (!n)
        return;
    Node after = *n;
    after.value = TensorValue::scalar(sliderValue(slider_->sliderPosition()), n->value ? n->value->dtype : std::nullopt);
    session_->clearPreview();
    if (after.value == n->value)
        return;
    session_->undoStack()->push(new EditNodeCommand(session_->document(), after,
                                                    tr("Set %1 = %2").arg(friendlyName(session_->data(), node_),
                                                                         after.value->text())));
}

} // namespace gs
