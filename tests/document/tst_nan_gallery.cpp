// The NaN gallery (resources/examples/nan-*.gscope, issue 14): each naive formula fails where the
// chapter says, with the NaN's or the infinity's birth named by `gradscope eval --json` (its
// "nonfinite" list), and each cure gives the exact numbers, in float32 and float64. Run as a user
// runs them: the built program, with no display.
//
// The exact numbers, by hand:
// - softmax([1000, 0]) = [1, e^-1000] = [1, 0]; the tape differentiates sum(p) = 1: [0, 0].
//   float64 overflows exp past 709.78 instead of 88.72, so it rescues [100, 0]: [1, 1/e^100].
// - log_sigmoid(-100) = -100 - log(1 + e^-100) = -100; d/dx = 1 - sigmoid(x) = sigmoid(100) = 1.
// - sigmoid_cross_entropy_with_logits(y=0, z=100) = max(z, 0) - z y + log(1 + e^-|z|) = 100;
//   d/dz = sigmoid(z) - y = 1.
// - the safe norm at [0, 0]: 0 and [0, 0]; at [3, 4]: 5 and x / |x| = [0.6, 0.8].
// - sinc(0) = 1 and sinc'(0) = 0 (sinc is even); sinc(2) = sin(2) / 2,
//   sinc'(2) = (2 cos(2) - sin(2)) / 4.
#include "../support/GradscopeProcess.h"

#include "document/DocumentFile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <limits>
#include <vector>

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();

const QString examples = QStringLiteral(GRADSCOPE_SOURCE_DIR "/resources/examples/");

/// Where a NaN or an infinity is born: what `eval --json` lists under "nonfinite".
struct Birth {
    const char* phase; ///< "forward" or "backward"
    const char* node;  ///< the node's label, or op#id
    const char* op;
    const char* reason; ///< a part of the reason given
};

/// One evaluation of one gallery document and what it must give.
struct Case {
    const char* name;      ///< the row's name
    const char* file;      ///< resources/examples/<file>.gscope
    const char* dtype;     ///< --dtype
    const char* at;        ///< --at, or empty for the document's values
    std::vector<double> value;    ///< the target's elements
    std::vector<double> gradient; ///< the gradient's elements for the document's one source
    std::vector<Birth> births;    ///< in order; empty: everything finite
};

/// Equal, NaN to NaN, infinity to the same infinity; finite numbers to within two units in the last
/// place of a double (the exact numbers above, as the program prints them).
bool same(double actual, double expected)
{
    if (std::isnan(expected) || std::isnan(actual))
        return std::isnan(expected) && std::isnan(actual);
    if (std::isinf(expected) || std::isinf(actual))
        return actual == expected;
    return std::abs(actual - expected) <= 2 * std::numeric_limits<double>::epsilon() * std::abs(expected);
}

/// A number as `eval --json` writes it: a JSON number, or "NaN", "Infinity", "-Infinity".
double number(const QJsonValue& v)
{
    if (v.isString()) {
        const QString s = v.toString();
        return s == u"NaN" ? nan : s == u"Infinity" ? inf : s == u"-Infinity" ? -inf : std::numeric_limits<double>::signaling_NaN();
    }
    return v.toDouble();
}

std::vector<double> elements(const QJsonValue& v)
{
    if (!v.isArray())
        return {number(v)};
    std::vector<double> out;
    for (const QJsonValue& e : v.toArray())
        out.push_back(number(e));
    return out;
}

QString show(const std::vector<double>& v)
{
    QStringList parts;
    for (double d : v)
        parts << QString::number(d, 'g', 17);
    return u'[' + parts.join(QStringLiteral(", ")) + u']';
}

/// Empty when the two lists are the same, element by element, else both.
QString compare(const char* what, const std::vector<double>& actual, const std::vector<double>& expected)
{
    bool ok = actual.size() == expected.size();
    for (std::size_t i = 0; ok && i < actual.size(); ++i)
        ok = same(actual[i], expected[i]);
    return ok ? QString() : QStringLiteral("%1 %2, expected %3").arg(QLatin1StringView(what), show(actual), show(expected));
}

