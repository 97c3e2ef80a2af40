// Lesson steps in .gscope files: round trips, version handling, errors with their JSON path, and
// how steps add up into the state shown (lessonFrame).
#include "document/DocumentFile.h"
#include "document/ExerciseGoal.h"
#include "document/FormulaReader.h"
#include "document/LessonFrame.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace gs;

namespace {

const QString bookFormula = QStringLiteral("w1 = Variable(5.0)\nw2 = Variable(3.0)\nf = 3 * w1 ** 2 + 2 * w1 * w2");

GraphData lessonWithSteps()
{
    GraphData data = readFormula(bookFormula).data;
    data.lesson.title = QStringLiteral("Book");
    LessonStep first;
    first.text = QStringLiteral("<h2>Start</h2><p>f = 105</p>");
    first.question = QStringLiteral("What is df/dw1?");
    first.formula = bookFormula;
    first.values.insert(QStringLiteral("w1"), TensorValue::scalar(5.5));
    first.values.insert(QStringLiteral("w2"), TensorValue::scalar(3.0, DType::Float64));
    first.view = LessonView::Forward;
    first.target = QStringLiteral("f");
    first.sources = QStringList{QStringLiteral("w1")};
    first.dtype = DType::Float64;
    first.jacobian = true;
    first.hessian = false;
    first.highlight = QStringList{QStringLiteral("w1"), QStringLiteral("f")};
    first.panels = QStringList{QStringLiteral("tapeDock"), QStringLiteral("trainingDock")};
    first.locked = QStringList{QStringLiteral("formula"), QStringLiteral("graph")};
    LessonStep second;
    second.text = QStringLiteral("36");
    second.view = LessonView::Gradient;
    ExerciseGoal goal;
    for (const char* c : {"grad(w2) is None", "grad(w1) is not None", "f is unchanged", "f == 105 within 0.5", "dtype is float64",
                          "f after 10 steps with rate 0.01 < 100"})
        goal.conditions.push_back(*readCondition(QString::fromUtf8(c)).condition);
    goal.hints = QStringList{QStringLiteral("Think of a valve."), QStringLiteral("<code>stop_gradient(w2)</code>")};
    goal.explanation = QStringLiteral("<p>[36, None]</p>");
    second.goal = goal;
    data.lesson.steps = {first, second};
    return data;
}

QJsonObject json(const GraphData& data) { return QJsonDocument::fromJson(documentToJson(data)).object(); }

QByteArray withSteps(const QJsonArray& steps)
{
    QJsonObject root = json(readFormula(bookFormula).data);
    QJsonObject lesson = root["lesson"].toObject();
    lesson["steps"] = steps;
    root["lesson"] = lesson;
    root["version"] = 2;
    return QJsonDocument(root).toJson();
}

} // namespace

