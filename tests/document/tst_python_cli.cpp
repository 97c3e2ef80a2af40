// The book's Python files through the gradscope program, as a user runs it: `eval FILE.py --json`
// with the code's own results under "python", `trace` making the calls the code makes, `convert`,
// and errors with their line and column (status 2).
#include "../support/GradscopeProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

using testing::Outcome;

Outcome gradscope(const QStringList& arguments) { return testing::runGradscope(arguments); }

QString data(const char* name) { return QStringLiteral(PYTHON_DATA_DIR "/") + QLatin1StringView(name); }

} // namespace

class TestPythonCli : public QObject {
    Q_OBJECT
private slots:
    void evalBookGradients()
    {
        const Outcome o = gradscope({"eval", data("tape_basics.py"), "--json"});
        QCOMPARE(o.exitCode, 0);
        QCOMPARE(o.err, QString());
        const QJsonObject json = o.json();
        QCOMPARE(json["target"].toString(), QString("z"));
        QCOMPARE(json["value"].toDouble(), 105.0);
        QVERIFY2(o.out.contains("\"gradients\": {\"w1\": 36.0, \"w2\": 10.0}"), qPrintable(o.out));
        const QJsonObject python = json["python"].toObject();
        QCOMPARE(python.keys(), QStringList({"gradients", "w1", "w2", "z"}));
        QVERIFY2(o.out.contains("\"python\": {\"w1\": 5.0, \"w2\": 3.0, \"z\": 105.0, \"gradients\": [36.0, 10.0]}"), qPrintable(o.out));
    }

    void evalHessianAndNone()
    {
        const Outcome o = gradscope({"eval", data("hessian.py"), "--json"});
        QCOMPARE(o.exitCode, 0);
        QVERIFY2(o.out.contains("\"hessians\": [[6.0, 2.0], [2.0, null]]"), qPrintable(o.out));
        QVERIFY2(o.out.contains("\"hessian\": [[6.0, 2.0], [2.0, null]]"), qPrintable(o.out)); // the document's own
        QVERIFY2(o.out.contains("\"jacobians\": [36.0, 10.0]"), qPrintable(o.out));
    }

    void evalCustomGradient()
    {
        const Outcome o = gradscope({"eval", data("custom_softplus.py"), "--json"});
        QCOMPARE(o.exitCode, 0);
        QVERIFY2(o.out.contains("\"z, tape.gradient(z, [x])\": [[\"Infinity\"], [[1.0]]]"), qPrintable(o.out));
        QCOMPARE(o.json()["gradients"].toObject()["x"].toArray().first().toDouble(), 1.0);
        const Outcome nan = gradscope({"eval", data("softplus_nan.py"), "--json"});
        QCOMPARE(nan.exitCode, 0);
        QVERIFY2(nan.out.contains("\"tape.gradient(z, [x])\": [[\"NaN\"]]"), qPrintable(nan.out));
    }

    void evalTableAndDtype()
    {
        const Outcome o = gradscope({"eval", data("stop_gradient.py"), "--dtype", "float64"});
        QCOMPARE(o.exitCode, 0);
        QVERIFY2(o.out.contains("gradients = [30.0, None]"), qPrintable(o.out));
        const Outcome cell = gradscope({"eval", data("stop_gradient_cell.py"), "--at", "w1=5,w2=3", "--json"});
        QCOMPARE(cell.exitCode, 0);
        QVERIFY2(cell.out.contains("\"gradients\": [30.0, null]"), qPrintable(cell.out));
    }

    void pythonTextOnTheCommandLine()
    {
        const Outcome o = gradscope({"eval", "x = tf.Variable(3.0)\nwith tf.GradientTape() as tape:\n    y = x ** 2\ng = tape.gradient(y, x)", "--json"});
        QCOMPARE(o.exitCode, 0);
        QVERIFY2(o.out.contains("\"python\": {\"x\": 3.0, \"y\": 9.0, \"g\": 6.0}"), qPrintable(o.out));
    }

    void errorsNameThePlace()
    {
        const Outcome o = gradscope({"eval", data("non_persistent.py"), "--json"});
        QCOMPARE(o.exitCode, 2);
        QVERIFY2(o.err.startsWith("gradscope: " + data("non_persistent.py")
                                  + ": line 10, column 15: A non-persistent GradientTape can only be used to compute one set "
                                    "of gradients (or jacobians)"),
                 qPrintable(o.err));
        QVERIFY(o.out.isEmpty());
        const Outcome w = gradscope({"eval", "x = 1\nwhile x < 3:\n    x = x + 1"});
        QCOMPARE(w.exitCode, 2);
        QVERIFY2(w.err.contains("line 2, column 1: while loops are not supported"), qPrintable(w.err));
    }

    void traceMakesTheCallsOfTheCode()
    {
        const Outcome o = gradscope({"trace", data("retracing.py"), "--json"});
        QCOMPARE(o.exitCode, 0);
        QCOMPARE(o.err, QString());
        const QJsonObject json = o.json();
        QCOMPARE(json["function"].toString(), QString("tf_cube"));
        QCOMPARE(json["trace_count"].toInt(), 4);
        const QJsonArray calls = json["calls"].toArray();
        QCOMPARE(calls.size(), 5);
        QCOMPARE(calls[0].toObject()["value"].toDouble(), 1000.0);
        QVERIFY(!calls[1].toObject()["traced"].toBool());
        QCOMPARE(calls[2].toObject()["value"].toArray().at(1).toDouble(), 8000.0);
        const Outcome book = gradscope({"trace", data("tf_function.py"), "--json"});
        QCOMPARE(book.exitCode, 0);
        QCOMPARE(book.json()["function"].toString(), QString("cube"));
        QCOMPARE(book.json()["trace_count"].toInt(), 2);
        const Outcome explicitCalls = gradscope({"trace", data("tf_function.py"), "--target", "tf_cube", "--call", "x=3", "--json"});
        QCOMPARE(explicitCalls.exitCode, 0);
        QCOMPARE(explicitCalls.json()["calls"].toArray().first().toObject()["value"].toDouble(), 27.0);
    }

    void convertReadsPython()
    {
        const Outcome o = gradscope({"convert", data("custom_softplus.py"), "--to", "formula"});
        QCOMPARE(o.exitCode, 0);
        QVERIFY2(o.out.contains("custom_gradient("), qPrintable(o.out));
        const Outcome g = gradscope({"convert", data("tape_basics.py"), "--to", "gscope"});
        QCOMPARE(g.exitCode, 0);
        QVERIFY(QJsonDocument::fromJson(g.out.toUtf8()).isObject());
    }
};

QTEST_GUILESS_MAIN(TestPythonCli)
#include "tst_python_cli.moc"
