// `gradscope eval` and `gradscope convert` run as a user runs them: as a process, with no display,
// their JSON checked against the book's numbers.
#include "../support/GradscopeProcess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace {

using testing::Outcome;

Outcome gradscope(const QStringList& arguments) { return testing::runGradscope(arguments); }

const QString bookF = QStringLiteral("w1 = Variable(5.0)\nw2 = Variable(3.0)\nf = 3 * w1 ** 2 + 2 * w1 * w2");
const QString softplus = QStringLiteral("x = Variable(100.0)\nlog(exp(x) + 1)");
const QString betterSoftplus = QStringLiteral("x = Variable(100.0)\ncustom_gradient(log(exp(x) + 1), grad = dy / (1 + 1/exp(x)))");

QByteArray readFile(const QString& name)
{
    QFile f(name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString& name, const QByteArray& bytes)
{
    QFile f(name);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void bookGradients()
    {
        const Outcome o = gradscope({"eval", bookF, "--json"});
        QCOMPARE(o.exitCode, 0);
        QCOMPARE(o.err, QString());
        const QJsonObject json = o.json();
        QCOMPARE(json["value"].toDouble(), 105.0);
        QCOMPARE(json["dtype"].toString(), QString("float32"));
        QCOMPARE(json["target"].toString(), QString("f"));
        QCOMPARE(json["gradients"].toObject()["w1"].toDouble(), 36.0);
        QCOMPARE(json["gradients"].toObject()["w2"].toDouble(), 10.0);
        // Numbers look like the book's, in the order of declaration.
        QVERIFY2(o.out.contains("\"gradients\": {\"w1\": 36.0, \"w2\": 10.0}"), qPrintable(o.out));
        QCOMPARE(json["nonfinite"].toArray().size(), 0);
    }

    void checkGradientsPrintsTheBooksFiniteDifference()
    {
        const Outcome o = gradscope({"eval", bookF, "--dtype", "float64", "--check-gradients", "--json"});
        QCOMPARE(o.exitCode, 0);
        QCOMPARE(o.err, QString());
        const QJsonObject w1 = o.json()["gradient_check"].toObject()["w1"].toObject();
        QCOMPARE(w1["autodiff"].toDouble(), 36.0);
        QCOMPARE(w1["numeric"].toDouble(), 36.000003007075065);
        QCOMPARE(w1["abs_error"].toDouble(), 36.000003007075065 - 36.0);
        QVERIFY(w1["rel_error"].toDouble() > 8e-8 && w1["rel_error"].toDouble() < 9e-8);
        // None sources: autodiff null, the finite difference computed, and why.
        const Outcome none = gradscope({"eval", "w1 = Variable(2.0)\nw2 = Variable(3.0)\nf = 4.0 * w1", "--check-gradients",
                                        "--difference", "central", "--eps", "1e-2", "--json"});
        QCOMPARE(none.exitCode, 0);
        const QJsonObject w2 = none.json()["gradient_check"].toObject()["w2"].toObject();
        QVERIFY(w2["autodiff"].isNull());
        QCOMPARE(w2["numeric"].toDouble(), 0.0);
        QVERIFY(!w2["reason"].toString().isEmpty());
        // float32's rounding shows in w1's: 3.9999961853027344.
        QVERIFY(std::abs(none.json()["gradient_check"].toObject()["w1"].toObject()["numeric"].toDouble() - 4.0) < 1e-4);
        // The table says it too.
        const Outcome table = gradscope({"eval", bookF, "--dtype", "float64", "--check-gradients"});
        QVERIFY2(table.out.contains("numeric 36.000003007075065"), qPrintable(table.out));
        // Mistakes are named.
        const Outcome badEps = gradscope({"eval", bookF, "--check-gradients", "--eps", "-1"});
        QCOMPARE(badEps.exitCode, 2);
        QVERIFY2(badEps.err.contains("--eps"), qPrintable(badEps.err));
        const Outcome badKind = gradscope({"eval", bookF, "--check-gradients", "--difference", "backward"});
        QCOMPARE(badKind.exitCode, 2);
        QVERIFY2(badKind.err.contains("forward or central"), qPrintable(badKind.err));
        const Outcome alone = gradscope({"eval", bookF, "--eps", "1e-3"});
        QCOMPARE(alone.exitCode, 2);
        QVERIFY2(alone.err.contains("--check-gradients"), qPrintable(alone.err));
    }

    void undeclaredNamesTakeValuesFromAt()
    {
        const Outcome o = gradscope({"eval", "3*w1**2 + 2*w1*w2", "--at", "w1=5,w2=3", "--json"});
        QCOMPARE(o.exitCode, 0);
        QVERIFY2(o.out.contains("\"gradients\": {\"w1\": 36.0, \"w2\": 10.0}"), qPrintable(o.out));
    }

    void stopGradient()
    {
        const Outcome o = gradscope({"eval", "3*w1**2 + stop_gradient(2*w1*w2)", "--at", "w1=5,w2=3", "--json"});
        QCOMPARE(o.exitCode, 0);
        const QJsonObject gradients = o.json()["gradients"].toObject();
        QCOMPARE(gradients["w1"].toDouble(), 30.0);
        QVERIFY(gradients["w2"].isNull());
        QVERIFY(o.json()["why_none"].toObject()["w2"].toString().contains("stop_gradient"));
    }

    void hessian()
    {
        const Outcome o = gradscope({"eval", bookF, "--hessian", "--json"});
        QCOMPARE(o.exitCode, 0);
        const QJsonArray h = o.json()["hessian"].toArray();
        QCOMPARE(h.size(), 2);
        QCOMPARE(h[0].toArray()[0].toDouble(), 6.0);
        QCOMPARE(h[0].toArray()[1].toDouble(), 2.0);
        QCOMPARE(h[1].toArray()[0].toDouble(), 2.0);
        QVERIFY(h[1].toArray()[1].isNull());
        QVERIFY2(o.out.contains("\"hessian\": [[6.0, 2.0], [2.0, null]]"), qPrintable(o.out));
    }

    void jacobianAndEvents()
    {
        const Outcome o = gradscope({"eval", "x * x", "--at", "x=[1, 2]", "--jacobian", "--events", "--json"});
        QCOMPARE(o.exitCode, 0);
        const QJsonObject json = o.json();
        QCOMPARE(json["jacobian"].toObject()["x"].toArray()[1].toArray()[1].toDouble(), 4.0);
        const QJsonArray events = json["events"].toArray();
        QVERIFY(events.size() >= 2);
        QCOMPARE(events[0].toObject()["kind"].toString(), QString("forward"));
        QCOMPARE(events[0].toObject()["op"].toString(), QString("mul"));
        QCOMPARE(events[1].toObject()["kind"].toString(), QString("backward"));
        QCOMPARE(events[1].toObject()["contributions"].toArray()[0].toArray()[1].toDouble(), 2.0);
        // x feeds mul twice: its gradient is the sum of both contributions.
        QCOMPARE(events.last().toObject()["kind"].toString(), QString("sum"));
        QCOMPARE(events.last().toObject()["upstream"].toArray()[1].toDouble(), 4.0);
    }

    void naiveSoftplusInFloat32()
    {
        const Outcome o = gradscope({"eval", softplus, "--json"});
        QCOMPARE(o.exitCode, 0);
        const QJsonObject json = o.json();
        QCOMPARE(json["value"].toString(), QString("Infinity"));
        QCOMPARE(json["gradients"].toObject()["x"].toString(), QString("NaN"));
        const QJsonArray births = json["nonfinite"].toArray();
        QVERIFY(births.size() >= 2);
        const QJsonObject first = births[0].toObject();
        QCOMPARE(first["phase"].toString(), QString("forward"));
        QCOMPARE(first["op"].toString(), QString("exp"));
        QVERIFY(first["reason"].toString().contains("overflows float32"));
        bool backwardNaN = false;
        for (const QJsonValue& b : births)
            backwardNaN = backwardNaN || (b.toObject()["phase"] == "backward" && b.toObject()["reason"].toString().contains("nan"));
        QVERIFY(backwardNaN);
    }

    void customGradientSoftplus()
    {
        const Outcome o = gradscope({"eval", betterSoftplus, "--json"});
        QCOMPARE(o.exitCode, 0);
        QCOMPARE(o.json()["gradients"].toObject()["x"].toDouble(), 1.0);
        QVERIFY2(o.out.contains("\"gradients\": {\"x\": 1.0}"), qPrintable(o.out));
    }

    void softplusInFloat64()
    {
        const Outcome o = gradscope({"eval", softplus, "--dtype", "float64", "--json"});
        QCOMPARE(o.exitCode, 0);
        const QJsonObject json = o.json();
        QCOMPARE(json["dtype"].toString(), QString("float64"));
        QCOMPARE(json["value"].toDouble(), 100.0);
        QCOMPARE(json["gradients"].toObject()["x"].toDouble(), 1.0);
        QCOMPARE(json["nonfinite"].toArray().size(), 0);
    }

    void float32NumbersReadBackExactly()
    {
        const Outcome o = gradscope({"eval", "x * 1", "--at", "x=0.1", "--json"});
        QCOMPARE(o.exitCode, 0);
        QVERIFY2(o.out.contains("\"value\": 0.1,"), qPrintable(o.out));
        const Outcome d = gradscope({"eval", "x * 1", "--at", "x=0.1", "--dtype", "float64", "--json"});
        QVERIFY2(d.out.contains("\"value\": 0.1,"), qPrintable(d.out));
    }

    void inputsFileWrtAndTarget()
    {
        QTemporaryDir dir;
        const QString inputs = dir.filePath("inputs.json");
        writeFile(inputs, R"({"w1": 5, "w2": 3.0})");
        const Outcome o = gradscope({"eval", "z = w1 * w2\nloss = z ** 2", "--inputs", inputs, "--wrt", "z,w2",
                                     "--target", "loss", "--json"});
        QCOMPARE(o.exitCode, 0);
        QVERIFY2(o.out.contains("\"gradients\": {\"z\": 30.0, \"w2\": 150.0}"), qPrintable(o.out));
    }

    void readableTable()
    {
        const Outcome o = gradscope({"eval", bookF});
        QCOMPARE(o.exitCode, 0);
        QVERIFY2(o.out.startsWith("f = 105.0  (float32)\n"), qPrintable(o.out));
        QVERIFY(o.out.contains("d/dw1  36.0"));
        QVERIFY(o.out.contains("d/dw2  10.0"));
    }

    void badInputExitsWithTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("parse error") << QStringList{"eval", "z = w1 * w2\nloss = z +"}
                                     << "gradscope: formula: line 2, column 11: expected an expression after '+'";
        QTest::newRow("missing values") << QStringList{"eval", "3 * w1 ** 2 + 2 * w1 * w2"}
                                        << "gradscope: w1, w2 have no value";
        QTest::newRow("unknown --at name") << QStringList{"eval", bookF, "--at", "w3=1"}
                                           << "gradscope: --at: no value named 'w3' (the graph has w1, w2, f)";
        QTest::newRow("bad --at value") << QStringList{"eval", bookF, "--at", "w1=abc"}
                                        << "gradscope: --at: 'abc' is not a number";
        QTest::newRow("bad dtype") << QStringList{"eval", bookF, "--dtype", "int8"}
                                   << "gradscope: --dtype: expected float32 or float64, got 'int8'";
        QTest::newRow("unknown option") << QStringList{"eval", bookF, "--bogus"}
                                        << "gradscope: eval: Unknown option 'bogus'.";
        QTest::newRow("shape error") << QStringList{"eval", "constant([1.0, 2.0]) + constant([1.0, 2.0, 3.0])"}
                                     << "gradscope: add#3: add:";
        QTest::newRow("missing file") << QStringList{"eval", "missing.gscope"}
                                      << "gradscope: cannot open 'missing.gscope': no such file";
        QTest::newRow("no argument") << QStringList{"eval"} << "gradscope: eval: expected one formula or file, got 0";
        QTest::newRow("convert without format") << QStringList{"convert", bookF}
                                                << "gradscope: convert: say which format";
    }
    void badInputExitsWithTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Outcome o = gradscope(arguments);
        QCOMPARE(o.exitCode, 2);
        QCOMPARE(o.out, QString());
        QVERIFY2(o.err.startsWith(message), qPrintable(o.err));
        QVERIFY2(o.err.endsWith('\n'), qPrintable(o.err));
    }

    void convertRoundTripsThroughFiles()
    {
        QTemporaryDir dir;
        const QString gscope = dir.filePath("f.gscope");
        QCOMPARE(gradscope({"convert", bookF, "--to", "gscope", "-o", gscope}).exitCode, 0);
        QVERIFY(readFile(gscope).contains("\"format\": \"gradscope\""));
        const Outcome formula = gradscope({"convert", gscope, "--to", "formula"});
        QCOMPARE(formula.exitCode, 0);
        QCOMPARE(formula.out, bookF + "\n");
        const Outcome fromFile = gradscope({"eval", gscope, "--json"});
        QVERIFY2(fromFile.out.contains("\"gradients\": {\"w1\": 36.0, \"w2\": 10.0}"), qPrintable(fromFile.out));
        const Outcome dot = gradscope({"convert", gscope, "--to", "dot"});
        QCOMPARE(dot.exitCode, 0);
        QVERIFY(dot.out.startsWith("digraph gradscope {"));
        // A formula in a text file reads like one given on the command line.
        const QString text = dir.filePath("f.txt");
        writeFile(text, bookF.toUtf8());
        QVERIFY(gradscope({"eval", text, "--json"}).out.contains("36.0"));
    }

    /// `convert --to python` (or an OUT ending in .py) writes TensorFlow code with eval's options.
    void convertWritesTensorFlowCode()
    {
        const Outcome o = gradscope({"convert", bookF, "--to", "python", "--hessian"});
        QCOMPARE(o.exitCode, 0);
        QCOMPARE(o.err, QString());
        QVERIFY2(o.out.startsWith("import tensorflow as tf\n\nw1 = tf.Variable(5.0, dtype=tf.float32)\n"), qPrintable(o.out));
        QVERIFY2(o.out.contains("def f(w1, w2):\n    return 3 * w1 ** 2 + 2 * w1 * w2\n"), qPrintable(o.out));
        QVERIFY2(o.out.contains("with tf.GradientTape(persistent=True) as outer_tape:\n"), qPrintable(o.out));

        QTemporaryDir dir;
        const QString py = dir.filePath("f.py");
        QCOMPARE(gradscope({"convert", bookF, "--wrt", "w2", "--dtype", "float64", "-o", py}).exitCode, 0);
        const QString written = QString::fromUtf8(readFile(py));
        QVERIFY2(written.contains("w1 = tf.Variable(5.0, dtype=tf.float64)\n"), qPrintable(written));
        QVERIFY2(written.contains("dz_dw2 = tape.gradient(z, w2)\n"), qPrintable(written));

        // A lesson's graph is the one its step shows, with the step's settings.
        const Outcome step = gradscope({"convert", "lesson:2", "--step", "3", "--to", "python"});
        QCOMPARE(step.exitCode, 0);
        QVERIFY2(step.out.contains("    tape.watch(c1)\n    tape.watch(c2)\n"), qPrintable(step.out));
    }

    void convertToPythonSaysWhatIsWrong_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("a value missing") << QStringList{"convert", "3*w1**2", "--to", "python"}
                                         << "gradscope: convert: the graph cannot be written as TensorFlow code: w1 has no value";
        QTest::newRow("an option of python only") << QStringList{"convert", bookF, "--to", "formula", "--jacobian"}
                                                  << "gradscope: --jacobian applies to --to python only";
        QTest::newRow("a lesson without a step") << QStringList{"convert", "lesson:1", "--to", "python"}
                                                 << "gradscope: convert: the document's graph is empty; its lesson makes one per step";
        QTest::newRow("a step out of range") << QStringList{"convert", "lesson:1", "--step", "9", "--to", "python"}
                                             << "gradscope: --step: expected a step of the lesson from 1 to 5, got '9'";
    }
    void convertToPythonSaysWhatIsWrong()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Outcome o = gradscope(arguments);
        QCOMPARE(o.exitCode, 2);
        QCOMPARE(o.out, QString());
        QVERIFY2(o.err.startsWith(message), qPrintable(o.err));
    }

    void badInputNeverOverwritesAFile()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("keep.gscope");
        writeFile(out, "precious");
        const Outcome o = gradscope({"convert", "log(", "--to", "gscope", "-o", out});
        QCOMPARE(o.exitCode, 2);
        QCOMPARE(readFile(out), QByteArray("precious"));
        const QString damaged = dir.filePath("damaged.gscope");
        writeFile(damaged, R"({"format": "gradscope", "version": 1, "graph": {"nodes": [{"id": 1, "kind": "op", "op": "fooo"}]}})");
        const Outcome d = gradscope({"convert", damaged, "--to", "formula", "-o", out});
        QCOMPARE(d.exitCode, 2);
        QVERIFY2(d.err.contains("$.graph.nodes[0].op: unknown op 'fooo'"), qPrintable(d.err));
        QCOMPARE(readFile(out), QByteArray("precious"));
    }

    void helpListsTheVerbs()
    {
        const Outcome o = gradscope({"--help"});
        QCOMPARE(o.exitCode, 0);
        QVERIFY(o.out.contains("  eval"));
        QVERIFY(o.out.contains("  convert"));
        const Outcome eval = gradscope({"eval", "--help"});
        QCOMPARE(eval.exitCode, 0);
        QVERIFY(eval.out.startsWith("Usage: gradscope eval"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
