// Evaluating documents through the engine, checked against the book's numbers (Hands-On Machine
// Learning, chapter 12) and against what TensorFlow gives for the same code.
#include "document/Evaluation.h"
#include "document/FormulaReader.h"

#include <QTest>

#include <cmath>

using namespace gs;

namespace {

struct Run {
    GraphData graph;
    Evaluation result;
};

Run run(const QString& formula, EvaluationOptions options = {})
{
    Run r;
    const FormulaResult read = readFormula(formula);
    if (!read.ok())
        qFatal("%s", qPrintable(read.error->formatted()));
    r.graph = read.data;
    r.result = evaluate(r.graph, options);
    return r;
}

double item(const std::optional<Tensor>& t)
{
    return t ? t->item() : -12345.0;
}

NodeId label(const Run& r, const char* name) { return r.graph.findLabel(name); }

const char* const bookF = "w1 = Variable(5.0)\nw2 = Variable(3.0)\nf = 3 * w1 ** 2 + 2 * w1 * w2";

} // namespace

class TestEvaluation : public QObject {
    Q_OBJECT
private slots:
    void bookGradients()
    {
        const Run r = run(bookF);
        QVERIFY2(r.result.ok(), qPrintable(r.result.error));
        QCOMPARE(r.result.dtype, DType::Float32);
        QCOMPARE(item(r.result.value), 105.0);
        QCOMPARE(r.result.gradients.size(), std::size_t(2));
        QCOMPARE(r.result.gradients[0].node, label(r, "w1"));
        QCOMPARE(item(r.result.gradients[0].gradient), 36.0);
        QCOMPARE(item(r.result.gradients[1].gradient), 10.0);
        QVERIFY(r.result.nonfinite.empty());
    }

    void stopGradientCutsAndExplainsNone()
    {
        const Run r = run("w1 = Variable(5.0)\nw2 = Variable(3.0)\n3 * w1 ** 2 + stop_gradient(2 * w1 * w2)");
        QVERIFY(r.result.ok());
        QCOMPARE(item(r.result.value), 105.0);
        QCOMPARE(item(r.result.gradients[0].gradient), 30.0);
        QVERIFY(!r.result.gradients[1].gradient);
        QVERIFY2(r.result.gradients[1].noneReason.contains("goes through stop_gradient"),
                 qPrintable(r.result.gradients[1].noneReason));
        int cuts = 0;
        for (const auto& [id, c] : r.result.connections)
            if (c.cut) {
                ++cuts;
                QCOMPARE(r.graph.node(r.graph.connection(id)->to)->op, QString("stop_gradient"));
                QVERIFY(!c.gradient);
            }
        QCOMPARE(cuts, 1);
    }

    void unrelatedSourceIsNoneWithAReason()
    {
        EvaluationOptions o;
        const Run r = run("a = Variable(1.0)\nb = Variable(2.0)\n3 * a", o);
        QVERIFY(!r.result.gradients[1].gradient);
        // An unlabelled target is named by what it computes, never by its internal id.
        QCOMPARE(r.result.gradients[1].noneReason, QString("3 * a does not depend on b"));
    }

    void hessianOfTheBookFunction()
    {
        EvaluationOptions o;
        o.hessian = true;
        const Run r = run(bookF, o);
        QVERIFY2(r.result.hessianError.isEmpty(), qPrintable(r.result.hessianError));
        QCOMPARE(r.result.hessian.size(), std::size_t(2));
        QCOMPARE(item(r.result.hessian[0][0]), 6.0);
        QCOMPARE(item(r.result.hessian[0][1]), 2.0);
        QCOMPARE(item(r.result.hessian[1][0]), 2.0);
        QVERIFY(!r.result.hessian[1][1]);
        QCOMPARE(item(r.result.gradients[0].gradient), 36.0);
        QCOMPARE(item(r.result.gradients[1].gradient), 10.0);
    }