const std::vector<Case>& cases()
{
    const double sinc2 = std::sin(2.0) / 2;
    const double slope2 = (2 * std::cos(2.0) - std::sin(2.0)) / 4;
    static const std::vector<Case> list{
        // 1. Softmax by hand: exp overflows, inf / inf is NaN; float64 only moves the cliff.
        {"softmax naive float32", "nan-softmax-naive", "float32", "", {nan, 0}, {nan, nan},
         {{"forward", "e", "exp", "exp(1000.0) overflows float32 -> inf"}, {"forward", "p", "div", "inf/inf -> nan"}}},
        {"softmax naive float64", "nan-softmax-naive", "float64", "", {nan, 0}, {nan, nan},
         {{"forward", "e", "exp", "exp(1000.0) overflows float64 -> inf"}, {"forward", "p", "div", "inf/inf -> nan"}}},
        {"softmax naive float32 at [100, 0]", "nan-softmax-naive", "float32", "x=[100,0]", {nan, 0}, {nan, nan},
         {{"forward", "e", "exp", "exp(100.0) overflows float32 -> inf"}, {"forward", "p", "div", "inf/inf -> nan"}}},
        {"softmax naive float64 at [100, 0]", "nan-softmax-naive", "float64", "x=[100,0]", {1, 1 / std::exp(100.0)}, {0, 0}, {}},
        {"softmax float32", "nan-softmax-stable", "float32", "", {1, 0}, {0, 0}, {}},
        {"softmax float64", "nan-softmax-stable", "float64", "", {1, 0}, {0, 0}, {}},
        // 2. log(sigmoid(x)): sigmoid underflows to 0, log(0) = -inf, inf * 0 on the way back.
        {"log sigmoid naive float32", "nan-log-sigmoid-naive", "float32", "", {-inf}, {nan},
         {{"forward", "y", "log", "log(0.0) -> -inf"},
          {"backward", "y", "log", "local derivative inf -> inf"},
          {"backward", "s", "sigmoid", "upstream inf * local derivative 0.0 -> nan"}}},
        {"log sigmoid naive float64", "nan-log-sigmoid-naive", "float64", "", {-100}, {1}, {}},
        {"log sigmoid naive float64 at -800", "nan-log-sigmoid-naive", "float64", "x=-800", {-inf}, {nan},
         {{"forward", "y", "log", "log(0.0) -> -inf"},
          {"backward", "y", "log", "local derivative inf -> inf"},
          {"backward", "s", "sigmoid", "upstream inf * local derivative 0.0 -> nan"}}},
        {"log_sigmoid float32", "nan-log-sigmoid-stable", "float32", "", {-100}, {1}, {}},
        {"log_sigmoid float64", "nan-log-sigmoid-stable", "float64", "", {-100}, {1}, {}},
        {"log_sigmoid float32 at -800", "nan-log-sigmoid-stable", "float32", "x=-800", {-800}, {1}, {}},
        // 3. Cross-entropy from p = sigmoid(z): 1 - p = 0 in both dtypes.
        {"cross-entropy naive float32", "nan-cross-entropy-naive", "float32", "", {inf}, {nan},
         {{"forward", "log_1mp", "log", "log(0.0) -> -inf"},
          {"backward", "log_1mp", "log", "local derivative inf -> -inf"},
          {"backward", "p", "sigmoid", "upstream inf * local derivative 0.0 -> nan"}}},
        {"cross-entropy naive float64", "nan-cross-entropy-naive", "float64", "", {inf}, {nan},
         {{"forward", "log_1mp", "log", "log(0.0) -> -inf"},
          {"backward", "log_1mp", "log", "local derivative inf -> -inf"},
          {"backward", "p", "sigmoid", "upstream inf * local derivative 0.0 -> nan"}}},
        // With y = 1 the unused term is 0 * log(0) = 0 * -inf: NaN for a right answer.
        {"cross-entropy naive float32, y = 1", "nan-cross-entropy-naive", "float32", "y=1", {nan}, {nan},
         {{"forward", "log_1mp", "log", "log(0.0) -> -inf"},
          {"forward", "mul#11", "mul", "0.0 * -inf -> nan"},
          {"backward", "log_1mp", "log", "local derivative inf -> nan"}}},
        {"cross-entropy with logits float32", "nan-cross-entropy-logits", "float32", "", {100}, {1}, {}},
        {"cross-entropy with logits float64", "nan-cross-entropy-logits", "float64", "", {100}, {1}, {}},
        // y = 1: log(1 + e^-100), which float32 flushes to 0; sigmoid(100) - 1 rounds to 0 in both.
        {"cross-entropy with logits float32, y = 1", "nan-cross-entropy-logits", "float32", "y=1", {0}, {0}, {}},
        {"cross-entropy with logits float64, y = 1", "nan-cross-entropy-logits", "float64", "y=1", {std::log1p(std::exp(-100.0))}, {0}, {}},
        // 4. The norm at [0, 0]: sqrt's derivative 1/0 = inf meets 2x = 0, in any precision.
        {"norm naive float32", "nan-norm-naive", "float32", "", {0}, {nan, nan},
         {{"backward", "n", "sqrt", "upstream 1.0 * local derivative inf -> inf"},
          {"backward", "sq", "pow", "upstream inf * local derivative 0.0 -> nan"}}},
        {"norm naive float64", "nan-norm-naive", "float64", "", {0}, {nan, nan},
         {{"backward", "n", "sqrt", "upstream 1.0 * local derivative inf -> inf"},
          {"backward", "sq", "pow", "upstream inf * local derivative 0.0 -> nan"}}},
        {"safe norm float32", "nan-norm-safe", "float32", "", {0}, {0, 0}, {}},
        {"safe norm float64", "nan-norm-safe", "float64", "", {0}, {0, 0}, {}},
        {"safe norm float32 at [3, 4]", "nan-norm-safe", "float32", "x=[3,4]", {5}, {0.6, 0.8}, {}},
        {"safe norm float64 at [3, 4]", "nan-norm-safe", "float64", "x=[3,4]", {5}, {0.6, 0.8}, {}},
        // 5. The where trap: 0/0 in the branch where does not pick.
        {"sinc naive float32", "nan-sinc-naive", "float32", "", {1}, {nan}, {{"forward", "q", "div", "0.0/0 -> nan"}}},
        {"sinc naive float64", "nan-sinc-naive", "float64", "", {1}, {nan}, {{"forward", "q", "div", "0.0/0 -> nan"}}},
        {"sinc double where float32", "nan-sinc-double-where", "float32", "", {1}, {0}, {}},
        {"sinc double where float64", "nan-sinc-double-where", "float64", "", {1}, {0}, {}},
        {"sinc double where float64 at 2", "nan-sinc-double-where", "float64", "x=2", {sinc2}, {slope2}, {}},
        {"sinc divide_no_nan float32", "nan-sinc-divide-no-nan", "float32", "", {1}, {0}, {}},
        {"sinc divide_no_nan float64", "nan-sinc-divide-no-nan", "float64", "", {1}, {0}, {}},
        {"sinc divide_no_nan float64 at 2", "nan-sinc-divide-no-nan", "float64", "x=2", {sinc2}, {slope2}, {}},
    };
    return list;
}

} // namespace

