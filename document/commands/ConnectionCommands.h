#pragma once

#include "document/GraphDocument.h"

#include <QCoreApplication>
#include <QUndoCommand>

#include <optional>

namespace gs {

/// Connects the output of `from` to input `port` of `to`, replacing what fed that port before
/// (dropping a wire on a taken input swaps it: one gesture, one command). Refused connections
/// (cycles, scopes) make the command obsolete, so pushing it changes nothing.
class ConnectCommand : public QUndoCommand {
    Q_DECLARE_TR_FUNCTIONS(ConnectCommand)
public:
    ConnectCommand(GraphDocument* document, NodeId from, NodeId to, PortIndex port, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;
    /// Why the first redo() refused the connection ("" when it did not).
    const QString& error() const { return error_; }

private:
    GraphDocument* document_;
    Connection connection_;
    std::optional<Connection> replaced_;
    QString error_;
};

class DisconnectCommand : public QUndoCommand {
    Q_DECLARE_TR_FUNCTIONS(DisconnectCommand)
public:
    DisconnectCommand(GraphDocument* document, ConnectionId id, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    GraphDocument* document_;
    std::optional<Connection> connection_;
};

} // namespace gs