class TestLessonFile : public QObject {
    Q_OBJECT
private slots:
    void roundTripKeepsEveryField()
    {
        const GraphData data = lessonWithSteps();
        const DocumentReadResult read = documentFromJson(documentToJson(data));
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error->text()));
        QCOMPARE(read.data.lesson.steps.size(), std::size_t(2));
        QVERIFY(read.data.lesson.steps[0] == data.lesson.steps[0]);
        QVERIFY(read.data.lesson.steps[1] == data.lesson.steps[1]);
        QVERIFY(read.data.lesson == data.lesson);
    }

    void goalsAreWrittenAsTheyWereRead()
    {
        const QJsonObject step = json(lessonWithSteps())["lesson"].toObject()["steps"].toArray()[1].toObject();
        const QJsonObject goal = step["goal"].toObject();
        QCOMPARE(goal["conditions"].toArray().first().toString(), QStringLiteral("grad(w2) is None"));
        QCOMPARE(goal["hints"].toArray().size(), 2);
        QCOMPARE(goal["explanation"].toString(), QStringLiteral("<p>[36, None]</p>"));
        // A goal with conditions only writes them only.
        GraphData data = lessonWithSteps();
        data.lesson.steps[1].goal->hints.clear();
        data.lesson.steps[1].goal->explanation.clear();
        const QJsonObject bare = json(data)["lesson"].toObject()["steps"].toArray()[1].toObject()["goal"].toObject();
        QCOMPARE(bare.keys(), QStringList{QStringLiteral("conditions")});
        const DocumentReadResult read = documentFromJson(documentToJson(data));
        QVERIFY(read.ok());
        QVERIFY(read.data.lesson == data.lesson);
        QVERIFY(!read.data.lesson.steps[0].goal);
        // The frame of the step carries its own goal, not the step before's.
        QVERIFY(lessonFrame(read.data, 1).goal == data.lesson.steps[1].goal);
        QVERIFY(!lessonFrame(read.data, 0).goal);
    }

    void stepValuesMayBeIntegers()
    {
        // A step's value may declare int32 or int64, as a document's value may (tf.constant(10) is
        // int32); the step's own dtype (the document's floats) stays float32 or float64.
        GraphData data = lessonWithSteps();
        data.lesson.steps[0].values.insert(QStringLiteral("w1"), TensorValue::scalar(7, DType::Int32));
        data.lesson.steps[0].values.insert(QStringLiteral("w2"), TensorValue::scalar(8, DType::Int64));
        const QByteArray text = documentToJson(data);
        QVERIFY2(text.contains("\"int32\""), text.constData());
        const DocumentReadResult read = documentFromJson(text);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error->text()));
        QCOMPARE(read.data.lesson.steps[0].values.value(QStringLiteral("w1")).dtype, std::optional<DType>(DType::Int32));
        QCOMPARE(read.data.lesson.steps[0].values.value(QStringLiteral("w2")).dtype, std::optional<DType>(DType::Int64));
        const DocumentReadResult bad = documentFromJson(withSteps(QJsonArray{QJsonObject{
            {"text", "x"}, {"values", QJsonObject{{"w1", QJsonObject{{"value", 5}, {"dtype", "int8"}}}}}}}));
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error->text().contains("expected \"float32\", \"float64\", \"int32\" or \"int64\""),
                 qPrintable(bad.error->text()));
    }

    void versionTwoOnlyWithSteps()
    {
        QCOMPARE(json(lessonWithSteps())["version"].toInt(), 2);
        QCOMPARE(json(readFormula(bookFormula).data)["version"].toInt(), 1);
        QVERIFY(!json(readFormula(bookFormula).data)["lesson"].toObject().contains("steps"));
    }

    void badStepsNameTheirPlace_data()
    {
        QTest::addColumn<QJsonValue>("step");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("message");
        QTest::newRow("view") << QJsonValue(QJsonObject{{"view", "sideways"}}) << "$.lesson.steps[1].view" << "expected \"forward\" or \"gradient\"";
        QTest::newRow("lock") << QJsonValue(QJsonObject{{"locked", QJsonArray{"formula", "tea"}}}) << "$.lesson.steps[1].locked[1]"
                              << "unknown control \"tea\"";
        QTest::newRow("formula") << QJsonValue(QJsonObject{{"formula", "f = exp("}}) << "$.lesson.steps[1].formula" << "line 1";
        QTest::newRow("label") << QJsonValue(QJsonObject{{"highlight", QJsonArray{"w9"}}}) << "$.lesson.steps[1]"
                               << "highlight 'w9': no node has this label";
        QTest::newRow("value") << QJsonValue(QJsonObject{{"values", QJsonObject{{"w1", "five"}}}}) << "$.lesson.steps[1].values.w1"
                               << "expected a number";
        QTest::newRow("dtype") << QJsonValue(QJsonObject{{"dtype", "float16"}}) << "$.lesson.steps[1].dtype" << "expected \"float32\"";
        QTest::newRow("text") << QJsonValue(QJsonObject{{"text", 3}}) << "$.lesson.steps[1].text" << "expected a string";
        QTest::newRow("step") << QJsonValue(QJsonArray{}) << "$.lesson.steps[1]" << "expected an object";
        QTest::newRow("jacobian") << QJsonValue(QJsonObject{{"jacobian", "yes"}}) << "$.lesson.steps[1].jacobian" << "expected true or false";
        QTest::newRow("goal") << QJsonValue(QJsonObject{{"goal", "w2 is None"}}) << "$.lesson.steps[1].goal" << "expected an object";
        QTest::newRow("goal without conditions") << QJsonValue(QJsonObject{{"goal", QJsonObject{{"hints", QJsonArray{"x"}}}}})
                                                 << "$.lesson.steps[1].goal.conditions" << "a goal needs at least one condition";
        QTest::newRow("goal with no conditions") << QJsonValue(QJsonObject{{"goal", QJsonObject{{"conditions", QJsonArray{}}}}})
                                                 << "$.lesson.steps[1].goal.conditions" << "is empty";
        QTest::newRow("condition") << QJsonValue(QJsonObject{{"goal", QJsonObject{{"conditions", QJsonArray{"f is finite", "w2 is None"}}}}})
                                   << "$.lesson.steps[1].goal.conditions[1]" << "column 7: only a gradient can be None: write grad(w2) is None";
        QTest::newRow("condition type") << QJsonValue(QJsonObject{{"goal", QJsonObject{{"conditions", QJsonArray{3}}}}})
                                        << "$.lesson.steps[1].goal.conditions[0]" << "expected a string";
        QTest::newRow("hint") << QJsonValue(QJsonObject{{"goal", QJsonObject{{"conditions", QJsonArray{"f is finite"}}, {"hints", QJsonArray{"a", true}}}}})
                              << "$.lesson.steps[1].goal.hints[1]" << "expected a string";
        QTest::newRow("explanation") << QJsonValue(QJsonObject{{"goal", QJsonObject{{"conditions", QJsonArray{"f is finite"}}, {"explanation", 1}}}})
                                     << "$.lesson.steps[1].goal.explanation" << "expected a string";
        QTest::newRow("goal label") << QJsonValue(QJsonObject{{"goal", QJsonObject{{"conditions", QJsonArray{"grad(w9) is None"}}}}})
                                    << "$.lesson.steps[1]" << "goal 'w9': no node has this label";
    }

    void badStepsNameTheirPlace()
    {
        QFETCH(QJsonValue, step);
        QFETCH(QString, where);
        QFETCH(QString, message);
        const DocumentReadResult read = documentFromJson(withSteps(QJsonArray{QJsonObject{{"text", "fine"}}, step}));
        QVERIFY(!read.ok());
        QCOMPARE(read.error->where, where);
        QVERIFY2(read.error->message.contains(message), qPrintable(read.error->message));
    }

    void tooManyStepsAreRefused()
    {
        QJsonArray steps;
        for (int i = 0; i < 1001; ++i)
            steps.append(QJsonObject{{"text", "x"}});
        const DocumentReadResult read = documentFromJson(withSteps(steps));
        QVERIFY(!read.ok());
        QCOMPARE(read.error->where, QStringLiteral("$.lesson.steps"));
    }

    void stepsAddUp()
    {
        GraphData data = readFormula(bookFormula).data;
        LessonStep a;
        a.values.insert(QStringLiteral("w1"), TensorValue::scalar(7));
        a.view = LessonView::Gradient;
        a.highlight = {QStringLiteral("w1")};
        a.dtype = DType::Float64;
        LessonStep b;
        b.text = QStringLiteral("b");
        LessonStep c;
        c.formula = QStringLiteral("x = Variable(2.0)\ny = x * x");
        data.lesson.steps = {a, b, c};

        const LessonFrame second = lessonFrame(data, 1);
        QCOMPARE(second.text, QStringLiteral("b"));
        QCOMPARE(second.view, LessonView::Gradient);  // carried over
        QCOMPARE(second.dtype, std::optional<DType>(DType::Float64));
        QVERIFY(second.highlighted.empty());           // highlights are the step's own
        QCOMPARE(second.data.savedValues.value(QStringLiteral("w1")), TensorValue::scalar(7));
        const Evaluation e = evaluate(second.data, second.evaluationOptions());
        QVERIFY(e.ok());
        QCOMPARE(e.value->item(), 3 * 49 + 2 * 7 * 3.0);

        const LessonFrame third = lessonFrame(data, 2);
        QVERIFY(third.data.savedValues.isEmpty()); // a formula forgets earlier values
        QVERIFY(third.data.findLabel(QStringLiteral("y")).valid());
        QVERIFY(!third.data.findLabel(QStringLiteral("w1")).valid());
        QCOMPARE(lessonFrame(data, 99).index, 2);
        QCOMPARE(lessonFrame(data, -3).index, 0);
    }
};

QTEST_APPLESS_MAIN(TestLessonFile)
#include "tst_lessonfile.moc"
