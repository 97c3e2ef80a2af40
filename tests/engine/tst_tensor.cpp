// Tensor values: construction, shapes, TensorFlow-like printing, float32 rounding, broadcasting,
// the errors bad input gets (naming the op, the argument and the shapes), and Variable updates.
#include "engine/autodiff/Variable.h"
#include "engine/core/EngineError.h"
#include "engine/core/Shape.h"
#include "engine/core/Tensor.h"
#include "engine/ops/Apply.h"
#include "engine/ops/Ops.h"

#include <QStringList>
#include <QTest>

#include <cmath>
#include <functional>
#include <limits>

using namespace gs;

namespace {

constexpr double Inf = std::numeric_limits<double>::infinity();
constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
constexpr DType F32 = DType::Float32;
constexpr DType F64 = DType::Float64;

using Dims = std::vector<std::int64_t>;

/// The EngineError message `call` throws, or "(no error)".
QString errorOf(const std::function<void()>& call)
{
    try {
        call();
    } catch (const EngineError& e) {
        return QString::fromUtf8(e.what());
    }
    return QStringLiteral("(no error)");
}

/// Bad input and the words its error message must contain.
struct ErrorCase {
    const char* tag;
    std::function<void()> call;
    QStringList mustContain;
    QStringList mustNotContain = {};
};

std::vector<ErrorCase> buildErrorCases()
{
    const Tensor v2 = Tensor::vector({1, 2});
    const Tensor v3 = Tensor::vector({1, 2, 3});
    const Tensor m23 = Tensor::matrix({{1, 2, 3}, {4, 5, 6}});
    const Tensor s64 = Tensor::scalar(1, F64);
    const Tensor s32 = Tensor::scalar(1);
    const Tensor none;
    std::vector<ErrorCase> t;

    // Shapes that do not broadcast: the op and both shapes.
    t.push_back({"add (2,) + (3,)",
                 [=] { add(v2, v3); },
                 {"add", "(2,)", "(3,)", "argument x", "argument y", "broadcast"}});
    t.push_back({"mul (2,3) * (2,)", [=] { mul(m23, v2); }, {"mul", "(2, 3)", "(2,)"}});
    t.push_back({"maximum (3,) vs (2,)", [=] { maximum(v3, v2); }, {"maximum", "(3,)", "(2,)"}});
    t.push_back({"where branches (3,) and (2,)",
                 [=] { where(greater(v3, v3), v3, v2); },
                 {"where", "(3,)", "(2,)", "argument x", "argument y"}});
    t.push_back({"where condition (2,) with branches (3,)",
                 [=] { where(greater(v2, v2), v3, v3); },
                 {"where", "condition", "(2,)", "(3,)"}});
    t.push_back({"add_n of (2,) and (3,)", [=] { add_n({v2, v3}); }, {"add_n", "(2,)", "(3,)"}});
    t.push_back({"stack of (2,) and (3,)", [=] { stack({v2, v3}); }, {"stack", "(2,)", "(3,)"}});
    t.push_back({"concat (2,3) and (3,) along 0",
                 [=] {
                     concat({m23, v3});
                 },
                 {"concat", "(3,)", "(2, 3)"}});
    t.push_back({"broadcast_to (3,) to (2,2)",
                 [=] { broadcast_to(v3, Shape::matrix(2, 2)); },
                 {"broadcast_to", "(3,)", "(2, 2)"}});
    t.push_back({"clip_by_value bounds larger than t",
                 [=] { clip_by_value(v3, m23, s32); },
                 {"clip_by_value", "(2, 3)", "(3,)"}});

    // dtypes
    t.push_back({"add float32 + float64",
                 [=] { add(s32, s64); },
                 {"add", "float32", "float64", "argument x", "argument y", "cast"}});
    t.push_back({"matmul float64 @ float32",
                 [=] { matmul(Tensor::matrix({{1}}, F64), Tensor::matrix({{1}})); },
                 {"matmul", "float64", "float32"}});
    t.push_back(
        {"sqrt of a bool", [=] { sqrt(greater(v3, v3)); }, {"sqrt", "bool", "float32 or float64"}});
    t.push_back({"where with a float condition",
                 [=] { where(v3, v3, v3); },
                 {"where", "condition", "bool", "float32"}});
    t.push_back(
        {"cast to int8 (int32 and int64 are supported)",
         [=] {
             gs::apply("cast", std::vector<Tensor>{v3}, Attrs{{"dtype", std::string("int8")}});
         },
         {"cast", "int8", "int32"}});

    // matmul
    t.push_back({"matmul inner dimensions (2,3) @ (2,3)",
                 [=] { matmul(m23, m23); },
                 {"matmul", "(2, 3)", "columns (3)", "rows (2)"}});
    t.push_back({"matmul of a vector", [=] { matmul(v3, m23); }, {"matmul", "(3,)", "rank 2"}});

    // Unknown ops: the closest registered name is suggested when there is one.
    t.push_back(
        {"unknown op foo", [] { gs::apply("foo", std::vector<Tensor>{}); }, {"unknown op 'foo'"}});
    t.push_back({"unknown op sigmod",
                 [=] { gs::apply("sigmod", std::vector<Tensor>{v3}); },
                 {"unknown op 'sigmod'", "did you mean 'sigmoid'"}});
    t.push_back({"unknown op reduce_summ",
                 [=] { gs::apply("reduce_summ", std::vector<Tensor>{v3}); },
                 {"did you mean 'reduce_sum'"}});
    t.push_back({"unknown op with nothing close",
                 [=] { gs::apply("fourier_transform", std::vector<Tensor>{v3}); },
                 {"unknown op 'fourier_transform'"},
                 {"did you mean"}});

    // reshape
    t.push_back({"reshape 6 elements to [4]", [=] { reshape(m23, {4}); }, {"reshape", "6", "[4]"}});
    t.push_back({"reshape 6 elements to [4, -1]",
                 [=] {
                     reshape(m23, {4, -1});
                 },
                 {"reshape", "6", "[4, -1]"}});
    t.push_back({"reshape with two -1",
                 [=] {
                     reshape(m23, {-1, -1});
                 },
                 {"reshape", "one dimension", "-1"}});
    t.push_back({"reshape to rank 3", [=] { reshape(m23, {1, 2, 3}); }, {"rank 3"}});

    // Axes
    t.push_back({"reduce_sum axis 2 of (2,3)",
                 [=] { reduce_sum(m23, 2); },
                 {"reduce_sum", "axis 2", "rank 2"}});
    t.push_back({"reduce_mean axis -3 of (2,3)",
                 [=] { reduce_mean(m23, -3); },
                 {"reduce_mean", "axis -3", "rank 2"}});
    t.push_back({"reduce_max axis 1 of (3,)",
                 [=] { reduce_max(v3, 1); },
                 {"reduce_max", "axis 1", "rank 1"}});
    t.push_back({"reduce_sum axis 0 of a scalar",
                 [=] { reduce_sum(s32, 0); },
                 {"reduce_sum", "axis 0", "scalar"}});
    t.push_back({"concat axis 2", [=] { concat({m23, m23}, 2); }, {"concat", "axis 2", "rank 2"}});
    t.push_back({"stack axis 2", [=] { stack({v3, v3}, 2); }, {"stack", "axis 2"}});

    // None and arity
    t.push_back({"add(None, x)", [=] { add(none, v3); }, {"add", "argument x", "None"}});
    t.push_back({"mul(x, None)", [=] { mul(v3, none); }, {"mul", "argument y", "#1", "None"}});
    t.push_back({"add with one argument",
                 [=] { gs::apply("add", std::vector<Tensor>{v3}); },
                 {"add", "expects 2 arguments, got 1"}});
    t.push_back({"where with two arguments",
                 [=] {
                     gs::apply("where", std::vector<Tensor>{v3, v3});
                 },
                 {"where", "expects 3 arguments, got 2"}});

    // Blocks
    t.push_back({"slice past the end", [=] { slice(v3, {2}, {2}); }, {"slice", "(3,)", "[2]"}});
    t.push_back(
        {"slice with too few begin entries", [=] { slice(m23, {0}, {1}); }, {"slice", "(2, 3)"}});
    t.push_back({"pad with negative padding", [=] { pad(v3, {-1}, {0}); }, {"pad", "negative"}});

    // Tensor construction and access
    t.push_back({"fromValues with 5 values for (2,3)",
                 [] {
                     Tensor::fromValues(Shape::matrix(2, 3), {1, 2, 3, 4, 5});
                 },
                 {"(2, 3)", "6", "5"}});
    t.push_back({"ragged matrix", [] { Tensor::matrix({{1, 2}, {3}}); }, {"row 1", "1", "2"}});
    t.push_back({"element 3 of a (3,)", [=] { v3.at(3); }, {"element 3", "(3,)"}});
    t.push_back({"item of a (3,)", [=] { v3.item(); }, {"item", "(3,)"}});
    t.push_back(
        {"reshaped (3,) to (2,)", [=] { v3.reshaped(Shape::vector(2)); }, {"(3,)", "(2,)"}});
    t.push_back({"shape of rank 3", [] { Shape::fromDims({1, 2, 3}); }, {"rank 3"}});
    t.push_back({"shape with a negative dimension",
                 [] {
                     Shape::fromDims({2, -1});
                 },
                 {"negative", "-1"}});
    return t;
}

const std::vector<ErrorCase>& errorCases()
{
    static const std::vector<ErrorCase> cases = buildErrorCases();
    return cases;
}

} // namespace

