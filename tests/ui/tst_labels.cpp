// Wire labels, pills and callouts never collide (issue 11, item 9): on the canvas and in every
// picture they are placed clear of the nodes (boxes, ports, pills), of each other and of the
// chevrons, and drawn above the wires and the lesson halos. Checked on hand-made crossings and on
// every step of the built-in lessons, on a desk and on a projector, in both views and in step mode.
#include "document/Evaluation.h"
#include "document/FormulaReader.h"
#include "document/LessonFrame.h"
#include "ui/editor/EdgeItem.h"
#include "ui/editor/EditorSession.h"
#include "ui/editor/GraphScene.h"
#include "ui/editor/HaloItem.h"
#include "ui/editor/NodeItem.h"
#include "ui/editor/WireLabelLayer.h"
#include "ui/files/Examples.h"
#include "ui/lessons/LessonCatalog.h"
#include "ui/render/AnnotationPlacement.h"
#include "ui/render/AutoLayout.h"
#include "ui/render/EditorStyle.h"
#include "ui/render/RectIndex.h"

#include <QFontMetricsF>
#include <QTest>
#include <QUndoStack>

using namespace gs;

namespace {

/// Area two rectangles share (touching does not count; half a unit of rounding is forgiven).
bool collide(const QRectF& a, const QRectF& b)
{
    const QRectF r = a.intersected(b);
    return r.width() > 0.5 && r.height() > 0.5;
}

QString rectText(const QRectF& r)
{
    return QStringLiteral("(%1,%2 %3x%4)").arg(r.x(), 0, 'f', 0).arg(r.y(), 0, 'f', 0).arg(r.width(), 0, 'f', 0).arg(r.height(), 0, 'f', 0);
}

/// Everything that collides on the scene, as sentences (empty when nothing does).
QStringList collisions(const GraphScene& scene)
{
    struct Box {
        QString what;
        QRectF rect;
        NodeId node; ///< whose box, pill or callout it is
    };
    std::vector<Box> cores;
    std::vector<Box> callouts;
    std::vector<Box> labels;
    for (const auto& [id, n] : scene.data().nodes) {
        const NodeItem* item = scene.nodeItem(id);
        if (!item || !item->isVisible())
            continue;
        const QString name = scene.data().displayName(id);
        cores.push_back({name, item->geometry().core().translated(item->pos()), id});
        if (!item->geometry().callout.isEmpty())
            callouts.push_back({QStringLiteral("the callout of ") + name, item->geometry().callout.translated(item->pos()), id});
    }
    for (const auto& [cid, c] : scene.data().connections) {
        const EdgeItem* edge = scene.edgeItem(cid);
        if (edge && edge->isVisible() && !edge->geometry().label.isEmpty())
            labels.push_back({QStringLiteral("label '%1' of %2 -> %3")
                                  .arg(edge->look().label, scene.data().displayName(c.from), scene.data().displayName(c.to)),
                              edge->geometry().label, {}});
    }
    QStringList problems;
    const auto check = [&](const Box& a, const Box& b) {
        if (collide(a.rect, b.rect))
            problems << QStringLiteral("%1 %2 covers %3 %4").arg(a.what, rectText(a.rect), b.what, rectText(b.rect));
    };
    for (std::size_t i = 0; i < labels.size(); ++i) {
        for (const Box& core : cores)
            check(labels[i], core);
        for (const Box& callout : callouts)
            check(labels[i], callout);
        for (std::size_t j = i + 1; j < labels.size(); ++j)
            check(labels[i], labels[j]);
    }
    for (std::size_t i = 0; i < callouts.size(); ++i) {
        for (const Box& core : cores)
            if (core.node != callouts[i].node)
                check(callouts[i], core);
        for (std::size_t j = i + 1; j < callouts.size(); ++j)
            check(callouts[i], callouts[j]);
    }
    return problems;
}

GraphData read(const char* formula)
{
    const FormulaResult r = readFormula(QString::fromUtf8(formula));
    if (!r.ok())
        qFatal("%s", qPrintable(r.error->formatted()));
    return r.data;
}

/// One scene showing documents, laid out for its style as a lesson step is.
struct Canvas {
    QUndoStack stack;
    EditorSession session{&stack};
    GraphScene scene{&session};

    explicit Canvas(const EditorStyle& style) { scene.setEditorStyle(style); }

