#pragma once

#include "ui/render/GraphOverlay.h"
#include "ui/render/ValueDisplay.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace gs {

struct GraphData;
struct Node;

/// A small pill above a node.
enum class NodeBadge { Target, Source, NoGradient };
/// What a pill says ("◎ target").
QString badgeText(NodeBadge badge);

/// Every text and value one node draws, decided from the document and the overlay; the geometry
/// measures it and the painter draws it.
struct NodeContent {
    QString title;    ///< the label, else the op or kind
    QString subtitle; ///< the op or kind when the title is a label
    QStringList ports;
    ValueDisplay value;  ///< the value in the forward view, the gradient (adjoint) in the gradient view
    QString valuePrefix; ///< "=" or "∂"
    QString secondary;   ///< the other one, in small type ("value 105.0")
    QString error;
    bool errorIsWaiting = false; ///< `error` says what the node waits for (muted), not why it failed
    QStringList callout; ///< where a NaN was born, the current step, why a source gets None
    std::vector<NodeBadge> tags;
    bool hasOutput = true;
    bool warning = false; ///< a NaN or an infinity was born here (the header shows ⚠)
    bool pending = false;

    /// `noneCallouts`: why a source's gradient is None, in a callout under it (presenting, the
    /// answer box says it once, larger, and the graph keeps the room).
    static NodeContent of(const GraphData& data, const Node& node, const NodeState& state, ViewMode mode,
                          bool noneCallouts = true);
};

} // namespace gs