class TestTensor : public QObject {
    Q_OBJECT

private slots:
    // --- Construction -------------------------------------------------------------------------

    void scalar()
    {
        const Tensor t = Tensor::scalar(3.5);
        QVERIFY(t.valid());
        QCOMPARE(t.dtype(), F32);
        QCOMPARE(t.rank(), 0);
        QCOMPARE(t.size(), std::int64_t{1});
        QVERIFY(t.shape() == Shape::scalar());
        QCOMPARE(t.shape().dims(), Dims{});
        QCOMPARE(t.item(), 3.5);
    }

    void vector()
    {
        const Tensor t = Tensor::vector({1, -2, 3}, F64);
        QCOMPARE(t.dtype(), F64);
        QCOMPARE(t.rank(), 1);
        QCOMPARE(t.size(), std::int64_t{3});
        QCOMPARE(t.shape().dims(), Dims{3});
        QCOMPARE(t.at(1), -2.0);
        QCOMPARE(t.toDoubles(), (std::vector<double>{1, -2, 3}));
    }

    void matrix()
    {
        const Tensor t = Tensor::matrix({{1, 2, 3}, {4, 5, 6}});
        QCOMPARE(t.rank(), 2);
        QCOMPARE(t.shape().dims(), (Dims{2, 3}));
        QCOMPARE(t.size(), std::int64_t{6});
        QCOMPARE(t.at(1, 2), 6.0);
        QCOMPARE(t.at(0, 1), 2.0);
        QCOMPARE(t.toDoubles(), (std::vector<double>{1, 2, 3, 4, 5, 6}));
    }

