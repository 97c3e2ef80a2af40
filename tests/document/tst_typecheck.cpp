// Static checking of a document: dtypes and shapes inferred per node, errors attached to the
// node that causes them (with the reason), never thrown.
#include "document/FormulaReader.h"
#include "document/TypeCheck.h"

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
} // namespace

class TestTypeCheck : public QObject {
    Q_OBJECT
private slots:
    void typesFlowThroughTheGraph()
    {
        const GraphData g = read("m = Variable([[1, 2], [3, 4]])\nv = constant([1.0, 2.0], dtype=float64)\n"
                                 "s = reduce_sum(m, axis=0)\nt = m @ m\nu = cast(s, dtype=float64) * v");
        const auto checks = checkTypes(g);
        auto type = [&](const char* name) { return checks.at(g.findLabel(name)).type; };
        QCOMPARE(type("s")->shape, Shape::vector(2));
        QCOMPARE(type("s")->dtype, DType::Float64); // the document's declared dtype
        QCOMPARE(type("t")->shape, Shape::matrix(2, 2));
        QCOMPARE(type("u")->shape, Shape::vector(2));
        for (const auto& [id, c] : checks)
            QVERIFY2(c.error.isEmpty(), qPrintable(c.error));
        QCOMPARE(checkTypes(g, DType::Float32).at(g.findLabel("s")).type->dtype, DType::Float32);
    }

    void errorsStayOnTheCause()
    {
        const GraphData g = read("a = constant([1.0, 2.0])\nb = constant([1.0, 2.0, 3.0])\nc = a + b\nd = exp(c)");
        const auto checks = checkTypes(g);
        const NodeCheck& c = checks.at(g.findLabel("c"));
        QVERIFY(!c.type);
        QVERIFY2(c.error.startsWith("add:"), qPrintable(c.error));
        const NodeCheck& d = checks.at(g.findLabel("d"));
        QVERIFY(!d.type);
        QVERIFY(d.error.isEmpty());
    }

    void dtypeMixing()
    {
        const GraphData g = read("a = constant(1.0, dtype=float64)\nb = constant(2.0, dtype=float32)\nc = a * b");
        QVERIFY2(checkTypes(g).at(g.findLabel("c")).error.contains("cannot mix float64"),
                 qPrintable(checkTypes(g).at(g.findLabel("c")).error));
        QVERIFY(checkTypes(g, DType::Float64).at(g.findLabel("c")).error.isEmpty());
    }

    void unconnectedPortAndArity()
    {
        GraphData g = read("a = Variable(1.0)\nb = exp(a)");
        const NodeId b = g.findLabel("b");
        g.connections.clear();
        QCOMPARE(checkTypes(g).at(b).error, QString("input 'x' is not connected"));
        g.node(b)->ports = 2;
        QCOMPARE(checkTypes(g).at(b).error, QString("exp takes at most 1 input, got 2"));
    }

    void unknownValuesAreNotErrors()
    {
        const GraphData g = read("z = w1 * w2");
        const auto checks = checkTypes(g);
        QVERIFY(!checks.at(g.findLabel("z")).type);
        QVERIFY(checks.at(g.findLabel("z")).error.isEmpty());
    }

    void customGradients()
    {
        const GraphData good = read("x = Variable([1.0, 2.0])\ncustom_gradient(log(exp(x) + 1), grad=dy / (1 + 1 / exp(x)))");
        QCOMPARE(checkTypes(good).at(good.target).type->shape, Shape::vector(2));
        QVERIFY(checkTypes(good).at(good.target).error.isEmpty());
        const GraphData bad = read("x = Variable([1.0, 2.0])\ncustom_gradient(reduce_sum(x), grad=dy)");
        QVERIFY2(checkTypes(bad).at(bad.target).error.contains("the gradient for input x has shape ()"),
                 qPrintable(checkTypes(bad).at(bad.target).error));
    }
};

QTEST_GUILESS_MAIN(TestTypeCheck)
#include "tst_typecheck.moc"
