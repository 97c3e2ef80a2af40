// `gradscope train` run as a process, with no display: output format, JSON report, exact results
// for a hand-computed run, determinism with a seed, and bad input.
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Outcome {
    int exitCode = -1;
    QString out;
    QString err;
};

Outcome train(const QStringList& arguments)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        environment.remove(QString::fromLatin1(name));
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(GRADSCOPE_EXE), QStringList{QStringLiteral("train")} + arguments);
    if (!process.waitForFinished(100'000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QString write(const QTemporaryDir& dir, const QString& name, const QByteArray& text)
{
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(text);
    return file.fileName();
}

/// y = 2x on four rows, a linear Dense(1) starting at w = 0.5, b = 0, plain SGD(0.1), one batch
/// of all four rows in order: loss = mean((1.5 x)^2) = 16.875, dL/dw = -22.5, dL/db = -7.5, so
/// w = 0.5 + 2.25 = 2.75 and b = 0.75 after the step.
const QByteArray handComputedRun = R"({
  "format": "gradscope-training-run",
  "epochs": 1,
  "batch_size": 4,
  "batch_order": "sequential",
  "model": [{"type": "dense", "units": 1, "weights": {"kernel": [[0.5]], "bias": [0]}}],
  "data": {"columns": ["x", "y"], "rows": [[1, 2], [2, 4], [3, 6], [4, 8]], "target": "y",
           "split": {"test": 0, "valid": 0, "shuffle": false, "standardize": false}},
  "loss": "mse",
  "metrics": ["mae"],
  "optimizer": {"name": "sgd", "learning_rate": 0.1}
})";

/// A small run of the book's model on 200 inline rows.
QByteArray smallRun()
{
    QJsonArray rows;
    for (int i = 0; i < 200; ++i) {
        const double a = std::sin(0.37 * i), b = std::cos(0.11 * i);
        rows.append(QJsonArray{a, b, 1.0 + 2.0 * a - b});
    }
    const QJsonObject data{{"columns", QJsonArray{"a", "b", "t"}}, {"rows", rows}, {"target", "t"}};
    return QJsonDocument(QJsonObject{{"epochs", 2}, {"data", data}}).toJson();
}

} // namespace

class TestTrainVerb : public QObject {
    Q_OBJECT

private slots:
    void theBooksRunPrintsTheBooksStatusLine()
    {
        const Outcome outcome = train({"--epochs", "1"});
        QCOMPARE(outcome.exitCode, 0);
        QCOMPARE(outcome.err, QString());
        static const QRegularExpression expected(
            QStringLiteral("^Epoch 1/1\\n11610/11610 - loss: \\d+\\.\\d{4} - mean_absolute_error: "
                           "\\d+\\.\\d{4}\\n$"));
        QVERIFY2(expected.match(outcome.out).hasMatch(), qPrintable(outcome.out));
    }

