// Forward mode beside reverse mode (issue 17, part 2): an evaluation with a direction over the
// sources gives every node's tangent and the target's directional derivative (the book's 36 and
// 10), None where TensorFlow says None, the passes and ops each mode needs for the whole
// Jacobian, and `gradscope eval --jvp` in JSON, with its mistakes named.
#include "../support/GradscopeProcess.h"

#include "document/Evaluation.h"
#include "document/FormulaReader.h"
#include "document/ForwardMode.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace gs;

namespace {

using testing::Outcome;

GraphData read(const QString& text)
{
    FormulaResult r = readFormula(text);
    if (!r.ok())
        qFatal("%s", qPrintable(r.error->message));
    return r.data;
}

NodeId named(const GraphData& data, const QString& name)
{
    for (const auto& [id, n] : data.nodes)
        if (data.displayName(id) == name)
            return id;
    qFatal("no node %s", qPrintable(name));
}

const QString bookF = QStringLiteral("w1 = Variable(5.0)\nw2 = Variable(3.0)\nf = 3 * w1 ** 2 + 2 * w1 * w2");

Evaluation alongDirection(const GraphData& data, std::initializer_list<std::pair<const char*, double>> tangents)
{
    EvaluationOptions options;
    options.tangents.emplace();
    for (const auto& [name, t] : tangents)
        (*options.tangents)[named(data, QString::fromLatin1(name))] = TensorValue::scalar(t);
    return evaluate(data, options);
}

Outcome gradscope(const QStringList& arguments) { return testing::runGradscope(arguments); }

} // namespace

class TestForwardMode : public QObject {
    Q_OBJECT
private slots:
    void theBooksDirectionalDerivatives()
    {
        const GraphData data = read(bookF);
        const Evaluation e1 = alongDirection(data, {{"w1", 1.0}, {"w2", 0.0}});
        QVERIFY(e1.ok());
        QVERIFY2(e1.forward.ok(), qPrintable(e1.forward.error));
        QCOMPARE(e1.forward.jvp->item(), 36.0);
        const Evaluation e2 = alongDirection(data, {{"w2", 1.0}}); // w1 left out: 0
        QCOMPARE(e2.forward.jvp->item(), 10.0);
        QCOMPARE(e2.forward.tangents.size(), std::size_t{2});
        QCOMPARE(e2.forward.tangents[0]->item(), 0.0);
        // Reverse mode is untouched beside it.
        QCOMPARE(e2.gradients[0].gradient->item(), 36.0);
        // Every node's tangent: the sources' own, and f's.
        QCOMPARE(e1.node(named(data, "w1"))->tangent->item(), 1.0);
        QCOMPARE(e1.node(named(data, "f"))->tangent->item(), 36.0);
    }

    void passesAndOpsOfEachMode()
    {
        // Two scalar inputs, one scalar output: two forward passes, one reverse pass.
        const Evaluation book = alongDirection(read(bookF), {{"w1", 1.0}});
        const ModeCost& c = book.forward.cost;
        QCOMPARE(c.inputs, 2);
        QCOMPARE(c.outputs, 1);
        QCOMPARE(c.opsPerPass, 5); // pow, mul, mul, mul, add
        QCOMPARE(c.forwardPasses(), 2);
        QCOMPARE(c.reversePasses(), 1);
        QCOMPARE(c.forwardOps(), 10);
        QCOMPARE(c.reverseOps(), 5);
        QVERIFY2(modeCostSentence(c).contains("2 passes x 5 ops = 10"), qPrintable(modeCostSentence(c)));
        // One scalar input, a vector output of 4: the other way round.
        const GraphData vector = read(QStringLiteral("x = Variable(2.0)\ny = x * constant([1.0, 2.0, 3.0, 4.0])"));
        const Evaluation e = alongDirection(vector, {{"x", 1.0}});
        QCOMPARE(e.forward.cost.forwardPasses(), 1);
        QCOMPARE(e.forward.cost.reversePasses(), 4);
        QCOMPARE(e.forward.jvp->toDoubles(), (std::vector<double>{1.0, 2.0, 3.0, 4.0}));
    }

    void noneWhereTheTargetDoesNotDependOnTheSources()
    {
        const GraphData data = read(QStringLiteral("w1 = Variable(2.0)\nw2 = Variable(3.0)\nf = 4.0 * w1"));
        const Evaluation along = alongDirection(data, {{"w2", 1.0}});
        QVERIFY(along.forward.ok());
        // w1 is a source with tangent 0, so f has a tangent, 0.
        QCOMPARE(along.forward.jvp->item(), 0.0);
        const GraphData cut = read(QStringLiteral("w1 = Variable(2.0)\nf = stop_gradient(w1 * w1) + 1.0"));
        const Evaluation e = alongDirection(cut, {{"w1", 1.0}});
        QVERIFY(e.forward.ok());
        QVERIFY(!e.forward.jvp.has_value());
        QVERIFY(!e.node(named(cut, "f"))->tangent.has_value());
        QCOMPARE(e.forward.cost.opsPerPass, 0);
    }

