// What the graph shows, decided without any widget: GraphOverlay from a document and its
// evaluation (values, gradients on wires, stop_gradient cuts, NaN births, step mode), the node
// contents and the legend's answer lines.
#include "document/Evaluation.h"
#include "document/FormulaReader.h"
#include "ui/render/GraphOverlay.h"
#include "ui/render/Legend.h"
#include "ui/render/EditorStyle.h"
#include "ui/render/NodeContent.h"
#include "ui/render/NodeGeometry.h"
#include "ui/render/ValueDisplay.h"

#include <QImage>
#include <QPainter>
#include <QTest>

namespace {

gs::GraphData read(const char* formula)
{
    gs::FormulaResult r = gs::readFormula(QString::fromUtf8(formula));
    if (!r.ok())
        qFatal("%s", qPrintable(r.error->formatted()));
    return r.data;
}

gs::NodeId node(const gs::GraphData& g, const char* label) { return g.findLabel(QString::fromUtf8(label)); }

gs::NodeId opNode(const gs::GraphData& g, const char* op)
{
    for (const auto& [id, n] : g.nodes)
        if (n.op == QLatin1StringView(op))
            return id;
    return {};
}

const char* const book = "w1 = Variable(5.0)\nw2 = Variable(3.0)\nf = 3 * w1 ** 2 + 2 * w1 * w2\n";
const char* const cut = "w1 = Variable(5.0)\nw2 = Variable(3.0)\nf = 3 * w1 ** 2 + stop_gradient(2 * w1 * w2)\n";
const char* const softplus = "x = Variable(100.0)\nf = log(exp(x) + 1.0)\n";

} // namespace

