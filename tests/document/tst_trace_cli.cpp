// `gradscope trace` run as a user runs it: as a process, with no display, its JSON checked
// against TensorFlow's retracing rules and against pass counts worked out by hand.
#include "../support/GradscopeProcess.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <cmath>

namespace {

using testing::Outcome;

Outcome gradscope(const QStringList& arguments) { return testing::runGradscope(arguments); }

Outcome trace(const QString& formula, const QStringList& calls, const QStringList& more = {})
{
    QStringList arguments{"trace", formula, "--json"};
    for (const QString& c : calls)
        arguments << "--call" << c;
    return gradscope(arguments + more);
}

/// The book's cube: x is an undeclared name, so every call must bind it.
const QString cube = QStringLiteral("x ** 3");

/// Something for every pass: (1 + 2) folds, `* 1.0` simplifies, the second exp(x) merges into the
/// first and the unused 1.0 into the unused 1 (equal bits), and sin(x), 1 and 2 are pruned.
const QString everyPass = QStringLiteral("x = Input()\ndead = sin(x)\ny = (exp(x) + exp(x)) * (1 + 2) * 1.0");

struct CallExpectation {
    bool traced;
    int concrete;
};

void checkCalls(const QJsonObject& json, const std::vector<CallExpectation>& expected)
{
    const QJsonArray calls = json["calls"].toArray();
    QCOMPARE(calls.size(), static_cast<qsizetype>(expected.size()));
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const QJsonObject c = calls[static_cast<qsizetype>(i)].toObject();
        QVERIFY2(c["traced"].toBool() == expected[i].traced, qPrintable(QString("call %1: %2").arg(i).arg(c["reason"].toString())));
        // Counted from 1, as the table's #1 and the exported concrete-1.svg.
        QCOMPARE(c["concrete_function"].toInt(), expected[i].concrete + 1);
        QVERIFY(!c["reason"].toString().isEmpty());
    }
}

int passCount(const QJsonObject& concrete, const QString& name, const QString& verb)
{
    for (const QJsonValue& p : concrete["passes"].toArray())
        if (p.toObject()["name"].toString() == name)
            return p.toObject()[verb].toInt(-1);
    return -1;
}