    void mistakesAreNamed()
    {
        const GraphData data = read(QStringLiteral("w1 = Variable([1.0, 2.0])\nx = constant(3.0)\nf = reduce_sum(w1 * x)"));
        EvaluationOptions options;
        options.tangents.emplace();
        (*options.tangents)[named(data, "w1")] = TensorValue::scalar(1.0);
        const Evaluation shape = evaluate(data, options);
        QVERIFY(!shape.forward.ok());
        QCOMPARE(shape.forward.error, QStringLiteral("the tangent for w1 has shape (), but w1 has shape (2,)"));
        options.tangents->clear();
        (*options.tangents)[named(data, "x")] = TensorValue::scalar(1.0);
        const Evaluation stranger = evaluate(data, options);
        QCOMPARE(stranger.forward.error,
                 QStringLiteral("x is not a source of the gradients, so it takes no tangent (the sources are w1)"));
    }

    // --- gradscope eval --jvp -----------------------------------------------------------------

    void evalJvpJson()
    {
        const Outcome o = gradscope({"eval", bookF, "--jvp", "w1=1,w2=0", "--json"});
        QCOMPARE(o.exitCode, 0);
        QCOMPARE(o.err, QString());
        const QJsonObject json = o.json();
        QCOMPARE(json["jvp"].toDouble(), 36.0);
        QVERIFY2(o.out.contains("\"jvp\": 36.0"), qPrintable(o.out));
        const QJsonObject mode = json["forward_mode"].toObject();
        QCOMPARE(mode["forward"].toObject()["passes"].toInt(), 2);
        QCOMPARE(mode["reverse"].toObject()["passes"].toInt(), 1);
        QCOMPARE(mode["ops_per_pass"].toInt(), 5);
        QCOMPARE(mode["direction"].toObject()["w2"].toDouble(), 0.0);
        QVERIFY(!json.contains("tangents"));
        const Outcome w2 = gradscope({"eval", bookF, "--jvp", "w2=1", "--json"});
        QCOMPARE(w2.json()["jvp"].toDouble(), 10.0);
        // Without --jvp, nothing changes.
        QVERIFY(!gradscope({"eval", bookF, "--json"}).json().contains("jvp"));
    }

    void evalJvpNullAndEvents()
    {
        const Outcome none = gradscope({"eval", "w1 = Variable(2.0)\nf = stop_gradient(w1) * 3.0", "--jvp", "w1=1", "--json"});
        QCOMPARE(none.exitCode, 0);
        QVERIFY(none.json()["jvp"].isNull());
        QVERIFY2(none.out.contains("\"jvp\": null"), qPrintable(none.out));

        const Outcome o = gradscope({"eval", bookF, "--jvp", "w1=1,w2=0", "--events", "--json"});
        QCOMPARE(o.exitCode, 0);
        const QJsonObject tangents = o.json()["tangents"].toObject();
        QCOMPARE(tangents["w1"].toDouble(), 1.0);
        QCOMPARE(tangents["w2"].toDouble(), 0.0);
        QCOMPARE(tangents["f"].toDouble(), 36.0);
        const QJsonArray steps = o.json()["forward_steps"].toArray();
        QCOMPARE(steps.size(), 5);
        QCOMPARE(steps.last().toObject()["op"].toString(), QStringLiteral("add"));
        QCOMPARE(steps.last().toObject()["node"].toString(), QStringLiteral("f"));
        QCOMPARE(steps.last().toObject()["tangent"].toDouble(), 36.0);
        QCOMPARE(steps.last().toObject()["rule"].toString(), QStringLiteral("linear"));

        const Outcome table = gradscope({"eval", bookF, "--jvp", "w1=1"});
        QCOMPARE(table.exitCode, 0);
        QVERIFY2(table.out.contains("jvp  36.0"), qPrintable(table.out));
        QVERIFY2(table.out.contains("forward mode: 2 passes x 5 ops = 10 op steps; reverse mode: 1 pass x 5 ops = 5 op steps"),
                 qPrintable(table.out));
    }

    void evalJvpMistakesExitWithTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown name") << QStringList{"eval", bookF, "--jvp", "w3=1"}
                                      << "gradscope: --jvp: no value named 'w3' (the graph has w1, w2, f)";
        QTest::newRow("not a number") << QStringList{"eval", bookF, "--jvp", "w1=abc"}
                                      << "gradscope: --jvp: the tangent for w1, 'abc', is not a number";
        QTest::newRow("no equals sign") << QStringList{"eval", bookF, "--jvp", "w1"}
                                        << "gradscope: --jvp: expected NAME=TANGENT (w1=1,w2=0), got 'w1'";
        QTest::newRow("twice") << QStringList{"eval", bookF, "--jvp", "w1=1,w1=2"} << "gradscope: --jvp: w1 is given twice";
        QTest::newRow("wrong shape") << QStringList{"eval", bookF, "--jvp", "w1=[1,2]"}
                                     << "gradscope: --jvp: the tangent for w1 has shape (2,), but w1 has shape ()";
        QTest::newRow("not a source") << QStringList{"eval", bookF, "--wrt", "w1", "--jvp", "w2=1"}
                                      << "gradscope: --jvp: w2 is not a source of the gradients, so it takes no tangent "
                                         "(the sources are w1)";
    }

    void evalJvpMistakesExitWithTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Outcome o = gradscope(arguments);
        QCOMPARE(o.exitCode, 2);
        QCOMPARE(o.out, QString());
        QVERIFY2(o.err.startsWith(message), qPrintable(o.err));
    }
};

QTEST_GUILESS_MAIN(TestForwardMode)
#include "tst_forward_mode.moc"