    void fromValuesIsRowMajor()
    {
        const Tensor t = Tensor::fromValues(Shape::matrix(3, 2), {1, 2, 3, 4, 5, 6}, F64);
        QCOMPARE(t.at(2, 0), 5.0);
        QCOMPARE(t.at(0, 1), 2.0);
    }

    void fullZerosOnes()
    {
        QCOMPARE(Tensor::full(Shape::matrix(2, 2), 7.0, F64).toDoubles(),
                 (std::vector<double>{7, 7, 7, 7}));
        QCOMPARE(Tensor::zeros(Shape::vector(3)).toDoubles(), (std::vector<double>{0, 0, 0}));
        const Tensor ones = Tensor::ones(Shape::scalar(), F64);
        QCOMPARE(ones.dtype(), F64);
        QCOMPARE(ones.item(), 1.0);
    }

    void emptyVector()
    {
        const Tensor t = Tensor::vector({});
        QCOMPARE(t.size(), std::int64_t{0});
        QCOMPARE(t.shape().str(), std::string("(0,)"));
        QCOMPARE(t.str(), std::string("[]"));
    }

    void defaultTensorIsNone()
    {
        const Tensor t;
        QVERIFY(!t.valid());
        QCOMPARE(t.str(), std::string("None"));
        QVERIFY(t.toDoubles().empty());
    }

