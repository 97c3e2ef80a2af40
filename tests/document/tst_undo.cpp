// Undo commands: every change to a document is one named command, and any sequence of edits
// undone in full gives back the original document, and redone in full the final one.
#include "document/FormulaReader.h"
#include "document/GraphDocument.h"
#include "document/OpCatalog.h"
#include "document/commands/AnnotationCommands.h"
#include "document/commands/ConnectionCommands.h"
#include "document/commands/DocumentCommands.h"
#include "document/commands/NodeCommands.h"
#include "engine/ops/OpDef.h"
#include "engine/ops/OpRegistry.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

#include <set>

using namespace gs;

namespace {

GraphData formula(const QString& text)
{
    FormulaResult r = readFormula(text);
    if (!r.ok())
        qFatal("%s", qPrintable(r.error->formatted()));
    return r.data;
}

/// What must hold after every command: references resolve, ports are in range and used once,
/// connections respect custom gradient bodies, and there is no cycle.
QString inconsistency(const GraphData& g)
{
    std::set<std::pair<int, int>> ports;
    for (const auto& [id, c] : g.connections) {
        const Node* from = g.node(c.from);
        const Node* to = g.node(c.to);
        if (!from || !to)
            return QStringLiteral("connection %1 has a missing end").arg(id.value);
        if (c.port < 0 || c.port >= to->ports)
            return QStringLiteral("connection %1 uses port %2 of %3 ports").arg(id.value).arg(c.port).arg(to->ports);
        if (!ports.insert({c.to.value, c.port}).second)
            return QStringLiteral("port %1 of node %2 is used twice").arg(c.port).arg(c.to.value);
        const bool intoBody = to->kind == NodeKind::CustomGradient && c.port >= GraphData::customInputs(*to);
        if (from->scope != (intoBody ? c.to : to->scope))
            return QStringLiteral("connection %1 crosses a scope").arg(id.value);
    }
    std::size_t ordered = g.topologicalOrder({}).size();
    for (const auto& [id, n] : g.nodes) {
        if (n.kind == NodeKind::CustomGradient)
            ordered += g.topologicalOrder(id).size();
        if (n.scope.valid() && (!g.node(n.scope) || g.node(n.scope)->kind != NodeKind::CustomGradient))
            return QStringLiteral("node %1 has a missing scope").arg(id.value);
        if (n.group.valid() && !g.groups.count(n.group))
            return QStringLiteral("node %1 is in a missing group").arg(id.value);
    }
    if (ordered != g.nodes.size())
        return QStringLiteral("the graph has a cycle");
    for (const auto& [id, c] : g.comments)
        if (c.group.valid() && !g.groups.count(c.group))
            return QStringLiteral("comment %1 is in a missing group").arg(id.value);
    for (const auto& [id, group] : g.groups)
        if (group.parent.valid() && !g.groups.count(group.parent))
            return QStringLiteral("group %1 has a missing parent").arg(id.value);
    if (g.target.valid() && !g.node(g.target))
        return QStringLiteral("the target is missing");
    return {};
}

/// Makes random edits of every kind, valid or not (refused ones must change nothing).
class RandomEdits {
public:
    RandomEdits(GraphDocument* document, quint32 seed)
        : document_(document)
        , random_(seed)
    {
        for (const auto& op : OpRegistry::instance().all())
            if (op->name != "custom_gradient")
                ops_.push_back(op.get());
    }

