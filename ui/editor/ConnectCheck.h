#pragma once

#include "document/DocumentIds.h"

#include <QString>

namespace gs {

struct GraphData;

/// Why dropping a wire from the output of `from` onto input `port` of `to` is refused ("" when it
/// is allowed). A taken port is fine (the drop replaces its wire), and so is the wire being
/// detached (`ignoring`). Refused: a missing node or port, a connection across custom gradient
/// bodies, a cycle, and values whose shapes or dtypes the op cannot take (the op's shape rule,
/// run on the graph with the new wire, names the problem).
QString connectionRefusal(const GraphData& data, NodeId from, NodeId to, PortIndex port,
                          ConnectionId ignoring = {});

} // namespace gs