    void copiesShareIdentityResultsGetANewOne()
    {
        const Tensor a = Tensor::vector({1, 2});
        const Tensor copy = a; // NOLINT(performance-unnecessary-copy-initialization): the point
        QCOMPARE(copy.id(), a.id());
        QVERIFY(identity(a).id() != a.id());
        QVERIFY(add(a, a).id() != a.id());
        QVERIFY(Tensor::vector({1, 2}).id() != a.id());
        const Tensor r = a.reshaped(Shape::matrix(2, 1));
        QVERIFY(r.id() != a.id());
        QCOMPARE(r.toDoubles(), a.toDoubles());
        QCOMPARE(r.shape().dims(), (Dims{2, 1}));
    }

    // --- Shapes
    // -----------------------------------------------------------------------------------

    void shapeText()
    {
        QCOMPARE(Shape::scalar().str(), std::string("()"));
        QCOMPARE(Shape::vector(3).str(), std::string("(3,)"));
        QCOMPARE(Shape::matrix(2, 3).str(), std::string("(2, 3)"));
        QVERIFY(Shape::fromDims({}) == Shape::scalar());
        QVERIFY(Shape::fromDims({4}) == Shape::vector(4));
        QVERIFY(Shape::fromDims({2, 5}) == Shape::matrix(2, 5));
        // A (1,) vector and a (1, 1) matrix hold one element each but are different shapes.
        QVERIFY(Shape::vector(1) != Shape::matrix(1, 1));
        QVERIFY(Shape::vector(1) != Shape::scalar());
    }

    void normaliseAxis()
    {
        QCOMPARE(gs::normaliseAxis(-1, 2, "op"), 1);
        QCOMPARE(gs::normaliseAxis(-2, 2, "op"), 0);
        QCOMPARE(gs::normaliseAxis(0, 1, "op"), 0);
        QCOMPARE(gs::normaliseAxis(-1, 1, "op"), 0);
        QVERIFY(errorOf([] { gs::normaliseAxis(2, 2, "myop"); }).contains("myop"));
    }

    // --- Printing
    // ---------------------------------------------------------------------------------

    void str_data()
    {
        QTest::addColumn<QString>("actual");
        QTest::addColumn<QString>("expected");
        auto add = [](const char* tag, const Tensor& t, const char* expected) {
            QTest::newRow(tag) << QString::fromStdString(t.str()) << QString::fromUtf8(expected);
        };
        add("scalar 36", Tensor::scalar(36), "36.0");
        add("scalar 36 float64", Tensor::scalar(36, F64), "36.0");
        add("scalar 2.5", Tensor::scalar(2.5), "2.5");
        add("vector", Tensor::vector({1, 2}), "[1.0 2.0]");
        add("matrix", Tensor::matrix({{1, 2}, {3, 4}}), "[[1.0 2.0]\n [3.0 4.0]]");
        add("negative zero", Tensor::scalar(-0.0), "-0.0");
        add("non-finite", Tensor::vector({NaN, Inf, -Inf}), "[nan inf -inf]");
        add("bool", Tensor::vector({1, 0}, DType::Bool), "[True False]");
        add("0.1 float32", Tensor::scalar(0.1), "0.1");
        add("0.1 float64", Tensor::scalar(0.1, F64), "0.1");
        add("1/3 float32", Tensor::scalar(1.0 / 3.0), "0.33333334");
        add("1/3 float64", Tensor::scalar(1.0 / 3.0, F64), "0.3333333333333333");
        add("0.1 + 0.2 float32", Tensor::scalar(0.1) + Tensor::scalar(0.2), "0.3");
        add("0.1 + 0.2 float64", Tensor::scalar(0.1, F64) + Tensor::scalar(0.2, F64),
            "0.30000000000000004");
        add("1e20 float32", Tensor::scalar(1e20), "1e+20");
        add("1e-05 float64", Tensor::scalar(1e-5, F64), "1e-05");
        add("1e16 float64", Tensor::scalar(1e16, F64), "1e+16");
        add("123.456 float64", Tensor::scalar(123.456, F64), "123.456");
        add("100000.0", Tensor::scalar(100000.0), "100000.0");
        add("0.0005", Tensor::scalar(0.0005, F64), "0.0005");
        add("1e15 float64", Tensor::scalar(1e15, F64), "1000000000000000.0");
    }

