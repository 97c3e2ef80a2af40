// The book's gradient check, everywhere (issue 17, part 1): finite differences beside the tape's
// exact gradients, with the book's own numbers, the None sources, non-scalar targets, and the
// error against eps, where truncation error falls and rounding error rises.
#include "document/FormulaReader.h"
#include "document/GradientCheck.h"

#include <QTest>

#include <cmath>

using namespace gs;

namespace {

GraphData read(const QString& text)
{
    FormulaResult r = readFormula(text);
    if (!r.ok())
        qFatal("%s", qPrintable(r.error->message));
    return r.data;
}

const QString bookF = QStringLiteral("w1 = Variable(5.0)\nw2 = Variable(3.0)\nf = 3 * w1 ** 2 + 2 * w1 * w2");

const SourceCheck& sourceNamed(const GraphData& data, const GradientCheck& check, const QString& name)
{
    for (const SourceCheck& c : check.sources)
        if (data.displayName(c.node) == name)
            return c;
    qFatal("no source %s", qPrintable(name));
}

} // namespace

class TestGradientCheck : public QObject {
    Q_OBJECT
private slots:
    void theBooksNumbersInFloat64()
    {
        // (f(w1 + eps, w2) - f(w1, w2)) / eps with eps = 1e-6, as the chapter prints it.
        const GraphData f = read(bookF);
        GradientCheckOptions o;
        o.evaluation.dtype = DType::Float64;
        const GradientCheck check = checkGradients(f, o);
        QVERIFY(check.ok());
        QCOMPARE(int(check.sources.size()), 2);
        const SourceCheck& w1 = sourceNamed(f, check, "w1");
        const SourceCheck& w2 = sourceNamed(f, check, "w2");
        QCOMPARE(w1.autodiff->item(), 36.0);
        QCOMPARE(w1.numeric.front(), 36.000003007075065);
        QCOMPARE(w2.numeric.front(), 10.000000003174137);
        QCOMPARE(w1.absError, 36.000003007075065 - 36.0);
        QVERIFY(std::abs(w1.relError - w1.absError / 36.000003007075065) < 1e-20);
        QCOMPARE(agreementOf(w1.relError, DType::Float64), Agreement::Good);
    }

    void float32CannotResolveTheBooksStep()
    {
        // The same step in float32: 5 + 1e-6 rounds to the nearest float32, and f's value keeps
        // about 7 digits, so the quotient is off by percents: a step too small for the dtype.
        const GraphData f = read(bookF);
        const GradientCheck check = checkGradients(f, {});
        QCOMPARE(check.dtype, DType::Float32);
        const SourceCheck& w1 = sourceNamed(f, check, "w1");
        QVERIFY2(w1.relError > 1e-2, qPrintable(QString::number(w1.relError)));
        QVERIFY(agreementOf(w1.relError, DType::Float32) != Agreement::Good);
        // A step float32 can resolve agrees well, centrally.
        GradientCheckOptions o;
        o.eps = 1e-2;
        o.difference = Difference::Central;
        const GradientCheck better = checkGradients(f, o);
        QVERIFY2(sourceNamed(f, better, "w1").relError < 1e-3, qPrintable(QString::number(sourceNamed(f, better, "w1").relError)));
    }

    void centralDifferencesConvergeFaster()
    {
        // f = w1 ** 3 at 2: forward's error is about 3 w1 eps = 6 eps, central's eps ** 2.
        const GraphData f = read(QStringLiteral("w1 = Variable(2.0)\nw1 ** 3"));
        GradientCheckOptions o;
        o.evaluation.dtype = DType::Float64;
        o.eps = 1e-3;
        const double forward = checkGradients(f, o).sources.front().absError;
        o.difference = Difference::Central;
        const double central = checkGradients(f, o).sources.front().absError;
        QVERIFY2(std::abs(forward - 6e-3) < 1e-5, qPrintable(QString::number(forward)));
        QVERIFY2(std::abs(central - 1e-6) < 1e-8, qPrintable(QString::number(central)));
    }