QByteArray readFile(const QString& name)
{
    QFile f(name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestTraceCli : public QObject {
    Q_OBJECT
private slots:
    void tensorsShareAGraphPerDtypeAndShape()
    {
        const Outcome o = trace(cube, {"x=constant(10)", "x=constant(20)", "x=constant([10, 20])"});
        QCOMPARE(o.exitCode, 0);
        QCOMPARE(o.err, QString());
        const QJsonObject json = o.json();
        checkCalls(json, {{true, 0}, {false, 0}, {true, 1}});
        const QJsonArray calls = json["calls"].toArray();
        QCOMPARE(calls[0].toObject()["value"].toDouble(), 1000.0);
        QCOMPARE(calls[1].toObject()["value"].toDouble(), 8000.0);
        QCOMPARE(calls[2].toObject()["value"].toArray(), (QJsonArray{1000.0, 8000.0}));
        // TensorFlow's tf.constant(10) is int32, and so is constant(10) in a call: the book's
        // tf_cube(tf.constant(10)) "will be generated for int32 tensors of shape []".
        QCOMPARE(calls[0].toObject()["signature"].toString(), QString("x: TensorSpec(shape=(), dtype=int32)"));
        QVERIFY2(calls[1].toObject()["reason"].toString().contains("reused"), qPrintable(o.out));
        QVERIFY2(calls[2].toObject()["reason"].toString().contains("shape (2,)"), qPrintable(o.out));
        const QJsonArray concretes = json["concrete_functions"].toArray();
        QCOMPARE(concretes.size(), 2);
        QCOMPARE(concretes[0].toObject()["calls"].toInt(), 2);
        QCOMPARE(concretes[1].toObject()["calls"].toInt(), 1);
        QCOMPARE(json["trace_count"].toInt(), 2);
        QVERIFY(!json.contains("warning"));
    }

    void plainNumbersAreKeyedByValue()
    {
        const Outcome o = trace(cube, {"x=10", "x=20", "x=10"});
        QCOMPARE(o.exitCode, 0);
        const QJsonObject json = o.json();
        checkCalls(json, {{true, 0}, {true, 1}, {false, 0}});
        const QJsonArray concretes = json["concrete_functions"].toArray();
        QCOMPARE(concretes.size(), 2);
        QCOMPARE(concretes[0].toObject()["signature"].toString(), QString("x=10"));
        QCOMPARE(concretes[1].toObject()["signature"].toString(), QString("x=20"));
        QVERIFY2(json["calls"].toArray()[1].toObject()["reason"].toString().contains("plain number"), qPrintable(o.out));
        // A number is baked into the graph, so x ** 3 folds to one constant.
        QCOMPARE(passCount(concretes[0].toObject(), "constant_folding", "folded"), 1);
        QCOMPARE(concretes[0].toObject()["nodes"].toObject()["after"].toInt(), 1);
        QCOMPARE(json["calls"].toArray()[1].toObject()["value"].toDouble(), 8000.0);
    }

    void aSignatureTracesWithoutValues()
    {
        const Outcome o = trace(cube, {"x=TensorSpec(shape=[2], dtype=float32)", "x=[3, 4]"});
        QCOMPARE(o.exitCode, 0);
        checkCalls(o.json(), {{true, 0}, {false, 0}});
        QCOMPARE(o.json()["calls"].toArray()[1].toObject()["value"].toArray(), (QJsonArray{27.0, 64.0}));
    }

    void passCountsOnAKnownGraph()
    {
        const Outcome o = trace(everyPass, {"x=constant(0.5)"});
        QCOMPARE(o.exitCode, 0);
        const QJsonObject concrete = o.json()["concrete_functions"].toArray()[0].toObject();
        QCOMPARE(passCount(concrete, "constant_folding", "folded"), 1);
        QCOMPARE(passCount(concrete, "algebraic_simplification", "simplified"), 1);
        QCOMPARE(passCount(concrete, "common_subexpression_elimination", "merged"), 2);
        QCOMPARE(passCount(concrete, "pruning", "pruned"), 3);
        // x, sin, 2 exp, add, 1, 2, add, mul, 1.0, mul as traced; x, exp, add, 3, mul after.
        QCOMPARE(concrete["nodes"].toObject()["before"].toInt(), 11);
        QCOMPARE(concrete["nodes"].toObject()["after"].toInt(), 5);
        // Values are written in float32's shortest form: compare in float32.
        const float value = static_cast<float>(o.json()["calls"].toArray()[0].toObject()["value"].toDouble());
        QCOMPARE(value, (std::exp(0.5f) + std::exp(0.5f)) * 3.0f);
    }

    void manyTracesWarn()
    {
        const Outcome o = trace(cube, {"x=1", "x=2", "x=3", "x=4", "x=5"});
        QCOMPARE(o.exitCode, 0);
        QCOMPARE(o.json()["trace_count"].toInt(), 5);
        QVERIFY2(o.json()["warning"].toString().contains("triggered tracing"), qPrintable(o.out));
    }

    void exportWritesEveryGraph()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("graphs");
        const Outcome o = trace(cube, {"x=constant(10)", "x=10"}, {"--export", out});
        QCOMPARE(o.exitCode, 0);
        QCOMPARE(o.err, QString());
        for (const char* base : {"concrete-1", "concrete-1-backward", "concrete-2", "concrete-2-backward"}) {
            const QByteArray svg = readFile(QDir(out).filePath(QString(base) + ".svg"));
            QXmlStreamReader xml(svg);
            QVERIFY2(xml.readNextStartElement(), base);
            QCOMPARE(xml.name(), QStringView(u"svg"));
            while (!xml.atEnd())
                xml.readNext();
            QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
            const QByteArray dot = readFile(QDir(out).filePath(QString(base) + ".dot"));
            QVERIFY2(dot.startsWith("digraph \""), base);
            QVERIFY(dot.trimmed().endsWith('}'));
        }
        // x ** 3 with a tensor x: x and 3 feed pow. With x = 10 it is one folded constant.
        QCOMPARE(readFile(QDir(out).filePath("concrete-1.dot")).count("->"), 2);
        QCOMPARE(readFile(QDir(out).filePath("concrete-2.dot")).count("->"), 0);
        QCOMPARE(QDir(out).entryList(QDir::Files).size(), 8);
        // The JSON names the same files: call 2's concrete function is concrete-2.
        QCOMPARE(o.json()["calls"].toArray()[1].toObject()["concrete_function"].toInt(), 2);
    }

    void aTensorSpecCallTracesWithoutAValue()
    {
        // Like get_concrete_function: a graph for the signature, and no value to show.
        const Outcome o = trace(cube, {"x=TensorSpec(shape=[2])", "x=constant([1.0, 2.0])"});
        QCOMPARE(o.exitCode, 0);
        const QJsonArray calls = o.json()["calls"].toArray();
        QVERIFY(calls[0].toObject()["traced"].toBool());
        QVERIFY(calls[0].toObject()["value"].isNull());
        QCOMPARE(calls[1].toObject()["value"].toArray()[1].toDouble(), 8.0);
        const Outcome table = gradscope({"trace", cube, "--call", "x=TensorSpec(shape=[2])"});
        QVERIFY2(table.out.contains("TensorSpec: traced, not run"), qPrintable(table.out));
        QVERIFY2(!table.out.contains("= [0.0"), qPrintable(table.out));
    }

    void badCallsExitWithTwo_data()
    {
        QTest::addColumn<QStringList>("calls");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown function") << QStringList{"x=constnt(2.0)"} << "--call 1: 'x=constnt(2.0)'";
        QTest::newRow("not NAME=VALUE") << QStringList{"x=constant(1)", "10"} << "--call 2: '10': expected NAME=VALUE";
        QTest::newRow("unknown name") << QStringList{"z=1"} << "'z' is not a value of the graph";
        QTest::newRow("syntax") << QStringList{"x=constant([1, 2)"} << "--call 1";
        QTest::newRow("given twice") << QStringList{"x=1, x=2"} << "x is given twice";
        QTest::newRow("no value") << QStringList{} << "x has no value";
    }

    void badCallsExitWithTwo()
    {
        QFETCH(QStringList, calls);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString out = dir.filePath("graphs");
        const Outcome o = trace(cube, calls, {"--export", out});
        QCOMPARE(o.exitCode, 2);
        QCOMPARE(o.out, QString());
        QVERIFY2(o.err.startsWith("gradscope: "), qPrintable(o.err));
        QVERIFY2(o.err.contains(message), qPrintable(o.err));
        QCOMPARE(o.err.trimmed().count(u'\n'), 0);
        QVERIFY2(!QFileInfo::exists(out), "nothing is written on error");
    }
};

QTEST_GUILESS_MAIN(TestTraceCli)
#include "tst_trace_cli.moc"