    QUndoCommand* next()
    {
        switch (random_.bounded(16)) {
        case 0:
        case 1: return addNode();
        case 2: return ids().empty() ? nullptr : new RemoveNodesCommand(document_, pick(ids(), 1 + random_.bounded(3)));
        case 3:
        case 4:
        case 5: return connect();
        case 6: {
            const auto& c = data().connections;
            return c.empty() ? nullptr : new DisconnectCommand(document_, std::next(c.begin(), random_.bounded(int(c.size())))->first);
        }
        case 7:
        case 8: return editNode();
        case 9: {
            std::vector<std::pair<NodeId, QPointF>> moves;
            for (NodeId id : pick(ids(), 1 + random_.bounded(3)))
                moves.emplace_back(id, point());
            return moves.empty() ? nullptr : MoveNodesCommand::to(document_, moves);
        }
        case 10: return group();
        case 11: return comment();
        case 12: return new SetTargetCommand(document_, random_.bounded(4) == 0 ? NodeId{} : anyNode());
        case 13: return new SetLessonCommand(document_, LessonInfo{name(), name() + QStringLiteral(" notes"), {}});
        case 14: {
            QMap<QString, TensorValue> values = data().savedValues;
            values.insert(name(), TensorValue::scalar(random_.bounded(100)));
            return new SetSavedValuesCommand(document_, values);
        }
        default:
            if (random_.bounded(8) != 0)
                return addNode();
            return new ReplaceDocumentCommand(document_, formula(QStringLiteral("z = a * b\nloss = z ** 2 + exp(a)")),
                                              QStringLiteral("Paste formula"));
        }
    }

private:
    const GraphData& data() const { return document_->data(); }

    std::vector<NodeId> ids() const
    {
        std::vector<NodeId> list;
        for (const auto& [id, n] : data().nodes)
            list.push_back(id);
        return list;
    }

    NodeId anyNode()
    {
        const auto list = ids();
        return list.empty() ? NodeId{} : list[static_cast<std::size_t>(random_.bounded(int(list.size())))];
    }

    std::vector<NodeId> pick(std::vector<NodeId> from, int count)
    {
        std::vector<NodeId> picked;
        for (int i = 0; i < count && !from.empty(); ++i) {
            const auto k = static_cast<std::size_t>(random_.bounded(int(from.size())));
            picked.push_back(from[k]);
            from.erase(from.begin() + static_cast<std::ptrdiff_t>(k));
        }
        return picked;
    }

    QPointF point() { return QPointF(random_.bounded(1000), random_.bounded(600)); }
    QString name() { return QStringLiteral("n%1").arg(random_.bounded(50)); }

    GroupId anyGroup()
    {
        const auto& groups = data().groups;
        if (groups.empty() || random_.bounded(3) == 0)
            return {};
        return std::next(groups.begin(), random_.bounded(int(groups.size())))->first;
    }

    QUndoCommand* addNode()
    {
        Node n;
        n.position = point();
        n.label = random_.bounded(2) ? name() : QString();
        n.group = anyGroup();
        switch (random_.bounded(5)) {
        case 0: n.kind = NodeKind::Variable; n.value = TensorValue::scalar(random_.bounded(10)); break;
        case 1: n.kind = NodeKind::Constant; n.value = TensorValue{Shape::vector(2), {1, 2}, DType::Float64}; break;
        case 2: n.kind = NodeKind::Input; break;
        default: {
            const OpDef* op = ops_[static_cast<std::size_t>(random_.bounded(int(ops_.size())))];
            n.op = QString::fromStdString(op->name);
            n.ports = opcatalog::defaultPorts(*op);
        }
        }
        std::vector<NodeId> customs;
        for (const auto& [id, node] : data().nodes)
            if (node.kind == NodeKind::CustomGradient)
                customs.push_back(id);
        if (!customs.empty() && random_.bounded(4) == 0 && (n.kind == NodeKind::Op || n.kind == NodeKind::Constant))
            n.scope = customs[static_cast<std::size_t>(random_.bounded(int(customs.size())))];
        return new AddNodeCommand(document_, n);
    }

    QUndoCommand* connect()
    {
        std::vector<NodeId> sinks;
        for (const auto& [id, n] : data().nodes)
            if (n.ports > 0)
                sinks.push_back(id);
        if (sinks.empty())
            return nullptr;
        const NodeId to = sinks[static_cast<std::size_t>(random_.bounded(int(sinks.size())))];
        return new ConnectCommand(document_, anyNode(), to, random_.bounded(data().node(to)->ports));
    }