    void jacobianOfAVector()
    {
        EvaluationOptions o;
        o.jacobian = true;
        const Run r = run("x = Variable([1.0, 2.0])\nx * x", o);
        QVERIFY2(r.result.jacobianError.isEmpty(), qPrintable(r.result.jacobianError));
        QCOMPARE(r.result.jacobian.size(), std::size_t(1));
        QCOMPARE(r.result.jacobian[0]->shape(), Shape::matrix(2, 2));
        QCOMPARE(r.result.jacobian[0]->toDoubles(), (std::vector<double>{2, 0, 0, 4}));
        // The gradient of a vector target is the gradient of its sum.
        QCOMPARE(r.result.gradients[0].gradient->toDoubles(), (std::vector<double>{2, 4}));
    }

    void naiveSoftplusOverflowsInFloat32()
    {
        const Run r = run("x = Variable(100.0)\nlog(exp(x) + 1)");
        QVERIFY(r.result.ok());
        QVERIFY(std::isinf(item(r.result.value)));
        QVERIFY(std::isnan(item(r.result.gradients[0].gradient)));
        QVERIFY(r.result.nonfinite.size() >= 2);
        const NonFiniteBirth& first = r.result.nonfinite.front();
        QCOMPARE(first.phase, NonFiniteBirth::Phase::Forward);
        QCOMPARE(first.op, QString("exp"));
        QCOMPARE(r.graph.node(first.node)->op, QString("exp"));
        QVERIFY2(first.reason.contains("overflows float32"), qPrintable(first.reason));
        bool backwardNaN = false;
        for (const NonFiniteBirth& b : r.result.nonfinite)
            backwardNaN = backwardNaN || (b.phase == NonFiniteBirth::Phase::Backward && b.op == "exp");
        QVERIFY(backwardNaN);
    }

    void naiveSoftplusIsFiniteInFloat64()
    {
        EvaluationOptions o;
        o.dtype = DType::Float64;
        const Run r = run("x = Variable(100.0)\nlog(exp(x) + 1)", o);
        QCOMPARE(r.result.dtype, DType::Float64);
        QCOMPARE(item(r.result.value), 100.0);
        QCOMPARE(item(r.result.gradients[0].gradient), 1.0);
        QVERIFY(r.result.nonfinite.empty());
    }

    void declaredDTypeIsTheDocumentDType()
    {
        const Run r = run("x = Variable(100.0, dtype=float64)\nlog(exp(x) + 1)");
        QCOMPARE(r.result.dtype, DType::Float64);
        QCOMPARE(item(r.result.gradients[0].gradient), 1.0);
    }

    void customGradientIsStable()
    {
        const Run r = run("x = Variable(100.0)\ncustom_gradient(log(exp(x) + 1), grad = dy / (1 + 1/exp(x)))");
        QVERIFY2(r.result.ok(), qPrintable(r.result.error));
        QVERIFY2(r.result.gradientError.isEmpty(), qPrintable(r.result.gradientError));
        QVERIFY(std::isinf(item(r.result.value)));
        QCOMPARE(item(r.result.gradients[0].gradient), 1.0);
        // The forward body's exp overflow is still born at the body's exp node.
        QVERIFY(!r.result.nonfinite.empty());
        const Node* born = r.graph.node(r.result.nonfinite.front().node);
        QVERIFY(born);
        QCOMPARE(born->op, QString("exp"));
        QCOMPARE(born->scope, r.graph.target);
    }

    void customGradientHessian()
    {
        EvaluationOptions o;
        o.hessian = true;
        const Run r = run("x = Variable(0.0)\ncustom_gradient(log(exp(x) + 1), grad = dy / (1 + 1/exp(x)))", o);
        QCOMPARE(item(r.result.gradients[0].gradient), 0.5);
        QVERIFY2(r.result.hessianError.isEmpty(), qPrintable(r.result.hessianError));
        QCOMPARE(item(r.result.hessian[0][0]), 0.25);
    }

    void whereDoesNotHideTheNaN()
    {
        const Run r = run("x = Variable(100.0)\nwhere(x > 30, x, log(exp(x) + 1))");
        QCOMPARE(item(r.result.value), 100.0);
        QVERIFY(std::isnan(item(r.result.gradients[0].gradient)));
    }

