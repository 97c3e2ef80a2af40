// The document side of tracing: call arguments as written, a document called as a tf.function,
// and concrete functions turned back into documents with what the passes removed ghosted.
#include "document/ConcreteDocument.h"
#include "document/DocumentFunction.h"
#include "document/Evaluation.h"
#include "document/FormulaReader.h"
#include "document/TraceArguments.h"

#include <QTest>

using namespace gs;

namespace {

GraphData formula(const char* text)
{
    FormulaResult r = readFormula(QString::fromUtf8(text));
    if (!r.ok())
        qFatal("bad formula: %s", qPrintable(r.error->formatted()));
    return r.data;
}

std::vector<TraceArgument> args(const char* text)
{
    const TraceArgumentsResult r = parseTraceArguments(QString::fromUtf8(text));
    if (!r.ok())
        qFatal("bad arguments: %s", qPrintable(r.error));
    return r.arguments;
}

int count(const ConcreteDocument& doc, TraceFate fate)
{
    int n = 0;
    for (const auto& [id, f] : doc.fates)
        n += f == fate ? 1 : 0;
    return n;
}

} // namespace

class TestTraceDocument : public QObject {
    Q_OBJECT
private slots:
    void argumentsAsWritten()
    {
        const auto a = args("x=constant([1, 2], dtype=float64), n=10, s=TensorSpec(shape=[2, 3]), m=[[1], [2]], k=-inf");
        QCOMPARE(a.size(), std::size_t(5));
        QVERIFY(a[0].tensor && a[0].tensor->shape == Shape::vector(2) && a[0].tensor->dtype == DType::Float64);
        QVERIFY(!a[1].tensor);
        QCOMPARE(a[1].number, 10.0);
        QVERIFY(a[2].spec && a[2].tensor->shape == Shape::matrix(2, 3) && !a[2].tensor->dtype);
        QVERIFY(a[3].tensor && a[3].tensor->shape == Shape::matrix(2, 1));
        QCOMPARE(a[4].number, -qInf());
        QVERIFY(parseTraceArguments(QString()).ok());
        QVERIFY(parseTraceArguments(QString()).arguments.empty());
    }

