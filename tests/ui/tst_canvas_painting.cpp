// Issue 16, painting a large graph fast: zoomed out, the canvas draws wires as sketches and leaves
// out the labels, while a picture (GraphPicture, what export draws) keeps every detail at any
// scale; the image of the wires the canvas keeps follows a real drag, a new value and a pan (what
// a frame shows with the kept image is what a frame drawn from nothing shows); hover cards are
// written when asked for.
#include "EditorTestSupport.h"

#include "document/commands/NodeCommands.h"
#include "ui/editor/EdgeItem.h"
#include "ui/editor/WireLabelLayer.h"
#include "ui/render/GraphPicture.h"
#include "ui/render/NodePainter.h"

#include <QPaintEngine>
#include <QPainter>
#include <QTest>

using namespace gs;

namespace {

/// A paint engine that only counts what it is asked to draw.
class CountingEngine : public QPaintEngine {
public:
    CountingEngine()
        : QPaintEngine(QPaintEngine::AllFeatures)
    {
    }
    bool begin(QPaintDevice*) override { return true; }
    bool end() override { return true; }
    void updateState(const QPaintEngineState& s) override
    {
        if (s.state() & DirtyPen)
            pen = s.pen();
        if (s.state() & DirtyHints)
            hints = s.renderHints();
    }
    void drawPixmap(const QRectF&, const QPixmap&, const QRectF&) override {}
    void drawTextItem(const QPointF&, const QTextItem&) override { ++texts; }
    void drawPath(const QPainterPath& path) override
    {
        // A wire in full: a curve stroked with its width (in scene units), antialiased.
        const bool curve = path.elementCount() == 4 && path.elementAt(1).type == QPainterPath::CurveToElement;
        if (curve && pen.style() != Qt::NoPen && !pen.isCosmetic() && pen.widthF() >= 1.5 && (hints & QPainter::Antialiasing))
            ++fullWires;
    }
    void drawPolygon(const QPointF*, int, PolygonDrawMode mode) override
    {
        if (mode == PolylineMode && pen.isCosmetic() && !(hints & QPainter::Antialiasing))
            ++sketches;
    }
    Type type() const override { return QPaintEngine::User; }

    int texts = 0;
    int fullWires = 0;
    int sketches = 0;
    QPen pen;
    QPainter::RenderHints hints;
};

class CountingDevice : public QPaintDevice {
public:
    QPaintEngine* paintEngine() const override { return &engine; }
    int metric(PaintDeviceMetric m) const override
    {
        switch (m) {
        case PdmWidth: return 1920;
        case PdmHeight: return 1080;
        case PdmWidthMM: return 508;
        case PdmHeightMM: return 286;
        case PdmDpiX:
        case PdmDpiY:
        case PdmPhysicalDpiX:
        case PdmPhysicalDpiY: return 96;
        case PdmDepth: return 32;
        case PdmNumColors: return INT_MAX;
        case PdmDevicePixelRatio: return 1;
        case PdmDevicePixelRatioScaled: return static_cast<int>(devicePixelRatioFScale());
        }
        return 0;
    }
    mutable CountingEngine engine;
};

/// Pixels where two images differ clearly (by more than a quarter in a channel): a wire in the
/// wrong place differs by hundreds; drawing a curve cut at another place, by none.
int clearlyDifferent(const QImage& a, const QImage& b)
{
    if (a.size() != b.size())
        return a.width() * a.height();
    const QImage x = a.convertToFormat(QImage::Format_ARGB32);
    const QImage y = b.convertToFormat(QImage::Format_ARGB32);
    int n = 0;
    for (int r = 0; r < x.height(); ++r) {
        const auto* p = reinterpret_cast<const QRgb*>(x.constScanLine(r));
        const auto* q = reinterpret_cast<const QRgb*>(y.constScanLine(r));
        for (int c = 0; c < x.width(); ++c)
            if (std::abs(qRed(p[c]) - qRed(q[c])) > 64 || std::abs(qGreen(p[c]) - qGreen(q[c])) > 64
                || std::abs(qBlue(p[c]) - qBlue(q[c])) > 64)
                ++n;
    }
    return n;
}

int labelledWires(const GraphScene& scene)
{
    int n = 0;
    for (const auto& [id, edge] : scene.edgeItems())
        n += edge->isVisible() && !edge->geometry().label.isEmpty();
    return n;
}

} // namespace