    void jsonReportsEpochsStepsWeightsAndOptimizer()
    {
        QTemporaryDir dir;
        const QString run = write(dir, "small.json", smallRun());
        const Outcome outcome = train({run, "--json"});
        QCOMPARE(outcome.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(outcome.out.toUtf8()).object();
        QCOMPARE(o.value("epochs").toArray().size(), 2);
        const QJsonObject epoch = o.value("epochs").toArray().at(1).toObject();
        QCOMPARE(epoch.value("epoch").toInt(), 2);
        for (const char* key :
             {"loss", "mean_absolute_error", "val_loss", "val_mean_absolute_error"})
            QVERIFY2(epoch.value(key).isDouble(), key);
        // 200 rows: 112 train, so 112 // 32 = 3 random batches per epoch.
        QCOMPARE(o.value("steps").toArray().size(), 6);
        const QJsonObject weights = o.value("weights").toObject();
        QCOMPARE(weights.keys(),
                 (QStringList{"dense/bias", "dense/kernel", "dense_1/bias", "dense_1/kernel"}));
        QCOMPARE(weights.value("dense/kernel").toArray().size(), 2);
        QCOMPARE(weights.value("dense/kernel").toArray().at(0).toArray().size(), 30);
        const QJsonObject optimizer = o.value("optimizer").toObject();
        QCOMPARE(optimizer.value("name").toString(), QString("nadam"));
        QCOMPARE(optimizer.value("iterations").toInt(), 6);
        QCOMPARE(optimizer.value("learning_rate").toDouble(), 0.01);
        QCOMPARE(optimizer.value("legacy").toBool(true), false);
        QVERIFY(optimizer.value("slots")
                    .toObject()
                    .value("dense_1/bias")
                    .toObject()
                    .contains("velocity"));
    }

    void aHandComputedRunIsExact()
    {
        QTemporaryDir dir;
        const Outcome outcome = train({write(dir, "exact.json", handComputedRun), "--json"});
        QCOMPARE(outcome.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(outcome.out.toUtf8()).object();
        QCOMPARE(o.value("steps").toArray(), QJsonArray{16.875});
        QCOMPARE(o.value("weights").toObject().value("dense/kernel").toArray(),
                 (QJsonArray{QJsonValue(QJsonArray{2.75})}));
        QCOMPARE(o.value("weights").toObject().value("dense/bias").toArray(), QJsonArray{0.75});
        const QJsonObject epoch = o.value("epochs").toArray().at(0).toObject();
        QCOMPARE(epoch.value("loss").toDouble(), 16.875);
        QCOMPARE(epoch.value("mean_absolute_error").toDouble(), 3.75); // mean(1.5 x)
        QVERIFY(!epoch.contains("val_loss"));                          // no validation rows
    }

    void theSeedDecidesTheRun()
    {
        QTemporaryDir dir;
        const QString run = write(dir, "small.json", smallRun());
        const Outcome a = train({run, "--json"}), b = train({run, "--json"}),
                      c = train({run, "--json", "--seed", "7"});
        QCOMPARE(a.exitCode, 0);
        QCOMPARE(a.out, b.out);
        QVERIFY(a.out != c.out);
    }

    void csvDataIsReadRelativeToTheRunFile()
    {
        QTemporaryDir dir;
        QByteArray csv = "x,y\n";
        for (int i = 0; i < 40; ++i)
            csv += QByteArray::number(i) + "," + QByteArray::number(3 * i) + "\n";
        write(dir, "line.csv", csv);
        const QString run =
            write(dir, "run.json",
                  R"({"epochs": 1, "batch_size": 4, "data": {"csv": "line.csv", "target": "y"}})");
        const Outcome outcome = train({run});
        QCOMPARE(outcome.exitCode, 0);
        // 40 rows: 10 for testing, ceil(30 * 0.25) = 8 for validation, 22 for training.
        QVERIFY2(outcome.out.startsWith("Epoch 1/1\n22/22 - loss: "), qPrintable(outcome.out));
    }

    void badInputExitsWithTwoAndOneLine_data()
    {
        QTest::addColumn<QByteArray>("runFile");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("expected");
        QTest::newRow("json syntax") << QByteArray("{\n  \"epochs\": 2,\n  \"seed\": }")
                                     << QStringList{} << "line 3, column";
        QTest::newRow("unknown key")
            << QByteArray(R"({"epoch": 3})") << QStringList{} << "epoch: unknown key";
        QTest::newRow("bad units")
            << QByteArray(R"({"model": [{"type": "dense", "units": 0}]})") << QStringList{}
            << "model[0].units: expected an integer of at least 1";
        QTest::newRow("unknown optimizer") << QByteArray(R"({"optimizer": "lion"})")
                                           << QStringList{} << "unknown optimizer 'lion'";
        QTest::newRow("csv cell") << QByteArray(R"({"data": {"csv": "bad.csv", "target": "y"}})")
                                  << QStringList{}
                                  << "bad.csv: line 3: column 'y': 'abc' is not a number";
        QTest::newRow("missing column")
            << QByteArray(R"({"data": {"csv": "good.csv", "target": "price"}})") << QStringList{}
            << "line 1: no column named 'price'";
        QTest::newRow("epochs option")
            << QByteArray("{}") << QStringList{"--epochs", "0"} << "--epochs expects an integer";
        QTest::newRow("shape mismatch")
            << QByteArray(R"({"model": [{"type": "dense", "units": 2}], "epochs": 1})")
            << QStringList{} << "y_true has shape";
    }

    void badInputExitsWithTwoAndOneLine()
    {
        QFETCH(QByteArray, runFile);
        QFETCH(QStringList, extra);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        write(dir, "bad.csv", "x,y\n1,2\n3,abc\n");
        write(dir, "good.csv", "x,y\n1,2\n3,4\n");
        const Outcome outcome = train(QStringList{write(dir, "run.json", runFile)} + extra);
        QCOMPARE(outcome.exitCode, 2);
        QCOMPARE(outcome.out, QString());
        QVERIFY2(outcome.err.startsWith("gradscope: "), qPrintable(outcome.err));
        QVERIFY2(outcome.err.contains(expected), qPrintable(outcome.err));
        QCOMPARE(outcome.err.count(u'\n'), 1);
    }

    void aMissingRunFileIsReported()
    {
        const Outcome outcome = train({"/nonexistent/run.json"});
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY(outcome.err.contains("cannot open '/nonexistent/run.json'"));
    }

    void helpDescribesTheVerb()
    {
        const Outcome outcome = train({"--help"});
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY(outcome.out.startsWith("Usage: gradscope train"));
        QVERIFY(outcome.out.contains("docs/training-run-file.md"));
    }
};

QTEST_GUILESS_MAIN(TestTrainVerb)
#include "tst_train_verb.moc"
