// The Python reader: the chapter's gradient, custom-gradient and tf.function cells read as they are
// printed (tests/data/python/), checked against the book's numbers, both as the document a formula
// would make and as the results of the code's own tapes.
#include "document/DocumentFile.h"
#include "document/DocumentFunction.h"
#include "document/Evaluation.h"
#include "document/python/PythonEvaluation.h"
#include "document/python/PythonReader.h"
#include "document/python/PythonReport.h"

#include <QFile>
#include <QTest>

#include <cmath>

using namespace gs;

namespace {

QString dataFile(const char* name)
{
    QFile f(QStringLiteral(PYTHON_DATA_DIR "/") + QLatin1StringView(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", name);
    return QString::fromUtf8(f.readAll());
}

PythonProgram read(const QString& text)
{
    PythonReadResult r = readPython(text);
    if (!r.ok())
        qFatal("cannot read the code: %s", qPrintable(r.error->formatted()));
    return std::move(r.program);
}

PythonProgram readFile(const char* name) { return read(dataFile(name)); }

const PythonValue* result(const PythonProgram& p, const QString& name)
{
    for (const PythonResult& r : p.results)
        if (r.name == name)
            return &r.value;
    return nullptr;
}

/// A result as nested lists of numbers (a scalar tensor is a number, a vector a list): NaN compares
/// equal to NaN, None is written as "None".
QString shown(const PythonValue& v, const PythonEvaluation& e)
{
    switch (v.kind) {
    case PythonValue::Kind::None: return QStringLiteral("None");
    case PythonValue::Kind::Number: return QString::number(v.number);
    case PythonValue::Kind::Tensor: {
        const std::optional<Tensor> t = e.value(v.slot);
        if (!t)
            return QStringLiteral("None");
        QStringList items;
        for (double x : t->toDoubles())
            items << QString::number(x);
        return t->rank() == 0 ? items.front() : u'[' + items.join(QStringLiteral(", ")) + u']';
    }
    case PythonValue::Kind::List: {
        QStringList items;
        for (const PythonValue& item : v.items)
            items << shown(item, e);
        return u'[' + items.join(QStringLiteral(", ")) + u']';
    }
    }
    return QString();
}

QString shownResult(const PythonProgram& p, const PythonEvaluation& e, const QString& name)
{
    const PythonValue* v = result(p, name);
    return v ? shown(*v, e) : QStringLiteral("<no result %1>").arg(name);
}

PythonEvaluation evaluated(const PythonProgram& p, const PythonEvaluationOptions& options = {})
{
    PythonEvaluation e = evaluatePython(p, options);
    if (!e.ok())
        qFatal("the code failed: %s", qPrintable(e.error->formatted()));
    return e;
}

QStringList labels(const GraphData& g, const std::vector<NodeId>& ids)
{
    QStringList out;
    for (NodeId id : ids)
        out << g.node(id)->label;
    return out;
}

/// The document's own evaluation, with the tape the code asked for.
Evaluation documentEvaluation(const PythonProgram& p)
{
    EvaluationOptions options;
    options.wrt = p.request.sources;
    options.jacobian = p.request.jacobian;
    options.hessian = p.request.hessian;
    return evaluate(p.data, options);
}

/// What a document must be to be saved and opened again.
void checkValidDocument(const GraphData& data)
{
    const DocumentReadResult again = documentFromJson(documentToJson(data));
    QVERIFY2(again.ok(), qPrintable(again.error ? again.error->text() : QString()));
    QCOMPARE(again.data.nodes.size(), data.nodes.size());
}

struct ExpectedError {
    int line;
    int column;
    const char* message;
};

} // namespace

class TestPythonReader : public QObject {
    Q_OBJECT
private slots:
    void bookGradients()
    {
        const PythonProgram p = readFile("tape_basics.py");
        const PythonEvaluation e = evaluated(p);
        // gradients = tape.gradient(z, [w1, w2]) => [36., 10.]
        QCOMPARE(shownResult(p, e, "gradients"), QString("[36, 10]"));
        QCOMPARE(shownResult(p, e, "z"), QString("105"));
        QCOMPARE(shownResult(p, e, "w1"), QString("5"));
        QCOMPARE(e.value(result(p, "gradients")->items[0].slot)->dtype(), DType::Float32);
        // Python numbers stay Python numbers: the finite differences are not tensors.
        QVERIFY(!result(p, "eps"));
        QCOMPARE(p.gradientCalls.size(), std::size_t(1));
        // The document is the formula 3 * w1 ** 2 + 2 * w1 * w2 with the tape's target and sources.
        QCOMPARE(p.data.node(p.data.target)->label, QString("z"));
        QCOMPARE(labels(p.data, p.request.sources), QStringList({"w1", "w2"}));
        QVERIFY(p.request.fromGradient && !p.request.jacobian && !p.request.hessian);
        const Evaluation doc = documentEvaluation(p);
        QVERIFY(doc.ok());
        QCOMPARE(doc.value->item(), 105.0);
        QCOMPARE(doc.gradients[0].gradient->item(), 36.0);
        QCOMPARE(doc.gradients[1].gradient->item(), 10.0);
        checkValidDocument(p.data);
    }

    void secondGradientOnANonPersistentTape()
    {
        const PythonReadResult r = readPython(dataFile("non_persistent.py"));
        QVERIFY(!r.ok());
        QVERIFY2(r.error->message.startsWith("A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)"),
                 qPrintable(r.error->message));
        QVERIFY(r.error->message.contains("line 9"));
        // dz_dw2 = tape.gradient(z, w2): the caret under gradient
        QCOMPARE(r.error->line, 10);
        QCOMPARE(r.error->column, 15);
        QCOMPARE(r.error->sourceLine.mid(r.error->column - 1, 8), QString("gradient"));
    }

    void persistentTape()
    {
        const PythonProgram p = readFile("persistent.py");
        const PythonEvaluation e = evaluated(p);
        QCOMPARE(shownResult(p, e, "dz_dw1"), QString("36"));
        QCOMPARE(shownResult(p, e, "dz_dw2"), QString("10"));
        QVERIFY(!result(p, "tape")); // del tape; a tape is not a tensor anyway
        QCOMPARE(labels(p.data, p.request.sources), QStringList({"w2"}));
    }

    void constantsAreWatchedOnlyWhenAsked()
    {
        const PythonProgram p = readFile("watch_constants.py");
        const PythonEvaluation e = evaluated(p);
        QCOMPARE(p.gradientCalls.size(), std::size_t(2));
        QCOMPARE(shown(p.gradientCalls[0].value, e), QString("[None, None]"));
        QCOMPARE(shown(p.gradientCalls[1].value, e), QString("[36, 10]"));
        QCOMPARE(shownResult(p, e, "gradients"), QString("[36, 10]"));
        // The second tape watched c1 and c2: they are the document's sources.
        QCOMPARE(labels(p.data, p.request.sources), QStringList({"c1", "c2"}));
        QCOMPARE(p.data.node(p.data.target)->label, QString("z"));
        QCOMPARE(p.data.node(p.data.findLabel("z_1"))->kind, NodeKind::Op); // the first z
    }

    void constantsNotWatchedAreNotTheDocumentsSources()
    {
        const PythonProgram p = read(QStringLiteral("c1, c2 = tf.constant(5.), tf.constant(3.)\n"
                                                    "with tf.GradientTape() as tape:\n"
                                                    "    z = 3 * c1 ** 2 + 2 * c1 * c2\n"
                                                    "gradients = tape.gradient(z, [c1, c2])\n"));
        QVERIFY(p.request.sources.empty());
        QCOMPARE(shownResult(p, evaluated(p), "gradients"), QString("[None, None]"));
    }

    void stopGradient()
    {
        const PythonProgram p = readFile("stop_gradient.py");
        const PythonEvaluation e = evaluated(p);
        QCOMPARE(shownResult(p, e, "gradients"), QString("[30, None]")); // => returns [tensor 30., None]
        QCOMPARE(shownResult(p, e, "z"), QString("105"));
        const Evaluation doc = documentEvaluation(p);
        QCOMPARE(doc.gradients[0].gradient->item(), 30.0);
        QVERIFY(!doc.gradients[1].gradient);
    }

    void aCellAloneTakesItsVariablesFromOutside()
    {
        // The book's stop_gradient cell uses w1 and w2 from an earlier cell: read alone, they are
        // variables without values, as undeclared names are in formulas.
        const PythonProgram p = readFile("stop_gradient_cell.py");
        const NodeId w1 = p.data.findLabel("w1");
        const NodeId w2 = p.data.findLabel("w2");
        QVERIFY(w1.valid() && w2.valid());
        QCOMPARE(p.data.node(w1)->kind, NodeKind::Variable);
        QVERIFY(!p.data.node(w1)->value);
        const PythonEvaluation missing = evaluatePython(p);
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error->message.contains("w1 has no value"), qPrintable(missing.error->message));
        PythonEvaluationOptions options;
        options.values[w1] = TensorValue::scalar(5);
        options.values[w2] = TensorValue::scalar(3);
        QCOMPARE(shownResult(p, evaluated(p, options), "gradients"), QString("[30, None]"));
    }

    void naiveSoftplusGivesNaN()
    {
        const PythonProgram p = readFile("softplus_nan.py");
        const PythonEvaluation e = evaluated(p);
        QCOMPARE(shownResult(p, e, "tape.gradient(z, [x])"), QString("[[nan]]"));
        QCOMPARE(shownResult(p, e, "z"), QString("[inf]"));
    }

    void customGradientSoftplus()
    {
        const PythonProgram p = readFile("custom_softplus.py");
        const PythonEvaluation e = evaluated(p);
        // The main output still explodes, but the gradient is 1.0, not NaN.
        QCOMPARE(shownResult(p, e, "z, tape.gradient(z, [x])"), QString("[[inf], [[1]]]"));
        // One custom gradient node, its body the function's code.
        const Node* custom = p.data.node(p.data.findLabel("z"));
        QVERIFY(custom);
        QCOMPARE(custom->kind, NodeKind::CustomGradient);
        QCOMPARE(GraphData::customInputs(*custom), 1);
        QCOMPARE(p.data.node(p.data.findLabel("z", custom->id))->kind, NodeKind::Parameter);
        QCOMPARE(p.data.node(p.data.findLabel("grad", custom->id))->kind, NodeKind::Upstream);
        QCOMPARE(p.data.node(p.data.findLabel("exp", custom->id))->op, QString("exp"));
        // The document's own evaluation agrees.
        const Evaluation doc = documentEvaluation(p);
        QVERIFY(doc.ok());
        QCOMPARE(doc.gradients.size(), std::size_t(1));
        QCOMPARE(doc.gradients[0].gradient->toDoubles(), std::vector<double>{1.0});
        checkValidDocument(p.data);
    }

    void customGradientAtOrdinaryPoints()
    {
        const PythonProgram p = read(dataFile("custom_softplus.py").replace("[100.]", "[0., 2.]"));
        const PythonEvaluation e = evaluated(p);
        const std::optional<Tensor> g = e.value(result(p, "z, tape.gradient(z, [x])")->items[1].items[0].slot);
        QCOMPARE(g->toDoubles().size(), std::size_t(2));
        QVERIFY(std::abs(g->at(0) - 0.5) < 1e-6);
        QVERIFY(std::abs(g->at(1) - 1.0 / (1.0 + std::exp(-2.0))) < 1e-6);
    }

    void customGradientsWithSeveralInputsAndCapturedValues()
    {
        const PythonProgram p = read(QStringLiteral(
            "@tf.custom_gradient\n"
            "def mul(a, b):\n"
            "    def grad(dy):\n"
            "        return dy * b, None\n"
            "    return a * b, grad\n"
            "c = tf.constant(10.)\n"
            "@tf.custom_gradient\n"
            "def scaled(x):\n"
            "    def grad(dy):\n"
            "        return dy * c\n"
            "    return x * c, grad\n"
            "x, y = tf.Variable(2.), tf.Variable(3.)\n"
            "with tf.GradientTape(persistent=True) as tape:\n"
            "    z = mul(x, y)\n"
            "    s = scaled(x)\n"
            "g = tape.gradient(z, [x, y])\n"
            "gs = tape.gradient(s, [x, c])\n"));
        const PythonEvaluation e = evaluated(p);
        QCOMPARE(shownResult(p, e, "g"), QString("[3, None]"));
        QCOMPARE(shownResult(p, e, "gs"), QString("[10, None]")); // a captured value gets no gradient
        const Node* scaled = p.data.node(p.data.findLabel("s"));
        QCOMPARE(GraphData::customInputs(*scaled), 2); // x, then the captured c
        QCOMPARE(p.data.node(p.data.findLabel("c", scaled->id))->kind, NodeKind::Parameter);
        checkValidDocument(p.data);
    }

    void tfFunctionsCaptureVariablesAndInlineTapes()
    {
        const PythonProgram p = read(QStringLiteral("w = tf.Variable(2.)\n"
                                                    "@tf.function\n"
                                                    "def f(x):\n"
                                                    "    return x * w + 1\n"
                                                    "@tf.function\n"
                                                    "def grad_of_square(x):\n"
                                                    "    with tf.GradientTape() as t:\n"
                                                    "        t.watch(x)\n"
                                                    "        y = x * x\n"
                                                    "    return t.gradient(y, x)\n"
                                                    "r = f(tf.constant(3.))\n"
                                                    "g = grad_of_square(tf.constant(3.))\n"));
        const PythonEvaluation e = evaluated(p);
        QCOMPARE(shownResult(p, e, "r"), QString("7"));
        QCOMPARE(shownResult(p, e, "g"), QString("6"));
        const PythonFunction* f = pythonFunctionNamed(p, "f");
        QVERIFY2(f && f->error.isEmpty(), f ? qPrintable(f->error) : "no f");
        QCOMPARE(f->data.node(f->data.findLabel("w"))->kind, NodeKind::Variable);
        DocumentFunction function(f->data, {"x"});
        QCOMPARE(function.call(pythonTraceCalls(p, e, *f).calls.front()).value.item(), 7.0);
        const PythonFunction* tape = pythonFunctionNamed(p, "grad_of_square");
        QVERIFY(tape->error.contains("GradientTape"));
    }

    void nestedTapesGiveTheHessian()
    {
        const PythonProgram p = readFile("hessian.py");
        const PythonEvaluation e = evaluated(p);
        QCOMPARE(shownResult(p, e, "jacobians"), QString("[36, 10]"));
        // d2z/dw2dw2 is None: dz/dw2 = 2 * w1 does not depend on w2.
        QCOMPARE(shownResult(p, e, "hessians"), QString("[[6, 2], [2, None]]"));
        QVERIFY(p.request.hessian);
        QCOMPARE(p.data.node(p.data.target)->label, QString("z"));
        QCOMPARE(labels(p.data, p.request.sources), QStringList({"w1", "w2"}));
        const Evaluation doc = documentEvaluation(p);
        QCOMPARE(doc.hessian.size(), std::size_t(2));
        QCOMPARE(doc.hessian[0][0]->item(), 6.0);
        QCOMPARE(doc.hessian[0][1]->item(), 2.0);
        QCOMPARE(doc.hessian[1][0]->item(), 2.0);
        QVERIFY(!doc.hessian[1][1]);
    }

    void tfFunctionCells()
    {
        const PythonProgram p = readFile("tf_function.py");
        const PythonEvaluation e = evaluated(p);
        QVERIFY(!result(p, "cube(2)")); // the int 8, not a tensor
        QCOMPARE(shownResult(p, e, "cube(tf.constant(2.0))"), QString("8"));
        QCOMPARE(shownResult(p, e, "tf_cube(2)"), QString("8")); // a tensor (an int32, as TensorFlow's)
        QCOMPARE(shownResult(p, e, "tf_cube(tf.constant(2.0))"), QString("8"));
        QVERIFY(!result(p, "tf_cube.python_function(2)")); // the int 8
        QCOMPARE(p.functions.size(), std::size_t(2));
        QCOMPARE(p.functions[0].name, QString("cube"));
        QCOMPARE(p.functions[0].calls.size(), std::size_t(2));
        QCOMPARE(p.functions[1].name, QString("tf_cube"));
        QCOMPARE(p.functions[1].names, QStringList({"tf_cube"}));
        QVERIFY(p.functions[1].calls.empty());
        const PythonFunction* f = pythonFunctionNamed(p);
        QCOMPARE(f, &p.functions[0]);
        QCOMPARE(pythonFunctionNamed(p, "tf_cube"), &p.functions[1]);

        // The calls the code makes are the calls trace makes: tf_cube(2) by value, the tensor by signature.
        QVERIFY2(f->error.isEmpty(), qPrintable(f->error));
        const PythonTraceCalls calls = pythonTraceCalls(p, e, *f);
        QVERIFY2(calls.ok(), qPrintable(calls.error));
        QCOMPARE(calls.texts, QStringList({"line 13: tf_cube(2)", "line 15: tf_cube(tf.constant(2.0))"}));
        DocumentFunction function(f->data, DocumentFunction::parametersOf(f->data, calls.calls));
        QCOMPARE(function.parameters(), QStringList({"x"}));
        QCOMPARE(function.function().name(), std::string("cube"));
        for (const auto& call : calls.calls)
            QCOMPARE(function.call(call).value.item(), 8.0);
        QCOMPARE(function.function().concreteFunctions().size(), std::size_t(2));
    }

    void retracingAsTheChapterTellsIt()
    {
        const PythonProgram p = readFile("retracing.py");
        const PythonEvaluation e = evaluated(p);
        const PythonFunction* f = pythonFunctionNamed(p);
        QVERIFY(f);
        const PythonTraceCalls calls = pythonTraceCalls(p, e, *f);
        QVERIFY(calls.ok());
        DocumentFunction function(f->data, DocumentFunction::parametersOf(f->data, calls.calls));
        std::vector<bool> traced;
        for (const auto& call : calls.calls)
            traced.push_back(function.call(call).call.traced);
        // constant(10) traces, constant(20) reuses it, [10, 20] traces, 10 and 20 trace one each.
        QCOMPARE(traced, std::vector<bool>({true, false, true, true, true}));
        QCOMPARE(function.function().concreteFunctions().size(), std::size_t(4));
    }

    void loopsComprehensionsAndIfsUnroll()
    {
        const PythonProgram p = read(QStringLiteral(
            "x = tf.Variable(2.0)\n"
            "powers = [1, 2, 3]\n"
            "with tf.GradientTape() as tape:\n"
            "    y = x\n"
            "    for i in range(3):\n"
            "        y = y * x\n"
            "    if len(powers) > 5:\n"
            "        y = y + 1\n"
            "    elif False:\n"
            "        pass\n"
            "    else:\n"
            "        y = y + 0\n"
            "    terms = [x ** k for k in powers if k != 2]\n"
            "    s = tf.add_n(terms)\n"
            "grads = tape.gradient([y, s][0], x)\n"));
        const PythonEvaluation e = evaluated(p);
        QCOMPARE(shownResult(p, e, "grads"), QString("32")); // d/dx x**4 at 2
        QCOMPARE(shownResult(p, e, "s"), QString("10"));      // 2 + 8
        QCOMPARE(shownResult(p, e, "terms"), QString("[2, 8]"));
        QVERIFY(!result(p, "i")); // a Python int
    }

    void jacobianOfAVector()
    {
        const PythonProgram p = read(QStringLiteral("x = tf.Variable([1., 2.])\n"
                                                    "with tf.GradientTape() as tape:\n"
                                                    "    y = x ** 2\n"
                                                    "j = tape.jacobian(y, x)\n"));
        QCOMPARE(shownResult(p, evaluated(p), "j"), QString("[2, 0, 0, 4]"));
        QVERIFY(p.request.jacobian);
        QCOMPARE(documentEvaluation(p).jacobian.front()->toDoubles(), std::vector<double>({2, 0, 0, 4}));
    }

    void watchAccessedVariables()
    {
        const PythonProgram p = read(QStringLiteral(
            "a, b = tf.Variable(1.0), tf.Variable(2.0)\n"
            "with tf.GradientTape(watch_accessed_variables=False) as tape:\n"
            "    tape.watch(a)\n"
            "    y = a * b\n"
            "g = tape.gradient(y, [a, b])\n"
            "with tf.GradientTape(persistent=True) as t2:\n"
            "    y2 = a * b\n"
            "g2 = t2.gradient(y2, [a, b], unconnected_gradients=tf.UnconnectedGradients.ZERO)\n"
            "g3 = t2.gradient(y2, tf.constant(1.0), unconnected_gradients=tf.UnconnectedGradients.ZERO)\n"));
        const PythonEvaluation e = evaluated(p);
        QCOMPARE(shownResult(p, e, "g"), QString("[2, None]"));
        QCOMPARE(shownResult(p, e, "g2"), QString("[2, 1]"));
        QCOMPARE(shownResult(p, e, "g3"), QString("0"));
    }

    void tapeRecordsOnlyInsideItsBlock()
    {
        const PythonProgram p = read(QStringLiteral("w = tf.Variable(3.0)\n"
                                                    "y = w * 2\n"
                                                    "with tf.GradientTape() as tape:\n"
                                                    "    z = y * w\n"
                                                    "g = tape.gradient(z, w)\n"));
        QCOMPARE(shownResult(p, evaluated(p), "g"), QString("6")); // y was computed before the tape
        QCOMPARE(documentEvaluation(p).gradients.front().gradient->item(), 12.0); // the document's tape sees all
    }

    void labelsFollowTheNamesAtTheEnd()
    {
        const PythonProgram p = read(QStringLiteral("x = tf.Variable(1.0)\n"
                                                    "z = x + 1\n"
                                                    "z = z * 2\n"
                                                    "z = tf.exp(z)\n"));
        QCOMPARE(p.data.node(p.data.findLabel("z"))->op, QString("exp"));
        QCOMPARE(p.data.node(p.data.findLabel("z_1"))->op, QString("add"));
        QCOMPARE(p.data.node(p.data.findLabel("z_2"))->op, QString("mul"));
        QCOMPARE(p.data.node(p.data.target)->label, QString("z")); // no gradient: the last value
    }

    void typeOfCastAndDtypes()
    {
        const PythonProgram p = read(QStringLiteral("x = tf.constant(30., dtype=tf.float64)\n"
                                                    "y = tf.cast(x, tf.float32) + 1\n"
                                                    "z = tf.math.log(tf.exp(tf.constant(30., dtype=tf.float32)) + 1.)\n"));
        const PythonEvaluation e = evaluated(p);
        QCOMPARE(e.value(result(p, "x")->slot)->dtype(), DType::Float64);
        QCOMPARE(e.value(result(p, "y")->slot)->dtype(), DType::Float32);
        QCOMPARE(shownResult(p, e, "y"), QString("31"));
        QCOMPARE(shownResult(p, e, "z"), QString("30"));
    }

    void everyBookFileMakesAValidDocument_data()
    {
        QTest::addColumn<QString>("file");
        for (const char* f : {"tape_basics.py", "persistent.py", "watch_constants.py", "stop_gradient.py", "stop_gradient_cell.py",
                              "softplus_nan.py", "custom_softplus.py", "hessian.py", "tf_function.py", "retracing.py"})
            QTest::newRow(f) << QString::fromLatin1(f);
    }

    void everyBookFileMakesAValidDocument()
    {
        QFETCH(QString, file);
        const PythonProgram p = readFile(file.toLatin1().constData());
        checkValidDocument(p.data);
        for (const PythonFunction& f : p.functions)
            if (f.error.isEmpty() && !f.calls.empty())
                checkValidDocument(f.data);
        QVERIFY(looksLikePython(dataFile(file.toLatin1().constData())));
    }

    void unsupportedConstructsSayWhatAndWhere_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        QTest::newRow("while") << "x = 1\nwhile x < 3:\n    x = x + 1\n" << 2 << 1 << "while loops are not supported";
        QTest::newRow("class") << "class Model:\n    pass\n" << 1 << 1 << "classes are not supported";
        QTest::newRow("lambda") << "f = lambda x: x * 2\n" << 1 << 5 << "lambda expressions are not supported";
        QTest::newRow("try") << "try:\n    x = 1\nexcept:\n    pass\n" << 1 << 1 << "try statements are not supported";
        QTest::newRow("dict") << "d = {'a': 1}\n" << 1 << 5 << "dictionaries and sets are not supported";
        QTest::newRow("slice") << "x = [1, 2, 3]\ny = x[1:]\n" << 2 << 8 << "slices are not supported";
        QTest::newRow("if on a tensor") << "x = tf.Variable(1.0)\nif x > 0:\n    y = x\n" << 2 << 6 << "the truth of a tensor";
        QTest::newRow("import") << "import pandas as pd\n" << 1 << 18 << "'pandas' cannot be imported";
        QTest::newRow("keras layer") << "layer = keras.layers.Dense(30, activation=\"elu\")\n" << 1 << 22 << "tf.keras.layers.Dense is not supported";
        QTest::newRow("unknown op") << "y = tf.math.sqr(2.0)\n" << 1 << 13 << "unknown function 'tf.math.sqr' (did you mean 'sqrt'?)";
        QTest::newRow("undefined function") << "y = foo(2.0)\n" << 1 << 5 << "name 'foo' is not defined";
        QTest::newRow("int8") << "x = tf.cast(tf.constant(1.), tf.int8)\n" << 1 << 8 << "int8 tensors are not supported yet";
        QTest::newRow("indent") << "x = 1\n    y = 2\n" << 2 << 5 << "unexpected indent";
        QTest::newRow("missing argument") << "def f(a, b):\n    return a\ny = f(tf.constant(1.))\n" << 3 << 5 << "f() missing 1 required argument: 'b'";
        QTest::newRow("return outside") << "return 3\n" << 1 << 1 << "'return' outside a function";
        QTest::newRow("tensor index") << "x = tf.constant([1., 2.])\ny = x[0]\n" << 2 << 6 << "indexing a tensor";
        QTest::newRow("only defs") << "def f(x):\n    return x\n" << 0 << 0 << "the code computes no tensors: it defines f; call it to see a graph";
        QTest::newRow("string never closed") << "x = 'abc\n" << 1 << 5 << "this string is never closed";
        QTest::newRow("custom gradient returns one value") << "@tf.custom_gradient\ndef g(x):\n    return x\ny = g(tf.constant(1.))\n"
                                                           << 4 << 5 << "must return (value, gradient function)";
        QTest::newRow("tape never started") << "x = tf.Variable(1.)\ntape = tf.GradientTape()\ng = tape.gradient(x * 2, x)\n"
                                            << 3 << 10 << "this GradientTape has recorded nothing";
        QTest::newRow("recursion") << "def f(x):\n    return f(x)\ny = f(1)\n" << 2 << 12 << "calls are nested too deeply";
    }