class TestCanvasPainting : public QObject {
    Q_OBJECT

    testing::Editor e;

    /// The canvas as a frame shows it now (the kept image of the wires, drawn again where needed).
    QImage frame() const { return e.view->viewport()->grab().toImage(); }
    /// The canvas drawn from nothing.
    QImage coldFrame() const
    {
        e.scene->wireLayer()->forgetImages();
        return frame();
    }
    void atFullSize()
    {
        e.view->setZoom(1.0);
        e.view->centerOn(e.scene->graphBounds().center());
    }

private slots:
    void initTestCase()
    {
        testing::useTestSettings("tst_canvas_painting");
        QVERIFY(e.open());
        e.session->setViewMode(ViewMode::Gradient); // every wire carries a gradient label
        e.window->resize(1400, 900);
        QCoreApplication::processEvents();
        QVERIFY(labelledWires(*e.scene) >= 3);
    }

    void zoomedOutTheCanvasDrawsSketches()
    {
        e.view->setZoom(0.2);
        e.view->centerOn(e.scene->graphBounds().center());
        const WireLabelLayer::Counts before = WireLabelLayer::counts();
        coldFrame();
        const WireLabelLayer::Counts sketched = WireLabelLayer::counts();
        QVERIFY(sketched.sketchedWires >= before.sketchedWires + int(e.scene->edgeItems().size()));
        QCOMPARE(sketched.detailedWires, before.detailedWires);
        QCOMPARE(sketched.labels, before.labels); // not legible there: not drawn

        atFullSize();
        coldFrame();
        const WireLabelLayer::Counts full = WireLabelLayer::counts();
        QCOMPARE(full.sketchedWires, sketched.sketchedWires);
        QVERIFY(full.detailedWires >= sketched.detailedWires + int(e.scene->edgeItems().size()));
        QVERIFY(full.labels >= sketched.labels + labelledWires(*e.scene));
    }

    void aPictureKeepsEveryDetailAtAnyScale()
    {
        const GraphPicture picture(e.data(), e.session->evaluation(), e.session->overlay(), e.scene->editorStyle());
        const int wires = static_cast<int>(e.data().connections.size());
        // The canvas at a fifth: sketches, no wire drawn in full.
        CountingDevice canvas;
        {
            QPainter painter(&canvas);
            painter.setRenderHint(QPainter::Antialiasing);
            const QRectF all = e.scene->graphBounds();
            e.scene->render(&painter, QRectF(0, 0, all.width() * 0.2, all.height() * 0.2), all);
        }
        QVERIFY(canvas.engine.sketches >= wires);
        QCOMPARE(canvas.engine.fullWires, 0);
        // The picture at a fifth: every wire stroked in full, every label and value written.
        CountingDevice device;
        {
            QPainter painter(&device);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.scale(0.2, 0.2);
            picture.paint(painter);
        }
        QCOMPARE(device.engine.sketches, 0);
        QVERIFY2(device.engine.fullWires >= wires, qPrintable(QString::number(device.engine.fullWires)));
        QVERIFY(device.engine.texts >= labelledWires(*e.scene) + int(e.data().nodes.size()));
    }

