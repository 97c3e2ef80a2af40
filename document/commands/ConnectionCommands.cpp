#include "document/commands/ConnectionCommands.h"

#include "document/NodeNames.h"

namespace gs {

ConnectCommand::ConnectCommand(GraphDocument* document, NodeId from, NodeId to, PortIndex port, QUndoCommand* parent)
    : QUndoCommand(parent)
    , document_(document)
    , connection_{{}, from, to, port}
{
    const GraphData& data = document->data();
    if (const Connection* existing = data.connectionInto(to, port))
        replaced_ = *existing;
    const Node* sink = data.node(to);
    setText(tr("Connect %1 to %2 of %3")
                .arg(friendlyName(data, from), sink ? data.portName(*sink, port) : QString::number(port), friendlyName(data, to)));
}

void ConnectCommand::redo()
{
    if (replaced_)
        document_->disconnect(replaced_->id);
    QString error;
    const ConnectionId id = document_->connect(connection_, &error);
    if (!id.valid()) {
        if (replaced_)
            document_->connect(*replaced_);
        error_ = error;
        setObsolete(true);
        return;
    }
    connection_.id = id;
}

void ConnectCommand::undo()
{
    document_->disconnect(connection_.id);
    if (replaced_)
        document_->connect(*replaced_);
}

DisconnectCommand::DisconnectCommand(GraphDocument* document, ConnectionId id, QUndoCommand* parent)
    : QUndoCommand(parent)
    , document_(document)
{
    const GraphData& data = document->data();
    if (const Connection* c = data.connection(id)) {
        connection_ = *c;
        const Node* sink = data.node(c->to);
        setText(tr("Disconnect %1 from %2 of %3")
                    .arg(friendlyName(data, c->from), sink ? data.portName(*sink, c->port) : QString(), friendlyName(data, c->to)));
    }
}

void DisconnectCommand::redo()
{
    if (!connection_ || !document_->disconnect(connection_->id))
        setObsolete(true);
}

void DisconnectCommand::undo()
{
    if (connection_)
        document_->connect(*connection_);
}

} // namespace gs