    void badArgumentsSayWhich_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("no name") << "10" << "'10': expected NAME=VALUE";
        QTest::newRow("twice") << "x=1, x=2" << "x is given twice";
        QTest::newRow("ragged") << "x=[[1, 2], [3]]" << "every row of a matrix";
        QTest::newRow("expression") << "x=1 + 2" << "expected a plain number";
        QTest::newRow("spec shape") << "x=TensorSpec(shape=[0])" << "positive integer";
        QTest::newRow("dtype") << "x=constant(1, dtype=int8)" << "dtype must be float32 or float64";
    }

    void badArgumentsSayWhich()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        const TraceArgumentsResult r = parseTraceArguments(text);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(message), qPrintable(r.error));
    }

    void parametersAreInputsAndBoundNames()
    {
        const GraphData data = formula("a = Input(1.0)\nw = Variable(2.0)\nc = constant(3.0)\nf = a * w * c");
        QCOMPARE(DocumentFunction::parametersOf(data, {}), QStringList{"a"});
        QCOMPARE(DocumentFunction::parametersOf(data, {args("c=1"), args("w=2")}), (QStringList{"a", "w", "c"}));
        QVERIFY_THROWS_EXCEPTION(TraceError, DocumentFunction::parametersOf(data, {args("f=1")}));
        QVERIFY_THROWS_EXCEPTION(TraceError, DocumentFunction::parametersOf(data, {args("nope=1")}));
    }

    void retracingFollowsTensorFlow()
    {
        DocumentFunction f(formula("x ** 3"), {"x"});
        QCOMPARE(f.call(args("x=constant(10)")).value.item(), 1000.0);
        QCOMPARE(f.call(args("x=constant(20)")).call.traced, false);
        QCOMPARE(f.call(args("x=constant([10, 20])")).call.traced, true);
        QCOMPARE(f.call(args("x=10")).call.traced, true);
        QCOMPARE(f.call(args("x=20")).call.traced, true);
        const TraceCallResult again = f.call(args("x=20"));
        QCOMPARE(again.call.traced, false);
        QCOMPARE(again.concrete, 3);
        QCOMPARE(again.value.item(), 8000.0);
        QCOMPARE(f.function().traceCount(), 4);
        QVERIFY_THROWS_EXCEPTION(TraceError, f.call({}));
    }

    void numbersFollowTheTensorArguments()
    {
        DocumentFunction f(formula("x * 2 + 1"), {"x"});
        const TraceCallResult r = f.call(args("x=constant([1, 2], dtype=float64)"));
        QCOMPARE(r.value.dtype(), DType::Float64);
        QCOMPARE(r.value.at(1), 5.0);
        QCOMPARE(f.call(args("x=constant(1.0)")).value.dtype(), DType::Float32);
    }

    void ghostsSayWhatEachPassDid()
    {
        DocumentFunction f(formula("x = Input()\ndead = sin(x)\ny = (exp(x) + exp(x)) * (1 + 2) * 1.0"), {"x"});
        const TraceCallResult r = f.call(args("x=constant(0.5)"));
        const ConcreteDocument doc = concreteDocument(*f.function().concreteFunctions()[0], f.resultName());
        QCOMPARE(doc.tracedNodes, 11);
        QCOMPARE(doc.optimizedNodes, 5);
        QCOMPARE(count(doc, TraceFate::Folded), 1);
        QCOMPARE(count(doc, TraceFate::FoldResult), 1);
        QCOMPARE(count(doc, TraceFate::Simplified), 1);
        // The second exp(x) merges, and so does the constant 1.0 (unused since simplification) into
        // the constant 1 (unused since folding): equal bits. sin(x), 1 and 2 are pruned.
        QCOMPARE(count(doc, TraceFate::Merged), 2);
        QCOMPARE(count(doc, TraceFate::Pruned), 3);
        QCOMPARE(count(doc, TraceFate::Kept), 4);
        for (const auto& [id, fate] : doc.fates)
            QVERIFY2(doc.ghost(id) == (fate != TraceFate::Kept && fate != TraceFate::FoldResult) && (!doc.ghost(id) || !doc.notes.at(id).isEmpty()),
                     qPrintable(doc.data.displayName(id)));
        // Live wires form the optimized graph: x feeds one exp, twice into add; 3 and add feed mul.
        int live = 0;
        for (const auto& [cid, c] : doc.data.connections) {
            live += doc.ghost(cid) ? 0 : 1;
            QVERIFY(!doc.ghost(cid) || doc.ghost(c.to)); // only ghosts keep their traced wires
        }
        QCOMPARE(live, 5);
        QCOMPARE(doc.data.node(doc.data.target)->label, QString("y"));
        // The document is an ordinary one: evaluating it gives the concrete function's value.
        const Evaluation ev = evaluate(doc.data);
        QVERIFY2(ev.ok(), qPrintable(ev.error));
        QCOMPARE(ev.value->item(), r.value.item());
    }

    // The concrete function keeps the user's names: their y is still y, their constant c still c,
    // and an unnamed result does not take a name the user already gave to another node.
    void theTraceKeepsTheUsersLabels()
    {
        DocumentFunction f(formula("x = Input()\nc = 3.0\ny = x ** 2\ny * c"), {"x"});
        QCOMPARE(f.resultName(), QString("result"));
        QCOMPARE(f.call(args("x=constant(2.0)")).value.item(), 12.0);
        const ConcreteDocument doc = concreteDocument(*f.function().concreteFunctions()[0], f.resultName());
        auto labelled = [&](const QString& label) -> const Node* {
            for (const auto& [id, n] : doc.data.nodes)
                if (n.label == label)
                    return &n;
            return nullptr;
        };
        QVERIFY(labelled("y"));
        QCOMPARE(labelled("y")->op, QString("pow"));
        QVERIFY(labelled("c"));
        QCOMPARE(labelled("c")->kind, NodeKind::Constant);
        QCOMPARE(doc.data.node(doc.data.target)->label, QString("result"));
        QCOMPARE(doc.data.node(doc.data.target)->op, QString("mul"));
        const QString dot = QString::fromStdString(toDot(f.function().concreteFunctions()[0]->optimized, "f"));
        QVERIFY2(dot.contains("label=\"y = pow\"") && dot.contains("label=\"c = 3.0\""), qPrintable(dot));

        DocumentFunction named(formula("x = Input()\ny = x ** 2\nz = y * 3"), {"x"});
        QCOMPARE(named.resultName(), QString("z"));
        named.call(args("x=constant(2.0)"));
        const ConcreteDocument namedDoc = concreteDocument(*named.function().concreteFunctions()[0], named.resultName());
        QCOMPARE(namedDoc.data.node(namedDoc.data.target)->label, QString("z"));
    }

    // tf_cube(2.0) after tf_cube(2) reuses the graph traced for 2, as TensorFlow does, and returns
    // that graph's int32 8; each call still shows its argument as written.
    void anEqualFloatReusesTheIntsGraph()
    {
        DocumentFunction f(formula("x = Input()\ny = x ** 3"), {"x"});
        const TraceCallResult asInt = f.call(args("x=2"));
        QCOMPARE(asInt.value.dtype(), DType::Int32);
        const TraceCallResult asFloat = f.call(args("x=2.0"));
        QVERIFY(!asFloat.call.traced);
        QCOMPARE(asFloat.call.signature, std::string("x=2.0"));
        QCOMPARE(asFloat.concrete, 0);
        QCOMPARE(asFloat.value.dtype(), DType::Int32);
        QCOMPARE(asFloat.value.item(), 8.0);

        DocumentFunction g(formula("x = Input()\ny = x ** 3"), {"x"});
        QCOMPARE(g.call(args("x=2.0")).value.dtype(), DType::Float32);
        QCOMPARE(g.call(args("x=2")).value.dtype(), DType::Float32);
        QCOMPARE(g.function().concreteFunctions()[0]->signature, std::string("x=2.0"));
    }

    void backwardGraphAsADocument()
    {
        DocumentFunction f(formula("w = Variable(3.0)\nloss = w * x ** 2"), {"x"});
        f.call(args("x=constant(2.0)"));
        const ConcreteDocument doc = backwardDocument(*f.function().concreteFunctions()[0], f.resultName());
        QVERIFY(count(doc, TraceFate::Kept) == static_cast<int>(doc.data.nodes.size()));
        const NodeId dx = doc.data.findLabel("dloss/dx");
        const NodeId dw = doc.data.findLabel("dloss/dw");
        QVERIFY(dx.valid() && dw.valid());
        EvaluationOptions options;
        options.target = dx;
        QCOMPARE(evaluate(doc.data, options).value->item(), 12.0); // 2 w x
        options.target = dw;
        QCOMPARE(evaluate(doc.data, options).value->item(), 4.0); // x ** 2
        QCOMPARE(evaluate(doc.data).value->item(), 12.0); // the value, w x ** 2
    }
};

QTEST_GUILESS_MAIN(TestTraceDocument)
#include "tst_trace_document.moc"