    void show(const LessonFrame& frame)
    {
        session.load(frame.data);
        session.setDType(frame.dtype);
        session.setWatched(frame.watched);
        session.setJacobian(frame.jacobian);
        session.setHessian(frame.hessian);
    }
};

/// A document's lesson steps, each laid out for `style` as the lesson player does.
std::vector<LessonFrame> framesOf(const GraphData& lesson, const EditorStyle& style)
{
    std::vector<LessonFrame> frames;
    const auto layout = [&style](GraphData& data, const EvaluationOptions& options) {
        const Evaluation evaluation = evaluate(data, options);
        for (const auto& [id, p] : autoLayout(data, style, {}, &evaluation))
            data.node(id)->position = p;
    };
    for (int i = 0; i < static_cast<int>(lesson.lesson.steps.size()); ++i)
        frames.push_back(lessonFrame(lesson, i, layout));
    return frames;
}

EditorStyle deskStyle() { return EditorStyle::light(); }
EditorStyle projectorStyle() { return EditorStyle::darkStyle().forPresentation(18); }

} // namespace

class TestLabels : public QObject {
    Q_OBJECT
private slots:
    void theGridIndexAnswersAsAListWould()
    {
        // Rectangles inside, across and far beyond the grid's extent, against a plain list.
        RectIndex index(QRectF(0, 0, 1000, 600), 100);
        std::vector<QRectF> all;
        std::uint32_t seed = 7;
        const auto next = [&seed] { return (seed = seed * 1664525u + 1013904223u) >> 8; };
        for (int i = 0; i < 300; ++i) {
            const QRectF r(double(next() % 1600) - 300, double(next() % 1200) - 300, 5 + next() % 180, 5 + next() % 90);
            all.push_back(r);
            index.insert(r);
        }
        for (int i = 0; i < 500; ++i) {
            const QRectF q(double(next() % 1800) - 400, double(next() % 1400) - 400, 1 + next() % 120, 1 + next() % 60);
            double area = 0;
            for (const QRectF& r : all) {
                const QRectF x = r.intersected(q);
                area += x.isEmpty() ? 0 : x.width() * x.height();
            }
            QCOMPARE(index.overlaps(q), area > 0);
            QVERIFY(std::abs(index.overlapArea(q) - area) < 1e-6);
        }
    }

    void aCrossingPairOfLabelsIsPulledApart()
    {
        // Two wires that cross: at their preferred spots (62% of the way) the labels overlap.
        const EditorStyle style = deskStyle();
        std::vector<EdgeGeometry> wires = {
            EdgeGeometry::compute({0, 0}, {200, 24}, QStringLiteral("30.0"), false, 2, style),
            EdgeGeometry::compute({0, 24}, {200, 0}, QStringLiteral("1.0"), false, 2, style),
        };
        QVERIFY2(collide(wires[0].label, wires[1].label), "the test needs labels that collide where they start");
        const AnnotationPlacement placed = placeAnnotations({}, {{&wires[0], 2}, {&wires[1], 2}});
        for (std::size_t i = 0; i < wires.size(); ++i)
            wires[i].placeLabel(placed.labels[i]);
        QVERIFY2(!collide(wires[0].label, wires[1].label), qPrintable(rectText(wires[0].label) + rectText(wires[1].label)));
        // Each label stays on (or right beside) its own wire.
        for (const EdgeGeometry& w : wires) {
            const QPointF on = w.pointAt(w.spot.t);
            QVERIFY(std::abs(w.label.center().x() - on.x()) < 1);
            QVERIFY(std::abs(w.label.center().y() - on.y()) <= w.label.height() + 12);
        }
    }

    void labelsSlideOffNodesAndPills()
    {
        // A node sits where the label would be, with a pill above it: the label moves along.
        const EditorStyle style = deskStyle();
        EdgeGeometry wire = EdgeGeometry::compute({0, 50}, {300, 50}, QStringLiteral("2.68812e+43"), false, 2, style);
        NodeContent content;
        content.title = QStringLiteral("s");
        content.tags = {NodeBadge::NoGradient};
        const NodeGeometry node = NodeGeometry::compute(content, style);
        const QPointF at = wire.label.center() - node.pills.front().center();
        QVERIFY(collide(wire.label, node.pills.front().translated(at)));
        const AnnotationPlacement placed = placeAnnotations({{at, &node}}, {{&wire, 2}});
        wire.placeLabel(placed.labels[0]);
        QVERIFY2(!collide(wire.label, node.core().translated(at)), qPrintable(rectText(wire.label)));
    }

