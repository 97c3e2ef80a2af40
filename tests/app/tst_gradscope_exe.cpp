// Runs the installed-to-be program as a user would, in an environment with no display at all
// (no DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM): what must work headless, does.
#include "../support/GradscopeProcess.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

namespace {

using testing::Outcome;
using testing::runGradscope;

} // namespace

class TestGradscopeExe : public QObject {
    Q_OBJECT
private slots:
    void version()
    {
        const Outcome outcome = runGradscope({"--version"});
        QCOMPARE(outcome.exitCode, 0);
        QCOMPARE(outcome.out, "gradscope " GRADSCOPE_VERSION "\n");
        QCOMPARE(outcome.err, QString());
    }

    void help()
    {
        const Outcome outcome = runGradscope({"--help"});
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY2(outcome.out.startsWith("Usage: gradscope"), qPrintable(outcome.out));
        QVERIFY(outcome.out.contains("--version"));
        QCOMPARE(outcome.err, QString());
    }

    void usageErrorsExitWithTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown option")
            << QStringList{"--bogus"}
            << "gradscope: unknown option '--bogus' (try 'gradscope --help')\n";
        QTest::newRow("unknown command")
            << QStringList{"frobnicate"}
            << "gradscope: unknown command 'frobnicate' (try 'gradscope --help')\n";
    }
    void usageErrorsExitWithTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Outcome outcome = runGradscope(arguments);
        QCOMPARE(outcome.exitCode, 2);
        QCOMPARE(outcome.out, QString());
        QCOMPARE(outcome.err, message);
    }

    void windowWithoutDisplayExplainsWhatToDo()
    {
        const Outcome outcome = runGradscope({});
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY2(outcome.err.contains("no display available"), qPrintable(outcome.err));
        QVERIFY(outcome.err.contains("xvfb-run"));
        QCOMPARE(outcome.err.count('\n'), 1);
    }

    void missingDocumentIsReported()
    {
        const Outcome outcome = runGradscope({"graph.gscope"});
        QCOMPARE(outcome.exitCode, 1);
        QCOMPARE(outcome.err, "gradscope: cannot open 'graph.gscope': no such file\n");
    }

    void screenshotOfADocument()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString document = dir.filePath("f.gscope");
        const Outcome convert = runGradscope({"convert", "w = Variable(2.0)\nf = w ** 3", "-o", document});
        QCOMPARE(convert.exitCode, 0);
        const QString path = dir.filePath("shot.png");
        const Outcome outcome = runGradscope({document, "--screenshot", path});
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY2(!QImage(path).isNull(), "the screenshot is not a readable PNG");
    }

    void unreadableDocumentIsReported()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString document = dir.filePath("bad.gscope");
        QFile file(document);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"format\": \"gradscope\"");
        file.close();
        const Outcome outcome = runGradscope({document, "--screenshot", dir.filePath("shot.png")});
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY2(outcome.err.contains("cannot open"), qPrintable(outcome.err));
    }

    void screenshotNeedsNoDisplay()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath("shot.png");
        const Outcome outcome = runGradscope({"--screenshot", path});
        QCOMPARE(outcome.exitCode, 0);
        const QImage image(path);
        QVERIFY2(!image.isNull(), "the screenshot is not a readable PNG");
        QVERIFY(image.width() >= 640);
        QVERIFY(image.height() >= 480);
    }

    void screenshotToAnUnwritablePathFails()
    {
        const Outcome outcome = runGradscope({"--screenshot", "/nonexistent-dir/shot.png"});
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY2(outcome.err.contains("cannot write the screenshot"), qPrintable(outcome.err));
    }
};

QTEST_GUILESS_MAIN(TestGradscopeExe)
#include "tst_gradscope_exe.moc"