    void str()
    {
        QFETCH(QString, actual);
        QFETCH(QString, expected);
        QCOMPARE(actual, expected);
    }

    void repr()
    {
        QCOMPARE(Tensor::scalar(36).repr(),
                 std::string("<tf.Tensor: shape=(), dtype=float32, numpy=36.0>"));
        QCOMPARE(Tensor::vector({1, 2}, F64).repr(),
                 std::string("<tf.Tensor: shape=(2,), dtype=float64, numpy=[1.0 2.0]>"));
        QCOMPARE(Tensor::matrix({{1, 2}}).repr(),
                 std::string("<tf.Tensor: shape=(1, 2), dtype=float32, numpy=[[1.0 2.0]]>"));
        QCOMPARE(greater(Tensor::scalar(2), Tensor::scalar(1)).repr(),
                 std::string("<tf.Tensor: shape=(), dtype=bool, numpy=True>"));
    }

    // --- float32 rounding
    // -------------------------------------------------------------------------

    void float32RoundsOnConstruction()
    {
        QCOMPARE(Tensor::scalar(0.1).item(), static_cast<double>(0.1f));
        QVERIFY(Tensor::scalar(0.1).item() != 0.1);
        QCOMPARE(Tensor::scalar(0.1, F64).item(), 0.1);
        QCOMPARE(Tensor::vector({1.0 / 3.0}).at(0), static_cast<double>(1.0f / 3.0f));
        QCOMPARE(Tensor::fromValues(Shape::vector(1), {16777217.0}).at(0), 16777216.0);
    }

    void float32ArithmeticRoundsEachStep()
    {
        // 2^24 + 1 is not a float32: the sum stays 2^24, where float64 counts on.
        const double big = 16777216.0;
        QCOMPARE((Tensor::scalar(big) + Tensor::scalar(1)).item(), big);
        QCOMPARE((Tensor::scalar(big, F64) + Tensor::scalar(1, F64)).item(), big + 1);
        QCOMPARE((Tensor::scalar(0.1) + Tensor::scalar(0.2)).item(),
                 static_cast<double>(0.1f + 0.2f));
        QCOMPARE((Tensor::scalar(0.1, F64) + Tensor::scalar(0.2, F64)).item(), 0.1 + 0.2);
    }

    void castRounds()
    {
        const Tensor t = cast(Tensor::scalar(0.1, F64), F32);
        QCOMPARE(t.dtype(), F32);
        QCOMPARE(t.item(), static_cast<double>(0.1f));
        const Tensor back = cast(t, F64);
        QCOMPARE(back.item(), static_cast<double>(0.1f));
        QCOMPARE(cast(Tensor::vector({0, 2, -0.5}), DType::Bool).toDoubles(),
                 (std::vector<double>{0, 1, 1}));
    }

    // --- Broadcasting
    // -----------------------------------------------------------------------------

