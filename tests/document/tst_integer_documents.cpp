// TensorFlow's dtype rules in documents: int32 values in formulas, Python code and files; numbers
// that take the dtype of the integer tensor they meet; TensorFlow's error for int32 + float32; None
// and TensorFlow's warning for an integer source; int32 traces.
#include "document/DocumentFile.h"
#include "document/DocumentFunction.h"
#include "document/Evaluation.h"
#include "document/EvaluationReport.h"
#include "document/FormulaReader.h"
#include "document/TensorFlowWriter.h"
#include "document/TraceArguments.h"
#include "document/python/PythonEvaluation.h"
#include "document/python/PythonReader.h"
#include "document/python/PythonReport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>

using namespace gs;

namespace {

GraphData formula(const char* text)
{
    FormulaResult r = readFormula(QString::fromUtf8(text));
    if (!r.ok())
        qFatal("bad formula: %s", qPrintable(r.error->formatted()));
    return r.data;
}

std::vector<TraceArgument> args(const char* text)
{
    const TraceArgumentsResult r = parseTraceArguments(QString::fromUtf8(text));
    if (!r.ok())
        qFatal("bad arguments: %s", qPrintable(r.error));
    return r.arguments;
}

PythonProgram readCode(const char* text)
{
    PythonReadResult r = readPython(QString::fromUtf8(text));
    if (!r.ok())
        qFatal("cannot read the code: %s", qPrintable(r.error->formatted()));
    return std::move(r.program);
}

std::optional<Tensor> pythonValue(const PythonProgram& p, const PythonEvaluation& e, const char* name)
{
    for (const PythonResult& r : p.results)
        if (r.name == QLatin1StringView(name) && r.value.kind == PythonValue::Kind::Tensor)
            return e.value(r.value.slot);
    return std::nullopt;
}

} // namespace

class TestIntegerDocuments : public QObject {
    Q_OBJECT
private slots:
    void integerFormulasFollowPython()
    {
        // x // 2 + x % 3 with x = 7: 3 + 1, an int32 4 (the literals take x's dtype).
        const GraphData g = formula("x = constant(7, dtype=int32)\ny = x // 2 + x % 3");
        const Evaluation e = evaluate(g);
        QVERIFY2(e.ok(), qPrintable(e.error));
        QCOMPARE(e.value->dtype(), DType::Int32);
        QCOMPARE(e.value->item(), 4.0);
        // eval --json prints an int32 as an integer.
        const QJsonObject json = QJsonDocument::fromJson(evaluationJson(g, e).toUtf8()).object();
        QCOMPARE(json["dtype"].toString(), QString("int32"));
        QVERIFY2(evaluationJson(g, e).contains("\"value\": 4,"), qPrintable(evaluationJson(g, e)));
    }

    void cubeOfAnInt32IsAnInt32()
    {
        const Evaluation e = evaluate(formula("x = constant(10, dtype=int32)\ny = x ** 3"));
        QVERIFY2(e.ok(), qPrintable(e.error));
        QCOMPARE(e.value->dtype(), DType::Int32);
        QCOMPARE(e.value->item(), 1000.0);
        // Integer true division is float64, as TensorFlow's truediv.
        const Evaluation q = evaluate(formula("x = constant(7, dtype=int32)\ny = x / 2"));
        QVERIFY2(q.ok(), qPrintable(q.error));
        QCOMPARE(q.value->dtype(), DType::Float64);
        QCOMPARE(q.value->item(), 3.5);
    }

    void theBookStaysFloat()
    {
        // An int32 somewhere does not make the other numbers int32: 3 * w1 ** 2 stays float32.
        const Evaluation e = evaluate(formula("n = constant(2, dtype=int32)\nw1 = Variable(5.0)\nw2 = Variable(3.0)\n"
                                              "f = 3 * w1 ** 2 + 2 * w1 * w2"));
        QVERIFY2(e.ok(), qPrintable(e.error));
        QCOMPARE(e.value->dtype(), DType::Float32);
        QCOMPARE(e.value->item(), 105.0);
        QCOMPARE(e.gradients[0].gradient->item(), 36.0);
    }

