#include "ui/editor/GraphClipboard.h"

#include "document/DocumentFile.h"
#include "document/FormulaReader.h"
#include "document/FormulaWriter.h"
#include "document/GraphDocument.h"
#include "document/commands/ConnectionCommands.h"
#include "document/commands/NodeCommands.h"

#include <QMimeData>
#include <QUndoCommand>

#include <algorithm>
#include <unordered_set>

namespace gs {

GraphData extractSubgraph(const GraphData& data, const std::vector<NodeId>& ids)
{
    GraphData sub;
    std::unordered_set<NodeId> chosen(ids.begin(), ids.end());
    for (const auto& [id, n] : data.nodes)
        if (n.scope.valid() && chosen.count(n.scope))
            chosen.insert(id);
    for (const auto& [id, n] : data.nodes)
        if (chosen.count(id) && (!n.scope.valid() || chosen.count(n.scope))) {
            Node copy = n;
            copy.group = {};
            sub.nodes[id] = copy;
        }
    for (const auto& [cid, c] : data.connections)
        if (sub.nodes.count(c.from) && sub.nodes.count(c.to))
            sub.connections[cid] = c;
    return sub;
}

QMimeData* mimeForSubgraph(const GraphData& subgraph)
{
    auto* mime = new QMimeData;
    mime->setData(QString::fromLatin1(graphMimeType), documentToJson(subgraph));
    const FormulaText formula = writeFormula(subgraph);
    if (formula.ok())
        mime->setText(formula.text);
    return mime;
}

std::optional<GraphData> subgraphFromMime(const QMimeData* mime)
{
    if (!mime)
        return std::nullopt;
    if (mime->hasFormat(QString::fromLatin1(graphMimeType))) {
        DocumentReadResult read = documentFromJson(mime->data(QString::fromLatin1(graphMimeType)));
        if (read.ok() && !read.data.nodes.empty())
            return std::move(read.data);
    }
    if (mime->hasText() && !mime->text().trimmed().isEmpty()) {
        FormulaResult formula = readFormula(mime->text());
        if (formula.ok() && !formula.data.nodes.empty())
            return std::move(formula.data);
    }
    return std::nullopt;
}

QUndoCommand* pasteCommand(GraphDocument* document, const GraphData& sub, const QPointF& at,
                           std::vector<NodeId>* added, const QString& text)
{
    const GraphData& data = document->data();
    auto* command = new QUndoCommand(text);
    QPointF topLeft(1e18, 1e18);
    for (const auto& [id, n] : sub.nodes)
        if (!n.scope.valid())
            topLeft = QPointF(std::min(topLeft.x(), n.position.x()), std::min(topLeft.y(), n.position.y()));
    if (topLeft.x() > 1e17)
        topLeft = QPointF();
    const QPointF shift = at - topLeft;

    std::vector<const Node*> order;
    for (const auto& [id, n] : sub.nodes)
        order.push_back(&n);
    std::stable_partition(order.begin(), order.end(), [](const Node* n) { return !n->scope.valid(); });
    std::unordered_map<NodeId, NodeId> newId;
    int next = data.nextNodeId().value;
    for (const Node* n : order)
        newId[n->id] = NodeId{next++};

    QStringList taken;
    for (const auto& [id, n] : data.nodes)
        if (!n.scope.valid() && !n.label.isEmpty())
            taken << n.label;
    for (const Node* n : order) {
        Node copy = *n;
        copy.id = newId[n->id];
        copy.scope = n->scope.valid() ? newId[n->scope] : NodeId{};
        copy.position = n->position + shift;
        if (!copy.scope.valid() && !copy.label.isEmpty()) {
            QString label = copy.label;
            for (int i = 2; taken.contains(label); ++i)
                label = copy.label + QStringLiteral("_") + QString::number(i);
            copy.label = label;
            taken << label;
        }
        new AddNodeCommand(document, copy, command);
        if (!copy.scope.valid() && added)
            added->push_back(copy.id);
    }
    for (const auto& [cid, c] : sub.connections)
        new ConnectCommand(document, newId[c.from], newId[c.to], c.port, command);
    return command;
}

} // namespace gs