    void broadcasting_data()
    {
        QTest::addColumn<QString>("shape");
        QTest::addColumn<QString>("values");
        QTest::addColumn<QString>("expectedShape");
        QTest::addColumn<QString>("expectedValues");
        auto row = [](const char* tag, const Tensor& a, const Tensor& b, const char* shape,
                      const char* values) {
            const Tensor r = add(a, b);
            QTest::newRow(tag) << QString::fromStdString(r.shape().str())
                               << QString::fromStdString(r.str()) << QString::fromUtf8(shape)
                               << QString::fromUtf8(values);
        };
        const Tensor m23 = Tensor::matrix({{1, 2, 3}, {4, 5, 6}}, F64);
        row("(2,3) + (3,)", m23, Tensor::vector({10, 20, 30}, F64), "(2, 3)",
            "[[11.0 22.0 33.0]\n [14.0 25.0 36.0]]");
        row("(2,3) + (2,1)", m23, Tensor::matrix({{10}, {20}}, F64), "(2, 3)",
            "[[11.0 12.0 13.0]\n [24.0 25.0 26.0]]");
        row("(2,1) + (1,3)", Tensor::matrix({{1}, {2}}, F64), Tensor::matrix({{10, 20, 30}}, F64),
            "(2, 3)", "[[11.0 21.0 31.0]\n [12.0 22.0 32.0]]");
        row("(3,) + ()", Tensor::vector({1, 2, 3}, F64), Tensor::scalar(10, F64), "(3,)",
            "[11.0 12.0 13.0]");
        row("() + (2,2)", Tensor::scalar(1, F64), Tensor::matrix({{1, 2}, {3, 4}}, F64), "(2, 2)",
            "[[2.0 3.0]\n [4.0 5.0]]");
        row("(3,1) + (3,)", Tensor::matrix({{1}, {2}, {3}}, F64), Tensor::vector({10, 20, 30}, F64),
            "(3, 3)", "[[11.0 21.0 31.0]\n [12.0 22.0 32.0]\n [13.0 23.0 33.0]]");
        row("(1,) + (2,3)", Tensor::vector({100}, F64), m23, "(2, 3)",
            "[[101.0 102.0 103.0]\n [104.0 105.0 106.0]]");
        row("(1,3) + (3,)", Tensor::matrix({{1, 2, 3}}, F64), Tensor::vector({1, 1, 1}, F64),
            "(1, 3)", "[[2.0 3.0 4.0]]");
        row("(1,) + ()", Tensor::vector({1}, F64), Tensor::scalar(1, F64), "(1,)", "[2.0]");
        row("() + ()", Tensor::scalar(1, F64), Tensor::scalar(2, F64), "()", "3.0");
    }

    void broadcasting()
    {
        QFETCH(QString, shape);
        QFETCH(QString, values);
        QFETCH(QString, expectedShape);
        QFETCH(QString, expectedValues);
        QCOMPARE(shape, expectedShape);
        QCOMPARE(values, expectedValues);
    }

    void broadcastShapes_data()
    {
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("result");
        QTest::addColumn<QString>("expected");
        auto row = [](const char* tag, const Shape& a, const Shape& b, bool ok,
                      const char* expected) {
            const BroadcastResult r = gs::broadcastShapes(a, b);
            QTest::newRow(tag) << (r.ok == ok) << QString::fromStdString(r.ok ? r.shape.str() : "")
                               << QString::fromUtf8(expected);
        };
        row("(2,) & (3,) fails", Shape::vector(2), Shape::vector(3), false, "");
        row("(2,3) & (2,) fails", Shape::matrix(2, 3), Shape::vector(2), false, "");
        row("(2,3) & (3,2) fails", Shape::matrix(2, 3), Shape::matrix(3, 2), false, "");
        row("(3,1) & (2,1) fails", Shape::matrix(3, 1), Shape::matrix(2, 1), false, "");
        row("(3,) & (3,1)", Shape::vector(3), Shape::matrix(3, 1), true, "(3, 3)");
        row("() & (2,3)", Shape::scalar(), Shape::matrix(2, 3), true, "(2, 3)");
        row("(1,) & ()", Shape::vector(1), Shape::scalar(), true, "(1,)");
        row("(1,1) & (3,)", Shape::matrix(1, 1), Shape::vector(3), true, "(1, 3)");
    }