    void mixingIsTensorFlowsError()
    {
        const Evaluation e = evaluate(formula("x = constant(1, dtype=int32)\nw = Variable(2.0)\ny = x + w"));
        QVERIFY(!e.ok());
        QVERIFY2(e.error.contains("cannot compute AddV2 as input #1(zero-based) was expected to be a int32 tensor "
                                  "but is a float tensor"),
                 qPrintable(e.error));
        // A fraction cannot become an int32, as tf.constant(1) + 2.5 fails in TensorFlow.
        const Evaluation f = evaluate(formula("x = constant(1, dtype=int32)\ny = x + 2.5"));
        QVERIFY(!f.ok());
        QVERIFY2(f.error.contains("Cannot convert 2.5 to EagerTensor of dtype int32"), qPrintable(f.error));
    }

    void integerSourceIsNoneWithTheWarning()
    {
        const GraphData g = formula("x = constant(3, dtype=int32)\nw = Variable(2.0)\ny = cast(x, dtype=float32) * w");
        EvaluationOptions o;
        o.wrt = std::vector<NodeId>{g.findLabel("x"), g.findLabel("w")};
        const Evaluation e = evaluate(g, o);
        QVERIFY2(e.ok(), qPrintable(e.error));
        QCOMPARE(e.value->item(), 6.0);
        QVERIFY(!e.gradients[0].gradient);
        QCOMPARE(e.gradients[1].gradient->item(), 3.0);
        QVERIFY2(e.gradients[0].noneReason.contains("must be floating (e.g. tf.float32) when calling "
                                                    "GradientTape.gradient, got tf.int32"),
                 qPrintable(e.gradients[0].noneReason));
        QVERIFY(e.warnings.contains("The dtype of the source tensor must be floating (e.g. tf.float32) when calling "
                                    "GradientTape.gradient, got tf.int32"));
        QVERIFY(e.warnings.contains("The dtype of the watched tensor must be floating (e.g. tf.float32), got tf.int32"));
        const QJsonObject json = QJsonDocument::fromJson(evaluationJson(g, e).toUtf8()).object();
        QVERIFY(json["gradients"].toObject()["x"].isNull());
        QCOMPARE(json["gradients"].toObject()["w"].toDouble(), 3.0);
        QVERIFY(json.contains("warnings"));
    }