    QUndoCommand* editNode()
    {
        const NodeId id = anyNode();
        if (!id.valid())
            return nullptr;
        Node n = *data().node(id);
        switch (random_.bounded(5)) {
        case 0: n.label = random_.bounded(3) ? name() : QString(); break;
        case 1: n.group = anyGroup(); break;
        case 2:
            if (n.kind == NodeKind::Variable || n.kind == NodeKind::Constant || n.kind == NodeKind::Input)
                n.value = TensorValue::scalar(random_.bounded(100) / 8.0);
            n.trainable = random_.bounded(2);
            break;
        case 3:
            if (const OpDef* op = GraphData::opOf(n); op && !op->attrs.empty()) {
                const AttrSpec& spec = op->attrs[static_cast<std::size_t>(random_.bounded(int(op->attrs.size())))];
                n.attrs.set(spec.name, spec.defaultValue);
            }
            break;
        default:
            if (const OpDef* op = GraphData::opOf(n); op && op->maxArity < 0)
                n.ports = std::max(op->minArity, n.ports + (random_.bounded(2) ? 1 : -1));
        }
        return new EditNodeCommand(document_, n, QStringLiteral("Edit %1").arg(data().displayName(id)));
    }

    QUndoCommand* group()
    {
        const GroupId id = anyGroup();
        switch (random_.bounded(3)) {
        case 0: return new AddGroupCommand(document_, Group{{}, name(), anyGroup()}, pick(ids(), random_.bounded(3)));
        case 1: return id.valid() ? new RemoveGroupCommand(document_, id) : nullptr;
        default: return id.valid() ? new EditGroupCommand(document_, Group{id, name(), anyGroup()}) : nullptr;
        }
    }

    QUndoCommand* comment()
    {
        const auto& comments = data().comments;
        const CommentId id = comments.empty() ? CommentId{}
                                              : std::next(comments.begin(), random_.bounded(int(comments.size())))->first;
        switch (random_.bounded(3)) {
        case 0: return new AddCommentCommand(document_, Comment{{}, name(), point(), anyGroup()});
        case 1: return id.valid() ? new RemoveCommentCommand(document_, id) : nullptr;
        default:
            return id.valid() ? new EditCommentCommand(document_, Comment{id, name(), point(), anyGroup()},
                                                       QStringLiteral("Edit comment"))
                              : nullptr;
        }
    }

    GraphDocument* document_;
    QRandomGenerator random_;
    std::vector<const OpDef*> ops_;
};

} // namespace

