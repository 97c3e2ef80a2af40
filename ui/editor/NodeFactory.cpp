#include "ui/editor/NodeFactory.h"

#include "document/OpCatalog.h"
#include "engine/ops/OpRegistry.h"

#include <algorithm>

namespace gs {

const std::vector<PaletteEntry>& paletteEntries()
{
    static const std::vector<PaletteEntry> entries = [] {
        std::vector<PaletteEntry> list{
            {QStringLiteral("variable"), QStringLiteral("Variable"), QStringLiteral("values"),
             QStringLiteral("a trainable value the tape watches (tf.Variable)")},
            {QStringLiteral("constant"), QStringLiteral("constant"), QStringLiteral("values"),
             QStringLiteral("a fixed value (tf.constant)")},
            {QStringLiteral("input"), QStringLiteral("Input"), QStringLiteral("values"),
             QStringLiteral("a value given when evaluating")},
            {QStringLiteral("custom_gradient"), QStringLiteral("custom_gradient"), QStringLiteral("gradient"),
             QStringLiteral("a forward computation with a gradient you write (tf.custom_gradient)")},
        };
        for (const auto& op : OpRegistry::instance().all()) {
            if (op->category == "internal" || op->name == "custom_gradient")
                continue;
            list.push_back({QStringLiteral("op:") + QString::fromStdString(op->name), QString::fromStdString(op->name),
                            QString::fromStdString(op->category), QString::fromStdString(op->summary)});
        }
        // Values first, then by category and name.
        std::stable_sort(list.begin() + 3, list.end(), [](const PaletteEntry& a, const PaletteEntry& b) {
            return a.category != b.category ? a.category < b.category : a.title < b.title;
        });
        return list;
    }();
    return entries;
}

QString freshLabel(const GraphData& data, const QString& prefix)
{
    for (int i = 1;; ++i) {
        const QString label = prefix + QString::number(i);
        if (!data.findLabel(label).valid())
            return label;
    }
}

std::vector<Node> nodesForEntry(const GraphData& data, const QString& key, const QPointF& position)
{
    Node node;
    node.position = position;
    if (key == u"variable") {
        node.kind = NodeKind::Variable;
        node.label = freshLabel(data, QStringLiteral("v"));
        node.value = TensorValue::scalar(1.0);
        return {node};
    }
    if (key == u"constant") {
        node.kind = NodeKind::Constant;
        node.value = TensorValue::scalar(1.0);
        return {node};
    }
    if (key == u"input") {
        node.kind = NodeKind::Input;
        node.label = freshLabel(data, QStringLiteral("x"));
        node.value = TensorValue::scalar(0.0);
        return {node};
    }
    if (key == u"custom_gradient") {
        // One input x: ports x, forward, grad x; the body starts with its parameter and dy.
        const int first = data.nextNodeId().value;
        node.id = NodeId{first};
        node.kind = NodeKind::CustomGradient;
        node.ports = 3;
        Node parameter;
        parameter.id = NodeId{first + 1};
        parameter.kind = NodeKind::Parameter;
        parameter.label = QStringLiteral("x");
        parameter.scope = node.id;
        parameter.position = position + QPointF(-200, 160);
        Node dy;
        dy.id = NodeId{first + 2};
        dy.kind = NodeKind::Upstream;
        dy.scope = node.id;
        dy.position = position + QPointF(-200, 260);
        return {node, parameter, dy};
    }
    if (key.startsWith(QStringLiteral("op:"))) {
        const OpDef* op = opcatalog::find(key.mid(3));
        if (!op)
            return {};
        node.kind = NodeKind::Op;
        node.op = QString::fromStdString(op->name);
        node.ports = opcatalog::defaultPorts(*op);
        return {node};
    }
    return {};
}

} // namespace gs
