// Integer tensors (int32, int64) as TensorFlow has them: their arithmetic (floor division and
// modulo as Python's, true division giving float64), TensorFlow's message for mixing an int with a
// float, tf.cast's truncation, and gradients: None for an integer source, with TensorFlow's warning.
#include "engine/autodiff/GradientTape.h"
#include "engine/core/EngineError.h"
#include "engine/ops/Apply.h"
#include "engine/ops/Ops.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace gs;

namespace {

Tensor i32(double v) { return Tensor::scalar(v, DType::Int32); }
Tensor i32v(const std::vector<double>& v) { return Tensor::vector(v, DType::Int32); }

QString message(const std::function<void()>& f)
{
    try {
        f();
    } catch (const std::exception& e) {
        return QString::fromUtf8(e.what());
    }
    return QStringLiteral("(no error)");
}

} // namespace

class TestIntegerDTypes : public QObject {
    Q_OBJECT
private slots:
    void tensorsKeepIntegers()
    {
        const Tensor t = i32v({1, -2, 2147483647});
        QCOMPARE(t.dtype(), DType::Int32);
        QCOMPARE(t.at(2), 2147483647.0);
        QCOMPARE(t.str(), std::string("[1 -2 2147483647]"));
        QCOMPARE(i32(3).repr(), std::string("<tf.Tensor: shape=(), dtype=int32, numpy=3>"));
        QCOMPARE(Tensor::scalar(1e12, DType::Int64).str(), std::string("1000000000000"));
        QVERIFY(t.allFinite());
        QCOMPARE(dtypeName(DType::Int64), std::string_view("int64"));
    }

    void arithmeticStaysInteger()
    {
        const Tensor x = i32v({7, -7, 7, -7});
        const Tensor y = i32v({2, 2, -2, -2});
        QCOMPARE((x + y).toDoubles(), (std::vector<double>{9, -5, 5, -9}));
        QCOMPARE((x * y).dtype(), DType::Int32);
        QCOMPARE((x - y).toDoubles(), (std::vector<double>{5, -9, 9, -5}));
        QCOMPARE(neg(x).toDoubles(), (std::vector<double>{-7, 7, -7, 7}));
        QCOMPARE(square(x).toDoubles(), (std::vector<double>{49, 49, 49, 49}));
        // Python's // and %: toward negative infinity, the remainder with the divisor's sign
        // (tf.math.floordiv / floormod on int32 give exactly these).
        QCOMPARE(floordiv(x, y).toDoubles(), (std::vector<double>{3, -4, -4, 3}));
        QCOMPARE(floormod(x, y).toDoubles(), (std::vector<double>{1, 1, -1, -1}));
        QCOMPARE(floordiv(x, y).dtype(), DType::Int32);
        // x ** 3 on an int32 tensor is int32 (tf_cube(tf.constant(10)) = 1000).
        const Tensor cube = pow(i32(10), 3.0);
        QCOMPARE(cube.dtype(), DType::Int32);
        QCOMPARE(cube.item(), 1000.0);
        QCOMPARE(maximum(x, y).toDoubles(), (std::vector<double>{7, 2, 7, -2}));
        QCOMPARE(greater(x, y).toDoubles(), (std::vector<double>{1, 0, 1, 0}));
        QCOMPARE(add_n({i32(1), i32(2), i32(3)}).item(), 6.0);
    }

    void overflowWrapsAround()
    {
        // TensorFlow's int32 kernels wrap around (two's complement): tf.constant(2147483647) + 1 is
        // -2147483648, tf.constant(65536) * 65536 is 0 and tf.constant(100000) * 100000 is
        // 1410065408. GradScope computes them in the unsigned type, so UBSan sees no overflow.
        constexpr double max = 2147483647.0, min = -2147483648.0;
        QCOMPARE((i32(max) + i32(1)).item(), min);
        QCOMPARE((i32(min) - i32(1)).item(), max);
        QCOMPARE((i32(65536) * i32(65536)).item(), 0.0);
        QCOMPARE((i32(100000) * i32(100000)).item(), 1410065408.0);
        QCOMPARE(neg(i32(min)).item(), min);
        QCOMPARE(square(i32(65536)).item(), 0.0);
        QCOMPARE(square(i32(46341)).item(), -2147479015.0);
        QCOMPARE(pow(i32(2), i32(31)).item(), min);
        QCOMPARE(add_n({i32(max), i32(1)}).item(), min);
        // The array path (more than one element, broadcasting) wraps the same way.
        QCOMPARE((i32v({max, 1, min}) + i32(1)).toDoubles(), (std::vector<double>{min, 2, min + 1}));
        QCOMPARE((i32v({100000, 3}) * i32v({100000, 3})).toDoubles(), (std::vector<double>{1410065408.0, 9}));
        QCOMPARE(neg(i32v({min, 5})).toDoubles(), (std::vector<double>{min, -5}));
        QCOMPARE(square(i32v({65536, 3})).toDoubles(), (std::vector<double>{0, 9}));
        // int64 too: tf.constant(2**62, tf.int64) * 4 is 0.
        const Tensor big = Tensor::scalar(4611686018427387904.0, DType::Int64);
        QCOMPARE((big * Tensor::scalar(4, DType::Int64)).item(), 0.0);
    }

