// A value without a value is explained in the words of whoever reads it: the command line names
// its --at option, the window its Inspector (never a command-line flag).
#include "../support/GradscopeProcess.h"

#include "document/Evaluation.h"
#include "document/FormulaReader.h"

#include <QTest>

using namespace gs;

namespace {

QString whyNoValue(const QString& formula, MessageAudience audience = MessageAudience::CommandLine)
{
    const FormulaResult read = readFormula(formula);
    if (!read.ok())
        qFatal("%s", qPrintable(read.error->formatted()));
    EvaluationOptions options;
    options.audience = audience;
    return evaluate(read.data, options).error;
}

} // namespace

class TestMissingValues : public QObject {
    Q_OBJECT
private slots:
    void theCommandLineByDefault()
    {
        QCOMPARE(whyNoValue(QStringLiteral("3 * w1 ** 2 + 2 * w1 * w2")),
                 QStringLiteral("w1, w2 have no value: declare them (w1 = Variable(1.0)) or give a value when "
                                "evaluating (--at w1=1.0)"));
    }

    void theWindowNamesTheInspector()
    {
        QCOMPARE(whyNoValue(QStringLiteral("f = q * 2"), MessageAudience::Window),
                 QStringLiteral("q has no value: set a value in the Inspector, or declare it in the formula "
                                "(q = Variable(1.0))"));
        const QString two = whyNoValue(QStringLiteral("3 * w1 ** 2 + 2 * w1 * w2"), MessageAudience::Window);
        QVERIFY2(two.startsWith(QStringLiteral("w1, w2 have no value: set a value in the Inspector")), qPrintable(two));
        QVERIFY(!two.contains(QStringLiteral("--")));
    }

    void gradscopeEvalSaysAt()
    {
        const testing::Outcome o = testing::runGradscope({"eval", "3 * w1"});
        QCOMPARE(o.exitCode, 2);
        QCOMPARE(o.err, QStringLiteral("gradscope: w1 has no value: declare it (w1 = Variable(1.0)) or give a value "
                                       "when evaluating (--at w1=1.0)\n"));
    }
};

QTEST_GUILESS_MAIN(TestMissingValues)
#include "tst_missing_values.moc"
