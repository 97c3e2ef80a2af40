// Scopes that collapse, comments, probes on wires, hover cards and the minimap, driven with the
// mouse and keyboard on the book's first example.

#include "EditorTestSupport.h"

#include "ui/editor/CommentItem.h"
#include "ui/editor/EdgeItem.h"
#include "ui/editor/GraphEditing.h"
#include "ui/editor/GroupFrameItem.h"
#include "ui/editor/Minimap.h"
#include "ui/editor/ProbeItem.h"
#include "ui/render/HoverCard.h"
#include "document/TensorValue.h"
#include "engine/core/Tensor.h"

#include <QAction>
#include <QScrollBar>
#include <QUndoStack>

#include <cmath>

class TestEditorAnnotations : public QObject {
    Q_OBJECT

    testing::Editor e;

    gs::NodeId mulOf(const char* a, const char* b) const
    {
        // The mul whose inputs are the nodes labelled a and b (by their display names).
        for (const auto& [id, n] : e.data().nodes) {
            if (n.op != QLatin1StringView("mul"))
                continue;
            const auto* x = e.data().connectionInto(id, 0);
            const auto* y = e.data().connectionInto(id, 1);
            if (x && y && e.data().displayName(x->from).contains(QLatin1StringView(a))
                && e.data().displayName(y->from).contains(QLatin1StringView(b)))
                return id;
        }
        return {};
    }

    QAction* action(const char* name) const { return e.window->findChild<QAction*>(QLatin1StringView(name)); }

private slots:
    void initTestCase() { testing::useTestSettings("tst_editor_annotations"); }
    void init() { QVERIFY(e.open()); }
    void cleanup() { e.window.reset(); }

    void aScopeCollapsesAndItsWiresAttachToTheBox()
    {
        const gs::NodeId w1 = e.node("w1");
        const gs::NodeId pow = e.op("pow");
        QVERIFY(w1.valid() && pow.valid());
        e.click(e.header(pow));
        e.click(e.header(w1), Qt::ControlModifier);
        QCOMPARE(e.scene->selectedNodes().size(), std::size_t(2));
        QTest::keyClick(e.view, Qt::Key_G, Qt::ControlModifier);
        QCOMPARE(e.data().groups.size(), std::size_t(1));
        const gs::GroupId g = e.data().groups.begin()->first;
        QCOMPARE(e.data().groups.begin()->second.name, QStringLiteral("scope1"));
        QCOMPARE(e.data().node(w1)->group, g);
        gs::GroupFrameItem* frame = e.scene->groupFrame(g);
        QVERIFY(frame && frame->isVisible());

        // A click on the triangle collapses it: the nodes hide, and the wire from pow to the rest
        // of the graph now starts at the collapsed box.
        e.click(e.at(frame->toggleRect().center()));
        QVERIFY(e.scene->isCollapsed(g));
        QVERIFY(!e.item(w1)->isVisible());
        QVERIFY(!e.item(pow)->isVisible());
        const QRectF box = frame->collapsedBox();
        for (const gs::Connection* c : e.data().outputsOf(pow)) {
            gs::EdgeItem* edge = e.scene->edgeItem(c->id);
            QVERIFY(edge->isVisible());
            QCOMPARE(edge->geometry().from, QPointF(box.right(), box.center().y()));
        }
        // The wire from w1 to pow lies inside the scope and hides with it.
        for (const gs::Connection* c : e.data().inputsOf(pow))
            if (c->from == w1)
                QVERIFY(!e.scene->edgeItem(c->id)->isVisible());
        // Gradients are the same: collapsing is only a view.
        QCOMPARE(e.session->evaluation().ok(), true);

        // A click on the box expands it again; undo removes the scope.
        e.click(e.at(frame->collapsedBox().center()));
        QVERIFY(!e.scene->isCollapsed(g));
        QVERIFY(e.item(w1)->isVisible());
        e.session->undoStack()->undo();
        QVERIFY(e.data().groups.empty());
        QVERIFY(!e.data().node(w1)->group.valid());
    }