    void aCalloutMovesWhereItIsFree()
    {
        // A step's callout under a node whose neighbour sits right below it goes to another side.
        const EditorStyle style = deskStyle();
        NodeContent busy;
        busy.title = QStringLiteral("mul");
        busy.callout = {QStringLiteral("mul(5.0, 2.0) = 10.0")};
        NodeContent plain;
        plain.title = QStringLiteral("pow");
        const NodeGeometry a = NodeGeometry::compute(busy, style);
        const NodeGeometry b = NodeGeometry::compute(plain, style);
        const QPointF below(0, a.box.height() + 12);
        QVERIFY(collide(a.callout, b.core().translated(below)));
        const AnnotationPlacement placed = placeAnnotations({{{0, 0}, &a, true}, {below, &b}}, {});
        QVERIFY(placed.callouts[0] != a.calloutPlaces().front()); // not below any more
        NodeGeometry moved = a;
        moved.placeCallout(placed.callouts[0]);
        QVERIFY(!collide(moved.callout, b.core().translated(below)));
        QVERIFY(!collide(moved.callout, moved.core()));
    }

    void valuesStayInsideTheirNode()
    {
        // float64 thirds in a table on a projector: the node is as wide as its table.
        const EditorStyle style = projectorStyle();
        NodeContent content;
        content.title = QStringLiteral("pow");
        content.ports = {QStringLiteral("x"), QStringLiteral("y")};
        content.valuePrefix = QStringLiteral("∂");
        content.value = ValueDisplay::of(Tensor::vector({1.0 / 3, 1.0 / 3, 1.0 / 3}, DType::Float64));
        QCOMPARE(content.value.kind, ValueDisplay::Kind::Table);
        const NodeGeometry g = NodeGeometry::compute(content, style);
        const double tableRight = g.valueArea.left() + QFontMetricsF(style.valueFont).horizontalAdvance(content.valuePrefix + u' ')
                                  + g.tableCell.width() * content.value.columns;
        QVERIFY2(tableRight <= g.box.right() - style.padding + 0.5, qPrintable(QString::number(tableRight) + " > " + QString::number(g.box.right())));
    }

