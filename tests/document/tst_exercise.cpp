// Exercises (issue 17, part 3): the condition language read and described, and goals checked on
// real documents with the book's numbers: stop_gradient cutting w2's gradient while f stays 105,
// the naive softplus fixed by a stable formula or by a custom gradient, a tape made to watch a
// constant, and gradient descent on the training lesson's model with a learning rate that
// diverges.
#include "document/ExerciseCheck.h"
#include "document/FormulaReader.h"

#include <QTest>

#include <cmath>

using namespace gs;

namespace {

using Subject = GoalCondition::Subject;
using Test = GoalCondition::Test;

const QString book = QStringLiteral("w1 = Variable(5.0)\nw2 = Variable(3.0)\nf = 3 * w1 ** 2 + 2 * w1 * w2");
const QString naiveSoftplus = QStringLiteral("x = Variable(100.0)\ne = exp(x)\nz = log(e + 1)");
const QString model = QStringLiteral("lr = constant(0.01)\nw = Variable(0.5)\nb = Variable(0.0)\nx = constant([1.0, 2.0, 3.0])\n"
                                     "y = constant([2.0, 4.0, 6.0])\npred = w * x + b\nmain_loss = reduce_mean((y - pred) ** 2)\n"
                                     "reg = 0.05 * w ** 2\nloss = add_n([main_loss, reg])");

GoalCondition condition(const QString& text)
{
    const ConditionRead read = readCondition(text);
    if (!read.ok())
        qFatal("'%s' does not read: %s", qPrintable(text), qPrintable(read.error));
    return *read.condition;
}

ExerciseGoal goal(const QStringList& lines)
{
    ExerciseGoal g;
    for (const QString& line : lines)
        g.conditions.push_back(condition(line));
    return g;
}

/// A document evaluated as the editor evaluates it, kept together for ExerciseState.
struct Evaluated {
    GraphData data;
    EvaluationOptions options;
    Evaluation evaluation;

    Evaluated(const QString& formula, EvaluationOptions o = {})
        : data(readFormula(formula).data)
        , options(std::move(o))
        , evaluation(evaluate(data, options))
    {
        if (!readFormula(formula).ok())
            qFatal("formula does not read: %s", qPrintable(formula));
    }
    ExerciseState state() const { return {&data, &evaluation, options}; }
    NodeId node(const QString& label) const { return data.findLabel(label); }
};

EvaluationOptions inDType(DType dtype)
{
    EvaluationOptions o;
    o.dtype = dtype;
    return o;
}

QString passes(const GoalCheck& check)
{
    QString s;
    for (const ConditionCheck& c : check.conditions)
        s += c.passed ? u'1' : u'0';
    return s;
}

} // namespace

