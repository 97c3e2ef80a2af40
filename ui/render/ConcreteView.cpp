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
}

} // namespace gs
