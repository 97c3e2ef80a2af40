#pragma once

// What crash_saver writes in its round `round`, shared with tst_crash_safety, which checks that
// whatever a SIGKILL left behind is exactly one round's state, never a mix or a torn file.

#include "document/GraphData.h"

#include <QString>
#include <QStringList>

namespace crashsaving {

/// The document of round `round`: a variable holding the round, then a chain of tanh, 200 to
/// 299 nodes long (the size changes every round, so that a file cut short or mixed from two
/// rounds cannot pass for either). Its lesson title names the round.
inline gs::GraphData document(qint64 round)
{
    gs::GraphData g;
    const int count = 200 + static_cast<int>(round % 100);
    for (int i = 1; i <= count; ++i) {
        gs::Node n;
        n.id = gs::NodeId{i};
        n.position = QPointF((i % 20) * 200.0, (i / 20) * 120.0);
        if (i == 1) {
            n.kind = gs::NodeKind::Variable;
            n.label = QStringLiteral("x");
            n.value = gs::TensorValue::scalar(static_cast<double>(round));
        } else {
            n.op = QStringLiteral("tanh");
            n.ports = 1;
            const gs::ConnectionId wire = g.nextConnectionId();
            g.connections[wire] = gs::Connection{wire, gs::NodeId{i - 1}, n.id, 0};
        }
        g.nodes[n.id] = n;
    }
    g.target = gs::NodeId{count};
    g.lesson.title = QStringLiteral("round %1").arg(round);
    return g;
}

/// The round a document's title names; -1 when it names none.
inline qint64 roundOf(const QString& title)
{
    bool ok = false;
    const qint64 round = title.startsWith(QStringLiteral("round ")) ? title.mid(6).toLongLong(&ok) : -1;
    return ok ? round : -1;
}

/// A settings value that changes with the round, long enough to span several writes' worth.
inline QStringList payload(qint64 round)
{
    QStringList list;
    for (int i = 0; i < 50; ++i)
        list << QStringLiteral("%1-%2").arg(round).arg(i);
    return list;
}

/// The recent file round `round` adds.
inline QString recentFile(const QString& directory, qint64 round)
{
    return QStringLiteral("%1/file-%2.gscope").arg(directory).arg(round);
}

} // namespace crashsaving