class TestExercise : public QObject {
    Q_OBJECT
private slots:
    void conditionsRead_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("subject");
        QTest::addColumn<QString>("label");
        QTest::addColumn<int>("test");
        QTest::addColumn<double>("number");
        QTest::addColumn<QString>("description");
        const auto row = [](const char* text, Subject s, const char* label, Test t, double n, const char* description) {
            QTest::newRow(text) << QString::fromUtf8(text) << int(s) << QString::fromUtf8(label) << int(t) << n << QString::fromUtf8(description);
        };
        row("grad(w2) is None", Subject::Gradient, "w2", Test::None, 0, "w2's gradient is None");
        row("gradient(w1) is not none", Subject::Gradient, "w1", Test::NotNone, 0, "w1's gradient is not None");
        row("f is unchanged", Subject::Value, "f", Test::Unchanged, 0, "f's value is unchanged");
        row("value(f) is not unchanged", Subject::Value, "f", Test::Changed, 0, "f's value has changed");
        row("grad(x) is finite", Subject::Gradient, "x", Test::Finite, 0, "x's gradient is finite");
        row("z is not finite", Subject::Value, "z", Test::NotFinite, 0, "z's value is not finite (inf or nan)");
        row("z is nan", Subject::Value, "z", Test::NaN, 0, "z's value is nan");
        row("z == 100", Subject::Value, "z", Test::Equal, 100, "z's value is 100");
        row("z = 1e2", Subject::Value, "z", Test::Equal, 100, "z's value is 100");
        row("grad(w1) != 36", Subject::Gradient, "w1", Test::NotEqual, 36, "w1's gradient is not 36");
        row("loss < 0.5", Subject::Value, "loss", Test::Less, 0.5, "loss's value is below 0.5");
        row("loss<=0.5", Subject::Value, "loss", Test::LessEqual, 0.5, "loss's value is at most 0.5");
        row("z > -inf", Subject::Value, "z", Test::Greater, -std::numeric_limits<double>::infinity(), "z's value is above -inf");
        row("z >= -2.5", Subject::Value, "z", Test::GreaterEqual, -2.5, "z's value is at least -2.5");
        row("'my node' is finite", Subject::Value, "my node", Test::Finite, 0, "my node's value is finite");
        row("dtype is float32", Subject::DType, "", Test::IsDType, 0, "evaluated in float32");
        row("dtype is not float64", Subject::DType, "", Test::IsNotDType, 0, "not evaluated in float64");
        row("loss after 100 steps with rate lr > 1000", Subject::Trained, "loss", Test::Greater, 1000,
            "loss after 100 steps of gradient descent (learning rate lr) is above 1000");
        row("loss after 1 step with learning rate 0.01 < 0.5", Subject::Trained, "loss", Test::Less, 0.5,
            "loss after 1 step of gradient descent (learning rate 0.01) is below 0.5");
    }

    void conditionsRead()
    {
        QFETCH(QString, text);
        QFETCH(int, subject);
        QFETCH(QString, label);
        QFETCH(int, test);
        QFETCH(double, number);
        QFETCH(QString, description);
        const ConditionRead read = readCondition(QStringLiteral("  ") + text + QStringLiteral(" "));
        QVERIFY2(read.ok(), qPrintable(read.error));
        const GoalCondition& c = *read.condition;
        QCOMPARE(c.source, text);
        QCOMPARE(int(c.subject), subject);
        QCOMPARE(c.label, label);
        QCOMPARE(int(c.test), test);
        QCOMPARE(c.number, number);
        QCOMPARE(c.description(), description);
        // What a file stores reads back as the same condition.
        QVERIFY(readCondition(c.source).condition == read.condition);
    }

    void conditionDetails()
    {
        const GoalCondition within = condition(QStringLiteral("z == 100 within 0.01"));
        QCOMPARE(within.tolerance, std::optional<double>(0.01));
        QCOMPARE(within.description(), QStringLiteral("z's value is 100 (± 0.01)"));
        const GoalCondition trained = condition(QStringLiteral("loss after 100 steps with rate lr > 1000"));
        QCOMPARE(trained.steps, 100);
        QCOMPARE(trained.rateLabel, QStringLiteral("lr"));
        QCOMPARE(trained.labels(), (QStringList{QStringLiteral("loss"), QStringLiteral("lr")}));
        const GoalCondition number = condition(QStringLiteral("loss after 3 steps with rate 0.2 is finite"));
        QVERIFY(number.rateLabel.isEmpty());
        QCOMPARE(number.rate, 0.2);
        QCOMPARE(number.labels(), QStringList{QStringLiteral("loss")});
        QCOMPARE(condition(QStringLiteral("dtype is int32")).dtype, DType::Int32);
        QVERIFY(condition(QStringLiteral("dtype is float64")).labels().isEmpty());
    }

    void badConditionsSayWhatAndWhere_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << "   " << 0 << "the condition is empty";
        QTest::newRow("no test") << "f" << 1 << "expected 'is'";
        QTest::newRow("value None") << "f is None" << 5 << "only a gradient can be None: write grad(f) is None";
        QTest::newRow("unknown word") << "f is zero" << 5 << "expected None, finite, nan or unchanged after 'is', found 'zero'";
        QTest::newRow("nan") << "f == nan" << 5 << "nothing equals nan: write 'is nan'";
        QTest::newRow("no number") << "f < w1" << 4 << "expected a number";
        QTest::newRow("unclosed") << "grad(w1 is None" << 8 << "expected ')'";
        QTest::newRow("trailing") << "f is finite please" << 12 << "unexpected 'please' after the condition";
        QTest::newRow("symbol") << "f is finite;" << 11 << "unexpected ';'";
        QTest::newRow("dtype") << "dtype is float16" << 9 << "expected float32, float64, int32 or int64";
        QTest::newRow("dtype of a value") << "f is float64" << 5 << "a dtype is asked of the evaluation: write dtype is float64";
        QTest::newRow("within") << "f < 3 within 1" << 6 << "'within' goes with == and != only";
        QTest::newRow("steps") << "loss after 0 steps with rate lr < 1" << 11 << "expected a whole number of steps from 1 to 1000";
        QTest::newRow("many steps") << "loss after 5000 steps with rate lr < 1" << 11 << "from 1 to 1000";
        QTest::newRow("rate") << "loss after 10 steps < 1" << 20 << "expected 'with rate'";
        QTest::newRow("trained unchanged") << "loss after 10 steps with rate lr is unchanged" << 36 << "no start to compare with";
        QTest::newRow("quote") << "'w1 is finite" << 0 << "the label quoted here is not closed";
        QTest::newRow("number") << "f == 1.2.3" << 5 << "'1.2.3' is not a number";
    }

    void badConditionsSayWhatAndWhere()
    {
        QFETCH(QString, text);
        QFETCH(int, column);
        QFETCH(QString, message);
        const ConditionRead read = readCondition(text);
        QVERIFY(!read.ok());
        QVERIFY2(read.error.contains(message), qPrintable(read.error));
        QCOMPARE(read.column, column);
    }

    void conditionsOneALine()
    {
        QString error;
        const auto read = readConditions(QStringLiteral("# the valve\ngrad(w2) is None\n\n  f is unchanged\n"), &error);
        QVERIFY2(read, qPrintable(error));
        QCOMPARE(read->size(), std::size_t(2));
        ExerciseGoal g;
        g.conditions = *read;
        QCOMPARE(g.conditionsText(), QStringLiteral("grad(w2) is None\nf is unchanged"));
        QVERIFY(!readConditions(QStringLiteral("grad(w2) is None\nf is what"), &error));
        QCOMPARE(error, QStringLiteral("line 2, column 6: expected None, finite, nan or unchanged after 'is', found 'what'"));
    }

    // The book's f = 3·w1² + 2·w1·w2 at (5, 3): 105, gradients [36, 10]. The exercise: cut w2's
    // gradient while f keeps its value, and w1 still gets one.
    void stopGradientCutsW2()
    {
        const ExerciseGoal cut = goal({QStringLiteral("grad(w2) is None"), QStringLiteral("grad(w1) is not None"), QStringLiteral("f is unchanged")});
        const Evaluated start(book);
        QCOMPARE(start.evaluation.value->item(), 105.0);

        const GoalCheck atStart = checkGoal(cut, start.state(), start.state());
        QCOMPARE(passes(atStart), QStringLiteral("011"));
        QVERIFY(!atStart.solved());
        QCOMPARE(atStart.passed(), 2);
        QCOMPARE(atStart.conditions[0].found, QStringLiteral("10.0"));
        QCOMPARE(atStart.conditions[1].found, QStringLiteral("36.0"));
        QCOMPARE(atStart.conditions[2].found, QStringLiteral("105.0, as at the start"));

        // The valve around the product: [30, None], f still 105.
        const Evaluated valve(QStringLiteral("w1 = Variable(5.0)\nw2 = Variable(3.0)\ns = stop_gradient(2 * w1 * w2)\nf = 3 * w1 ** 2 + s"));
        const GoalCheck solved = checkGoal(cut, valve.state(), start.state());
        QCOMPARE(passes(solved), QStringLiteral("111"));
        QVERIFY(solved.solved());
        QVERIFY2(solved.conditions[0].found.startsWith(QStringLiteral("None: ")), qPrintable(solved.conditions[0].found));
        QCOMPARE(solved.conditions[0].found, QStringLiteral("None: every path from w2 to f goes through s, which lets no gradient through"));
        QCOMPARE(solved.conditions[1].found, QStringLiteral("30.0"));

        // Around w2 alone: [36, None], also a cut.
        const Evaluated w2Only(QStringLiteral("w1 = Variable(5.0)\nw2 = Variable(3.0)\nf = 3 * w1 ** 2 + 2 * w1 * stop_gradient(w2)"));
        QCOMPARE(passes(checkGoal(cut, w2Only.state(), start.state())), QStringLiteral("111"));

        // Around everything: w1 loses its gradient too.
        const Evaluated all(QStringLiteral("w1 = Variable(5.0)\nw2 = Variable(3.0)\nf = stop_gradient(3 * w1 ** 2 + 2 * w1 * w2)"));
        QCOMPARE(passes(checkGoal(cut, all.state(), start.state())), QStringLiteral("101"));

        // Dropping the term: w2 gets None, but f changes to 75.
        const Evaluated dropped(QStringLiteral("w1 = Variable(5.0)\nw2 = Variable(3.0)\nf = 3 * w1 ** 2"));
        const GoalCheck changed = checkGoal(cut, dropped.state(), start.state());
        QCOMPARE(passes(changed), QStringLiteral("110"));
        QCOMPARE(changed.conditions[2].found, QStringLiteral("75.0; it was 105.0"));

        // Renaming f: the condition says what is missing.
        const Evaluated renamed(QStringLiteral("w1 = Variable(5.0)\nw2 = Variable(3.0)\ng = 3 * w1 ** 2 + stop_gradient(2 * w1 * w2)"));
        const GoalCheck missing = checkGoal(cut, renamed.state(), start.state());
        QCOMPARE(passes(missing), QStringLiteral("110"));
        QCOMPARE(missing.conditions[2].found, QStringLiteral("no node is labelled f"));
    }

    // The naive softplus log(exp(x) + 1) at x = 100 in float32: inf, gradient nan. Fixed two ways.
    void softplusFixedTwoWays()
    {
        const QStringList common{QStringLiteral("dtype is float32"), QStringLiteral("x == 100"), QStringLiteral("grad(x) is finite")};
        const ExerciseGoal stable = goal(common + QStringList{QStringLiteral("z == 100"), QStringLiteral("grad(x) == 1")});
        const ExerciseGoal custom = goal(common + QStringList{QStringLiteral("z is unchanged")});
        const Evaluated start(naiveSoftplus, inDType(DType::Float32));
        QVERIFY(std::isinf(start.evaluation.value->item()));
        QCOMPARE(passes(checkGoal(stable, start.state(), start.state())), QStringLiteral("11000"));
        const GoalCheck naive = checkGoal(custom, start.state(), start.state());
        QCOMPARE(passes(naive), QStringLiteral("1101"));
        QCOMPARE(naive.conditions[2].found, QStringLiteral("nan"));
        QCOMPARE(naive.conditions[3].found, QStringLiteral("inf, as at the start"));

        // A stable formula: softplus(x) = x + log(1 + exp(-x)) for large x; value 100, slope 1.
        for (const QString& formula : {QStringLiteral("x = Variable(100.0)\nz = x + log(1 + exp(-x))"),
                                       QStringLiteral("x = Variable(100.0)\nz = softplus(x)"),
                                       QStringLiteral("x = Variable(100.0)\nsafe = where(x > 30, 0.0, x)\nz = where(x > 30, x, log(exp(safe) + 1))")}) {
            const Evaluated fixed(formula, inDType(DType::Float32));
            QCOMPARE(passes(checkGoal(stable, fixed.state(), start.state())), QStringLiteral("11111"));
            // It changes the value, which the custom gradient exercise keeps.
            QCOMPARE(passes(checkGoal(custom, fixed.state(), start.state())), QStringLiteral("1110"));
        }

        // A custom gradient keeps the forward formula (inf) and gives the stable slope, 1.
        const Evaluated customFix(QStringLiteral("x = Variable(100.0)\nz = custom_gradient(log(exp(x) + 1), grad = dy / (1 + 1 / exp(x)))"),
                                  inDType(DType::Float32));
        const GoalCheck fixed = checkGoal(custom, customFix.state(), start.state());
        QCOMPARE(passes(fixed), QStringLiteral("1111"));
        QCOMPARE(fixed.conditions[2].found, QStringLiteral("1.0"));

        // float64 is not the fix asked for; nor is moving x away from the cliff.
        const Evaluated wider(naiveSoftplus, inDType(DType::Float64));
        const GoalCheck float64 = checkGoal(stable, wider.state(), start.state());
        QCOMPARE(passes(float64), QStringLiteral("01111"));
        QCOMPARE(float64.conditions[0].found, QStringLiteral("float64"));
        const Evaluated moved(QStringLiteral("x = Variable(10.0)\ne = exp(x)\nz = log(e + 1)"), inDType(DType::Float32));
        QCOMPARE(passes(checkGoal(stable, moved.state(), start.state())), QStringLiteral("10100"));
    }

    // tf.constant is not watched: asked for its gradient, the tape answers None, until it watches it.
    void aTapeWatchesAConstant()
    {
        const QString constants = QStringLiteral("c1 = constant(5.0)\nc2 = constant(3.0)\nf = 3 * c1 ** 2 + 2 * c1 * c2");
        const ExerciseGoal watch = goal({QStringLiteral("grad(c1) == 36"), QStringLiteral("grad(c2) == 10")});
        EvaluationOptions nothing;
        nothing.wrt = std::vector<NodeId>{};
        const Evaluated start(constants, nothing);
        const GoalCheck before = checkGoal(watch, start.state(), start.state());
        QCOMPARE(passes(before), QStringLiteral("00"));
        QCOMPARE(before.conditions[0].found, QStringLiteral("None: the tape does not watch c1"));
        QVERIFY(checkCondition(condition(QStringLiteral("grad(c1) is None")), start.state(), start.state()).passed);

        const GraphData data = readFormula(constants).data;
        EvaluationOptions one;
        one.wrt = std::vector<NodeId>{data.findLabel(QStringLiteral("c1"))};
        const Evaluated half(constants, one);
        QCOMPARE(passes(checkGoal(watch, half.state(), start.state())), QStringLiteral("10"));
        EvaluationOptions both;
        both.wrt = std::vector<NodeId>{data.findLabel(QStringLiteral("c1")), data.findLabel(QStringLiteral("c2"))};
        const Evaluated watched(constants, both);
        QVERIFY(checkGoal(watch, watched.state(), start.state()).solved());
    }

    // The training lesson's model, pred = w·x + b with an l2 penalty, loss 10.5125 at w = 0.5,
    // b = 0: plain gradient descent from there, 100 steps.
    void gradientDescentOnTheGraph()
    {
        const Evaluated start(model, inDType(DType::Float64));
        QCOMPARE(start.evaluation.value->item(), 10.5125);
        const GoalCondition diverges = condition(QStringLiteral("loss after 100 steps with rate lr > 1000"));
        // lr = 0.01 converges: 0.1924 after 100 steps (the minimum, with the penalty, is 0.186).
        const ConditionCheck slow = checkCondition(diverges, start.state(), start.state());
        QVERIFY(!slow.passed);
        QVERIFY2(std::abs(slow.found.toDouble() - 0.1924010317) < 1e-6, qPrintable(slow.found));
        QVERIFY(checkCondition(condition(QStringLiteral("loss after 100 steps with rate lr < 0.5")), start.state(), start.state()).passed);
        // One step is the lesson's step by hand: w = 0.6395, b = 0.06, loss 8.3353425125.
        const ConditionCheck one = checkCondition(condition(QStringLiteral("loss after 1 step with rate 0.01 == 8.3353425125")), start.state(), start.state());
        QVERIFY2(one.passed, qPrintable(one.found));

        const auto withRate = [](double rate) {
            QString formula = model;
            formula.replace(QStringLiteral("constant(0.01)"), QStringLiteral("constant(%1)").arg(rate));
            return Evaluated(formula, inDType(DType::Float64));
        };
        // Past 2 / 11.18 (the largest curvature of the loss) every step overshoots: at 0.18 slowly
        // (108.6 after 100 steps), at 0.2 the loss is 2.36e19.
        const Evaluated edge = withRate(0.18);
        const ConditionCheck slowly = checkCondition(diverges, edge.state(), start.state());
        QVERIFY(!slowly.passed);
        QVERIFY2(std::abs(slowly.found.toDouble() - 108.6499004) < 1e-4, qPrintable(slowly.found));
        const Evaluated fast = withRate(0.2);
        const ConditionCheck diverged = checkCondition(diverges, fast.state(), start.state());
        QVERIFY(diverged.passed);
        QVERIFY2(std::abs(diverged.found.toDouble() / 2.3600766855e19 - 1) < 1e-6, qPrintable(diverged.found));
        // At 10 the loss overflows: training stops there, and inf is above 1000.
        const Evaluated overflow = withRate(10);
        const ConditionCheck inf = checkCondition(diverges, overflow.state(), start.state());
        QVERIFY(inf.passed);
        QVERIFY2(inf.found.startsWith(QStringLiteral("inf after ")) && inf.found.endsWith(QStringLiteral("steps (it stops there)")), qPrintable(inf.found));

        // What cannot be trained says why.
        EvaluationOptions nothing = inDType(DType::Float64);
        nothing.wrt = std::vector<NodeId>{};
        const Evaluated frozen(model, nothing);
        QCOMPARE(checkCondition(diverges, frozen.state(), start.state()).found, QStringLiteral("the tape watches nothing: there is nothing to train"));
        const Evaluated vectorRate(QString(model).replace(QStringLiteral("constant(0.01)"), QStringLiteral("constant([0.1, 0.2])")), inDType(DType::Float64));
        QCOMPARE(checkCondition(diverges, vectorRate.state(), start.state()).found,
                 QStringLiteral("the learning rate lr must be one finite number, not [0.1, 0.2]"));
        const ConditionCheck noRate = checkCondition(condition(QStringLiteral("loss after 3 steps with rate eta < 1")), start.state(), start.state());
        QCOMPARE(noRate.found, QStringLiteral("no node is labelled eta"));
    }

    // Tensors are checked element by element: the naive softmax at logits [1000, 0] is [nan, 0].
    void vectorsElementByElement()
    {
        const Evaluated softmax(QStringLiteral("x = Variable([1000.0, 0.0])\ny = exp(x) / reduce_sum(exp(x))"), inDType(DType::Float32));
        const auto check = [&](const char* text) { return checkCondition(condition(QString::fromUtf8(text)), softmax.state(), softmax.state()).passed; };
        QVERIFY(check("y is nan"));
        QVERIFY(!check("y is not nan"));
        QVERIFY(!check("y is finite"));
        QVERIFY(check("y is not finite"));
        QVERIFY(!check("y == 0"));
        QVERIFY(check("y != 0"));
        QVERIFY(check("grad(x) is nan"));
        QCOMPARE(checkCondition(condition(QStringLiteral("y is finite")), softmax.state(), softmax.state()).found, QStringLiteral("[nan, 0.0]"));
        const Evaluated cure(QStringLiteral("x = Variable([1000.0, 0.0])\ny = softmax(x)"), inDType(DType::Float32));
        QVERIFY(checkCondition(condition(QStringLiteral("y is finite")), cure.state(), softmax.state()).passed);
        QVERIFY(checkCondition(condition(QStringLiteral("y >= 0")), cure.state(), softmax.state()).passed);
        QVERIFY(checkCondition(condition(QStringLiteral("y is changed")), cure.state(), softmax.state()).passed);
    }

    void equalityHasATolerance()
    {
        const Evaluated third(QStringLiteral("x = Variable(1.0)\ny = x / 3"), inDType(DType::Float32));
        const auto check = [&](const char* text) { return checkCondition(condition(QString::fromUtf8(text)), third.state(), third.state()).passed; };
        QVERIFY(check("y == 0.333333"));     // float32's 0.33333334, within 1e-5
        QVERIFY(!check("y == 0.3333"));
        QVERIFY(check("y == 0.3333 within 0.0001"));
        QVERIFY(check("y != 0.3"));
        QVERIFY(check("y < 0.34"));
        QVERIFY(!check("y > 0.34"));
    }

    void goalLabelsMustExistAtTheStart()
    {
        const GraphData data = readFormula(book).data;
        const ExerciseGoal g = goal({QStringLiteral("grad(w9) is None"), QStringLiteral("f after 5 steps with rate eta < 1"), QStringLiteral("grad(w9) is finite")});
        QCOMPARE(goalProblems(g, data), (QStringList{QStringLiteral("goal 'w9': no node has this label"), QStringLiteral("goal 'eta': no node has this label")}));
        QVERIFY(goalProblems(goal({QStringLiteral("grad(w2) is None"), QStringLiteral("dtype is float32")}), data).isEmpty());
    }

    void anEvaluationErrorFailsEveryCondition()
    {
        const Evaluated broken(QStringLiteral("w1 = Variable()\nf = 3 * w1"));
        QVERIFY(!broken.evaluation.ok());
        const GoalCheck check = checkGoal(goal({QStringLiteral("grad(w1) is None"), QStringLiteral("f is finite")}), broken.state(), broken.state());
        QCOMPARE(passes(check), QStringLiteral("00"));
        QVERIFY2(check.conditions[0].found.startsWith(QStringLiteral("no gradients: ")), qPrintable(check.conditions[0].found));
        QVERIFY2(check.conditions[1].found.startsWith(QStringLiteral("f has no value")), qPrintable(check.conditions[1].found));
        QVERIFY(!GoalCheck{}.solved());
    }
};

QTEST_APPLESS_MAIN(TestExercise)
#include "tst_exercise.moc"