    void integerTargetIsNoneWithTensorFlowsWarning()
    {
        // x = tf.Variable(2.0); with tape: y = tf.cast(x * 3, tf.int32); tape.gradient(y, x) is None,
        // not an error, and TensorFlow logs "The dtype of the target tensor must be floating ...".
        const Variable w = Variable::scalar(2.0);
        GradientTape tape;
        const Tensor y = cast(w.value() * 3.0, DType::Int32);
        tape.stop();
        const auto g = tape.gradient(y, {Source(w)});
        QCOMPARE(g.size(), std::size_t(1));
        QVERIFY(!g[0]);
        QCOMPARE(tape.warnings().size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(tape.warnings()[0]),
                 QString("The dtype of the target tensor must be floating (e.g. tf.float32) when calling "
                         "GradientTape.gradient, got tf.int32"));
        // With unconnected_gradients=ZERO the answer is zeros, as for any unconnected source.
        GradientTape zeroTape;
        const Tensor y2 = cast(w.value() * 3.0, DType::Int32);
        zeroTape.stop();
        GradientOptions options;
        options.unconnected = UnconnectedGradients::Zero;
        const auto z = zeroTape.gradient(y2, {Source(w)}, options);
        QVERIFY(z[0]);
        QCOMPARE(z[0]->item(), 0.0);
    }

    void trueDivisionGivesFloat64()
    {
        // tf.constant(7) / tf.constant(2) is a float64 3.5 (truediv casts int32 to float64).
        const Tensor q = div(i32(7), i32(2));
        QCOMPARE(q.dtype(), DType::Float64);
        QCOMPARE(q.item(), 3.5);
        QVERIFY(std::isinf(div(i32(1), i32(0)).item()));
    }

    void integerErrorsAreTensorFlows()
    {
        QCOMPARE(message([] { floordiv(i32(1), i32(0)); }), QString("Integer division by zero [Op:FloorDiv]"));
        QCOMPARE(message([] { floormod(i32(1), i32(0)); }), QString("Integer division by zero [Op:FloorMod]"));
        QCOMPARE(message([] { pow(i32(2), i32(-1)); }),
                 QString("Integers to negative integer powers are not allowed [Op:Pow]"));
        QVERIFY(message([] { exp(i32(1)); }).contains("must be float32 or float64, got int32"));
    }

    void mixingIntAndFloatIsTensorFlowsError()
    {
        const Tensor f = Tensor::scalar(1.0);
        QCOMPARE(message([&] { add(i32(1), f); }),
                 QString("cannot compute AddV2 as input #1(zero-based) was expected to be a int32 tensor but is a "
                         "float tensor [Op:AddV2]"));
        QCOMPARE(message([&] { mul(f, i32(1)); }),
                 QString("cannot compute Mul as input #1(zero-based) was expected to be a float tensor but is a "
                         "int32 tensor [Op:Mul]"));
        QCOMPARE(message([&] { sub(Tensor::scalar(1.0, DType::Float64), i32(1)); }),
                 QString("cannot compute Sub as input #1(zero-based) was expected to be a double tensor but is a "
                         "int32 tensor [Op:Sub]"));
        QVERIFY(message([&] { greater_equal(i32(1), f); }).startsWith("cannot compute GreaterEqual as input #1"));
        // A C++ (Python) number takes the tensor's dtype, as TensorFlow's operators convert it.
        QCOMPARE((i32(3) * 2.0).dtype(), DType::Int32);
        QCOMPARE((i32(3) * 2.0).item(), 6.0);
    }

    void castTruncatesTowardZero()
    {
        const Tensor f = Tensor::vector({2.7, -2.7, 0.5, -0.5, 1e10});
        const Tensor i = cast(f, DType::Int32);
        QCOMPARE(i.dtype(), DType::Int32);
        // 1e10 does not fit: x86's conversion gives the lowest int32, as TensorFlow's CPU kernel does.
        QCOMPARE(i.toDoubles(), (std::vector<double>{2, -2, 0, 0, -2147483648.0}));
        QCOMPARE(cast(Tensor::scalar(std::nan("")), DType::Int32).item(), -2147483648.0);
        const Tensor back = cast(i32v({3, -4}), DType::Float32);
        QCOMPARE(back.dtype(), DType::Float32);
        QCOMPARE(back.toDoubles(), (std::vector<double>{3, -4}));
        QCOMPARE(cast(i32(5), DType::Int64).dtype(), DType::Int64);
    }

