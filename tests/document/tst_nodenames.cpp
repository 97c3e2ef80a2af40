// What students read about values: reasons, NaN births and answers name values by their labels,
// and unlabelled ones by what they compute, never by the internal "op#id" that the canvas shows
// nowhere (issue 11, item 9).
#include "document/Evaluation.h"
#include "document/EvaluationReport.h"
#include "document/FormulaReader.h"
#include "document/NodeNames.h"

#include <QRegularExpression>
#include <QTest>

using namespace gs;

namespace {

GraphData read(const char* formula)
{
    const FormulaResult r = readFormula(QString::fromUtf8(formula));
    if (!r.ok())
        qFatal("%s", qPrintable(r.error->formatted()));
    return r.data;
}

NodeId opNode(const GraphData& g, const char* op)
{
    for (const auto& [id, n] : g.nodes)
        if (n.op == QLatin1StringView(op))
            return id;
    return {};
}

/// "stop_gradient#10", "pow#5", "custom_gradient#3": an id a student cannot see anywhere.
bool hasInternalId(const QString& text)
{
    static const QRegularExpression id(QStringLiteral("[A-Za-z_]#\\d"));
    return id.match(text).hasMatch();
}

} // namespace

class TestNodeNames : public QObject {
    Q_OBJECT
private slots:
    void labelsAreNames()
    {
        const GraphData g = read("w1 = Variable(5.0)\nw2 = Variable(3.0)\nf = 3 * w1 ** 2 + 2 * w1 * w2");
        QCOMPARE(friendlyName(g, g.findLabel("w2")), QString("w2"));
        QCOMPARE(friendlyName(g, g.findLabel("f")), QString("f"));
        QCOMPARE(derivativeName(g, g.findLabel("f")), QString("f"));
    }

    void unlabelledValuesAreWhatTheyCompute()
    {
        const GraphData g = read("w1 = Variable(5.0)\nw2 = Variable(3.0)\nf = 3 * w1 ** 2 + stop_gradient(2 * w1 * w2)");
        QCOMPARE(friendlyName(g, opNode(g, "pow")), QString("w1 ** 2"));
        QCOMPARE(friendlyName(g, opNode(g, "stop_gradient")), QString("stop_gradient(2 * w1 * w2)"));
        const GraphData softplus = read("x = Variable(100.0)\nlog(exp(x) + 1)");
        QCOMPARE(friendlyName(softplus, softplus.target), QString("log(exp(x) + 1)"));
        QCOMPARE(derivativeName(softplus, opNode(softplus, "add")), QString("(exp(x) + 1)"));
        // Parentheses only where the formula needs them.
        const GraphData sum = read("a = Variable(1.0)\nb = Variable(2.0)\n(a + b) * 2");
        QCOMPARE(friendlyName(sum, sum.target), QString("(a + b) * 2"));
    }

    void longExpressionsAreShortenedInside()
    {
        const GraphData g = read("w = Variable(0.5)\nb = Variable(0.0)\nx = constant([1.0, 2.0, 3.0])\n"
                                 "y = constant([2.0, 4.0, 6.0])\nreduce_mean((y - (w * x + b)) ** 2) + 0.05 * w ** 2");
        const QString name = friendlyName(g, g.target);
        QVERIFY2(name.size() <= 30, qPrintable(name));
        QVERIFY2(name.contains(u'…'), qPrintable(name));
        QCOMPARE(name, QString("reduce_mean(… ** 2) + 0.05 * …"));
        QVERIFY(!hasInternalId(name));
        // The outer terms are kept whole and the inner ones elided, not every branch cut at one
        // depth.
        const GraphData vector = read("w1 = Variable(5.0)\nw2 = Variable(3.0)\n3 * w1 ** 2 + 2 * w1 * (w2 + [2.0, 5.0, 7.0])");
        QCOMPARE(friendlyName(vector, vector.target), QString("3 * w1 ** 2 + 2 * w1 * …"));
    }

    void noneReasonsNameTheValves()
    {
        const GraphData g = read("w1 = Variable(5.0)\nw2 = Variable(3.0)\nf = 3 * w1 ** 2 + stop_gradient(2 * w1 * w2)");
        const Evaluation ev = evaluate(g);
        QVERIFY(!ev.gradients[1].gradient);
        const QString reason = ev.gradients[1].noneReason;
        QVERIFY2(reason.contains("w2"), qPrintable(reason));
        QVERIFY2(!reason.contains(u'#'), qPrintable(reason));
        QCOMPARE(reason, QString("every path from w2 to f goes through stop_gradient(2 * w1 * w2), which lets no "
                                 "gradient through"));
        // A labelled valve is named by its label.
        const GraphData labelled = read("w1 = Variable(5.0)\nw2 = Variable(3.0)\ns = stop_gradient(2 * w1 * w2)\nf = 3 * w1 ** 2 + s");
        const QString short_ = evaluate(labelled).gradients[1].noneReason;
        QCOMPARE(short_, QString("every path from w2 to f goes through s, which lets no gradient through"));
    }

    void nanBirthsInTheTableNameTheirNodes()
    {
        const GraphData g = read("x = Variable(100.0)\nlog(exp(x) + 1)");
        const Evaluation ev = evaluate(g);
        QVERIFY(!ev.nonfinite.empty());
        const QString table = evaluationTable(g, ev, {});
        QVERIFY2(table.contains("forward   exp(x): exp(100.0) overflows float32"), qPrintable(table));
        QVERIFY2(!hasInternalId(table), qPrintable(table));
        // The engine names the input by its port ("x"), as the node shows it, not by its index.
        bool backward = false;
        for (const NonFiniteBirth& b : ev.nonfinite)
            if (b.phase == NonFiniteBirth::Phase::Backward) {
                backward = true;
                QVERIFY2(b.reason.contains("the gradient of exp for its input x:"), qPrintable(b.reason));
            }
        QVERIFY(backward);
    }

    void manyNamesShareOneIndex()
    {
        const GraphData g = read("w1 = Variable(5.0)\nw2 = Variable(3.0)\nf = 3 * w1 ** 2 + 2 * w1 * w2");
        const NodeNamer names(g);
        for (const auto& [id, n] : g.nodes) {
            QCOMPARE(names.name(id), friendlyName(g, id));
            QVERIFY2(!hasInternalId(names.name(id)), qPrintable(names.name(id)));
        }
    }
};

QTEST_GUILESS_MAIN(TestNodeNames)
#include "tst_nodenames.moc"
