// Documents written as TensorFlow 2 programs: every op has its TensorFlow function, the book's
// documents come out as the book writes them, sources, dtypes, literals and names follow what
// evaluate() does, and everything written (every example, every lesson step) is valid Python.
#include "document/DocumentFile.h"
#include "document/FormulaReader.h"
#include "document/LessonFrame.h"
#include "document/OpCatalog.h"
#include "document/TensorFlowOps.h"
#include "document/TensorFlowWriter.h"
#include "engine/ops/OpRegistry.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace gs;

namespace {

const QString sourceDir = QStringLiteral(GRADSCOPE_SOURCE_DIR);

GraphData example(const QString& name)
{
    const DocumentReadResult read = loadDocument(sourceDir + QStringLiteral("/resources/examples/") + name + QStringLiteral(".gscope"));
    if (!read.ok())
        qWarning("%s: %s", qPrintable(name), qPrintable(read.error->text()));
    return read.data;
}

GraphData formula(const QString& text)
{
    FormulaResult read = readFormula(text);
    if (!read.ok())
        qWarning("%s", qPrintable(read.error->formatted()));
    return std::move(read.data);
}

NodeId labelled(const GraphData& data, const char* label) { return data.findLabel(QString::fromLatin1(label)); }

/// What a test expects of one written program: the lines it must contain, in this order.
struct Expected {
    QStringList lines;
    QStringList absent;
};

QString check(const TensorFlowCode& code, const Expected& expected)
{
    if (!code.ok())
        return QStringLiteral("not written: ") + code.error;
    const QStringList lines = code.text.split(u'\n');
    qsizetype at = 0;
    for (const QString& line : expected.lines) {
        const qsizetype found = lines.indexOf(line, at);
        if (found < 0)
            return QStringLiteral("missing, or out of order: '%1' in\n%2").arg(line, code.text);
        at = found + 1;
    }
    for (const QString& text : expected.absent)
        if (code.text.contains(text))
            return QStringLiteral("unexpected '%1' in\n%2").arg(text, code.text);
    return {};
}

/// Parses every program with Python's own parser, in one python3 process.
QString pythonParseErrors(const QStringList& programs)
{
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        return QStringLiteral("python3 is not installed (installers/install-deps.sh installs it)");
    QTemporaryDir dir;
    QStringList files;
    for (qsizetype i = 0; i < programs.size(); ++i) {
        const QString name = dir.filePath(QStringLiteral("program-%1.py").arg(i));
        QFile file(name);
        if (!file.open(QIODevice::WriteOnly) || file.write(programs[i].toUtf8()) < 0)
            return QStringLiteral("cannot write ") + name;
        files << name;
    }
    QProcess process;
    process.start(python, QStringList{QStringLiteral("-c"),
                                      QStringLiteral("import ast, sys\n"
                                                     "for name in sys.argv[1:]:\n"
                                                     "    ast.parse(open(name).read(), name)\n")}
                              + files);
    if (!process.waitForFinished(60'000))
        return QStringLiteral("python3 did not finish");
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return QString::fromUtf8(process.readAllStandardError());
    return {};
}

} // namespace

class TestTensorFlowWriter : public QObject {
    Q_OBJECT
private slots:
    // --- Every op has its TensorFlow function -------------------------------------------------------

    void everyRegisteredOpHasATensorFlowFunction()
    {
        QStringList missing;
        for (const auto& op : OpRegistry::instance().all())
            if (!tensorFlowOp(op->name))
                missing << QString::fromStdString(op->name);
        QVERIFY2(missing.isEmpty(), qPrintable("ops without a row in document/TensorFlowOps.cpp: " + missing.join(", ")));
    }

    /// Each row names a registered op, once, and a TensorFlow function that the formula language
    /// (and so the Python reader) reads back as that same op.
    void tableRowsReadBackAsTheirOps()
    {
        QSet<QString> seen;
        for (const TensorFlowOp& row : tensorFlowOps()) {
            const QString op = QString::fromUtf8(row.op.data(), row.op.size());
            const QString function = QString::fromUtf8(row.function.data(), row.function.size());
            QVERIFY2(OpRegistry::instance().find(row.op), qPrintable(op + " is not a registered op"));
            QVERIFY2(!seen.contains(op), qPrintable(op + " has two rows"));
            seen.insert(op);
            QVERIFY2(function.startsWith(QStringLiteral("tf.")), qPrintable(function));
            if (row.args == TensorFlowArgs::Decorator)
                continue;
            const OpDef* read = opcatalog::find(function);
            QVERIFY2(read && read->name == row.op,
                     qPrintable(QStringLiteral("%1 reads back as %2, not %3").arg(function, read ? QString::fromStdString(read->name) : "nothing", op)));
        }
        QCOMPARE(tensorFlowOp("floormod")->function, std::string_view("tf.math.floormod"));
        QCOMPARE(tensorFlowOp("log")->function, std::string_view("tf.math.log"));
        QCOMPARE(tensorFlowOp("relu")->function, std::string_view("tf.nn.relu"));
        QVERIFY(tensorFlowOp("no_such_op") == nullptr);
    }

    // --- The book's documents ------------------------------------------------------------------------

    void bookFunctionAsTheBookWritesIt()
    {
        const TensorFlowCode code = writeTensorFlow(example(QStringLiteral("tape-basics")));
        QVERIFY2(code.ok(), qPrintable(code.error));
        QCOMPARE(code.text, QStringLiteral("import tensorflow as tf\n"
                                           "\n"
                                           "w1 = tf.Variable(5.0, dtype=tf.float32)\n"
                                           "w2 = tf.Variable(3.0, dtype=tf.float32)\n"
                                           "\n"
                                           "\n"
                                           "def f(w1, w2):\n"
                                           "    return 3 * w1 ** 2 + 2 * w1 * w2\n"
                                           "\n"
                                           "\n"
                                           "with tf.GradientTape() as tape:\n"
                                           "    z = f(w1, w2)\n"
                                           "\n"
                                           "dz_dw1, dz_dw2 = tape.gradient(z, [w1, w2])\n"
                                           "print(\"z =\", z)\n"
                                           "print(\"dz/dw1 =\", dz_dw1)\n"
                                           "print(\"dz/dw2 =\", dz_dw2)\n"));
    }

    void customGradientIsADecoratedFunction()
    {
        const TensorFlowCode code = writeTensorFlow(example(QStringLiteral("softplus-custom")));
        QVERIFY2(code.ok(), qPrintable(code.error));
        QCOMPARE(code.text, QStringLiteral("import tensorflow as tf\n"
                                           "\n"
                                           "x = tf.Variable(100.0, dtype=tf.float32)\n"
                                           "\n"
                                           "\n"
                                           "@tf.custom_gradient\n"
                                           "def custom_f(x):\n"
                                           "    def grad(upstream):\n"
                                           "        return upstream / (1 + 1 / tf.exp(x))\n"
                                           "    return tf.math.log(tf.exp(x) + 1), grad\n"
                                           "\n"
                                           "\n"
                                           "def f(x):\n"
                                           "    return custom_f(x)\n"
                                           "\n"
                                           "\n"
                                           "with tf.GradientTape() as tape:\n"
                                           "    z = f(x)\n"
                                           "\n"
                                           "dz_dx = tape.gradient(z, x)\n"
                                           "print(\"z =\", z)\n"
                                           "print(\"dz/dx =\", dz_dx)\n"));
    }

    void customGradientWithTwoInputsAndNamedSteps()
    {
        // The forward expression and the gradient each compute exp(a) from the inputs (see note
        // [TensorFlow code]); the second input gets no gradient.
        GraphData data = formula(QStringLiteral("a = Variable(2.0)\nb = Variable(3.0)\n"
                                                "p = custom_gradient(exp(a) * b, grad=[dy * exp(a) * b, None])"));
        const TensorFlowCode code = writeTensorFlow(data);
        const QString problem = check(code, {{"@tf.custom_gradient", "def custom_p(a, b):", "    def grad(upstream):",
                                              "        return upstream * tf.exp(a) * b, None",
                                              "    return tf.exp(a) * b, grad", "def f(a, b):", "    return custom_p(a, b)",
                                              "    p = f(a, b)", "dp_da, dp_db = tape.gradient(p, [a, b])"},
                                             {}});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void stopGradient()
    {
        const QString problem = check(writeTensorFlow(example(QStringLiteral("stop-gradient"))),
                                      {{"def f(w1, w2):", "    return 3 * w1 ** 2 + tf.stop_gradient(2 * w1 * w2)",
                                        "dz_dw1, dz_dw2 = tape.gradient(z, [w1, w2])"},
                                       {"persistent"}});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void jacobianUsesAPersistentTape()
    {
        EvaluationOptions options;
        options.jacobian = true;
        const QString problem = check(writeTensorFlow(example(QStringLiteral("jacobian")), options),
                                      {{"    return 3 * w1 ** 2 + 2 * w1 * (w2 + [2, 5, 7])",
                                        "with tf.GradientTape(persistent=True) as tape:", "    z = f(w1, w2)", "",
                                        "dz_dw1, dz_dw2 = tape.gradient(z, [w1, w2])",
                                        "jacobian_w1, jacobian_w2 = tape.jacobian(z, [w1, w2])", "del tape",
                                        "print(\"jacobian dz/dw1 =\", jacobian_w1)", "print(\"jacobian dz/dw2 =\", jacobian_w2)"},
                                       {"outer_tape"}});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void hessianUsesNestedTapes()
    {
        EvaluationOptions options;
        options.hessian = true;
        const TensorFlowCode code = writeTensorFlow(example(QStringLiteral("hessian")), options);
        QVERIFY2(code.ok(), qPrintable(code.error));
        QVERIFY2(code.text.endsWith(QStringLiteral("with tf.GradientTape(persistent=True) as outer_tape:\n"
                                                   "    with tf.GradientTape() as tape:\n"
                                                   "        z = f(w1, w2)\n"
                                                   "    dz_dw1, dz_dw2 = tape.gradient(z, [w1, w2])\n"
                                                   "\n"
                                                   "hessian_w1_w1, hessian_w1_w2 = outer_tape.jacobian(dz_dw1, [w1, w2])\n"
                                                   "hessian_w2_w1, hessian_w2_w2 = outer_tape.jacobian(dz_dw2, [w1, w2])\n"
                                                   "del outer_tape\n"
                                                   "print(\"z =\", z)\n"
                                                   "print(\"dz/dw1 =\", dz_dw1)\n"
                                                   "print(\"dz/dw2 =\", dz_dw2)\n"
                                                   "print(\"d2z/dw1dw1 =\", hessian_w1_w1)\n"
                                                   "print(\"d2z/dw1dw2 =\", hessian_w1_w2)\n"
                                                   "print(\"d2z/dw2dw1 =\", hessian_w2_w1)\n"
                                                   "print(\"d2z/dw2dw2 =\", hessian_w2_w2)\n")),
                 qPrintable(code.text));
    }

    /// TensorFlow cannot differentiate None: the row of a None gradient is None, as the engine says.
    void hessianRowOfANoneGradientIsNone()
    {
        EvaluationOptions options;
        options.hessian = true;
        options.jacobian = true;
        const QString problem = check(writeTensorFlow(example(QStringLiteral("stop-gradient")), options),
                                      {{"with tf.GradientTape(persistent=True) as outer_tape:",
                                        "    with tf.GradientTape(persistent=True) as tape:",
                                        "hessian_w1_w1, hessian_w1_w2 = outer_tape.jacobian(dz_dw1, [w1, w2])",
                                        "# dz/dw2 is None, so its row of the Hessian is None too.", "del tape", "del outer_tape",
                                        "print(\"d2z/dw2dw1 =\", None)", "print(\"d2z/dw2dw2 =\", None)"},
                                       {"outer_tape.jacobian(dz_dw2"}});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    // --- What the tape watches ------------------------------------------------------------------------

    void sourcesTheTapeDoesNotWatchAreWatched_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("wrt");
        QTest::addColumn<bool>("hessian");
        QTest::addColumn<QStringList>("lines");
        QTest::addColumn<QStringList>("absent");
        const QString constants = QStringLiteral("c1 = constant(5.0)\nc2 = constant(3.0)\nf = 3 * c1 ** 2 + 2 * c1 * c2");
        QTest::newRow("constants") << constants << QStringList{"c1", "c2"} << false
                                   << QStringList{"c1 = tf.constant(5.0, dtype=tf.float32)", "with tf.GradientTape() as tape:",
                                                  "    tape.watch(c1)", "    tape.watch(c2)", "    z = f(c1, c2)",
                                                  "dz_dc1, dz_dc2 = tape.gradient(z, [c1, c2])"}
                                   << QStringList{};
        QTest::newRow("no source") << constants << QStringList{} << false
                                   << QStringList{"    z = f(c1, c2)", "# The tape watches no source: there is no gradient to take.",
                                                  "print(\"z =\", z)"}
                                   << QStringList{".gradient(", "tape.watch"};
        QTest::newRow("constants, both tapes") << constants << QStringList{"c1"} << true
                                               << QStringList{"with tf.GradientTape(persistent=True) as outer_tape:",
                                                              "    outer_tape.watch(c1)", "    with tf.GradientTape() as tape:",
                                                              "        tape.watch(c1)", "    dz_dc1 = tape.gradient(z, c1)",
                                                              "hessian_c1_c1 = outer_tape.jacobian(dz_dc1, c1)"}
                                               << QStringList{"watch(c2)"};
        QTest::newRow("a variable that is not trainable")
            << QStringLiteral("w1 = Variable(5.0)\nw2 = Variable(3.0, trainable=False)\nf = w1 * w2") << QStringList{"w1", "w2"} << false
            << QStringList{"w2 = tf.Variable(3.0, dtype=tf.float32, trainable=False)", "    tape.watch(w2)", "    z = f(w1, w2)"}
            << QStringList{"watch(w1)"};
        QTest::newRow("a value computed on the way")
            << QStringLiteral("w = Variable(2.0)\ny = w * 3\nloss = y ** 2") << QStringList{"y", "w"} << false
            << QStringList{"def f(w):", "    y = w * 3", "    tape.watch(y)", "    return y ** 2, y",
                           "    loss, y = f(w)", "dloss_dy, dloss_dw = tape.gradient(loss, [y, w])"}
            << QStringList{};
        QTest::newRow("an unused variable is declared, not passed")
            << QStringLiteral("w = Variable(2.0)\nv = Variable(1.0)\nloss = w * 3") << QStringList{} << false
            << QStringList{"w = tf.Variable(2.0, dtype=tf.float32)", "v = tf.Variable(1.0, dtype=tf.float32)", "def f(w):",
                           "dloss_dw, dloss_dv = tape.gradient(loss, [w, v])"}
            << QStringList{};
    }
    void sourcesTheTapeDoesNotWatchAreWatched()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, wrt);
        QFETCH(bool, hessian);
        QFETCH(QStringList, lines);
        QFETCH(QStringList, absent);
        const GraphData data = formula(text);
        EvaluationOptions options;
        options.hessian = hessian;
        if (!wrt.isEmpty() || QTest::currentDataTag() == QByteArray("no source")) {
            options.wrt.emplace();
            for (const QString& name : wrt)
                options.wrt->push_back(data.findLabel(name));
        }
        const TensorFlowCode code = writeTensorFlow(data, options);
        const QString problem = check(code, {lines, absent});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QString python = pythonParseErrors({code.text});
        QVERIFY2(python.isEmpty(), qPrintable(python));
    }

    // --- Ops, literals and dtypes ------------------------------------------------------------------------

    void opsAreWrittenWithTheirTensorFlowNames_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("written");
        const auto row = [](const char* expression, const char* written) { QTest::newRow(expression) << expression << written; };
        row("reduce_sum(x * [1, 2.5], axis=0, keepdims=True)", "tf.reduce_sum(x * [1, 2.5], axis=0, keepdims=True)");
        row("reduce_mean(x)", "tf.reduce_mean(x)");
        row("norm(x, axis=1)", "tf.norm(x, axis=1)");
        row("cast(x, dtype=float64)", "tf.cast(x, tf.float64)");
        row("reshape(x, shape=[4, -1])", "tf.reshape(x, [4, -1])");
        row("broadcast_to(x, shape=[2, 2])", "tf.broadcast_to(x, [2, 2])");
        row("slice(x, begin=[0, 1], size=[2, -1])", "tf.slice(x, [0, 1], [2, -1])");
        row("pad(x, before=[1, 0], after=[0, 2])", "tf.pad(x, [[1, 0], [0, 2]])");
        row("concat([x, y])", "tf.concat([x, y], axis=0)");
        row("concat([x, y], axis=1)", "tf.concat([x, y], axis=1)");
        row("stack([x, y], axis=1)", "tf.stack([x, y], axis=1)");
        row("reduce_sum([x, y])", "tf.reduce_sum(tf.stack([x, y]))");
        row("add_n([x, y, 1])", "tf.add_n([x, y, 1.0])");
        row("elu(x)", "tf.nn.elu(x)");
        row("elu(x, alpha=1.0)", "tf.nn.elu(x)");
        row("elu(x, alpha=0.5)", "tf.keras.activations.elu(x, alpha=0.5)");
        row("leaky_relu(x, alpha=0.1)", "tf.nn.leaky_relu(x, alpha=0.1)");
        row("relu(x) + selu(x) + softplus(x) + sigmoid(x)", "tf.nn.relu(x) + tf.nn.selu(x) + tf.nn.softplus(x) + tf.sigmoid(x)");
        row("log(x) + log1p(x) + exp(x) + sqrt(x)", "tf.math.log(x) + tf.math.log1p(x) + tf.exp(x) + tf.sqrt(x)");
        row("where(x != 0, x // 2, x % 2)", "tf.where(x != 0, x // 2, x % 2)");
        row("where(x >= y, x, y) == 1", "tf.where(x >= y, x, y) == 1");
        row("maximum(x, 0)", "tf.maximum(x, 0.0)");
        row("clip_by_value(x, -1, 1)", "tf.clip_by_value(x, -1.0, 1.0)");
        row("matmul(x, transpose(y))", "x @ tf.transpose(y)");
        row("-x ** 2 + (-3) ** x - -y", "-x ** 2 + (-3) ** x - -y");
        row("(x - y) % 3 // 2", "(x - y) % 3 // 2");
        // Both operands Python numbers: the op is a TensorFlow call, so nothing is computed in Python.
        row("2 ** 0.5 * x", "tf.pow(2.0, 0.5) * x");
        row("-(3) * x", "tf.negative(3.0) * x");
        row("sqrt_grad(x, y)", "tf.raw_ops.SqrtGrad(y=x, dy=y)");
        row("leaky_relu_grad(x, y, alpha=0.1)", "tf.raw_ops.LeakyReluGrad(gradients=x, features=y, alpha=0.1)");
        row("stop_gradient(identity(x))", "tf.stop_gradient(tf.identity(x))");
        row("x * 0.1 + 1e-20", "x * 0.1 + 1e-20");
    }
    void opsAreWrittenWithTheirTensorFlowNames()
    {
        QFETCH(QString, expression);
        QFETCH(QString, written);
        const GraphData data =
            formula(QStringLiteral("x = Variable([[1.0, 2.0], [3.0, 4.0]])\ny = Variable([[0.5, -1.0], [2.0, 8.0]])\n") + expression);
        const TensorFlowCode code = writeTensorFlow(data);
        const QString problem = check(code, {{QStringLiteral("    return ") + written}, {}});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QString python = pythonParseErrors({code.text});
        QVERIFY2(python.isEmpty(), qPrintable(python));
    }

    /// A Python float becomes float32 in TensorFlow: in a float64 document every number that is not
    /// beside a tensor is a float64 tensor, and forcing a dtype declares every value in it.
    void literalsFollowTheDocumentsDType()
    {
        const GraphData data = formula(QStringLiteral("x = Variable(1.0, dtype=float64)\nmaximum(x, 0) * 2 + 2 ** 3"));
        QString problem = check(writeTensorFlow(data),
                                {{"x = tf.Variable(1.0, dtype=tf.float64)",
                                  "    return tf.maximum(x, tf.constant(0.0, dtype=tf.float64)) * 2 + "
                                  "tf.pow(tf.constant(2.0, dtype=tf.float64), tf.constant(3.0, dtype=tf.float64))"},
                                 {}});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        EvaluationOptions float64;
        float64.dtype = DType::Float64;
        problem = check(writeTensorFlow(formula(QStringLiteral("w = Variable(0.1)\nc = constant([1, 2], dtype=float32)\nw * c")), float64),
                        {{"w = tf.Variable(0.1, dtype=tf.float64)", "c = tf.constant([1.0, 2.0], dtype=tf.float64)"}, {}});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void valuesAreWrittenExactly()
    {
        const GraphData data = formula(QStringLiteral("a = Variable(0.1)\nb = Variable([1e-20, 123456789.125, -0.0])\n"
                                                      "c = constant([[nan, inf], [-inf, 2]])\na * b + reduce_sum(c)"));
        const TensorFlowCode code = writeTensorFlow(data);
        const QString problem = check(code, {{"import tensorflow as tf", "import numpy as np", "a = tf.Variable(0.1, dtype=tf.float32)",
                                              "b = tf.Variable([1e-20, 123456789.125, -0.0], dtype=tf.float32)",
                                              "c = tf.constant([[np.nan, np.inf], [-np.inf, 2.0]], dtype=tf.float32)"},
                                             {}});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(!writeTensorFlow(example(QStringLiteral("tape-basics"))).text.contains(QStringLiteral("numpy")));
    }

    /// Values given for the evaluation win over saved ones, which win over declared ones, as in
    /// evaluate(); a value missing is an error in the reader's words.
    void valuesComeFromTheOptionsThenTheDocument()
    {
        GraphData data = formula(QStringLiteral("3 * w1 ** 2 + 2 * w1 * w2"));
        TensorFlowCode code = writeTensorFlow(data);
        QVERIFY(!code.ok());
        QVERIFY2(code.error.startsWith(QStringLiteral("w1 has no value")) && code.error.contains(QStringLiteral("--at w1=1.0")),
                 qPrintable(code.error));
        EvaluationOptions window;
        window.audience = MessageAudience::Window;
        QVERIFY2(writeTensorFlow(data, window).error.contains(QStringLiteral("Inspector")), qPrintable(writeTensorFlow(data, window).error));

        data.savedValues.insert(QStringLiteral("w1"), TensorValue::scalar(5.0));
        data.savedValues.insert(QStringLiteral("w2"), TensorValue::scalar(3.0));
        EvaluationOptions options;
        options.values[labelled(data, "w2")] = TensorValue::scalar(4.5, DType::Float64);
        code = writeTensorFlow(data, options);
        const QString problem = check(code, {{"w1 = tf.Variable(5.0, dtype=tf.float32)", "w2 = tf.Variable(4.5, dtype=tf.float64)",
                                              "    return 3 * w1 ** 2 + 2 * w1 * w2"},
                                             {}});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void namesArePythonNames()
    {
        // A target called f leaves the name to the function, as the book's z = f(w1, w2) does;
        // another node called f moves the function to g.
        QString problem = check(writeTensorFlow(formula(QStringLiteral("f = Variable(2.0)\ny = f * 3"))),
                                {{"f = tf.Variable(2.0, dtype=tf.float32)", "def g(f):", "    y = g(f)", "dy_df = tape.gradient(y, f)"}, {}});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        // Python's and TensorFlow's own names are adjusted; an unnamed value used twice gets a name.
        GraphData data = formula(QStringLiteral("tf = Variable(1.0)\nprint = exp(tf)\nt1 = print * 2\nz = t1 * t1"));
        data.node(labelled(data, "t1"))->label.clear();
        data.node(labelled(data, "print"))->label = QStringLiteral("my value");
        const TensorFlowCode code = writeTensorFlow(data);
        problem = check(code, {{"tf_ = tf.Variable(1.0, dtype=tf.float32)", "def f(tf_):", "    my_value = tf.exp(tf_)",
                                "    t1 = my_value * 2", "    return t1 * t1", "    z = f(tf_)"},
                               {}});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QString python = pythonParseErrors({code.text});
        QVERIFY2(python.isEmpty(), qPrintable(python));
    }

    void deepExpressionsAreSplit()
    {
        QString text = QStringLiteral("x = Variable(1.0)\ny = x");
        for (int i = 0; i < 100; ++i)
            text += QStringLiteral(" + 1");
        const TensorFlowCode code = writeTensorFlow(formula(text));
        QVERIFY2(code.ok(), qPrintable(code.error));
        QVERIFY2(code.text.contains(QStringLiteral("    t1 = ")), qPrintable(code.text));
        const QString python = pythonParseErrors({code.text});
        QVERIFY2(python.isEmpty(), qPrintable(python));
    }

    void graphsWithoutAProgramSayWhy_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("no target") << QString() << "the graph has no target";
        QTest::newRow("unconnected input") << QStringLiteral("x = Variable(1.0)\ny = exp(x)") << "input 'x' of y is not connected";
    }
    void graphsWithoutAProgramSayWhy()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        GraphData data = text.isEmpty() ? GraphData{} : formula(text);
        if (!text.isEmpty())
            for (const auto& [id, c] : data.connections)
                if (c.to == data.target) {
                    data.connections.erase(id);
                    break;
                }
        const TensorFlowCode code = writeTensorFlow(data);
        QVERIFY(!code.ok());
        QVERIFY2(code.error.contains(message), qPrintable(code.error));
    }

    // --- Everything the program ships with is written, and is valid Python -------------------------------

    void everyExampleAndLessonStepIsValidPython()
    {
        QStringList programs;
        QStringList problems;
        const QDir examples(sourceDir + QStringLiteral("/resources/examples"));
        const QStringList exampleFiles = examples.entryList({QStringLiteral("*.gscope")}, QDir::Files, QDir::Name);
        QVERIFY(exampleFiles.size() >= 6);
        for (const QString& file : exampleFiles) {
            const DocumentReadResult read = loadDocument(examples.filePath(file));
            QVERIFY2(read.ok(), qPrintable(file));
            for (bool second : {false, true}) {
                EvaluationOptions options;
                options.jacobian = options.hessian = second;
                const TensorFlowCode code = writeTensorFlow(read.data, options);
                if (code.ok())
                    programs << code.text;
                else
                    problems << file + QStringLiteral(": ") + code.error;
            }
        }
        const QDir lessons(sourceDir + QStringLiteral("/resources/lessons"));
        const QStringList lessonFiles = lessons.entryList({QStringLiteral("*.gscope")}, QDir::Files, QDir::Name);
        QVERIFY(lessonFiles.size() >= 7);
        for (const QString& file : lessonFiles) {
            const DocumentReadResult read = loadDocument(lessons.filePath(file));
            QVERIFY2(read.ok(), qPrintable(file));
            QVERIFY2(!read.data.lesson.steps.empty(), qPrintable(file));
            for (int step = 0; step < static_cast<int>(read.data.lesson.steps.size()); ++step) {
                const LessonFrame frame = lessonFrame(read.data, step);
                const TensorFlowCode code = writeTensorFlow(frame.data, frame.evaluationOptions());
                if (code.ok())
                    programs << code.text;
                else
                    problems << QStringLiteral("%1 step %2: %3").arg(file).arg(step + 1).arg(code.error);
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        const QString python = pythonParseErrors(programs);
        QVERIFY2(python.isEmpty(), qPrintable(python));
    }

    /// The check itself can fail: what Python refuses is reported.
    void invalidPythonIsCaught()
    {
        QVERIFY(!pythonParseErrors({QStringLiteral("def f(:\n")}).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTensorFlowWriter)
#include "tst_tensorflow_writer.moc"
