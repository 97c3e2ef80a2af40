// The node editor driven like a user drives it: mouse and keys on the canvas's viewport.
#include "EditorTestSupport.h"

#include "document/FormulaReader.h"
#include "document/GraphDocument.h"
#include "ui/files/DocumentFiles.h"
#include "ui/editor/EdgeItem.h"
#include "ui/editor/GraphEditing.h"
#include "ui/editor/NodeFactory.h"
#include "ui/panels/NodePalette.h"
#include "ui/render/AutoLayout.h"
#include "ui/render/ValueDisplay.h"

#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QMimeData>
#include <QTreeWidget>
#include <QFontInfo>
#include <QLabel>
#include <QLineEdit>
#include <QStatusBar>
#include <QWheelEvent>
#include <QUndoStack>

using testing::Editor;

namespace {

double value(const gs::EditorSession* s, gs::NodeId id)
{
    const gs::NodeState& n = s->overlay().node(id);
    return n.value ? n.value->item() : NAN;
}

double gradientOf(const gs::EditorSession* s, gs::NodeId id)
{
    for (const gs::SourceGradient& g : s->evaluation().gradients)
        if (g.node == id && g.gradient)
            return g.gradient->item();
    return NAN;
}

} // namespace

class TestEditor : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { testing::useTestSettings("tst_editor"); }

    void init()
    {
        QGuiApplication::clipboard()->clear();
        QVERIFY(e.open());
    }

    void cleanup() { e.window.reset(); }

    void fontsAreInstalled() { QVERIFY(!QFontInfo(qApp->font()).family().isEmpty()); }

    void startsWithTheBooksExampleAndItsGradients()
    {
        QCOMPARE(gradientOf(e.session, e.node("w1")), 36.0);
        QCOMPARE(gradientOf(e.session, e.node("w2")), 10.0);
        QCOMPARE(e.session->viewMode(), gs::ViewMode::Gradient);
        // What the nodes themselves show.
        QCOMPARE(e.item(e.node("w1"))->content().value.text, QStringLiteral("36.0"));
        QCOMPARE(e.item(e.node("w2"))->content().value.text, QStringLiteral("10.0"));
        QCOMPARE(e.item(e.node("f"))->content().secondary, QStringLiteral("value 105.0"));
        QVERIFY(e.session->undoStack()->isClean());
        QVERIFY(!e.window->isWindowModified());
    }

    void buildAGraphWithThePaletteAndDrags()
    {
        e.ws->files()->newDocument();
        QVERIFY(e.data().nodes.empty());
        gs::NodePalette* palette = e.ws->palette();

        // Two variables from the palette dock, each dragged away from where it landed.
        const QPoint centre = e.view->viewport()->rect().center();
        for (const QPoint& to : {centre + QPoint(-220, -70), centre + QPoint(-220, 70)}) {
            palette->searchField()->setText(QStringLiteral("Variable"));
            QTest::keyClick(palette->searchField(), Qt::Key_Return);
            const std::vector<gs::NodeId> selected = e.scene->selectedNodes();
            QCOMPARE(selected.size(), std::size_t(1));
            e.drag(e.header(selected.front()), e.header(selected.front()) + (to - centre));
        }
        QCOMPARE(e.data().nodes.size(), std::size_t(2));

        // A mul from the Shift+A popup, by typing its name.
        e.view->setFocus();
        QTest::keyClick(e.view, Qt::Key_A, Qt::ShiftModifier);
        QTRY_VERIFY(e.ws->palettePopup()->isVisible());
        QTest::keyClicks(e.ws->palettePopup()->palette()->searchField(), QStringLiteral("mul"));
        QTest::keyClick(e.ws->palettePopup()->palette()->searchField(), Qt::Key_Return);
        QVERIFY(!e.ws->palettePopup()->isVisible());
        const gs::NodeId mul = e.op("mul");
        QVERIFY(mul.valid());
        e.drag(e.header(mul), e.header(mul) + QPoint(140, 0));

        // Wires: v1 -> x, v2 -> y.
        const gs::NodeId v1 = e.node("v1");
        const gs::NodeId v2 = e.node("v2");
        QVERIFY(v1.valid() && v2.valid());
        e.drag(e.output(v1), e.input(mul, 0));
        e.drag(e.output(v2), e.input(mul, 1));
        QVERIFY(e.data().connectionInto(mul, 0) && e.data().connectionInto(mul, 0)->from == v1);
        QVERIFY(e.data().connectionInto(mul, 1) && e.data().connectionInto(mul, 1)->from == v2);

        e.scene->selectNodes({mul});
        e.ws->editing()->setTarget(mul);
        QVERIFY(e.session->evaluation().ok());
        QCOMPARE(value(e.session, mul), 1.0);
        QCOMPARE(gradientOf(e.session, v1), 1.0);
    }

    void paletteEntriesDropOntoTheCanvasAndOntoPorts()
    {
        gs::NodePalette* palette = e.ws->palette();
        palette->searchField()->setText(QStringLiteral("exp"));
        QTreeWidget* list = palette->list();
        QTreeWidgetItem* entry = list->currentItem();
        QVERIFY(entry && entry->text(0) == QStringLiteral("exp"));
        QVERIFY(entry->toolTip(0).contains(QStringLiteral("Drag")));
        // What the list hands to a drag.
        const QModelIndex index = list->currentIndex();
        std::unique_ptr<QMimeData> mime(list->model()->mimeData({index}));
        QVERIFY(mime && mime->hasFormat(QLatin1StringView(gs::paletteEntryMimeType)));
        QVERIFY(list->dragEnabled());

        const auto dropAt = [&](const QPoint& at) {
            QDragEnterEvent enter(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(e.view->viewport(), &enter);
            if (!enter.isAccepted())
                return false;
            QDragMoveEvent move(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(e.view->viewport(), &move);
            QDropEvent drop(QPointF(at), Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(e.view->viewport(), &drop);
            return drop.isAccepted();
        };
        // On empty canvas: added where it is dropped.
        const gs::NodeId f = e.node("f");
        const QPoint empty = e.output(f) + QPoint(140, 90);
        QVERIFY(e.view->itemAt(empty) == nullptr);
        QVERIFY(dropAt(empty));
        const gs::NodeId exp = e.op("exp");
        QVERIFY(exp.valid());
        QVERIFY(e.item(exp)->sceneBoundingRect().contains(e.view->mapToScene(empty)));
        QVERIFY(!e.data().connectionInto(exp, 0));
        e.session->undoStack()->undo();
        // On f's output port: added and fed by f, in one undo step.
        const int commands = e.session->undoStack()->index();
        QVERIFY(dropAt(e.output(f)));
        const gs::NodeId fed = e.op("exp");
        QVERIFY(fed.valid());
        QVERIFY(e.data().connectionInto(fed, 0) && e.data().connectionInto(fed, 0)->from == f);
        QCOMPARE(e.session->undoStack()->index(), commands + 1);

        // With the palette tabbed over the Inspector (a small screen), the palette stays in
        // front while nodes are added from it; clicking a node brings the Inspector.
        auto* paletteDock = e.window->findChild<QDockWidget*>(QStringLiteral("paletteDock"));
        auto* inspectorDock = e.window->findChild<QDockWidget*>(QStringLiteral("inspectorDock"));
        QVERIFY(paletteDock && inspectorDock);
        e.window->tabifyDockWidget(inspectorDock, paletteDock);
        paletteDock->raise();
        QTRY_VERIFY(!paletteDock->visibleRegion().isEmpty());
        QVERIFY(dropAt(empty + QPoint(0, 60)));
        QCoreApplication::processEvents();
        QVERIFY(!paletteDock->visibleRegion().isEmpty());
        QVERIFY(inspectorDock->visibleRegion().isEmpty());
        e.click(e.header(f));
        QTRY_VERIFY(!inspectorDock->visibleRegion().isEmpty());
    }

    void nodesAddedFromThePaletteNeverStack()
    {
        gs::NodePalette* palette = e.ws->palette();
        std::vector<gs::NodeId> added;
        for (int i = 0; i < 3; ++i) {
            palette->searchField()->setText(QStringLiteral("Variable"));
            QTest::keyClick(palette->searchField(), Qt::Key_Return);
            added.push_back(e.scene->selectedNodes().front());
        }
        QCoreApplication::processEvents();
        for (std::size_t i = 0; i < added.size(); ++i)
            for (std::size_t j = i + 1; j < added.size(); ++j)
                QVERIFY(!e.item(added[i])->sceneBoundingRect().intersects(e.item(added[j])->sceneBoundingRect()));
        for (const auto& [id, n] : e.data().nodes)
            if (std::find(added.begin(), added.end(), id) == added.end())
                for (gs::NodeId a : added)
                    QVERIFY(!e.item(a)->sceneBoundingRect().intersects(e.item(id)->sceneBoundingRect()));
    }

    void aWireDroppedOnEmptyCanvasAddsTheNodeItFeeds()
    {
        // The book's f: its final add feeds nothing, and the canvas right of it is empty.
        const gs::NodeId mul = e.node("f");
        QVERIFY(mul.valid());
        const std::size_t nodes = e.data().nodes.size();
        const int commands = e.session->undoStack()->count();
        const QPoint empty = e.output(mul) + QPoint(120, 60);
        QVERIFY(e.view->itemAt(empty) == nullptr);
        e.drag(e.output(mul), empty);
        QTRY_VERIFY(e.ws->palettePopup()->isVisible());
        QTest::keyClicks(e.ws->palettePopup()->palette()->searchField(), QStringLiteral("exp"));
        QTest::keyClick(e.ws->palettePopup()->palette()->searchField(), Qt::Key_Return);
        QCOMPARE(e.data().nodes.size(), nodes + 1);
        const gs::NodeId exp = e.op("exp");
        QVERIFY(exp.valid());
        QVERIFY(e.data().connectionInto(exp, 0) && e.data().connectionInto(exp, 0)->from == mul);
        // Adding and wiring are one gesture, so one undo removes both.
        QCOMPARE(e.session->undoStack()->count(), commands + 1);
        e.session->undoStack()->undo();
        QCOMPARE(e.data().nodes.size(), nodes);
        QVERIFY(!e.op("exp").valid());
    }

    void aCycleIsRefusedWithAReason()
    {
        const gs::NodeId f = e.node("f");
        const gs::NodeId pow = e.op("pow");
        const int commands = e.session->undoStack()->count();
        const std::size_t wires = e.data().connections.size();
        e.drag(e.output(f), e.input(pow, 0));
        QVERIFY2(e.scene->lastRefusal().contains("cycle"), qPrintable(e.scene->lastRefusal()));
        QCOMPARE(e.session->undoStack()->count(), commands);
        QCOMPARE(e.data().connections.size(), wires);
        QVERIFY(e.window->findChild<QLabel*>("statusLabel")->text().contains("cycle"));
    }

    void incompatibleShapesAreRefused()
    {
        gs::FormulaResult r = gs::readFormula(QStringLiteral("a = Variable([1.0, 2.0, 3.0])\nb = Variable([1.0, 2.0])\nc = a + a"));
        QVERIFY(r.ok());
        gs::applyAutoLayout(r.data, e.scene->editorStyle());
        e.session->load(r.data);
        e.view->fitAll();
        const gs::NodeId add = e.op("add");
        const int commands = e.session->undoStack()->count();
        e.drag(e.output(e.node("b")), e.input(add, 1));
        QVERIFY2(e.scene->lastRefusal().startsWith("incompatible"), qPrintable(e.scene->lastRefusal()));
        QCOMPARE(e.session->undoStack()->count(), commands);
        QCOMPARE(e.data().connectionInto(add, 1)->from, e.node("a"));
    }

    void dragAConnectedInputToDetachIt()
    {
        const gs::NodeId pow = e.op("pow");
        const gs::Connection* before = e.data().connectionInto(pow, 0);
        QVERIFY(before);
        const QPoint empty = e.at(e.item(pow)->pos() + QPointF(0, -160));
        e.drag(e.input(pow, 0), empty);
        QVERIFY(!e.data().connectionInto(pow, 0));
        QVERIFY(!e.session->evaluation().ok()); // pow is missing an input now
        QTest::keyClick(e.view, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(e.data().connectionInto(pow, 0));
        QCOMPARE(gradientOf(e.session, e.node("w1")), 36.0);
    }

    void deleteUndoRedo()
    {
        const gs::NodeId w2 = e.node("w2");
        e.click(e.header(w2));
        QCOMPARE(e.scene->selectedNodes(), std::vector<gs::NodeId>{w2});
        QTest::keyClick(e.view, Qt::Key_Delete);
        QVERIFY(!e.data().node(w2));
        QVERIFY(!e.item(w2));
        QVERIFY(!e.session->evaluation().ok());
        QTest::keyClick(e.view, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(e.data().node(w2));
        QVERIFY(e.item(w2));
        QCOMPARE(gradientOf(e.session, w2), 10.0);
        QTest::keyClick(e.view, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(!e.data().node(w2));
    }

    void aDragIsOneUndoCommand()
    {
        const gs::NodeId w1 = e.node("w1");
        const QPointF before = e.data().node(w1)->position;
        const int commands = e.session->undoStack()->count();
        e.drag(e.header(w1), e.header(w1) + QPoint(-60, 45));
        QCOMPARE(e.session->undoStack()->count(), commands + 1);
        QVERIFY(e.data().node(w1)->position != before);
        QCOMPARE(e.item(w1)->pos(), e.data().node(w1)->position);
        e.session->undoStack()->undo();
        QCOMPARE(e.data().node(w1)->position, before);
        QCOMPARE(e.item(w1)->pos(), before);
    }

    void boxSelectAndShiftClick()
    {
        const gs::NodeId w1 = e.node("w1");
        const gs::NodeId w2 = e.node("w2");
        const QRectF both = e.item(w1)->sceneBoundingRect().united(e.item(w2)->sceneBoundingRect());
        // From empty canvas left of the two variables to below-right of them.
        e.drag(e.at(both.topLeft() + QPointF(-30, -30)), e.at(both.bottomRight() + QPointF(10, 10)));
        const std::vector<gs::NodeId> selected = e.scene->selectedNodes();
        QVERIFY(std::find(selected.begin(), selected.end(), w1) != selected.end());
        QVERIFY(std::find(selected.begin(), selected.end(), w2) != selected.end());
        // A click selects one; Shift+click adds another, and removes it again.
        const gs::NodeId f = e.node("f");
        e.click(e.header(w1));
        QCOMPARE(e.scene->selectedNodes(), std::vector<gs::NodeId>{w1});
        e.click(e.header(f), Qt::ShiftModifier);
        QCOMPARE(e.scene->selectedNodes().size(), std::size_t(2));
        e.click(e.header(f), Qt::ShiftModifier);
        QCOMPARE(e.scene->selectedNodes(), std::vector<gs::NodeId>{w1});
    }

    void copyPasteAndDuplicate()
    {
        const gs::NodeId w1 = e.node("w1");
        e.click(e.header(w1));
        const std::size_t nodes = e.data().nodes.size();
        QTest::keyClick(e.view, Qt::Key_C, Qt::ControlModifier);
        QTest::keyClick(e.view, Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(e.data().nodes.size(), nodes + 1);
        QVERIFY(e.node("w1_2").valid());
        QCOMPARE(e.data().node(e.node("w1_2"))->value->values.front(), 5.0);
        QTest::keyClick(e.view, Qt::Key_D, Qt::ControlModifier);
        QCOMPARE(e.data().nodes.size(), nodes + 2);
        QTest::keyClick(e.view, Qt::Key_Z, Qt::ControlModifier);
        QTest::keyClick(e.view, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(e.data().nodes.size(), nodes);
    }

    void panAndFrame()
    {
        const QPointF centre = e.view->mapToScene(e.view->viewport()->rect().center());
        e.drag(e.view->viewport()->rect().center(), e.view->viewport()->rect().center() + QPoint(80, 40), Qt::MiddleButton);
        const QPointF moved = e.view->mapToScene(e.view->viewport()->rect().center());
        QVERIFY(std::abs((moved - centre).x() + 80 / e.view->zoom()) < 2);
        QTest::keyClick(e.view, Qt::Key_Home);
        const QRectF visible = e.view->mapToScene(e.view->viewport()->rect()).boundingRect();
        QVERIFY(visible.contains(e.scene->graphBounds()));
    }

    void wheelZoomsAtTheCursor()
    {
        const QPoint cursor = e.header(e.node("f"));
        const QPointF under = e.view->mapToScene(cursor);
        const double zoom = e.view->zoom();
        QWheelEvent wheel(cursor, e.view->viewport()->mapToGlobal(cursor), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(e.view->viewport(), &wheel);
        QVERIFY(e.view->zoom() > zoom);
        QVERIFY((e.view->mapToScene(cursor) - under).manhattanLength() < 2);
    }

private:
    Editor e;
};

QTEST_MAIN(TestEditor)
#include "tst_editor.moc"