class TestUndo : public QObject {
    Q_OBJECT
private slots:
    void randomEditsUndoAndRedoExactly_data()
    {
        QTest::addColumn<quint32>("seed");
        for (quint32 seed : {1u, 42u, 2024u, 77777u})
            QTest::newRow(qPrintable(QString::number(seed))) << seed;
    }
    void randomEditsUndoAndRedoExactly()
    {
        QFETCH(quint32, seed);
        GraphDocument document;
        document.reset(formula("w1 = Variable(5.0)\nw2 = Variable(3.0)\n"
                               "z = custom_gradient(log(exp(w1) + 1), grad=dy / (1 + 1 / exp(w1)))\n"
                               "f = 3 * w1 ** 2 + stop_gradient(2 * w1 * w2) + add_n([z, w2])"));
        const GraphData original = document.data();
        QUndoStack stack;
        RandomEdits edits(&document, seed);
        int refused = 0;
        for (int i = 0; i < 400; ++i) {
            QUndoCommand* command = edits.next();
            if (!command)
                continue;
            QVERIFY2(!command->text().isEmpty(), "every command is named for the undo view");
            const GraphData before = document.data();
            const int count = stack.count();
            stack.push(command);
            if (stack.count() == count) {
                ++refused;
                QVERIFY2(document.data() == before, "a refused command changes nothing");
            }
            const QString problem = inconsistency(document.data());
            QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("after %1: %2").arg(stack.text(stack.count() - 1), problem)));
        }
        QVERIFY(stack.count() > 250);
        QVERIFY(refused > 0);
        const GraphData final = document.data();
        QVERIFY(!(final == original));

        // Part of the way back and forth, then all the way.
        for (int i = 0; i < 50; ++i)
            stack.undo();
        for (int i = 0; i < 20; ++i)
            stack.redo();
        while (stack.canUndo()) {
            stack.undo();
            QVERIFY(inconsistency(document.data()).isEmpty());
        }
        QVERIFY(document.data() == original);
        while (stack.canRedo())
            stack.redo();
        QVERIFY(document.data() == final);
    }

    void refusedConnectionIsNotPushed()
    {
        GraphDocument document;
        document.reset(formula("z = exp(x)\nloss = z * 2"));
        QUndoStack stack;
        const GraphData before = document.data();
        auto* command = new ConnectCommand(&document, document.data().findLabel("loss"), document.data().findLabel("z"), 0);
        stack.push(command);
        QCOMPARE(stack.count(), 0);
        QVERIFY(document.data() == before);
    }

    void connectingATakenPortReplacesItInOneStep()
    {
        GraphDocument document;
        document.reset(formula("a = Variable(1.0)\nb = Variable(2.0)\nexp(a)"));
        QUndoStack stack;
        const NodeId exp = document.data().target;
        stack.push(new ConnectCommand(&document, document.data().findLabel("b"), exp, 0));
        QCOMPARE(stack.count(), 1);
        QCOMPARE(document.data().connectionInto(exp, 0)->from, document.data().findLabel("b"));
        QCOMPARE(document.data().connections.size(), std::size_t(1));
        stack.undo();
        QCOMPARE(document.data().connectionInto(exp, 0)->from, document.data().findLabel("a"));
    }

    void signalsFireOncePerChange()
    {
        GraphDocument document;
        QUndoStack stack;
        QSignalSpy added(&document, &GraphDocument::nodeAdded);
        QSignalSpy removed(&document, &GraphDocument::nodeRemoved);
        QSignalSpy changed(&document, &GraphDocument::changed);
        Node n;
        n.kind = NodeKind::Variable;
        n.label = "w3";
        auto* add = new AddNodeCommand(&document, n);
        stack.push(add);
        QCOMPARE(added.count(), 1);
        QCOMPARE(added.first().first().value<NodeId>(), add->nodeId());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(stack.text(0), QString("Add variable w3"));
        stack.undo();
        QCOMPARE(removed.count(), 1);
        QCOMPARE(changed.count(), 2);
    }

    void aDragIsOneCommand()
    {
        GraphDocument document;
        document.reset(formula("a * b"));
        QUndoStack stack;
        const NodeId a = document.data().findLabel("a");
        const QPointF start = document.data().node(a)->position;
        // The view moved the node while dragging; the command is pushed once, at the end.
        document.setNodePosition(a, start + QPointF(5, 5));
        document.setNodePosition(a, start + QPointF(40, 10));
        stack.push(new MoveNodesCommand(&document, {{a, start, start + QPointF(40, 10)}}));
        QCOMPARE(stack.count(), 1);
        QCOMPARE(stack.text(0), QString("Move a"));
        stack.undo();
        QCOMPARE(document.data().node(a)->position, start);
    }

    void deletingACustomGradientTakesItsBody()
    {
        GraphDocument document;
        document.reset(formula("x = Variable(1.0)\ncustom_gradient(exp(x), grad=dy * exp(x))"));
        const GraphData before = document.data();
        QUndoStack stack;
        stack.push(new RemoveNodesCommand(&document, {document.data().target}));
        QCOMPARE(document.data().nodes.size(), std::size_t(1));
        QVERIFY(document.data().connections.empty());
        QVERIFY(!document.data().target.valid());
        stack.undo();
        QVERIFY(document.data() == before);
    }
};

QTEST_GUILESS_MAIN(TestUndo)
#include "tst_undo.moc"