    void int32ValuesRoundTripThroughTheFile()
    {
        const GraphData g = formula("x = constant([1, -2, 3], dtype=int32)\ny = x * 2");
        const QByteArray bytes = documentToJson(g);
        QVERIFY2(bytes.contains("\"dtype\": \"int32\""), bytes.constData());
        const DocumentReadResult back = documentFromJson(bytes);
        QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error->text()));
        const Evaluation e = evaluate(back.data);
        QVERIFY2(e.ok(), qPrintable(e.error));
        QCOMPARE(e.value->dtype(), DType::Int32);
        QCOMPARE(e.value->toDoubles(), (std::vector<double>{2, -4, 6}));
    }

    void pythonIntegersAreInt32()
    {
        const PythonProgram p = readCode("import tensorflow as tf\n"
                                       "a = tf.constant(10)\n"
                                       "b = tf.constant(3.)\n"
                                       "c = a * 2\n"
                                       "d = a // 3\n"
                                       "e = a % -3\n"
                                       "f = tf.cast(b, tf.int32) + a\n"
                                       "g = tf.constant([1, 2])\n");
        const PythonEvaluation e = evaluatePython(p);
        QVERIFY2(e.ok(), qPrintable(e.ok() ? QString() : e.error->headline()));
        QCOMPARE(pythonValue(p, e, "a")->dtype(), DType::Int32);
        QCOMPARE(pythonValue(p, e, "b")->dtype(), DType::Float32);
        QCOMPARE(pythonValue(p, e, "c")->dtype(), DType::Int32);
        QCOMPARE(pythonValue(p, e, "c")->item(), 20.0);
        QCOMPARE(pythonValue(p, e, "d")->item(), 3.0);
        QCOMPARE(pythonValue(p, e, "e")->item(), -2.0);
        QCOMPARE(pythonValue(p, e, "f")->item(), 13.0);
        QCOMPARE(pythonValue(p, e, "g")->dtype(), DType::Int32);
    }

    void pythonMixingFails()
    {
        const PythonProgram p = readCode("import tensorflow as tf\nx = tf.constant(1) + tf.constant(1.0)\n");
        const PythonEvaluation e = evaluatePython(p);
        QVERIFY(!e.ok());
        QVERIFY2(e.error->message.contains("cannot compute AddV2 as input #1(zero-based) was expected to be a int32 "
                                           "tensor but is a float tensor"),
                 qPrintable(e.error->message));
    }

    void pythonIntegerSourceIsNone()
    {
        const PythonProgram p = readCode("import tensorflow as tf\n"
                                       "x = tf.constant(3)\n"
                                       "w = tf.Variable(2.0)\n"
                                       "with tf.GradientTape() as tape:\n"
                                       "    tape.watch(x)\n"
                                       "    y = tf.cast(x, tf.float32) * w\n"
                                       "grads = tape.gradient(y, [x, w])\n");
        const PythonEvaluation e = evaluatePython(p);
        QVERIFY2(e.ok(), qPrintable(e.ok() ? QString() : e.error->headline()));
        QVERIFY(e.warnings.contains("The dtype of the watched tensor must be floating (e.g. tf.float32), got tf.int32"));
        QVERIFY(e.warnings.contains("The dtype of the source tensor must be floating (e.g. tf.float32) when calling "
                                    "GradientTape.gradient, got tf.int32"));
        const PythonValue* grads = nullptr;
        for (const PythonResult& r : p.results)
            if (r.name == u"grads")
                grads = &r.value;
        QVERIFY(grads && grads->items.size() == 2);
        QVERIFY(!e.value(grads->items[0].slot));
        QCOMPARE(e.value(grads->items[1].slot)->item(), 3.0);
    }

    void indexOpsTakeListsAsInt32()
    {
        // gather(x, [2, 0]): the list is int32 indices, as TensorFlow converts it.
        const GraphData g = formula("x = Variable([1.0, 2.0, 3.0])\ny = reduce_sum(gather(x, [2, 0, 2]) * [1.0, 2.0, 3.0])");
        const Evaluation e = evaluate(g);
        QVERIFY2(e.ok(), qPrintable(e.error));
        QCOMPARE(e.value->item(), 3.0 + 2.0 + 9.0);
        QCOMPARE(e.gradients[0].gradient->toDoubles(), (std::vector<double>{2, 0, 4}));
        const PythonProgram p = readCode("import tensorflow as tf\n"
                                       "logits = tf.Variable([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]])\n"
                                       "labels = tf.constant([0, 1])\n"
                                       "with tf.GradientTape() as tape:\n"
                                       "    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels, logits))\n"
                                       "grad = tape.gradient(loss, logits)\n"
                                       "onehot = tf.one_hot(labels, depth=3)\n"
                                       "best = tf.argmax(logits, axis=1)\n");
        const PythonEvaluation pe = evaluatePython(p);
        QVERIFY2(pe.ok(), qPrintable(pe.ok() ? QString() : pe.error->headline()));
        QCOMPARE(pythonValue(p, pe, "best")->dtype(), DType::Int64);
        QCOMPARE(pythonValue(p, pe, "best")->toDoubles(), (std::vector<double>{0, 1}));
        QCOMPARE(pythonValue(p, pe, "onehot")->toDoubles(), (std::vector<double>{1, 0, 0, 0, 1, 0}));
        // (softmax - one_hot) / 2, row by row
        const std::vector<double> grad = pythonValue(p, pe, "grad")->toDoubles();
        const double z0 = std::exp(2.0) + std::exp(1.0) + std::exp(0.1);
        QVERIFY(std::abs(grad[0] - (std::exp(2.0) / z0 - 1) / 2) < 1e-6);
        QVERIFY(std::abs(grad[1] - std::exp(1.0) / z0 / 2) < 1e-6);
        const double z1 = std::exp(0.5) + std::exp(2.5) + std::exp(0.3);
        QVERIFY(std::abs(grad[4] - (std::exp(2.5) / z1 - 1) / 2) < 1e-6);
    }

    void tensorFlowCodeKeepsTheIntegers()
    {
        const GraphData g = formula("n = constant(7, dtype=int32)\nw = Variable([1.0, 2.0, 3.0])\n"
                                    "y = reduce_sum(gather(w, [2, 0]) * 2.0) + cast(n // 2, dtype=float32)");
        const TensorFlowCode code = writeTensorFlow(g);
        QVERIFY2(code.ok(), qPrintable(code.error));
        QVERIFY2(code.text.contains("n = tf.constant(7, dtype=tf.int32)"), qPrintable(code.text));
        QVERIFY2(code.text.contains("tf.gather(w, [2, 0])"), qPrintable(code.text));
        // The written code reads back to the same value: 2 * (3 + 1) + 3 = 11.
        const PythonProgram back = readCode(code.text.toUtf8().constData());
        const Evaluation e = evaluate(back.data);
        QVERIFY2(e.ok(), qPrintable(e.error));
        QCOMPARE(e.value->item(), 11.0);
        QCOMPARE(evaluate(g).value->item(), 11.0);
    }

    void int32ArgumentsTraceInt32Graphs()
    {
        DocumentFunction f(formula("x ** 3"), {"x"});
        const TraceCallResult r = f.call(args("x=constant(10, dtype=int32)"));
        QCOMPARE(r.value.dtype(), DType::Int32);
        QCOMPARE(r.value.item(), 1000.0);
        QCOMPARE(QString::fromStdString(r.call.signature), QString("x: TensorSpec(shape=(), dtype=int32)"));
        QCOMPARE(f.call(args("x=constant(20, dtype=int32)")).call.traced, false);
        QCOMPARE(f.call(args("x=TensorSpec(shape=[], dtype=int32)")).call.traced, false);
        // A float32 tensor is another signature.
        QCOMPARE(f.call(args("x=constant(2.0)")).call.traced, true);
        QCOMPARE(f.function().traceCount(), 2);
    }

    void theBooksRetracingCallsTraceInt32()
    {
        // tf_cube(tf.constant(10)): "a graph will be generated for int32 tensors of shape []".
        const PythonProgram p = readCode("import tensorflow as tf\n"
                                       "@tf.function\n"
                                       "def tf_cube(x):\n"
                                       "    return x ** 3\n"
                                       "a = tf_cube(tf.constant(10))\n"
                                       "b = tf_cube(tf.constant(20))\n"
                                       "c = tf_cube(tf.constant([10, 20]))\n");
        const PythonEvaluation e = evaluatePython(p);
        QVERIFY2(e.ok(), qPrintable(e.ok() ? QString() : e.error->headline()));
        QCOMPARE(pythonValue(p, e, "a")->dtype(), DType::Int32);
        QCOMPARE(pythonValue(p, e, "a")->item(), 1000.0);
        QCOMPARE(pythonValue(p, e, "c")->toDoubles(), (std::vector<double>{1000, 8000}));
        const PythonFunction* f = pythonFunctionNamed(p);
        QVERIFY(f);
        const PythonTraceCalls calls = pythonTraceCalls(p, e, *f);
        QVERIFY(calls.ok());
        DocumentFunction function(f->data, DocumentFunction::parametersOf(f->data, calls.calls));
        std::vector<TraceCallResult> results;
        for (const auto& call : calls.calls)
            results.push_back(function.call(call));
        QCOMPARE(QString::fromStdString(results[0].call.signature), QString("x: TensorSpec(shape=(), dtype=int32)"));
        QCOMPARE(results[0].value.dtype(), DType::Int32);
        QCOMPARE(results[1].call.traced, false);
        QCOMPARE(QString::fromStdString(results[2].call.signature), QString("x: TensorSpec(shape=(2,), dtype=int32)"));
    }

    void anIntegerTargetIsNoneWithTheWarning()
    {
        // TensorFlow answers None for every source of an int32 target (no error) and logs "The
        // dtype of the target tensor must be floating (e.g. tf.float32) when calling
        // GradientTape.gradient, got tf.int32" (backprop.py).
        const char* warning = "The dtype of the target tensor must be floating (e.g. tf.float32) when calling "
                              "GradientTape.gradient, got tf.int32";
        const GraphData g = formula("w = Variable(2.0)\ny = cast(w * 3, dtype=int32)");
        const Evaluation e = evaluate(g);
        QVERIFY2(e.ok(), qPrintable(e.error));
        QCOMPARE(e.value->dtype(), DType::Int32);
        QCOMPARE(e.value->item(), 6.0);
        QCOMPARE(e.gradients.size(), std::size_t(1));
        QVERIFY(!e.gradients[0].gradient);
        QVERIFY2(e.warnings.contains(warning), qPrintable(e.warnings.join(u'|')));
        QVERIFY2(e.gradients[0].noneReason.contains("the dtype of the target tensor must be floating"),
                 qPrintable(e.gradients[0].noneReason));
        QVERIFY(QJsonDocument::fromJson(evaluationJson(g, e).toUtf8()).object()["gradients"].toObject()["w"].isNull());

        const PythonProgram p = readCode("import tensorflow as tf\n"
                                         "w = tf.Variable(2.0)\n"
                                         "with tf.GradientTape() as tape:\n"
                                         "    y = tf.cast(w * 3, tf.int32)\n"
                                         "grad = tape.gradient(y, w)\n");
        const PythonEvaluation pe = evaluatePython(p);
        QVERIFY2(pe.ok(), qPrintable(pe.ok() ? QString() : pe.error->headline()));
        QVERIFY2(pe.warnings.contains(warning), qPrintable(pe.warnings.join(u'|')));
        const PythonValue* grad = nullptr;
        for (const PythonResult& r : p.results)
            if (r.name == u"grad")
                grad = &r.value;
        QVERIFY(grad);
        QVERIFY(!pe.value(grad->slot));
    }

    void pythonFloatLiteralNextToAnIntIsTensorFlowsError()
    {
        // tf.constant(3) + 2.5: "Cannot convert 2.5 to EagerTensor of dtype int32", never a
        // truncated 5; a whole number converts (tf.constant(3) + 2.0 is an int32 5).
        for (const char* code : {"import tensorflow as tf\nx = tf.constant(3) + 2.5\n",
                                 "import tensorflow as tf\nx = 2.5 * tf.constant(3)\n"}) {
            const PythonProgram p = readCode(code);
            const PythonEvaluation e = evaluatePython(p);
            QVERIFY(!e.ok());
            QVERIFY2(e.error->message.contains("Cannot convert 2.5 to EagerTensor of dtype int32"), qPrintable(e.error->message));
        }
        const PythonProgram p = readCode("import tensorflow as tf\nx = tf.constant(3) + 2.0\n");
        const PythonEvaluation e = evaluatePython(p);
        QVERIFY2(e.ok(), qPrintable(e.ok() ? QString() : e.error->headline()));
        QCOMPARE(pythonValue(p, e, "x")->dtype(), DType::Int32);
        QCOMPARE(pythonValue(p, e, "x")->item(), 5.0);
    }

    void tracedLiteralIndicesAreInt32()
    {
        // @tf.function def f(x): return tf.gather(x, [0, 2]): the list traces as an int32 constant,
        // as in eager mode.
        DocumentFunction f(formula("y = gather(x, [0, 2])"), {"x"});
        const TraceCallResult r = f.call(args("x=constant([1.0, 2.0, 3.0])"));
        QCOMPARE(r.value.toDoubles(), (std::vector<double>{1, 3}));
        QCOMPARE(r.value.dtype(), DType::Float32);
        bool int32Constant = false;
        for (const GraphNode& n : f.function().concreteFunctions().front()->traced.nodes)
            if (n.kind == GraphNode::Kind::Constant && n.type.dtype == DType::Int32)
                int32Constant = true;
        QVERIFY(int32Constant);
    }

    void aFormulaConstantOfAnIntegerIsInt32()
    {
        // TensorFlow: tf.constant(10) is int32, tf.constant(10.0) float32, tf.constant([1, 2]) int32.
        const Evaluation e = evaluate(formula("x = constant(10)\ny = x ** 3"));
        QVERIFY2(e.ok(), qPrintable(e.error));
        QCOMPARE(e.value->dtype(), DType::Int32);
        QCOMPARE(e.value->item(), 1000.0);
        QCOMPARE(evaluate(formula("x = constant(10.0)\ny = x ** 3")).value->dtype(), DType::Float32);
        QCOMPARE(evaluate(formula("x = constant([1, -2])\ny = x * 2")).value->dtype(), DType::Int32);
        // A bare number still follows the tensor it meets: w * 2 stays float32.
        QCOMPARE(evaluate(formula("w = Variable(5.0)\ny = w * 2")).value->dtype(), DType::Float32);
        // trace --call x=constant(10) is tf_cube(tf.constant(10)): an int32 signature.
        DocumentFunction f(formula("x ** 3"), {"x"});
        const TraceCallResult r = f.call(args("x=constant(10)"));
        QCOMPARE(QString::fromStdString(r.call.signature), QString("x: TensorSpec(shape=(), dtype=int32)"));
        QCOMPARE(r.value.item(), 1000.0);
    }

    void aPlainIntCallReturnsAnInt32()
    {
        // trace --call x=2 is tf_cube(2): TensorFlow computes 2 ** 3 in Python while tracing, so
        // the concrete function (keyed by the value 2) returns the int32 constant 8.
        DocumentFunction f(formula("x ** 3"), {"x"});
        const TraceCallResult r = f.call(args("x=2"));
        QCOMPARE(QString::fromStdString(r.call.signature), QString("x=2"));
        QCOMPARE(r.value.dtype(), DType::Int32);
        QCOMPARE(r.value.item(), 8.0);
        const TraceCallResult again = f.call(args("x=2"));
        QCOMPARE(again.call.traced, false);
        QCOMPARE(again.value.dtype(), DType::Int32);
        // A Python float stays a float: tf_cube(2.5) is a float32 15.625.
        const TraceCallResult half = f.call(args("x=2.5"));
        QCOMPARE(half.value.dtype(), DType::Float32);
        QCOMPARE(half.value.item(), 15.625);
        // A Python int meeting a float tensor converts to it: w * x with w = Variable(1.5) is float32 3.
        DocumentFunction g(formula("w = Variable(1.5)\ny = w * x"), {"x"});
        const TraceCallResult mixed = g.call(args("x=2"));
        QCOMPARE(mixed.value.dtype(), DType::Float32);
        QCOMPARE(mixed.value.item(), 3.0);
        // Python's int division is a float: x / 4 with x=2 is 0.5, not an int.
        DocumentFunction h(formula("x / 4"), {"x"});
        QVERIFY(isFloating(h.call(args("x=2")).value.dtype()));
    }

    void aPythonIntResultIsAnInt32()
    {
        // TensorFlow computes tf_cube(2) in Python (2 ** 3 = 8) and returns the int32 tensor 8.
        const PythonProgram p = readCode("import tensorflow as tf\n"
                                         "@tf.function\n"
                                         "def tf_cube(x):\n"
                                         "    return x ** 3\n"
                                         "a = tf_cube(2)\n"
                                         "b = tf_cube(2.0)\n");
        const PythonEvaluation e = evaluatePython(p);
        QVERIFY2(e.ok(), qPrintable(e.ok() ? QString() : e.error->headline()));
        QCOMPARE(pythonValue(p, e, "a")->dtype(), DType::Int32);
        QCOMPARE(pythonValue(p, e, "a")->item(), 8.0);
        QCOMPARE(pythonValue(p, e, "b")->dtype(), DType::Float32);
        // Its trace agrees: the concrete function for tf_cube(2) returns the int32 8.
        const PythonFunction* f = pythonFunctionNamed(p);
        QVERIFY(f);
        const PythonTraceCalls calls = pythonTraceCalls(p, e, *f);
        QVERIFY(calls.ok());
        DocumentFunction function(f->data, DocumentFunction::parametersOf(f->data, calls.calls));
        const TraceCallResult two = function.call(calls.calls[0]);
        QCOMPARE(two.value.dtype(), DType::Int32);
        QCOMPARE(two.value.item(), 8.0);
    }
};

QTEST_GUILESS_MAIN(TestIntegerDocuments)
#include "tst_integer_documents.moc"