    void broadcastShapes()
    {
        QFETCH(bool, ok);
        QFETCH(QString, result);
        QFETCH(QString, expected);
        QVERIFY(ok);
        QCOMPARE(result, expected);
    }

    // --- Errors
    // -----------------------------------------------------------------------------------

    void errors_data()
    {
        QTest::addColumn<int>("index");
        for (std::size_t i = 0; i < errorCases().size(); ++i)
            QTest::newRow(errorCases()[i].tag) << static_cast<int>(i);
    }

    void errors()
    {
        QFETCH(int, index);
        const ErrorCase& c = errorCases().at(static_cast<std::size_t>(index));
        const QString message = errorOf(c.call);
        for (const QString& word : c.mustContain)
            QVERIFY2(message.contains(word), qPrintable("'" + word + "' missing from: " + message));
        for (const QString& word : c.mustNotContain)
            QVERIFY2(!message.contains(word),
                     qPrintable("'" + word + "' should not be in: " + message));
    }

    // --- Variables
    // --------------------------------------------------------------------------------

    void variableAssignments()
    {
        Variable w(Tensor::vector({1, 2, 3}), true, "w");
        const TensorId id = w.id();
        QCOMPARE(w.name(), std::string("w"));
        QVERIFY(w.trainable());
        QCOMPARE(w.peek().id(), id);

        w.assign(Tensor::vector({4, 5, 6}));
        QCOMPARE(w.peek().toDoubles(), (std::vector<double>{4, 5, 6}));
        w.assign_add(Tensor::vector({0.5, 0.5, 0.5}));
        QCOMPARE(w.peek().toDoubles(), (std::vector<double>{4.5, 5.5, 6.5}));
        w.assign_sub(Tensor::vector({1, 2, 3}));
        QCOMPARE(w.peek().toDoubles(), (std::vector<double>{3.5, 3.5, 3.5}));
        // Every read, before and after updates, carries the variable's identity.
        QCOMPARE(w.value().id(), id);
        QCOMPARE(w.peek().id(), id);
        QCOMPARE(Tensor(w).id(), id);
    }

    void variableUpdatesRoundInItsDtype()
    {
        Variable w = Variable::scalar(0.1);
        w.assign_add(Tensor::scalar(0.2));
        QCOMPARE(w.peek().item(), static_cast<double>(0.1f + 0.2f));
        Variable d = Variable::scalar(0.1, F64);
        d.assign_add(Tensor::scalar(0.2, F64));
        QCOMPARE(d.peek().item(), 0.1 + 0.2);
    }

    void variablesShareState()
    {
        Variable a = Variable::scalar(1.0);
        Variable b = a; // a second handle to the same variable, as in Python
        b.assign(Tensor::scalar(5.0));
        QCOMPARE(a.peek().item(), 5.0);
        QVERIFY(a == b);
        QVERIFY(!(a == Variable::scalar(5.0)));
    }

    void variableErrors_data()
    {
        QTest::addColumn<int>("which");
        QTest::addColumn<QStringList>("mustContain");
        QTest::newRow("assign float64 to a float32 variable")
            << 0 << QStringList{"'w'", "float32", "float64"};
        QTest::newRow("assign (3,) to a (2,) variable") << 1 << QStringList{"'w'", "(2,)", "(3,)"};
        QTest::newRow("assign a (2,1) to a (2,) variable")
            << 2 << QStringList{"'w'", "(2,)", "(2, 1)"};
        QTest::newRow("assign_add of a (3,) delta to a (2,) variable")
            << 3 << QStringList{"(2,)", "(3,)"};
        QTest::newRow("assign_sub of a float64 delta to a float32 variable")
            << 4 << QStringList{"float32", "float64"};
        QTest::newRow("assign_add of a () delta to a (3,) variable")
            << 5 << QStringList{"(3,)", "()"};
        QTest::newRow("a default Variable was never initialised")
            << 6 << QStringList{"never initialised"};
        QTest::newRow("a Variable of None") << 7 << QStringList{"None"};
    }