class TestOverlay : public QObject {
    Q_OBJECT
private slots:
    // Forward mode's purple wires have their line in the legend, only while tangents are shown.
    void theLegendKeysTheTangentWires()
    {
        const gs::EditorStyle style = gs::EditorStyle::light();
        gs::GraphOverlay without;
        without.mode = gs::ViewMode::Forward;
        gs::GraphOverlay with = without;
        with.tangents = true;
        QVERIFY(gs::legendSize(with, style).height() > gs::legendSize(without, style).height());
        auto purple = [&](const gs::GraphOverlay& o) {
            const QSizeF size = gs::legendSize(o, style);
            QImage image(size.toSize() + QSize(2, 2), QImage::Format_ARGB32);
            image.fill(Qt::white);
            QPainter p(&image);
            gs::paintLegend(p, QPointF(0, 0), o, style);
            p.end();
            int n = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x)
                    n += image.pixelColor(x, y) == style.tangent ? 1 : 0;
            return n;
        };
        QCOMPARE(purple(without), 0);
        QVERIFY(purple(with) > 20);
    }

    void wiresCarryTheEvaluationsGradients()
    {
        const gs::GraphData g = read(book);
        const gs::Evaluation ev = gs::evaluate(g);
        const gs::GraphOverlay o = gs::computeOverlay(g, ev, {gs::ViewMode::Gradient, -1, {}});
        QCOMPARE(o.mode, gs::ViewMode::Gradient);
        int compared = 0;
        for (const auto& [id, result] : ev.connections) {
            QCOMPARE(o.edge(id).gradient.has_value(), result.gradient.has_value());
            if (result.gradient) {
                QCOMPARE(o.edge(id).gradient->item(), result.gradient->item());
                ++compared;
            }
        }
        QVERIFY(compared >= 6);
        QCOMPARE(o.node(node(g, "w1")).adjoint->item(), 36.0);
        QCOMPARE(o.node(node(g, "w2")).adjoint->item(), 10.0);
        QVERIFY(o.node(node(g, "f")).target);
        QVERIFY(o.node(node(g, "w1")).source);
        QVERIFY(o.range.valid);
        QVERIFY(o.range.highLog > o.range.lowLog);
        QVERIFY(!o.hasCut);
    }

    void stopGradientCutsTheRightWire()
    {
        const gs::GraphData g = read(cut);
        const gs::Evaluation ev = gs::evaluate(g);
        const gs::GraphOverlay o = gs::computeOverlay(g, ev, {gs::ViewMode::Gradient, -1, {}});
        const gs::NodeId stop = opNode(g, "stop_gradient");
        QVERIFY(stop.valid());
        const gs::Connection* into = g.connectionInto(stop, 0);
        QVERIFY(into);
        QVERIFY(o.hasCut);
        QVERIFY(o.edge(into->id).cut);
        QVERIFY(o.edge(into->id).blocked);
        QVERIFY(o.node(stop).valve);
        // Upstream of the cut: w2 gets None and is cut off; w1 still gets 30 through 3 * w1 ** 2.
        const gs::NodeState& w2 = o.node(node(g, "w2"));
        QVERIFY(w2.blocked);
        QVERIFY(w2.noneGradient);
        QVERIFY2(w2.noneReason.contains("stop_gradient"), qPrintable(w2.noneReason));
        QVERIFY(!o.node(node(g, "w1")).blocked);
        QCOMPARE(o.node(node(g, "w1")).adjoint->item(), 30.0);
        // The wire from w1 into the cut-off product carries nothing and is drawn as blocked ...
        const gs::Node* product = g.node(into->from);
        QVERIFY(product);
        int blockedWires = 0;
        for (const auto& [id, c] : g.connections)
            if (o.edge(id).blocked)
                ++blockedWires;
        QVERIFY(blockedWires >= 3);
        // ... while every wire that carries a gradient is not.
        for (const auto& [id, c] : g.connections)
            if (o.edge(id).gradient)
                QVERIFY(!o.edge(id).blocked && !o.edge(id).cut);
        const QStringList lines = gs::summaryLines(g, ev);
        QVERIFY2(lines.join('\n').contains("∂f/∂w2 = None: every path from w2 to f goes through stop_gradient"),
                 qPrintable(lines.join('\n')));
    }

    void nanIsBornAtExpInFloat32Only()
    {
        const gs::GraphData g = read(softplus);
        const gs::NodeId exp = opNode(g, "exp");
        gs::EvaluationOptions f32;
        f32.dtype = gs::DType::Float32;
        const gs::Evaluation ev = gs::evaluate(g, f32);
        const gs::GraphOverlay o = gs::computeOverlay(g, ev, {gs::ViewMode::Gradient, -1, {}});
        const gs::NodeState& e = o.node(exp);
        QVERIFY(!e.births.isEmpty());
        QVERIFY2(e.births.front().contains("exp(100.0) overflows float32 -> inf"), qPrintable(e.births.front()));
        QVERIFY(e.valueNonfinite);
        QVERIFY(o.node(node(g, "f")).valueNonfinite); // contaminated downstream
        QVERIFY(o.node(node(g, "x")).adjointNonfinite); // and upstream, going back
        QVERIFY(o.hasNonfinite);
        const gs::NodeContent content = gs::NodeContent::of(g, *g.node(exp), e, gs::ViewMode::Forward);
        QVERIFY(content.callout.join('\n').contains("overflows float32"));

        gs::EvaluationOptions f64;
        f64.dtype = gs::DType::Float64;
        const gs::Evaluation ev64 = gs::evaluate(g, f64);
        const gs::GraphOverlay o64 = gs::computeOverlay(g, ev64, {gs::ViewMode::Gradient, -1, {}});
        QVERIFY(o64.node(exp).births.isEmpty());
        QVERIFY(!o64.node(exp).valueNonfinite);
        QVERIFY(!o64.hasNonfinite);
        QCOMPARE(o64.node(node(g, "x")).adjoint->item(), 1.0);
    }

    void stepModeReplaysTheTape()
    {
        const gs::GraphData g = read(book);
        const gs::Evaluation ev = gs::evaluate(g);
        const int count = static_cast<int>(ev.events.size());
        QCOMPARE(count, 11);
        const gs::NodeId f = node(g, "f");
        const gs::NodeId w1 = node(g, "w1");

        gs::GraphOverlay start = gs::computeOverlay(g, ev, {gs::ViewMode::Forward, 0, {}});
        QVERIFY(start.node(f).pending);
        QVERIFY(!start.node(f).value);
        QVERIFY(start.node(w1).value); // variables have values from the start

        // After the forward pass (5 ops), f has its value and no gradient has flowed yet.
        gs::GraphOverlay forward = gs::computeOverlay(g, ev, {gs::ViewMode::Forward, 5, {}});
        QCOMPARE(forward.node(f).value->item(), 105.0);
        QVERIFY(forward.node(f).active);
        QCOMPARE(forward.mode, gs::ViewMode::Forward);
        QVERIFY(!forward.node(w1).adjoint);

        // Event 7: backward through w2's product: upstream 1 × local 10 = 10 on the wire from w2.
        gs::GraphOverlay backward = gs::computeOverlay(g, ev, {gs::ViewMode::Forward, 7, {}});
        QCOMPARE(backward.mode, gs::ViewMode::Gradient);
        const gs::ConnectionId fromW2 = g.outputsOf(node(g, "w2")).front()->id;
        QVERIFY(fromW2.valid());
        QVERIFY(backward.edge(fromW2).active);
        QCOMPARE(backward.edge(fromW2).note, QStringLiteral("1.0 × 10.0 = 10.0"));
        QCOMPARE(backward.edge(fromW2).gradient->item(), 10.0);
        QVERIFY(!backward.node(w1).adjoint); // w1's parts have not all arrived

        // The last event sums w1's two contributions.
        gs::GraphOverlay sum = gs::computeOverlay(g, ev, {gs::ViewMode::Forward, count, {}});
        QVERIFY(sum.node(w1).active);
        QCOMPARE(sum.node(w1).note, QStringLiteral("Σ 6.0 + 30.0 = 36.0"));
        QCOMPARE(sum.node(w1).adjoint->item(), 36.0);
        QVERIFY(gs::describeEvent(g, ev, static_cast<std::size_t>(count - 1)).contains("6.0 + 30.0 = 36.0"));
    }

    void theAnswerShowsTheJacobianAndHessianAndNoIds()
    {
        // Presenter mode and pictures show no tape panel: the answer box says what a lesson's
        // step is about. Unlabelled values are named by what they compute.
        const gs::GraphData g = read("w1 = Variable(5.0)\nw2 = Variable(3.0)\n3 * w1 ** 2 + 2 * w1 * (w2 + [2.0, 5.0, 7.0])\n");
        gs::EvaluationOptions o;
        o.jacobian = true;
        const QString jacobian = gs::summaryLines(g, gs::evaluate(g, o)).join('\n');
        // The unlabelled target, too long to write out, keeps its outer terms.
        QVERIFY2(jacobian.contains("jacobian(3 * w1 ** 2 + 2 * w1 * …, w1) = [40.0, 46.0, 50.0]"), qPrintable(jacobian));
        QVERIFY2(jacobian.contains("jacobian(3 * w1 ** 2 + 2 * w1 * …, w2) = [10.0, 10.0, 10.0]"), qPrintable(jacobian));
        QVERIFY2(!jacobian.contains('#'), qPrintable(jacobian));

        const gs::GraphData f = read(book);
        gs::EvaluationOptions h;
        h.hessian = true;
        const gs::Evaluation ev = gs::evaluate(f, h);
        const QStringList lines = gs::summaryLines(f, ev);
        QVERIFY2(lines.contains("Hessian = [[6.0, 2.0], [2.0, None]]"), qPrintable(lines.join('\n')));
        // A question hides them with the gradients.
        const QStringList hidden = gs::summaryLines(f, ev, gs::Concealment{true, false});
        QVERIFY2(hidden.contains("Hessian = [[?, ?], [?, ?]]"), qPrintable(hidden.join('\n')));

        const gs::GraphData unlabelled = read("a = Variable(1.0)\nb = Variable(2.0)\n3 * a\n");
        const QString answer = gs::summaryLines(unlabelled, gs::evaluate(unlabelled)).join('\n');
        QVERIFY2(answer.startsWith("3 * a = 3.0"), qPrintable(answer));
        QVERIFY2(answer.contains("∂(3 * a)/∂b = None: 3 * a does not depend on b"), qPrintable(answer));
    }

    void valuesShowAsNumbersTablesOrHeatmaps()
    {
        QCOMPARE(gs::ValueDisplay::of(gs::Tensor::scalar(36.0)).kind, gs::ValueDisplay::Kind::Scalar);
        QCOMPARE(gs::ValueDisplay::of(gs::Tensor::scalar(36.0)).text, QStringLiteral("36.0"));
        const gs::ValueDisplay table = gs::ValueDisplay::of(gs::Tensor::matrix({{1, 2}, {3, 4}}));
        QCOMPARE(table.kind, gs::ValueDisplay::Kind::Table);
        QCOMPARE(table.cells, (QStringList{"1.0", "2.0", "3.0", "4.0"}));
        QCOMPARE(table.shape, QStringLiteral("(2, 2)"));
        const gs::ValueDisplay heat = gs::ValueDisplay::of(gs::Tensor::full(gs::Shape::matrix(10, 20), 0.5));
        QCOMPARE(heat.kind, gs::ValueDisplay::Kind::Heatmap);
        QCOMPARE(heat.heatmap.size(), QSize(20, 10));
        QVERIFY(gs::ValueDisplay::of(gs::Tensor::scalar(NAN)).nonfinite);
        // A float64 just off a round number keeps the digits that tell it apart (a lesson's
        // nudge); one with six significant digits shows six.
        QCOMPARE(gs::compactTensor(gs::Tensor::scalar(105.000036000001, gs::DType::Float64)), QStringLiteral("105.000036"));
        QCOMPARE(gs::compactTensor(gs::Tensor::scalar(8.3353425123456789, gs::DType::Float64)), QStringLiteral("8.33534"));
        QCOMPARE(gs::compactTensor(gs::Tensor::scalar(2.6881171418161356e43, gs::DType::Float64)), QStringLiteral("2.68812e+43"));
    }

    // A missing wire: the node that lacks it says so under its port names; what depends on it
    // says what it waits for, muted; everything else keeps its value.
    void aMissingWireIsExplainedWhereItMatters()
    {
        gs::GraphData g = read(book);
        const gs::NodeId w2 = node(g, "w2");
        gs::NodeId product;
        for (auto it = g.connections.begin(); it != g.connections.end(); ++it)
            if (it->second.from == w2) {
                product = it->second.to;
                g.connections.erase(it);
                break;
            }
        gs::EvaluationOptions window;
        window.audience = gs::MessageAudience::Window;
        const gs::Evaluation ev = gs::evaluate(g, window);
        const gs::GraphOverlay o = gs::computeOverlay(g, ev, {gs::ViewMode::Forward, -1, {}});
        QVERIFY(o.nodes.at(node(g, "w1")).value);
        QCOMPARE(o.nodes.at(product).error, QStringLiteral("input 'y' is not connected"));
        QCOMPARE(o.nodes.at(node(g, "f")).waiting, QStringLiteral("no value: needs \u201C2 * w1 * ?\u201D, which has none"));

        const gs::EditorStyle style = gs::EditorStyle::light();
        const gs::NodeContent broken = gs::NodeContent::of(g, *g.node(product), o.nodes.at(product), gs::ViewMode::Forward);
        QVERIFY(!broken.errorIsWaiting);
        const gs::NodeContent waiting = gs::NodeContent::of(g, *g.node(node(g, "f")), o.nodes.at(node(g, "f")), gs::ViewMode::Forward);
        QVERIFY(waiting.errorIsWaiting);
        for (const gs::NodeContent& c : {broken, waiting}) {
            const gs::NodeGeometry geometry = gs::NodeGeometry::compute(c, style);
            // Clear of the port names: below the last port's row, inside the node.
            QVERIFY(geometry.errorArea.top() >= geometry.inputs.back().y() + geometry.rowHeight / 2);
            QVERIFY(geometry.box.contains(geometry.errorArea));
        }
    }

    // Stepping through the tape, the answer box says what the tape has so far: no value before
    // the forward pass reaches the target, then each source's gradient summed as far as the
    // backward pass has come (w1 is used twice: 6 then 36), the final answer at the end.
    void theAnswerFollowsTheStep()
    {
        const gs::GraphData g = read(book);
        const gs::Evaluation ev = gs::evaluate(g);
        const int count = static_cast<int>(ev.events.size());
        const auto lines = [&](int step) {
            const gs::GraphOverlay o = gs::computeOverlay(g, ev, {gs::ViewMode::Forward, step, {}});
            return gs::summaryLines(g, ev, {}, &o);
        };
        QVERIFY2(lines(0).front().contains(QStringLiteral("not got there yet")), qPrintable(lines(0).front()));
        QVERIFY2(lines(0).at(1).startsWith(QStringLiteral("\u2202f/\u2202w1 = not reached yet (2 contribution")), qPrintable(lines(0).at(1)));
        bool partial = false;
        for (int step = 1; step < count && !partial; ++step) {
            const QStringList l = lines(step);
            if (!l.at(1).contains(QStringLiteral("(1 of 2 contributions)")))
                continue;
            partial = true;
            // One of 3*w1**2 (30) and 2*w1*w2 (6) has arrived, not their sum.
            QVERIFY2(l.at(1) == QStringLiteral("\u2202f/\u2202w1 = 30.0 so far (1 of 2 contributions)")
                         || l.at(1) == QStringLiteral("\u2202f/\u2202w1 = 6.0 so far (1 of 2 contributions)"),
                     qPrintable(l.at(1)));
        }
        QVERIFY(partial);
        QCOMPARE(lines(count).at(1), QStringLiteral("\u2202f/\u2202w1 = 36.0"));
        QCOMPARE(lines(count).at(2), QStringLiteral("\u2202f/\u2202w2 = 10.0"));
        QCOMPARE(gs::summaryLines(g, ev), lines(count));
    }
};

QTEST_MAIN(TestOverlay)
#include "tst_overlay.moc"