    void adjointsAndConnectionGradients()
    {
        const Run r = run("w1 = Variable(5.0)\nw2 = Variable(3.0)\nz = w1 * w2\nloss = z ** 2");
        const NodeResult* z = r.result.node(label(r, "z"));
        QCOMPARE(item(z->value), 15.0);
        QCOMPARE(item(z->adjoint), 30.0);
        QCOMPARE(item(r.result.node(label(r, "w1"))->adjoint), 90.0);
        QCOMPARE(item(r.result.node(label(r, "loss"))->adjoint), 1.0);
        const Connection* w1IntoZ = r.graph.inputsOf(label(r, "z"))[0];
        QCOMPARE(item(r.result.connections.at(w1IntoZ->id).gradient), 90.0);
        const Connection* zIntoLoss = r.graph.inputsOf(label(r, "loss"))[0];
        QCOMPARE(item(r.result.connections.at(zIntoLoss->id).gradient), 30.0);
    }

    void fanOutSumsInTheEventLog()
    {
        const Run r = run("x = Variable(3.0)\nx * x");
        QCOMPARE(item(r.result.gradients[0].gradient), 6.0);
        int forward = 0, backward = 0;
        for (const Event& e : r.result.events) {
            if (e.kind == Event::Kind::Forward)
                ++forward;
            if (e.kind == Event::Kind::Backward)
                ++backward;
        }
        QCOMPARE(forward, 1);
        QCOMPARE(backward, 1);
        QCOMPARE(r.result.events.front().kind, Event::Kind::Forward);
        QCOMPARE(r.result.eventNodes.front(), r.graph.target);
    }

    void wrtChoosesSources()
    {
        EvaluationOptions o;
        const Run base = run("x = constant(2.0)\nw = Variable(3.0)\nz = x * w\nz ** 2");
        o.wrt = std::vector<NodeId>{base.graph.findLabel("z"), base.graph.findLabel("x")};
        const Evaluation e = evaluate(base.graph, o);
        QCOMPARE(item(e.gradients[0].gradient), 12.0);
        // d(z^2)/dx = 2 z w = 2 * 6 * 3
        QCOMPARE(item(e.gradients[1].gradient), 36.0);
    }

    void valuesGivenAtEvaluation()
    {
        Run r = run("3 * w1 ** 2 + 2 * w1 * w2");
        QVERIFY(!r.result.ok());
        QVERIFY2(r.result.error.contains("w1, w2 have no value"), qPrintable(r.result.error));
        EvaluationOptions o;
        o.values[r.graph.findLabel("w1")] = TensorValue::scalar(5);
        o.values[r.graph.findLabel("w2")] = TensorValue::scalar(3);
        const Evaluation e = evaluate(r.graph, o);
        QVERIFY(e.ok());
        QCOMPARE(item(e.gradients[0].gradient), 36.0);
    }

    void engineErrorsAreAttachedToTheNode()
    {
        const Run r = run("a = constant([1.0, 2.0])\nb = constant([1.0, 2.0, 3.0])\nc = a + b\nd = exp(c)\nd * 2");
        QVERIFY(!r.result.ok());
        const NodeResult* c = r.result.node(r.graph.findLabel("c"));
        QVERIFY(c);
        QVERIFY2(c->error.contains("add"), qPrintable(c->error));
        QVERIFY(r.result.node(r.graph.findLabel("d"))->skipped);
        QVERIFY2(r.result.error.startsWith("c (add): "), qPrintable(r.result.error));
    }

    void customGradientWithAWrongShapeFailsClearly()
    {
        const Run r = run("x = Variable([1.0, 2.0])\ncustom_gradient(reduce_sum(x), grad=dy)");
        QVERIFY(r.result.ok());
        QVERIFY2(r.result.gradientError.contains("has shape ()"), qPrintable(r.result.gradientError));
    }

    void sourceNamedTwiceGetsItsGradientTwice()
    {
        EvaluationOptions o;
        o.hessian = true;
        const Run base = run(bookF);
        const NodeId w1 = base.graph.findLabel("w1");
        o.wrt = std::vector<NodeId>{w1, w1};
        const Evaluation e = evaluate(base.graph, o);
        QCOMPARE(item(e.gradients[0].gradient), 36.0);
        QCOMPARE(item(e.gradients[1].gradient), 36.0);
        QCOMPARE(item(e.hessian[1][0]), 6.0);
    }

