#pragma once

#include "document/DocumentIds.h"

namespace gs {

/// One end a wire can attach to: the output of a node, or one of its input ports.
struct PortRef {
    NodeId node;
    bool output = true;
    PortIndex port = 0; ///< inputs only

    bool valid() const { return node.valid(); }
    friend bool operator==(const PortRef&, const PortRef&) = default;
};

} // namespace gs
