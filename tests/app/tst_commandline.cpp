#include "app/CommandLine.h"

#include <QTest>

using gs::Invocation;
using Action = gs::Invocation::Action;

namespace {

int runNothing(const QStringList&) { return 0; }

const gs::Verb testVerbs[] = {
    {"eval", "Evaluate a graph", &runNothing},
    {"trace", "Trace a function", &runNothing},
};

Invocation parse(const QStringList& arguments)
{
    return gs::parseCommandLine(arguments, testVerbs);
}

} // namespace

class TestCommandLine : public QObject {
    Q_OBJECT
private slots:
    void noArgumentsOpensTheWindow()
    {
        const Invocation invocation = parse({});
        QCOMPARE(invocation.action, Action::Gui);
        QVERIFY(invocation.file.isEmpty());
        QVERIFY(invocation.screenshotPath.isEmpty());
    }

    void helpAndVersion_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<Action>("expected");
        QTest::newRow("--help") << QStringList{"--help"} << Action::Help;
        QTest::newRow("-h") << QStringList{"-h"} << Action::Help;
        QTest::newRow("--version") << QStringList{"--version"} << Action::Version;
        QTest::newRow("help after a file") << QStringList{"a.gscope", "--help"} << Action::Help;
    }
    void helpAndVersion()
    {
        QFETCH(QStringList, arguments);
        QFETCH(Action, expected);
        QCOMPARE(parse(arguments).action, expected);
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown long option")
            << QStringList{"--bogus"} << "unknown option '--bogus'";
        QTest::newRow("unknown short option") << QStringList{"-x"} << "unknown option '-x'";
        QTest::newRow("unknown command") << QStringList{"evaluate"} << "unknown command 'evaluate'";
        QTest::newRow("screenshot without file")
            << QStringList{"--screenshot"} << "option '--screenshot' needs a file name";
        QTest::newRow("screenshot with empty file")
            << QStringList{"--screenshot="} << "option '--screenshot' needs a file name";
        QTest::newRow("two files")
            << QStringList{"a.gscope", "b.gscope"} << "unexpected argument 'b.gscope'";
        QTest::newRow("verb not first") << QStringList{"--screenshot", "x.png", "eval"}
                                        << "command 'eval' must be the first argument";
        QTest::newRow("unknown view")
            << QStringList{"--view", "plots"} << "option '--view' expects 'training', got 'plots'";
        QTest::newRow("negative training steps")
            << QStringList{"--view=training", "--train-steps=-3"}
            << "option '--train-steps' needs a number of steps, got '-3'";
    }
    void errors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, error);
        const Invocation invocation = parse(arguments);
        QCOMPARE(invocation.action, Action::Fail);
        QCOMPARE(invocation.error, error);
    }

    void fileAndScreenshot()
    {
        const Invocation spaced = parse({"graph.gscope", "--screenshot", "out.png"});
        QCOMPARE(spaced.action, Action::Gui);
        QCOMPARE(spaced.file, "graph.gscope");
        QCOMPARE(spaced.screenshotPath, "out.png");

        const Invocation joined = parse({"--screenshot=shots/out.png"});
        QCOMPARE(joined.action, Action::Gui);
        QVERIFY(joined.file.isEmpty());
        QCOMPARE(joined.screenshotPath, "shots/out.png");
    }

    void trainingView()
    {
        const Invocation invocation = parse({"--view", "training", "--train-steps", "40"});
        QCOMPARE(invocation.action, Action::Gui);
        QCOMPARE(invocation.view, "training");
        QCOMPARE(invocation.trainSteps, 40);
        QVERIFY(parse({}).view.isEmpty());
    }

    void doubleDashEndsOptions()
    {
        const Invocation invocation = parse({"--", "-odd-name.gscope"});
        QCOMPARE(invocation.action, Action::Gui);
        QCOMPARE(invocation.file, "-odd-name.gscope");
    }

    void verbTakesTheRestOfTheLine()
    {
        const Invocation invocation = parse({"trace", "--bogus", "f.gscope"});
        QCOMPARE(invocation.action, Action::Verb);
        QVERIFY(invocation.verb == &testVerbs[1]);
        QCOMPARE(invocation.verbArguments, (QStringList{"--bogus", "f.gscope"}));
    }

    void usageListsOptionsAndVerbs()
    {
        const QString withVerbs = gs::usageText(testVerbs);
        QVERIFY(withVerbs.startsWith("Usage: gradscope [OPTIONS]\n"));
        QVERIFY(withVerbs.contains("--screenshot PNG"));
        QVERIFY(withVerbs.contains("gradscope COMMAND"));
        QVERIFY(withVerbs.contains("  eval"));
        QVERIFY(withVerbs.contains("Trace a function"));

        const QString withoutVerbs = gs::usageText({});
        QVERIFY(!withoutVerbs.contains("COMMAND"));
        QVERIFY(withoutVerbs.endsWith('\n'));
    }

    void versionLine() { QCOMPARE(gs::versionText(), "gradscope " GRADSCOPE_VERSION "\n"); }
};

QTEST_APPLESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
