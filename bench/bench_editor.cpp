// The editor's speed on a 1,000-node graph (goals from issue #5):
//   full re-evaluation with gradients after an edit < 10 ms, loading the file < 300 ms,
//   and what one frame costs: overlay, scene rebuild, painting the whole graph.
//   bench_editor --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include "document/DocumentFile.h"
#include "document/Evaluation.h"
#include "document/GraphDocument.h"
#include "ui/editor/EditorSession.h"
#include "ui/editor/GraphScene.h"
#include "ui/editor/WireLabelLayer.h"
#include "ui/render/AnnotationPlacement.h"
#include "ui/render/EdgePainter.h"
#include "ui/render/EditorStyle.h"
#include "ui/render/GraphOverlay.h"
#include "ui/render/GraphPicture.h"

#include <QApplication>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QUndoStack>

#include <benchmark/benchmark.h>

#include <map>
#include <random>

using namespace gs;

namespace {

/// 1,000 nodes: 40 variables, then ops that each combine one or two earlier values (add, mul,
/// sub, tanh, sigmoid, square), summed into one target by add_n layers. Values stay finite.
GraphData thousandNodes()
{
    GraphData g;
    std::mt19937 random(12345);
    int next = 1;
    std::vector<NodeId> values;
    const auto add = [&](Node n) {
        n.id = NodeId{next++};
        n.position = QPointF((n.id.value % 40) * 220.0, (n.id.value / 40) * 140.0);
        g.nodes[n.id] = n;
        values.push_back(n.id);
        return n.id;
    };
    const auto wire = [&](NodeId from, NodeId to, int port) {
        const ConnectionId id = g.nextConnectionId();
        g.connections[id] = Connection{id, from, to, port};
    };
    for (int i = 0; i < 40; ++i) {
        Node v;
        v.kind = NodeKind::Variable;
        v.label = QStringLiteral("w%1").arg(i + 1);
        v.value = TensorValue::scalar(0.1 * (i % 7) - 0.3);
        add(v);
    }
    const char* binary[] = {"add", "mul", "sub"};
    const char* unary[] = {"tanh", "sigmoid", "square"};
    while (next <= 960) {
        const std::size_t span = std::min<std::size_t>(values.size(), 60);
        std::uniform_int_distribution<std::size_t> pick(values.size() - span, values.size() - 1);
        Node op;
        op.kind = NodeKind::Op;
        if (random() % 3 == 0) {
            op.op = QString::fromLatin1(unary[random() % 3]);
            op.ports = 1;
            const NodeId x = values[pick(random)];
            wire(x, add(op), 0);
        } else {
            op.op = QString::fromLatin1(binary[random() % 3]);
            op.ports = 2;
            const NodeId x = values[pick(random)];
            const NodeId y = values[pick(random)];
            const NodeId id = add(op);
            wire(x, id, 0);
            wire(y, id, 1);
        }
    }
    // Sum the last values into the target, 8 at a time.
    std::vector<NodeId> layer(values.end() - 300, values.end());
    while (layer.size() > 1) {
        std::vector<NodeId> sums;
        for (std::size_t i = 0; i < layer.size(); i += 8) {
            Node sum;
            sum.kind = NodeKind::Op;
            sum.op = QStringLiteral("add_n");
            sum.ports = static_cast<int>(std::min<std::size_t>(8, layer.size() - i));
            const NodeId id = add(sum);
            for (int p = 0; p < sum.ports; ++p)
                wire(layer[i + static_cast<std::size_t>(p)], id, p);
            sums.push_back(id);
        }
        layer = sums;
    }
    g.nodes[layer.front()].label = QStringLiteral("loss");
    g.target = layer.front();
    return g;
}

const GraphData& graph()
{
    static const GraphData g = thousandNodes();
    return g;
}

/// An edit (one variable's value changes), then the full evaluation with every gradient.
void BM_EvaluateAfterEdit(benchmark::State& state)
{
    GraphData g = graph();
    const NodeId w1 = g.findLabel(QStringLiteral("w1"));
    double v = 0.0;
    for (auto _ : state) {
        g.node(w1)->value = TensorValue::scalar(v += 0.01);
        Evaluation ev = evaluate(g);
        if (!ev.ok())
            state.SkipWithError(qPrintable(ev.error));
        benchmark::DoNotOptimize(ev);
    }
    state.counters["nodes"] = static_cast<double>(g.nodes.size());
}
BENCHMARK(BM_EvaluateAfterEdit)->Unit(benchmark::kMillisecond);

/// Reading the .gscope file's bytes into a document (parse and check everything).
void BM_LoadDocument(benchmark::State& state)
{
    const QByteArray bytes = documentToJson(graph());
    for (auto _ : state) {
        DocumentReadResult read = documentFromJson(bytes);
        benchmark::DoNotOptimize(read);
    }
    state.counters["bytes"] = static_cast<double>(bytes.size());
}
BENCHMARK(BM_LoadDocument)->Unit(benchmark::kMillisecond);

/// Opening it in the editor: parse, evaluate, replace the scene's items (those of the graph
/// opened before) by the new graph's, then what the event loop does next (the scene polishes
/// its new items, the labels are placed). Without the event loop, the scene's list of items to
/// polish would only grow and every later deletion search it: each iteration slower than the last.
void BM_OpenInEditor(benchmark::State& state)
{
    const QByteArray bytes = documentToJson(graph());
    QUndoStack stack;
    EditorSession session(&stack);
    GraphScene scene(&session);
    for (auto _ : state) {
        DocumentReadResult read = documentFromJson(bytes);
        session.load(std::move(read.data));
        QCoreApplication::sendPostedEvents();
        benchmark::DoNotOptimize(scene.items().size());
    }
    state.counters["items"] = static_cast<double>(scene.items().size());
}
BENCHMARK(BM_OpenInEditor)->Unit(benchmark::kMillisecond);

/// What every evaluation adds for the view: the overlay.
void BM_ComputeOverlay(benchmark::State& state)
{
    const Evaluation ev = evaluate(graph());
    for (auto _ : state) {
        GraphOverlay o = computeOverlay(graph(), ev, {ViewMode::Gradient, -1, {}});
        benchmark::DoNotOptimize(o);
    }
}
BENCHMARK(BM_ComputeOverlay)->Unit(benchmark::kMillisecond);

/// Refreshing every item after an evaluation (contents, geometry, wires).
void BM_SceneRefresh(benchmark::State& state)
{
    QUndoStack stack;
    EditorSession session(&stack);
    GraphScene scene(&session);
    session.load(graph());
    bool gradient = false;
    for (auto _ : state) {
        gradient = !gradient;
        session.setViewMode(gradient ? ViewMode::Gradient : ViewMode::Forward);
    }
}
BENCHMARK(BM_SceneRefresh)->Unit(benchmark::kMillisecond);

/// Painting one 1920x1080 frame of the scene: the whole graph (zoomed out, drawn as sketches),
/// or a part of it at 100% (every text drawn), as a presenter would show it. The wires and their
/// labels are drawn from the image the WireLabelLayer keeps (a frame where nothing changed, as
/// every repaint of the canvas is while nothing moves); with the second argument 1 that image is
/// dropped before each frame (a cold frame: a new zoom, or everything changed).
void BM_PaintFrame(benchmark::State& state)
{
    QUndoStack stack;
    EditorSession session(&stack);
    GraphScene scene(&session);
    session.load(graph());
    session.setViewMode(ViewMode::Gradient);
    QImage frame(1920, 1080, QImage::Format_ARGB32_Premultiplied);
    const QRectF all = scene.graphBounds();
    const QRectF source = state.range(0) ? all : QRectF(all.topLeft(), QSizeF(1920, 1080));
    const bool cold = state.range(1) != 0;
    for (auto _ : state) {
        if (cold)
            scene.wireLayer()->forgetImages();
        QPainter painter(&frame);
        painter.setRenderHint(QPainter::Antialiasing);
        scene.render(&painter, QRectF(frame.rect()), source);
    }
    state.SetLabel(std::string(state.range(0) ? "whole graph" : "1920x1080 at 100%") + (cold ? ", cold" : ""));
}
BENCHMARK(BM_PaintFrame)->Args({1, 0})->Args({0, 0})->Args({1, 1})->Args({0, 1})->Unit(benchmark::kMillisecond);

/// The same graph exported as a picture (what `gradscope export` draws).
void BM_ExportPicture(benchmark::State& state)
{
    const Evaluation ev = evaluate(graph());
    const GraphOverlay overlay = computeOverlay(graph(), ev, {ViewMode::Gradient, -1, {}});
    for (auto _ : state) {
        const GraphPicture picture(graph(), ev, overlay, EditorStyle::light());
        benchmark::DoNotOptimize(picture.size());
    }
}
BENCHMARK(BM_ExportPicture)->Unit(benchmark::kMillisecond);

/// Placing every wire label and callout clear of the nodes and of each other, as the canvas
/// does after each evaluation (never while painting) and every picture does once.
void BM_PlaceAnnotations(benchmark::State& state)
{
    const Evaluation ev = evaluate(graph());
    const GraphOverlay overlay = computeOverlay(graph(), ev, {ViewMode::Gradient, -1, {}});
    const EditorStyle style = EditorStyle::light();
    std::map<NodeId, NodeGeometry> geometry;
    std::vector<NodeAt> nodes;
    for (const auto& [id, node] : graph().nodes) {
        geometry[id] = NodeGeometry::compute(NodeContent::of(graph(), node, overlay.node(id), overlay.mode), style);
        nodes.push_back({node.position, &geometry[id]});
    }
    std::vector<EdgeGeometry> edges;
    std::vector<EdgeLook> looks;
    for (const auto& [cid, c] : graph().connections) {
        looks.push_back(EdgeLook::of(overlay.edge(cid), overlay.mode, overlay.range, style));
        edges.push_back(EdgeGeometry::compute(outputPortAt(graph().node(c.from)->position, geometry[c.from]),
                                              inputPortAt(graph().node(c.to)->position, geometry[c.to], c.port),
                                              looks.back().label, false, looks.back().width, style));
    }
    std::vector<WireAt> wires;
    for (std::size_t i = 0; i < edges.size(); ++i)
        wires.push_back({&edges[i], looks[i].width, looks[i].arrow, looks[i].valve});
    for (auto _ : state) {
        AnnotationPlacement placed = placeAnnotations(nodes, wires);
        benchmark::DoNotOptimize(placed);
    }
    state.counters["labels"] = static_cast<double>(wires.size());
}
BENCHMARK(BM_PlaceAnnotations)->Unit(benchmark::kMillisecond);

/// `--shots DIR`: saves the frames BM_PaintFrame paints (and the graph as a .gscope file), to
/// compare before and after a change to the painting by eye.
int saveShots(const QString& dir)
{
    QUndoStack stack;
    EditorSession session(&stack);
    GraphScene scene(&session);
    session.load(graph());
    session.setViewMode(ViewMode::Gradient);
    const QRectF all = scene.graphBounds();
    for (const bool whole : {false, true}) {
        QImage frame(1920, 1080, QImage::Format_ARGB32_Premultiplied);
        frame.fill(scene.editorStyle().canvas);
        QPainter painter(&frame);
        painter.setRenderHint(QPainter::Antialiasing);
        scene.render(&painter, QRectF(frame.rect()), whole ? all : QRectF(all.topLeft(), QSizeF(1920, 1080)));
        painter.end();
        if (!frame.save(dir + (whole ? QStringLiteral("/frame-whole.png") : QStringLiteral("/frame-100.png"))))
            return 1;
    }
    QFile file(dir + QStringLiteral("/thousand.gscope"));
    if (!file.open(QIODevice::WriteOnly))
        return 1;
    file.write(documentToJson(graph()));
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc == 3 && QByteArray(argv[1]) == "--shots")
        return saveShots(QString::fromLocal8Bit(argv[2]));
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