    void aNoneSourceIsComparedWithZero()
    {
        // w2 does not reach f: the tape says None, the finite difference 0.
        const GraphData f = read(QStringLiteral("w1 = Variable(2.0)\nw2 = Variable(3.0)\nf = w1 * 4.0"));
        const GradientCheck check = checkGradients(f, {});
        const SourceCheck& w2 = sourceNamed(f, check, "w2");
        QVERIFY(!w2.autodiff);
        QVERIFY(!w2.noneReason.isEmpty());
        QCOMPARE(w2.numeric.front(), 0.0);
        QCOMPARE(w2.absError, 0.0);
        QCOMPARE(w2.relError, 0.0);
    }

    void aVectorTargetIsSummedAsTheTapeDoes()
    {
        // tape.gradient of a vector differentiates its sum: d sum(x * x) / dx = 2x, per element.
        const GraphData f = read(QStringLiteral("x = Variable([1.0, 2.0, 3.0])\nx * x"));
        GradientCheckOptions o;
        o.evaluation.dtype = DType::Float64;
        o.difference = Difference::Central;
        o.eps = 1e-4;
        const GradientCheck check = checkGradients(f, o);
        const SourceCheck& x = check.sources.front();
        QCOMPARE(int(x.numeric.size()), 3);
        for (int k = 0; k < 3; ++k)
            QVERIFY(std::abs(x.numeric[k] - 2.0 * (k + 1)) < 1e-9);
        QVERIFY(x.absError < 1e-9);
    }

    void aNanGradientIsPoorAgreement()
    {
        // The naive softplus at 100: the tape's gradient is NaN, the finite difference is not.
        const GraphData f = read(QStringLiteral("x = Variable(100.0)\nlog(exp(x) + 1)"));
        const GradientCheck check = checkGradients(f, {});
        const SourceCheck& x = check.sources.front();
        QVERIFY(std::isnan(x.autodiff->item()));
        QVERIFY(std::isnan(x.absError));
        QCOMPARE(agreementOf(x.relError, DType::Float32), Agreement::Poor);
    }

    void theErrorAgainstEpsHasItsValley()
    {
        // Truncation error falls with eps, rounding error rises as eps shrinks: the best forward
        // step is near the square root of the dtype's machine epsilon (1e-8 and 3e-4).
        const GraphData f = read(bookF);
        EvaluationOptions o;
        o.dtype = DType::Float64;
        const std::vector<ErrorPoint> curve64 = errorCurve(f, f.findLabel("w1"), o, Difference::Forward);
        QCOMPARE(int(curve64.size()), 23);
        QCOMPARE(curve64.front().eps, 0.1);
        QCOMPARE(curve64.back().eps, 1e-12);
        const ErrorPoint best64 = *bestStep(curve64);
        QVERIFY2(best64.eps >= 1e-9 && best64.eps <= 1e-7, qPrintable(QString::number(best64.eps)));
        QVERIFY(curve64.front().absError > 1e3 * best64.absError);
        QVERIFY(curve64.back().absError > 1e3 * best64.absError);
        o.dtype = DType::Float32;
        const ErrorPoint best32 = *bestStep(errorCurve(f, f.findLabel("w1"), o, Difference::Forward));
        QVERIFY2(best32.eps >= 1e-5 && best32.eps <= 1e-2, qPrintable(QString::number(best32.eps)));
    }

    void aBadStepIsRefused()
    {
        GradientCheckOptions o;
        o.eps = 0;
        QVERIFY(!checkGradients(read(bookF), o).ok());
        o.eps = std::nan("");
        QVERIFY(!checkGradients(read(bookF), o).ok());
    }
};

QTEST_APPLESS_MAIN(TestGradientCheck)
#include "tst_gradient_check.moc"