    void castToIntegerStopsTheGradient()
    {
        // y = cast(cast(x, int32), float32) * x: the path through the int32 carries no gradient.
        const Variable x = Variable::scalar(2.5);
        GradientTape tape;
        const Tensor y = cast(cast(x.value(), DType::Int32), DType::Float32) * x.value();
        tape.stop();
        const auto g = tape.gradient(y, x);
        QVERIFY(g);
        QCOMPARE(y.item(), 5.0);
        QCOMPARE(g->item(), 2.0); // only d(x)/dx times cast(...) = 2
    }

    void integerSourceIsNoneWithTensorFlowsWarning()
    {
        const Tensor x = i32(3);
        const Variable w = Variable::scalar(2.0);
        GradientTape tape;
        tape.watch(x);
        const Tensor y = cast(x, DType::Float32) * w.value();
        tape.stop();
        const auto g = tape.gradient(y, {Source(x), Source(w)});
        QVERIFY(!g[0]);
        QVERIFY(g[1]);
        QCOMPARE(g[1]->item(), 3.0);
        QCOMPARE(tape.warnings().size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(tape.warnings()[0]),
                 QString("The dtype of the watched tensor must be floating (e.g. tf.float32), got tf.int32"));
        QCOMPARE(QString::fromStdString(tape.warnings()[1]),
                 QString("The dtype of the source tensor must be floating (e.g. tf.float32) when calling "
                         "GradientTape.gradient, got tf.int32"));
    }

    void integerOpsAreNotRecorded()
    {
        // TensorFlow's tape records an op only when a float input is watched.
        const Tensor x = i32(3);
        GradientTape tape;
        tape.watch(x);
        const Tensor y = x * x;
        QCOMPARE(y.item(), 9.0);
        QCOMPARE(tape.entryCount(), std::size_t(0));
    }

    void argmaxIsInt64UnlessAsked()
    {
        const Tensor x = Tensor::matrix({{1, 5, 5}, {7, 2, 0}});
        const Tensor down = gs::apply("argmax", std::vector<Tensor>{x});
        QCOMPARE(down.dtype(), DType::Int64); // tf.math.argmax's default output_type
        QCOMPARE(down.toDoubles(), (std::vector<double>{1, 0, 0}));
        const Tensor along = gs::apply("argmax", std::vector<Tensor>{x}, Attrs{{"axis", std::int64_t{1}}, {"output_type", std::string("int32")}});
        QCOMPARE(along.dtype(), DType::Int32);
        QCOMPARE(along.toDoubles(), (std::vector<double>{1, 0})); // the first of the tied 5s
        QCOMPARE(gs::apply("argmin", std::vector<Tensor>{i32v({4, -3, 9})}).item(), 1.0);
        QVERIFY(message([] { gs::apply("argmax", std::vector<Tensor>{Tensor::vector({})}); }).contains("is empty in shape (0,)"));
    }

    void oneHotGatherAndSparseCrossEntropy()
    {
        const Tensor h = gs::apply("one_hot", std::vector<Tensor>{i32v({2, 0})},
                               Attrs{{"depth", std::int64_t{3}}, {"on_value", 5.0}, {"off_value", -1.0}});
        QCOMPARE(h.dtype(), DType::Float32);
        QCOMPARE(h.shape().str(), std::string("(2, 3)"));
        QCOMPARE(h.toDoubles(), (std::vector<double>{-1, -1, 5, 5, -1, -1}));
        const Tensor g = gs::apply("gather", std::vector<Tensor>{Tensor::matrix({{1, 2}, {3, 4}, {5, 6}}), i32v({2, 2, 0})});
        QCOMPARE(g.toDoubles(), (std::vector<double>{5, 6, 5, 6, 1, 2}));
        QCOMPARE(message([] { gs::apply("gather", std::vector<Tensor>{Tensor::vector({1, 2, 3}), i32v({0, 3})}); }),
                 QString("indices[1] = 3 is not in [0, 3) [Op:GatherV2]"));
        QVERIFY(message([] { gs::apply("gather", std::vector<Tensor>{Tensor::vector({1, 2}), Tensor::vector({0})}); })
                    .contains("indices must be int32 or int64, got float32"));
        // -log(softmax([1, 2, 3])[2]) = log(e + e^2 + e^3) - 3
        const Tensor loss = gs::apply("sparse_softmax_cross_entropy_with_logits",
                                  std::vector<Tensor>{i32(2), Tensor::vector({1, 2, 3}, DType::Float64)});
        QCOMPARE(loss.item(), std::log(std::exp(1.0) + std::exp(2.0) + std::exp(3.0)) - 3.0);
        QCOMPARE(message([] {
                     gs::apply("sparse_softmax_cross_entropy_with_logits", std::vector<Tensor>{i32v({3}), Tensor::matrix({{1, 2, 3}})});
                 }),
                 QString("Received a label value of 3 which is outside the valid range of [0, 3)."));
    }
};

QTEST_APPLESS_MAIN(TestIntegerDTypes)
#include "tst_integer_dtypes.moc"