    void variableErrors()
    {
        QFETCH(int, which);
        QFETCH(QStringList, mustContain);
        Variable w(Tensor::vector({1, 2}), true, "w");
        Variable w3(Tensor::vector({1, 2, 3}), true, "w3");
        const std::function<void()> calls[] = {
            [&] {
                w.assign(Tensor::vector({1, 2}, F64));
            },
            [&] {
                w.assign(Tensor::vector({1, 2, 3}));
            },
            [&] {
                w.assign(Tensor::matrix({{1}, {2}}));
            },
            [&] {
                w.assign_add(Tensor::vector({1, 2, 3}));
            },
            [&] {
                w.assign_sub(Tensor::vector({1, 2}, F64));
            },
            [&] { w3.assign_add(Tensor::scalar(1)); },
            [] { Variable().value(); },
            [] { static_cast<void>(Variable(Tensor{}, true)); },
        };
        const QString message = errorOf(calls[which]);
        QVERIFY2(message != "(no error)", "no EngineError was thrown");
        for (const QString& word : mustContain)
            QVERIFY2(message.contains(word), qPrintable("'" + word + "' missing from: " + message));
        if (which < 6) { // a failed update changes nothing
            const Variable& target = which == 5 ? w3 : w;
            const std::vector<double> before =
                which == 5 ? std::vector<double>{1, 2, 3} : std::vector<double>{1, 2};
            QCOMPARE(target.peek().toDoubles(), before);
        }
    }

    // --- Overwriting a kept value ---------------------------------------------------------------

    void assignReusingBufferWritesIntoABufferHeldAlone()
    {
        Tensor kept = Tensor::vector({1, 2, 3});
        const float* buffer = kept.data<float>();
        const Tensor next = Tensor::vector({4, 5, 6});
        kept.assignReusingBuffer(next);
        QCOMPARE(kept.data<float>(), buffer); // the same memory, the new numbers and identity
        QCOMPARE(kept.toDoubles(), (std::vector<double>{4, 5, 6}));
        QCOMPARE(kept.id(), next.id());
        QCOMPARE(next.toDoubles(), (std::vector<double>{4, 5, 6}));
        QVERIFY(next.data<float>() != buffer);
    }

    void assignReusingBufferNeverWritesIntoASharedBuffer()
    {
        Tensor kept = Tensor::vector({1, 2, 3});
        const Tensor sharer = kept; // e.g. the engine still holds the value
        kept.assignReusingBuffer(Tensor::vector({4, 5, 6}));
        QCOMPARE(sharer.toDoubles(), (std::vector<double>{1, 2, 3}));
        QCOMPARE(kept.toDoubles(), (std::vector<double>{4, 5, 6}));
        QVERIFY(kept.data<float>() != sharer.data<float>());
    }

    void assignReusingBufferTakesOtherShapesAndDtypesAsTheyAre()
    {
        Tensor kept = Tensor::vector({1, 2, 3});
        const Tensor wider = Tensor::vector({1, 2, 3, 4});
        kept.assignReusingBuffer(wider);
        QCOMPARE(kept.data<float>(), wider.data<float>()); // shared, as a copy would
        Tensor asDouble = Tensor::vector({1, 2}, F64);
        asDouble.assignReusingBuffer(Tensor::vector({7, 8}));
        QCOMPARE(asDouble.dtype(), F32);
        QCOMPARE(asDouble.toDoubles(), (std::vector<double>{7, 8}));
        Tensor scalar = Tensor::scalar(1);
        scalar.assignReusingBuffer(Tensor::scalar(2, F64));
        QCOMPARE(scalar.dtype(), F64);
        QCOMPARE(scalar.item(), 2.0);
        Tensor matrix = Tensor::matrix({{1, 2}, {3, 4}});
        matrix.assignReusingBuffer(Tensor::vector({5, 6, 7, 8}));
        QCOMPARE(matrix.rank(), 1); // same element count: rewritten in place, shape taken
        QCOMPARE(matrix.toDoubles(), (std::vector<double>{5, 6, 7, 8}));
    }
};

QTEST_APPLESS_MAIN(TestTensor)
#include "tst_tensor.moc"
