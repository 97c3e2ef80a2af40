#include "ui/render/ConcreteView.h"

#include "ui/render/AutoLayout.h"
#include "ui/render/EditorStyle.h"

namespace gs {

ConcreteView::ConcreteView(ConcreteDocument doc, const EditorStyle& style)
    : document(std::move(doc))
{
    EvaluationOptions options;
    options.wrt = std::vector<NodeId>{}; // a picture of values: the backward graph has its own view
    evaluation = evaluate(document.data, options);
    for (const auto& [id, p] : autoLayout(document.data, style, {}, &evaluation))
        document.data.node(id)->position = p;
    overlay = computeOverlay(document.data, evaluation);
    // Ghosts are titled by their fate (see concreteDocument); the longer notes are left to the
    // window's summary, as callouts would need room the layout does not leave.
    for (const auto& [id, fate] : document.fates)
        overlay.nodes[id].ghost = document.ghost(id);
    for (ConnectionId id : document.ghostConnections)
        overlay.edges[id].ghost = true;
    // An input is a placeholder for every call of the signature, not the value it was traced with.
    for (const auto& [id, node] : document.data.nodes)
        if (node.kind == NodeKind::Input && node.value) {
            const TensorValue& v = *node.value;
            const DType dtype = v.dtype.value_or(evaluation.dtype);
            // As TensorFlow's graph writes a placeholder's type (the window's title has the signature).
            overlay.nodes[id].placeholder = QStringLiteral("%1 %2").arg(QString::fromStdString(v.shape.str()),
                                                                      QLatin1StringView(dtypeName(dtype).data()));
        }
}

} // namespace gs