    void noCollisionsInAnyLessonStep_data()
    {
        QTest::addColumn<bool>("projector");
        QTest::newRow("desk") << false;
        QTest::newRow("projector") << true;
    }
    void noCollisionsInAnyLessonStep()
    {
        QFETCH(bool, projector);
        const EditorStyle style = projector ? projectorStyle() : deskStyle();
        Canvas canvas(style);
        QStringList problems;
        int checked = 0;
        for (const BuiltinLesson& lesson : builtinLessons()) {
            QString error;
            const std::optional<GraphData> document = readDocument(lesson.resource, &error);
            QVERIFY2(document, qPrintable(error));
            const std::vector<LessonFrame> frames = framesOf(*document, style);
            for (std::size_t i = 0; i < frames.size(); ++i) {
                canvas.show(frames[i]);
                for (ViewMode mode : {ViewMode::Forward, ViewMode::Gradient}) {
                    canvas.session.setViewMode(mode);
                    for (const QString& p : collisions(canvas.scene))
                        problems << QStringLiteral("%1 step %2 (%3): %4")
                                        .arg(lesson.title)
                                        .arg(i + 1)
                                        .arg(mode == ViewMode::Forward ? "forward" : "gradient", p);
                    ++checked;
                }
            }
        }
        QVERIFY(checked >= 2 * 30);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void stepModeCalloutsCoverNoNode()
    {
        // Replaying the tape: each event's callout and the products on its wires ("1.0 × 30.0 =
        // 30.0") find room beside the nodes, on a desk and on a projector.
        for (const EditorStyle& style : {deskStyle(), projectorStyle()}) {
            Canvas canvas(style);
            GraphData data = read("w1 = Variable(5.0)\nw2 = Variable(3.0)\nf = 3 * w1 ** 2 + 2 * w1 * w2");
            applyAutoLayout(data, style);
            canvas.session.load(data);
            QStringList problems;
            for (int step = 0; step <= canvas.session.stepCount(); ++step) {
                canvas.session.setStep(step);
                for (const QString& p : collisions(canvas.scene))
                    problems << QStringLiteral("step %1: %2").arg(step).arg(p);
            }
            QVERIFY(canvas.session.stepCount() > 10);
            QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        }
    }

    void labelsAreAboveHalosAndWires()
    {
        Canvas canvas(deskStyle());
        GraphData data = read("w1 = Variable(5.0)\nw2 = Variable(3.0)\ns = stop_gradient(2 * w1 * w2)\nf = 3 * w1 ** 2 + s");
        applyAutoLayout(data, canvas.scene.editorStyle());
        canvas.session.load(data);
        canvas.session.setViewMode(ViewMode::Gradient);
        std::vector<NodeId> all;
        for (const auto& [id, n] : data.nodes)
            all.push_back(id);
        canvas.scene.setHighlighted(all);
        QCOMPARE(canvas.scene.highlighted().size(), all.size());
        QGraphicsItem* layer = nullptr;
        for (QGraphicsItem* item : canvas.scene.items())
            if (item->type() == WireLabelLayer::Type)
                layer = item;
        QVERIFY(layer && layer->isVisible());
        int labels = 0;
        for (const auto& [cid, c] : data.connections) {
            const QRectF label = canvas.scene.edgeItem(cid)->geometry().label;
            if (label.isEmpty())
                continue;
            ++labels;
            QVERIFY(layer->sceneBoundingRect().contains(label));
            // Whatever is drawn over a label is a node (which the placement keeps off it).
            for (QGraphicsItem* above : canvas.scene.items(label, Qt::IntersectsItemBoundingRect, Qt::DescendingOrder)) {
                if (above == layer)
                    break;
                QVERIFY2(above->type() != HaloItem::Type, "a halo is drawn over a wire's label");
                QVERIFY2(above->type() != EdgeItem::Type, "a wire is drawn over a wire's label");
            }
        }
        QVERIFY(labels >= 4);
        // Halos follow their nodes.
        NodeItem* w1 = canvas.scene.nodeItem(data.findLabel("w1"));
        w1->setPos(w1->pos() + QPointF(40, 25));
        for (QGraphicsItem* item : canvas.scene.items())
            if (item->type() == HaloItem::Type && item->sceneBoundingRect().contains(w1->sceneBoundingRect().center()))
                QCOMPARE(item->pos(), w1->pos());
    }

    void placingIsDeterministicAndFollowsMoves()
    {
        Canvas canvas(deskStyle());
        GraphData data = read("w1 = Variable(5.0)\nw2 = Variable(3.0)\nf = 3 * w1 ** 2 + 2 * w1 * w2");
        applyAutoLayout(data, canvas.scene.editorStyle());
        canvas.session.load(data);
        canvas.session.setViewMode(ViewMode::Gradient);
        std::map<ConnectionId, QRectF> first;
        for (const auto& [cid, c] : data.connections)
            first[cid] = canvas.scene.edgeItem(cid)->geometry().label;
        canvas.scene.placeAnnotations();
        for (const auto& [cid, c] : data.connections)
            QCOMPARE(canvas.scene.edgeItem(cid)->geometry().label, first[cid]);
        // A node (c, on its own) dragged onto the label of a long wire (a -> mul passes the
        // columns of both exps): once the event loop has run (one placement for the whole drag),
        // the label has slid along its wire out of the way.
        GraphData two = read("a = Variable(1.0)\nc = constant(7.0)\nd = a * exp(exp(a))");
        applyAutoLayout(two, canvas.scene.editorStyle());
        canvas.session.load(two);
        canvas.session.setViewMode(ViewMode::Gradient);
        QVERIFY(collisions(canvas.scene).isEmpty());
        ConnectionId fromA;
        for (const Connection* c : two.outputsOf(two.findLabel("a")))
            if (two.node(c->to)->op == u"mul")
                fromA = c->id;
        const QRectF label = canvas.scene.edgeItem(fromA)->geometry().label;
        QVERIFY(!label.isEmpty());
        NodeItem* moved = canvas.scene.nodeItem(two.findLabel("c"));
        moved->setPos(label.center() - moved->geometry().box.center());
        QVERIFY(collide(canvas.scene.edgeItem(fromA)->geometry().label, moved->geometry().core().translated(moved->pos())));
        QTRY_VERIFY2(collisions(canvas.scene).isEmpty(), qPrintable(collisions(canvas.scene).join(u'\n')));
        QVERIFY(canvas.scene.edgeItem(fromA)->geometry().label != label);
    }
};

QTEST_MAIN(TestLabels)
#include "tst_labels.moc"