    void boolTargetHasNoGradients()
    {
        EvaluationOptions o;
        const Run r = run("x = Variable(5.0)\nx > 3");
        QVERIFY(r.result.ok());
        QVERIFY(r.result.gradientError.isEmpty());
        QCOMPARE(r.result.value->dtype(), DType::Bool);
        QVERIFY(!r.result.gradients[0].gradient);
        QVERIFY2(r.result.gradients[0].noneReason.contains("is a bool value"), qPrintable(r.result.gradients[0].noneReason));
    }

    void noTarget()
    {
        const Evaluation e = evaluate(GraphData{});
        QCOMPARE(e.error, QString("the graph has no target"));
    }

    void noTargetStillComputesEveryValue()
    {
        Run r = run(bookF);
        r.graph.target = {};
        const Evaluation e = evaluate(r.graph);
        QCOMPARE(e.error, QString("the graph has no target"));
        QCOMPARE(item(e.node(label(r, "f"))->value), 105.0);
        QVERIFY(!e.node(label(r, "f"))->adjoint);
    }

    // One missing wire stops only what depends on it: the rest of the graph keeps its values,
    // and each node waiting names the node where the missing value starts.
    void aMissingWireStopsOnlyWhatDependsOnIt()
    {
        Run r = run(bookF);
        // Unplug w2 from 2 * w1 * w2 (the product's second input).
        const NodeId w2 = label(r, "w2");
        ConnectionId plug;
        NodeId product;
        for (const auto& [id, c] : r.graph.connections)
            if (c.from == w2)
                plug = id, product = c.to;
        QVERIFY(plug.valid());
        r.graph.connections.erase(plug);
        const Evaluation e = evaluate(r.graph);
        QVERIFY(!e.ok());
        QVERIFY2(e.error.endsWith("input 'y' is not connected"), qPrintable(e.error));
        QCOMPARE(item(e.node(label(r, "w1"))->value), 5.0);
        QCOMPARE(item(e.node(w2)->value), 3.0);
        int valued = 0;
        for (const auto& [id, n] : e.nodes)
            valued += n.value.has_value();
        QCOMPARE(valued, 8); // w1, w2, the constants 3, 2 and 2, w1 ** 2, 3 * w1 ** 2 and 2 * w1
        QCOMPARE(e.node(product)->error, QString("input 'y' is not connected"));
        const NodeResult* f = e.node(label(r, "f"));
        QVERIFY(f && f->skipped && !f->value);
        QCOMPARE(f->blockedBy, product);
        QVERIFY(e.gradients.empty() || !e.gradients[0].gradient);
    }

    void aMissingValueStopsOnlyWhatDependsOnIt()
    {
        EvaluationOptions window;
        window.audience = MessageAudience::Window;
        const Run r = run("a = Variable(2.0)\nb = a * 3\nf = b + q", window);
        QVERIFY(r.result.error.startsWith("q has no value: set a value in the Inspector"));
        QCOMPARE(item(r.result.node(label(r, "b"))->value), 6.0);
        QCOMPARE(r.result.node(label(r, "q"))->error, QString("q has no value"));
        QCOMPARE(r.result.node(label(r, "f"))->blockedBy, label(r, "q"));
    }

    // The window names nodes as the canvas shows them, never by an id like "mul#9".
    void theWindowNamesNodesWithoutIds()
    {
        Run r = run(bookF);
        for (auto it = r.graph.connections.begin(); it != r.graph.connections.end(); ++it)
            if (it->second.from == label(r, "w2")) {
                r.graph.connections.erase(it);
                break;
            }
        EvaluationOptions window;
        window.audience = MessageAudience::Window;
        const QString error = evaluate(r.graph, window).error;
        QVERIFY2(!error.contains(u'#'), qPrintable(error));
        QVERIFY2(error.contains("2 * w1"), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestEvaluation)
#include "tst_evaluation.moc"
