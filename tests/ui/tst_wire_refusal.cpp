// A wire that cannot be connected says why on the canvas, where the user is looking: next to the
// pointer while it is dragged, and where it was dropped for a few seconds.
#include "EditorTestSupport.h"

#include "ui/editor/RefusalNote.h"

#include <QLabel>
#include <QUndoStack>

using testing::Editor;

namespace {

/// The refusal notes on the canvas that are shown.
std::vector<gs::RefusalNote*> visibleNotes(const gs::GraphScene* scene)
{
    std::vector<gs::RefusalNote*> notes;
    for (QGraphicsItem* item : scene->items())
        if (item->type() == gs::RefusalNote::Type && item->isVisible())
            notes.push_back(static_cast<gs::RefusalNote*>(item));
    return notes;
}

} // namespace

class TestWireRefusal : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { testing::useTestSettings("tst_wire_refusal"); }
    void init() { QVERIFY(e.open()); }
    void cleanup() { e.window.reset(); }

    void aCycleIsRefusedOnTheCanvas()
    {
        const gs::NodeId f = e.node("f");
        const gs::NodeId pow = e.op("pow"); // f depends on it
        QVERIFY(f.valid() && pow.valid());
        const int commands = e.session->undoStack()->count();
        const std::size_t wires = e.data().connections.size();

        QWidget* vp = e.view->viewport();
        const QPoint from = e.output(f);
        const QPoint to = e.input(pow, 0);
        QTest::mousePress(vp, Qt::LeftButton, {}, from);
        // Over empty canvas first: nothing to refuse yet.
        const QPointF empty = e.scene->graphBounds().bottomRight() + QPointF(10, 10);
        QVERIFY(e.scene->items(empty).isEmpty());
        QTest::mouseMove(vp, e.at(empty));
        QVERIFY(visibleNotes(e.scene).empty());
        QVERIFY(!e.item(pow)->refused());
        QTest::mouseMove(vp, to);

        // While the wire hovers over pow's input: the reason next to the pointer, pow ringed.
        std::vector<gs::RefusalNote*> notes = visibleNotes(e.scene);
        QCOMPARE(notes.size(), std::size_t(1));
        QVERIFY2(notes.front()->text().contains("would make a cycle: f depends on pow"), qPrintable(notes.front()->text()));
        QVERIFY2(!notes.front()->text().contains(u'?'), qPrintable(notes.front()->text())); // no unplugged "? ** 2"
        QVERIFY2(!notes.front()->text().contains(u'#'), qPrintable(notes.front()->text()));
        QVERIFY(e.item(pow)->refused());
        // Beside the pointer, on screen.
        const QPoint notePlace = e.view->mapFromScene(notes.front()->scenePos());
        QVERIFY((notePlace - to).manhattanLength() <= 2);
        QVERIFY(vp->rect().contains(notePlace));

        QTest::mouseRelease(vp, Qt::LeftButton, {}, to);

        // Nothing connected; the reason stays where the wire was dropped, then fades away.
        QCOMPARE(e.session->undoStack()->count(), commands);
        QCOMPARE(e.data().connections.size(), wires);
        QVERIFY(e.window->findChild<QLabel*>("statusLabel")->text().contains("cycle"));
        notes = visibleNotes(e.scene);
        QCOMPARE(notes.size(), std::size_t(1));
        QVERIFY2(notes.front()->text().contains("would make a cycle"), qPrintable(notes.front()->text()));
        QVERIFY((e.view->mapFromScene(notes.front()->scenePos()) - to).manhattanLength() <= 2);
        QVERIFY(e.item(pow)->refused()); // flashed
        QTest::qWait(1200);
        QCOMPARE(visibleNotes(e.scene).size(), std::size_t(1)); // still readable after a second
        QVERIFY(!e.item(pow)->refused());
        QTRY_VERIFY_WITH_TIMEOUT(visibleNotes(e.scene).empty(), 5000);
    }

    void anAcceptedWireLeavesNoNote()
    {
        const gs::NodeId w1 = e.node("w1");
        const gs::NodeId pow = e.op("pow");
        e.drag(e.output(w1), e.input(pow, 1));
        QVERIFY(e.scene->lastRefusal().isEmpty());
        QVERIFY(visibleNotes(e.scene).empty());
    }

    void aNewDragClearsTheOldNote()
    {
        const gs::NodeId f = e.node("f");
        const gs::NodeId pow = e.op("pow");
        e.drag(e.output(f), e.input(pow, 0));
        QCOMPARE(visibleNotes(e.scene).size(), std::size_t(1));
        QWidget* vp = e.view->viewport();
        QTest::mousePress(vp, Qt::LeftButton, {}, e.output(f));
        QTest::mouseMove(vp, e.output(f) + QPoint(0, 60));
        QVERIFY(visibleNotes(e.scene).empty());
        QTest::keyClick(e.view, Qt::Key_Escape);
        QTest::mouseRelease(vp, Qt::LeftButton, {}, e.output(f) + QPoint(0, 60));
    }

private:
    Editor e;
};

QTEST_MAIN(TestWireRefusal)
#include "tst_wire_refusal.moc"