    void aCommentIsAddedEditedMovedAndDeleted()
    {
        e.view->setFocus();
        QTest::keyClick(e.view, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(e.data().comments.size(), std::size_t(1));
        const gs::CommentId id = e.data().comments.begin()->first;
        gs::CommentItem* note = e.scene->commentItem(id);
        QVERIFY(note && note->editing());
        // Typing replaces the selected placeholder; Escape ends editing and records it.
        QTest::keyClicks(e.view, QStringLiteral("f is 105"));
        QTest::keyClick(e.view, Qt::Key_Escape);
        QVERIFY(!note->editing());
        QCOMPARE(e.data().comments.at(id).text, QStringLiteral("f is 105"));

        // Dragged by the mouse: one command, and the document knows the new place.
        const QPointF before = e.data().comments.at(id).position;
        const QPoint grab = e.at(note->sceneBoundingRect().center());
        e.drag(grab, grab + QPoint(60, 40));
        QVERIFY((e.data().comments.at(id).position - before).manhattanLength() > 30);

        note = e.scene->commentItem(id);
        e.scene->clearSelection();
        note->setSelected(true);
        e.ws->editing()->deleteSelection();
        QVERIFY(e.data().comments.empty());
        e.session->undoStack()->undo();
        QCOMPARE(e.data().comments.size(), std::size_t(1));
        QCOMPARE(e.data().comments.begin()->second.text, QStringLiteral("f is 105"));
    }

    void aProbeKeepsAHistoryOfTheWire()
    {
        const gs::NodeId w1 = e.node("w1");
        const gs::Connection* wire = e.data().outputsOf(w1).front();
        const gs::ConnectionId id = wire->id;
        e.scene->setProbe(id, true);
        gs::ProbeItem* probe = e.scene->probe(id);
        QVERIFY(probe);
        QCOMPARE(probe->history().size(), std::size_t(1));
        // Three new values of w1, three new samples of the gradient along its wire.
        for (double v : {1.0, 2.0, 4.0})
            e.session->previewValue(w1, gs::TensorValue::scalar(v));
        const std::vector<double> h = probe->history();
        QCOMPARE(h.size(), std::size_t(4));
        // In the gradient view the probe follows d f / d w1 along the wire: 6*w1 + 2*w2.
        QCOMPARE(e.session->viewMode(), gs::ViewMode::Gradient);
        QCOMPARE(h.back(), 6.0 * 4.0);
        QCOMPARE(h[1], 6.0 * 1.0);
        QVERIFY(!probe->text().isEmpty());
        e.scene->setProbe(id, false);
        QVERIFY(!e.scene->probe(id));
    }

    void hoverCardsGiveEveryDigit()
    {
        // float32 0.1 is 0.100000001 to the nine digits that identify it.
        QCOMPARE(gs::exactTensor(gs::Tensor::scalar(0.1f)), QStringLiteral("0.100000001"));
        QCOMPARE(gs::exactTensor(gs::Tensor::scalar(0.1, gs::DType::Float64)), QStringLiteral("0.10000000000000001"));
        const gs::NodeId w1 = e.node("w1");
        const QString card = e.item(w1)->toolTip();
        QVERIFY2(card.contains(QStringLiteral("36")), qPrintable(card));
        QVERIFY2(card.contains(QStringLiteral("float32")), qPrintable(card));
    }

    void theMinimapMovesTheCanvas()
    {
        auto* map = e.view->findChild<gs::Minimap*>(QStringLiteral("minimap"));
        QVERIFY(map);
        QAction* toggle = action("minimapAction");
        QVERIFY(toggle);
        if (!toggle->isChecked())
            toggle->trigger();
        // While the whole graph is on the canvas there is nothing to find: no minimap.
        e.view->fitAll();
        QTRY_VERIFY(!map->isVisible());
        for (int i = 0; i < 6; ++i)
            e.view->zoomIn();
        QTRY_VERIFY(map->isVisible());
        const QPointF before = map->visibleArea().center();
        QTest::mouseClick(map->viewport(), Qt::LeftButton, {}, QPoint(5, 5));
        const QPointF after = map->visibleArea().center();
        QVERIFY2((after - before).manhattanLength() > 20, "a click in the minimap's corner moves the canvas");
        toggle->trigger();
        QVERIFY(!map->isVisible());
        QVERIFY(!map->wanted());
    }
};

QTEST_MAIN(TestEditorAnnotations)
#include "tst_editor_annotations.moc"