class TestNanGallery : public QObject {
    Q_OBJECT
private slots:
    void evaluates_data()
    {
        QTest::addColumn<int>("index");
        for (std::size_t i = 0; i < cases().size(); ++i)
            QTest::newRow(cases()[i].name) << static_cast<int>(i);
    }
    void evaluates()
    {
        QFETCH(int, index);
        const Case& c = cases()[static_cast<std::size_t>(index)];
        QStringList arguments{QStringLiteral("eval"), examples + QString::fromLatin1(c.file) + QStringLiteral(".gscope"),
                              QStringLiteral("--json"), QStringLiteral("--dtype"), QString::fromLatin1(c.dtype)};
        if (*c.at)
            arguments << QStringLiteral("--at") << QString::fromLatin1(c.at);
        const testing::Outcome o = testing::runGradscope(arguments);
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        const QJsonObject json = o.json();
        QCOMPARE(json["dtype"].toString(), QString::fromLatin1(c.dtype));

        QStringList problems;
        problems << compare("value", elements(json["value"]), c.value);
        const QJsonObject gradients = json["gradients"].toObject();
        QCOMPARE(gradients.size(), 1);
        problems << compare("gradient", elements(gradients.begin().value()), c.gradient);
        const QJsonArray births = json["nonfinite"].toArray();
        if (births.size() != static_cast<qsizetype>(c.births.size()))
            problems << QStringLiteral("%1 births, expected %2").arg(births.size()).arg(c.births.size());
        for (qsizetype i = 0; i < std::min(births.size(), static_cast<qsizetype>(c.births.size())); ++i) {
            const QJsonObject b = births[i].toObject();
            const Birth& want = c.births[static_cast<std::size_t>(i)];
            if (b["phase"].toString() != QLatin1StringView(want.phase) || b["node"].toString() != QLatin1StringView(want.node)
                || b["op"].toString() != QLatin1StringView(want.op) || !b["reason"].toString().contains(QLatin1StringView(want.reason)))
                problems << QStringLiteral("birth %1 is %2 %3 (%4): %5").arg(i + 1).arg(b["phase"].toString(), b["node"].toString(),
                                                                                     b["op"].toString(), b["reason"].toString());
        }
        problems.removeAll(QString());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("; ")) + u'\n' + o.out));
    }

    /// Every gallery document says on the canvas what it shows (a comment), has a title and notes,
    /// and is compiled in, as File > Examples opens it.
    void everyItemExplainsItselfAndIsBuiltIn()
    {
        QFile qrc(QStringLiteral(GRADSCOPE_SOURCE_DIR "/resources/gradscope.qrc"));
        QVERIFY(qrc.open(QIODevice::ReadOnly));
        const QString resources = QString::fromUtf8(qrc.readAll());
        QStringList files;
        for (const Case& c : cases())
            if (!files.contains(QString::fromLatin1(c.file)))
                files << QString::fromLatin1(c.file);
        QCOMPARE(files.size(), 11);
        for (const QString& file : files) {
            const gs::DocumentReadResult read = gs::loadDocument(examples + file + QStringLiteral(".gscope"));
            QVERIFY2(read.ok(), qPrintable(file));
            QCOMPARE(read.data.comments.size(), std::size_t(1));
            QVERIFY2(read.data.comments.begin()->second.text.startsWith(QStringLiteral("NaN gallery")), qPrintable(file));
            QVERIFY2(!read.data.lesson.title.isEmpty() && !read.data.lesson.notes.isEmpty(), qPrintable(file));
            QVERIFY2(resources.contains(QStringLiteral("<file>examples/%1.gscope</file>").arg(file)), qPrintable(file));
        }
    }
};

QTEST_GUILESS_MAIN(TestNanGallery)
#include "tst_nan_gallery.moc"