    void theKeptImageFollowsADrag()
    {
        atFullSize();
        frame();
        const QImage before = frame(); // from the kept image
        const NodeId w1 = e.node("w1");
        QVERIFY(w1.valid());
        const QPointF was = e.item(w1)->pos();
        const int drawn = WireLabelLayer::counts().imagesDrawn;
        e.drag(e.header(w1), e.header(w1) + QPoint(70, 90));
        QVERIFY((e.item(w1)->pos() - was).manhattanLength() > 100);
        QCoreApplication::processEvents(); // the labels are placed again
        const QImage after = frame();
        QCOMPARE(WireLabelLayer::counts().imagesDrawn, drawn); // only the changed parts were drawn again
        QVERIFY(clearlyDifferent(before, after) > 200);
        QVERIFY2(clearlyDifferent(after, coldFrame()) < 20, "a wire left behind, or missing, after the drag");

        e.session->undoStack()->undo();
        QCoreApplication::processEvents();
        QVERIFY2(clearlyDifferent(frame(), coldFrame()) < 20, "a wire left behind, or missing, after the undo");
    }

    void theKeptImageFollowsANewValue()
    {
        atFullSize();
        frame();
        const QImage before = frame();
        Node w1 = *e.data().node(e.node("w1"));
        w1.value = TensorValue::scalar(-7.25);
        e.session->undoStack()->push(new EditNodeCommand(e.session->document(), w1, "value"));
        QCoreApplication::processEvents();
        const QImage after = frame();
        QVERIFY(clearlyDifferent(before, after) > 50); // new gradients on the wires' labels
        QVERIFY2(clearlyDifferent(after, coldFrame()) < 20, "a label or wire not drawn again after a new value");
        e.session->undoStack()->undo();
        QCoreApplication::processEvents();
    }

    void aWireDetachedByADragLeavesTheImage()
    {
        atFullSize();
        frame();
        // The wire into w1's consumer's first input, dragged off it: hidden until it is dropped.
        const gs::Connection* wire = nullptr;
        for (const auto& [id, c] : e.data().connections)
            if (c.from == e.node("w1"))
                wire = &c;
        QVERIFY(wire);
        const gs::ConnectionId id = wire->id;
        const QPoint port = e.input(wire->to, wire->port);
        QWidget* vp = e.view->viewport();
        const QImage before = frame();
        QTest::mousePress(vp, Qt::LeftButton, {}, port);
        QTest::mouseMove(vp, port + QPoint(-40, 120));
        QTest::mouseMove(vp, port + QPoint(-80, 240));
        QVERIFY(!e.scene->edgeItem(id)->isVisible());
        const QImage dragging = frame();
        QVERIFY(clearlyDifferent(before, dragging) > 20);
        QVERIFY2(clearlyDifferent(dragging, coldFrame()) < 20, "a detached wire still drawn");
        QTest::mouseMove(vp, port);
        QTest::mouseRelease(vp, Qt::LeftButton, {}, port); // dropped back where it was
        QCoreApplication::processEvents();
        QVERIFY(e.scene->edgeItem(id) && e.scene->edgeItem(id)->isVisible());
        QVERIFY2(clearlyDifferent(frame(), coldFrame()) < 20, "a wire dropped back not drawn again");
    }

    void panningDrawsOnlyWhatComesIntoView()
    {
        atFullSize();
        coldFrame();
        const WireLabelLayer::Counts before = WireLabelLayer::counts();
        const QPoint centre = e.view->viewport()->rect().center();
        e.drag(centre, centre + QPoint(-150, 60), Qt::MiddleButton);
        const QImage panned = frame();
        QCOMPARE(WireLabelLayer::counts().imagesDrawn, before.imagesDrawn);
        QVERIFY(WireLabelLayer::counts().imagesReused > before.imagesReused);
        QVERIFY2(clearlyDifferent(panned, coldFrame()) < 20, "the kept image was copied to the wrong place");
    }

    void hoverCardsAreWrittenWhenAskedFor()
    {
        const NodeId w1 = e.node("w1");
        const QGraphicsItem* item = e.item(w1);
        QVERIFY(e.item(w1)->toolTip().contains(QStringLiteral("w1")));
        QVERIFY(!item->toolTip().isEmpty()); // the card QGraphicsScene shows is the one written
        for (const auto& [id, edge] : e.scene->edgeItems())
            QVERIFY(!edge->toolTip().isEmpty());
    }
};

QTEST_MAIN(TestCanvasPainting)
#include "tst_canvas_painting.moc"
