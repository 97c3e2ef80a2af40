// Graphviz DOT export: text a `dot` program can lay out, with the graph's structure and, given an
// evaluation, its values, gradients, cuts and non-finite values.
#include "document/DotExport.h"
#include "document/Evaluation.h"
#include "document/FormulaReader.h"

#include <QTest>

using namespace gs;

namespace {
GraphData read(const QString& text)
{
    FormulaResult r = readFormula(text);
    if (!r.ok())
        qFatal("%s", qPrintable(r.error->formatted()));
    return r.data;
}

QString line(const GraphData& g, const char* label) { return QStringLiteral("n%1 [").arg(g.findLabel(label).value); }
} // namespace

class TestDotExport : public QObject {
    Q_OBJECT
private slots:
    void structure()
    {
        GraphData g = read("w1 = Variable(5.0)\nz = w1 * w2\nloss = z ** 2");
        g.groups.emplace(GroupId{1}, Group{GroupId{1}, "say \"hi\"", {}});
        g.node(g.findLabel("z"))->group = GroupId{1};
        const QString dot = exportDot(g);
        QVERIFY(dot.startsWith("digraph gradscope {\n"));
        QVERIFY(dot.endsWith("}\n"));
        QVERIFY(dot.contains("label=\"w1\\nvariable\\n5.0\""));
        QVERIFY(dot.contains("subgraph cluster_g1 {"));
        QVERIFY(dot.contains("label=\"say \\\"hi\\\"\";"));
        const QString loss = line(g, "loss");
        QVERIFY(dot.contains(loss));
        QVERIFY(dot.mid(dot.indexOf(loss)).section('\n', 0, 0).contains("peripheries=2"));
        QCOMPARE(dot.count(" -> "), static_cast<qsizetype>(g.connections.size()));
        QVERIFY(dot.contains(QStringLiteral("n%1 -> n%2 [label=\"x\"]").arg(g.findLabel("w1").value).arg(g.findLabel("z").value)));
        QCOMPARE(dot.count('{'), dot.count('}'));
    }

    void customGradientBodyIsACluster()
    {
        const GraphData g = read("x = Variable(100.0)\ncustom_gradient(log(exp(x) + 1), grad=dy / (1 + 1 / exp(x)))");
        const QString dot = exportDot(g);
        QVERIFY(dot.contains(QStringLiteral("subgraph cluster_body%1 {").arg(g.target.value)));
        QVERIFY(dot.contains("dy (upstream gradient)"));
        QVERIFY(dot.contains("label=\"grad x\""));
    }

    void evaluationAnnotations()
    {
        const GraphData g = read("w1 = Variable(5.0)\nw2 = Variable(3.0)\n3 * w1 ** 2 + stop_gradient(2 * w1 * w2)");
        const Evaluation e = evaluate(g);
        const QString dot = exportDot(g, &e);
        QVERIFY(dot.contains("value 105.0"));
        QVERIFY(dot.contains("grad 30.0"));
        QCOMPARE(dot.count("style=dashed, color=\"#dc2626\""), 1);

        const GraphData softplus = read("x = Variable(100.0)\nlog(exp(x) + 1)");
        const Evaluation s = evaluate(softplus);
        QVERIFY(exportDot(softplus, &s).contains("value inf"));
        QVERIFY(exportDot(softplus, &s).contains("#fecaca"));
    }
};

QTEST_GUILESS_MAIN(TestDotExport)
#include "tst_dotexport.moc"