    void unsupportedConstructsSayWhatAndWhere()
    {
        QFETCH(QString, code);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, message);
        const PythonReadResult r = readPython(code);
        QVERIFY(!r.ok());
        QVERIFY2(r.error->message.contains(message), qPrintable(r.error->formatted()));
        QCOMPARE(r.error->line, line);
        QCOMPARE(r.error->column, column);
    }

    void cutCodeIsReadOrRefusedWithAPlace()
    {
        // Every prefix of the book's files (as a half-typed paste) is read, or refused with a
        // message whose place lies in the text; what is read also replays.
        for (const char* file : {"tape_basics.py", "custom_softplus.py", "hessian.py", "tf_function.py", "watch_constants.py"}) {
            const QString text = dataFile(file);
            for (qsizetype cut = 1; cut <= text.size(); cut += 3) {
                const QString prefix = text.left(cut);
                const PythonReadResult r = readPython(prefix);
                if (r.ok()) {
                    const PythonEvaluation e = evaluatePython(r.program);
                    QVERIFY(e.ok() || !e.error->message.isEmpty());
                    continue;
                }
                QVERIFY2(!r.error->message.isEmpty(), qPrintable(prefix));
                QVERIFY2(r.error->line <= prefix.count(u'\n') + 1, qPrintable(r.error->formatted()));
            }
        }
    }

    void promptsAndPrintedResultsAreSkipped()
    {
        const PythonProgram p = read(QStringLiteral(">>> x = tf.Variable(3.0)\n"
                                                    ">>> with tf.GradientTape() as tape:\n"
                                                    "...     y = x ** 2\n"
                                                    "...\n"
                                                    ">>> g = tape.gradient(y, x)\n"
                                                    ">>> g, [g,\n"
                                                    "...  g]\n"
                                                    "(<tf.Tensor: shape=(), dtype=float32, numpy=6.0>,\n"
                                                    " [<tf.Tensor: shape=(), dtype=float32, numpy=6.0>, ...])\n"
                                                    "\n"
                                                    "h = g * 2  # plain code again after a blank line\n"));
        const PythonEvaluation e = evaluated(p);
        QCOMPARE(shownResult(p, e, "g"), QString("6"));
        QCOMPARE(shownResult(p, e, "h"), QString("12"));
        QCOMPARE(shownResult(p, e, "g, [g, g]"), QString("[6, [6, 6]]"));
    }

    void replayErrorsHaveAPlace()
    {
        const PythonProgram p = read(QStringLiteral("a = tf.constant([1., 2.])\n"
                                                    "b = tf.constant([1., 2., 3.])\n"
                                                    "c = a + b\n"));
        const PythonEvaluation e = evaluatePython(p);
        QVERIFY(!e.ok());
        QCOMPARE(e.error->line, 3);
        QCOMPARE(e.error->column, 7);
        QVERIFY2(e.error->message.contains("add"), qPrintable(e.error->message));
        QCOMPARE(shown(*result(p, "a"), e), QString("[1, 2]")); // values before the failure are kept
    }

    void pythonOrFormula_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("python");
        QTest::newRow("def") << "def f(x):\n    return x" << true;
        QTest::newRow("with") << "with tf.GradientTape() as tape:\n    z = f(w1, w2)" << true;
        QTest::newRow("import") << "import tensorflow as tf" << true;
        QTest::newRow("prompt") << ">>> cube(2)" << true;
        QTest::newRow("decorator") << "@tf.function\ndef f(x): return x" << true;
        QTest::newRow("tuple assignment") << "w1, w2 = tf.Variable(5.), tf.Variable(3.)" << true;
        QTest::newRow("gradient call") << "tape.gradient(z, [w1, w2])" << true;
        QTest::newRow("for") << "for i in range(3):\n    x = x * 2" << true;
        QTest::newRow("formula") << "w1 = Variable(5.0)\nw2 = Variable(3.0)\nf = 3 * w1 ** 2 + 2 * w1 * w2" << false;
        QTest::newRow("tf formula") << "w1 = tf.Variable(5.0)\nf = tf.math.log(tf.exp(w1) + 1)" << false;
        QTest::newRow("return") << "return 3 * w1 ** 2 + tf.stop_gradient(2 * w1 * w2)" << false;
        QTest::newRow("keywords") << "y = where(condition=x > 0, x=a, y=b)" << false;
        QTest::newRow("custom gradient") << "custom_gradient(log(exp(x) + 1), grad = dy / (1 + 1 / exp(x)))" << false;
        QTest::newRow("a formula's name that is a keyword") << "with  = 3\nimport = with * 2" << false;
        QTest::newRow("comment with a colon") << "x = 3  # note: x is 3" << false;
    }

    void pythonOrFormula()
    {
        QFETCH(QString, text);
        QFETCH(bool, python);
        QCOMPARE(looksLikePython(text), python);
    }
};

QTEST_GUILESS_MAIN(TestPythonReader)
#include "tst_python_reader.moc"
