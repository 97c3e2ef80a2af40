#include "ui/editor/ConnectCheck.h"

#include "document/GraphData.h"
#include "document/TypeCheck.h"

namespace gs {

QString connectionRefusal(const GraphData& data, NodeId from, NodeId to, PortIndex port, ConnectionId ignoring)
{
    GraphData trial = data;
    if (ignoring.valid())
        trial.connections.erase(ignoring);
    if (const Connection* taken = trial.connectionInto(to, port))
        trial.connections.erase(taken->id);
    if (QString error = trial.connectError(from, to, port); !error.isEmpty())
        return error;
    const ConnectionId id = trial.nextConnectionId();
    trial.connections[id] = Connection{id, from, to, port};
    // Shapes can only be judged once every input of the node is connected.
    const Node* sink = trial.node(to);
    for (PortIndex p = 0; p < sink->ports; ++p)
        if (!trial.connectionInto(to, p))
            return {};
    GraphData without = trial;
    without.connections.erase(id);
    const auto before = checkTypes(without);
    const auto after = checkTypes(trial);
    const auto it = after.find(to);
    if (it == after.end() || it->second.error.isEmpty())
        return {};
    // Only a problem the new wire causes; a node that was already wrong may still be rewired.
    const auto was = before.find(to);
    if (was != before.end() && was->second.error == it->second.error)
        return {};
    return QStringLiteral("incompatible: %1").arg(it->second.error);
}

} // namespace gs
