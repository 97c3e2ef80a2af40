// The documented bounds for pathological input (docs/fuzzing.md): every reader, given a 1 MB text,
// nesting 10,000 deep or 100,000 nodes (elements, rows, layers, arguments), gives a clear error or
// a result within two seconds; never a hang, never a stack overflow.
#include "document/DocumentFile.h"
#include "document/FormulaReader.h"
#include "document/InputsJson.h"
#include "document/LessonFrame.h"
#include "document/TraceArguments.h"
#include "document/TrainingRunFile.h"
#include "document/python/PythonReader.h"
#include "engine/nn/Csv.h"

#include <QElapsedTimer>
#include <QTest>

#include <functional>

using namespace gs;

namespace {

// The sanitizer build runs several times slower: it gets five times the time.
#if defined(__SANITIZE_ADDRESS__)
constexpr qint64 budgetMs = 10'000;
#elif !defined(Q_MOC_RUN) && defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr qint64 budgetMs = 10'000;
#else
constexpr qint64 budgetMs = 2'000;
#endif
#else
constexpr qint64 budgetMs = 2'000;
#endif

/// Runs `read`, which returns the reader's error ("" for a result), within the budget. `error`
/// says what is expected: a part of the error message, or "" for a result.
void within(const std::function<QString()>& read, const QString& expected)
{
    QElapsedTimer timer;
    timer.start();
    const QString error = read();
    const qint64 ms = timer.elapsed();
    qInfo("%5lld ms  %s", ms, qPrintable(error.isEmpty() ? QStringLiteral("(a result)") : error.left(90)));
    QVERIFY2(ms < budgetMs, qPrintable(QStringLiteral("took %1 ms").arg(ms)));
    if (expected.isEmpty())
        QVERIFY2(error.isEmpty(), qPrintable(error));
    else
        QVERIFY2(error.contains(expected), qPrintable(QStringLiteral("expected an error with '%1', got '%2'").arg(expected, error)));
}

QString formula(const QString& text)
{
    const FormulaResult r = readFormula(text);
    return r.ok() ? QString() : r.error->message;
}

QString readPythonCode(const QString& text)
{
    const PythonReadResult r = readPython(text);
    return r.ok() ? QString() : r.error->message;
}

QString document(const QByteArray& json)
{
    const DocumentReadResult r = documentFromJson(json);
    return r.ok() ? QString() : r.error->text();
}

QString runFile(const QByteArray& json)
{
    try {
        runSpecFromJson(json, QStringLiteral("run.json"), QStringLiteral("."));
        return {};
    } catch (const RunFileError& e) {
        return e.message;
    }
}

QString csv(const QByteArray& text)
{
    try {
        nn::parseCsv(std::string_view(text.constData(), static_cast<std::size_t>(text.size())));
        return {};
    } catch (const nn::DatasetError& e) {
        return QString::fromStdString(e.what());
    }
}

QString inputs(const QByteArray& json) { return inputsFromJson(json, QStringLiteral("in.json")).error; }

QString traceCall(const QString& text) { return parseTraceArguments(text).error; }

QByteArray repeated(const char* piece, int times) { return QByteArray(piece).repeated(times); }

/// `count` lines `name_i = ...` joined: 100,000 of them are well over a megabyte.
QString numbered(const char* pattern, int count)
{
    QString out;
    for (int i = 0; i < count; ++i)
        out += QString::fromLatin1(pattern).arg(i);
    return out;
}

/// A .gscope document whose graph is a chain of `count` exp nodes from one variable.
QByteArray chainDocument(int count)
{
    QByteArray nodes = R"({"id": 1, "kind": "variable", "label": "x", "value": 1})";
    QByteArray connections;
    for (int i = 2; i <= count; ++i) {
        nodes += QByteArray(R"(, {"id": )") + QByteArray::number(i) + R"(, "kind": "op", "op": "exp"})";
        connections += QByteArray(i > 2 ? ", " : "") + R"({"id": )" + QByteArray::number(i) + R"(, "from": )"
                       + QByteArray::number(i - 1) + R"(, "to": )" + QByteArray::number(i) + R"(, "port": 0})";
    }
    return R"({"format": "gradscope", "version": 1, "graph": {"nodes": [)" + nodes + R"(], "connections": [)"
           + connections + R"(], "target": )" + QByteArray::number(count) + "}}";
}

// The cases, outside the class: moc cannot read some of their raw strings.
void formulasBounds()
{
    within([] { return formula(QString(1 << 20, u'x')); }, "too long");
    within([] { return formula(QString::fromLatin1(repeated("x + 1\n", 180'000))); }, "too long");
    within([] { return formula(QString(10'000, u'(') + u'x' + QString(10'000, u')')); }, "nested too deeply");
    within([] { return formula(QString::fromLatin1(repeated("exp(", 10'000)) + u'x' + QString(10'000, u')')); }, "nested too deeply");
    within([] { return formula(QString(10'000, u'[') + u'1' + QString(10'000, u']')); }, "nested too deeply");
    within([] { return formula(QString::fromLatin1(repeated("x**", 10'000)) + u'x'); }, "nested too deeply");
    within([] { return formula(QString(10'000, u'-') + u'x'); }, "nested too deeply");
    within([] { return formula(QString::fromLatin1(repeated("x+", 100'000)) + u'x'); }, "too long to follow");
    within([] { return formula(numbered("a%1 + 1\n", 100'000)); }, "too long");
    within([] { return formula(QString::fromLatin1(repeated("a+1;", 60'000))); }, "too many nodes");
    within([] { return formula(u'[' + QString::fromLatin1(repeated("1,", 100'000)) + QStringLiteral("1]")); }, "");
}

void pythonCodeBounds()
{
    within([] { return readPythonCode(QString(1 << 20, u'x')); }, "too long");
    within([] { return readPythonCode(QStringLiteral("y = ") + QString(10'000, u'(') + u'1' + QString(10'000, u')')); }, "nested too deeply");
    within([] { return readPythonCode(QStringLiteral("y = ") + QString(10'000, u'-') + u'1'); }, "nested too deeply");
    within([] { return readPythonCode(QStringLiteral("y = ") + QString::fromLatin1(repeated("not ", 10'000)) + u'1'); }, "nested too deeply");
    within([] { return readPythonCode(QStringLiteral("y = ") + QString::fromLatin1(repeated("2**", 10'000)) + u'1'); }, "nested too deeply");
    within([] { return readPythonCode(QStringLiteral("y = ") + QString::fromLatin1(repeated("tf.", 10'000)) + u'x'); }, "nested too deeply");
within([] { return readPythonCode(QStringLiteral("y = f") + QString::fromLatin1(repeated("()", 10'000))); }, "nested too deeply");
within([] { return readPythonCode(QStringLiteral("y = x") + QString::fromLatin1(repeated("[0]", 10'000))); }, "nested too deeply");
    within([] {
        QString code;
        for (int i = 0; i < 150; ++i)
            code += QString(i, u' ') + QStringLiteral("if True:\n");
        return readPythonCode(code + QString(150, u' ') + QStringLiteral("y = 1\n"));
    }, "nested too deeply");
    within([] {
        return readPythonCode(QStringLiteral("import tensorflow as tf\nx = tf.Variable(1.0)\ny = x\n"
                                     "for i in range(100000):\n    y = y + x\n"));
    }, "too many nodes");
    within([] { return readPythonCode(QStringLiteral("n = 0\nfor i in range(100000):\n    for j in range(100000):\n        n = n + 1\n")); },
           "too long");
    within([] { return readPythonCode(QStringLiteral("def f(x):\n    return f(x)\ny = f(1)\n")); }, "nested too deeply");
    within([] { return readPythonCode(QStringLiteral("import tensorflow as tf\ny = tf.constant([") + QString::fromLatin1(repeated("1,", 100'000)) + QStringLiteral("1])\n")); }, "");
}

void documentsBounds()
{
    within([] { return document(QByteArray(10'000, '[') + QByteArray(10'000, ']')); }, "not valid JSON");
    within([] { return document(QByteArray(1 << 20, ' ') + "{}"); }, "not a GradScope document");
    within([] { return document(chainDocument(100'000)); }, "at most 10000 are allowed");
    within([] { return document(chainDocument(10'000)); }, "");
    within([] {
        QByteArray value = QByteArray("[") + repeated("1,", 999'999) + "1]";
        return document(R"({"format": "gradscope", "version": 1, "graph": {"nodes": [{"id": 1, "kind": "constant", "value": )"
                        + value + "}]}}");
    }, "");
    within([] {
        QByteArray groups;
        for (int i = 1; i <= 1'000; ++i)
            groups += QByteArray(i > 1 ? ", " : "") + R"({"id": )" + QByteArray::number(i) + R"(, "parent": )" + QByteArray::number(i - 1) + "}";
        return document(R"({"format": "gradscope", "version": 1, "graph": {"groups": [)" + groups + R"(], "nodes": []}})");
    }, "");
}

void lessonsBounds()
{
    // 1,000 steps (the most a lesson has), each replacing the graph with a formula.
    QByteArray steps;
    for (int i = 0; i < 1'000; ++i)
        steps += QByteArray(i ? ", " : "") + R"({"text": "step", "formula": "x = Variable(1.0)\ny = exp(x) * )"
                 + QByteArray::number(i) + R"(", "target": "y", "values": {"x": 2}})";
    const QByteArray lesson = R"({"format": "gradscope", "version": 2, "lesson": {"title": "long", "steps": [)" + steps
                              + R"(]}, "graph": {"nodes": [{"id": 1, "kind": "variable", "label": "x", "value": 1}], "target": 1}})";
    DocumentReadResult read;
    within([&] {
        read = documentFromJson(lesson);
        return read.ok() ? QString() : read.error->text();
    }, "");
    QCOMPARE(read.data.lesson.steps.size(), std::size_t(1'000));
    within([&] { return lessonFrame(read.data, 999).problems.join(u'\n'); }, "");

    within([] {
        return document(R"({"format": "gradscope", "version": 2, "lesson": {"steps": [{"formula": ")"
                        + QByteArray(10'000, '(') + "x" + QByteArray(10'000, ')') + R"("}]}, "graph": {"nodes": []}})");
    }, "nested too deeply");
}

void runFilesBounds()
{
    within([] { return runFile(QByteArray(10'000, '[') + QByteArray(10'000, ']')); }, "run.json:");
    within([] { return runFile(R"({"model": [)" + repeated(R"({"type": "dense", "units": 1}, )", 100'000) + R"({"type": "dense", "units": 1}]})"); }, "");
    within([] {
        return runFile(R"({"data": {"columns": ["x", "y"], "target": "y", "rows": [)" + repeated("[1, 2], ", 100'000) + "[1, 2]]}}");
    }, "");
    within([] { return runFile(R"({"model": [{"type": "dense", "units": 1, "weights": {"kernel": )" + repeated("[", 10'000) + "]}}]}"); },
           "run.json:");
}

void csvTablesBounds()
{
    within([] { return csv("x,y\n" + repeated("1.5,2.5\n", 130'000)); }, "");
    within([] { return csv(repeated("c,", 100'000) + "y\n" + repeated("1,", 100'000) + "1\n"); }, "two columns are named 'c'");
    within([] {
        QByteArray header, row;
        for (int i = 0; i < 100'000; ++i) {
            header += "c" + QByteArray::number(i) + ",";
            row += "1,";
        }
        return csv(header + "y\n" + row + "1\n");
    }, "");
    within([] { return csv("x\n" + QByteArray(1 << 20, '1') + "\n"); }, "is not a number");
}

void inputsFilesBounds()
{
    within([] { return inputs(QByteArray(10'000, '[') + QByteArray(10'000, ']')); }, "is not valid JSON");
    within([] { return inputs(R"({"x": )" + QByteArray(10'000, '[') + "1" + QByteArray(10'000, ']') + "}"); }, "is not valid JSON");
    within([] {
        QByteArray object = "{";
        for (int i = 0; i < 100'000; ++i)
            object += "\"x" + QByteArray::number(i) + "\": 1, ";
        return inputs(object + R"("y": 2})");
    }, "");
    within([] { return inputs(R"({"x": [)" + repeated("1,", 999'999) + "1]}"); }, "");
}

void traceCallsBounds()
{
    within([] { return traceCall(QStringLiteral("x=") + QString(1 << 20, u'1')); }, "too long");
    within([] { return traceCall(QStringLiteral("x=") + QString(10'000, u'[') + u'1' + QString(10'000, u']')); }, "nested too deeply");
    within([] { return traceCall(QStringLiteral("x=") + QString(10'000, u'(') + u'1' + QString(10'000, u')')); }, "nested too deeply");
    within([] { return traceCall(numbered("a%1=1, ", 100'000) + QStringLiteral("b=2")); }, "");
    within([] { return traceCall(QStringLiteral("x=[") + QString::fromLatin1(repeated("1,", 100'000)) + QStringLiteral("1]")); }, "");
    within([] { return traceCall(QStringLiteral("x=TensorSpec(shape=[100000000, 100000000])")); }, "TensorSpec");
}

} // namespace

class ReaderBounds : public QObject {
    Q_OBJECT
private slots:
    void formulas() { formulasBounds(); }
    void pythonCode() { pythonCodeBounds(); }
    void documents() { documentsBounds(); }
    void lessons() { lessonsBounds(); }
    void runFiles() { runFilesBounds(); }
    void csvTables() { csvTablesBounds(); }
    void inputsFiles() { inputsFilesBounds(); }
    void traceCalls() { traceCallsBounds(); }
};

QTEST_GUILESS_MAIN(ReaderBounds)
#include "tst_reader_bounds.moc"
