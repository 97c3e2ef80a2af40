#include "ui/panels/SelectionSummary.h"

#include "document/GraphDocument.h"
#include "document/NodeNames.h"
#include "document/commands/NodeCommands.h"
#include "ui/editor/EditorSession.h"

#include <QCheckBox>
#include <QLabel>
#include <QUndoStack>
#include <QVBoxLayout>

namespace gs {

SelectionSummary::SelectionSummary(EditorSession* session, QWidget* parent)
    : QWidget(parent)
    , session_(session)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    names_ = new QLabel(this);
    names_->setObjectName(QStringLiteral("inspectorSelection"));
    names_->setWordWrap(true);
    names_->setTextFormat(Qt::PlainText);
    names_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    trainable_ = new QCheckBox(this);
    trainable_->setObjectName(QStringLiteral("inspectorTrainableAll"));
    hint_ = new QLabel(tr("Select one node to edit its label, value or attributes."), this);
    hint_->setObjectName(QStringLiteral("inspectorSelectOne"));
    hint_->setWordWrap(true);
    layout->addWidget(names_);
    layout->addWidget(trainable_);
    layout->addWidget(hint_);

    // clicked, not toggled: a mixed selection's box cycles through "partly" on a click, but the
    // user means "make them all the same", decided from the nodes rather than the box's state.
    connect(trainable_, &QCheckBox::clicked, this, [this] {
        const GraphData& data = session_->data();
        bool all = true;
        for (NodeId id : variables())
            all = all && data.node(id)->trainable;
        setTrainable(!all);
    });
}

QString SelectionSummary::heading(std::size_t count)
{
    return tr("%1 nodes selected").arg(count);
}

void SelectionSummary::setNodes(const std::vector<NodeId>& nodes)
{
    nodes_ = nodes;
    const GraphData& data = session_->data();
    const NodeNamer namer(data);
    QStringList lines;
    for (NodeId id : nodes_) {
        const Node* n = data.node(id);
        if (!n)
            continue;
        const QString kind = n->kind == NodeKind::Op ? n->op : nodeKindName(n->kind);
        lines << QStringLiteral("• %1  (%2)").arg(namer.name(id), kind);
    }
    names_->setText(lines.join(u'\n'));

    const std::vector<NodeId> vars = variables();
    trainable_->setVisible(!vars.empty());
    if (vars.empty())
        return;
    int on = 0;
    for (NodeId id : vars)
        on += data.node(id)->trainable ? 1 : 0;
    if (vars.size() == 1)
        trainable_->setText(tr("%1 is trainable").arg(namer.name(vars.front())));
    else if (vars.size() == 2 && nodes_.size() == 2)
        trainable_->setText(tr("trainable (both variables)"));
    else if (vars.size() == nodes_.size())
        trainable_->setText(tr("trainable (all %1 variables)").arg(vars.size()));
    else
        trainable_->setText(tr("trainable (the %1 selected variables)").arg(vars.size()));
    const QSignalBlocker block(trainable_);
    trainable_->setTristate(on != 0 && on != int(vars.size()));
    trainable_->setCheckState(on == 0 ? Qt::Unchecked : on == int(vars.size()) ? Qt::Checked : Qt::PartiallyChecked);
}

std::vector<NodeId> SelectionSummary::variables() const
{
    // Top-level only, as in the one-node Inspector: a variable inside a custom gradient's body is
    // part of that body's definition.
    std::vector<NodeId> vars;
    for (NodeId id : nodes_)
        if (const Node* n = session_->data().node(id); n && n->kind == NodeKind::Variable && !n->scope.valid())
            vars.push_back(id);
    return vars;
}

void SelectionSummary::setTrainable(bool on)
{
    std::vector<Node> changed;
    for (NodeId id : variables())
        if (const Node* n = session_->data().node(id); n->trainable != on) {
            changed.push_back(*n);
            changed.back().trainable = on;
        }
    if (changed.empty())
        return;
    QUndoStack* stack = session_->undoStack();
    stack->beginMacro(on ? tr("Set trainable") : tr("Clear trainable"));
    for (const Node& after : changed)
        stack->push(new EditNodeCommand(session_->document(), after, tr("Set trainable")));
    stack->endMacro();
    setNodes(nodes_);
}

} // namespace gs
