#include "fuzz/ReaderChecks.h"

#include "document/DocumentFile.h"
#include "document/FormulaReader.h"
#include "document/FormulaWriter.h"
#include "document/InputsJson.h"
#include "document/LessonFrame.h"
#include "document/TraceArguments.h"
#include "document/TrainingRunFile.h"
#include "document/python/PythonReader.h"
#include "engine/nn/Csv.h"

#include <QStringList>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

namespace gs::fuzz {

namespace {

struct Broken {
    QString message;
};

void check(bool kept, const char* promise, const QString& detail = {})
{
    if (!kept)
        throw Broken{QString::fromUtf8(promise) + (detail.isEmpty() ? QString() : QStringLiteral("\n") + detail)};
}

QString text(const QByteArray& input) { return QString::fromUtf8(input); }

// --- documents -------------------------------------------------------------------------------------

/// Where two documents differ first, for the report of a broken round trip.
QString difference(const GraphData& a, const GraphData& b)
{
    for (const auto& [id, n] : a.nodes) {
        const Node* m = b.node(id);
        if (!m)
            return QStringLiteral("node %1 is lost").arg(id.value);
        if (!(n == *m))
            return QStringLiteral("node %1 changes: kind %2/%3, op %4/%5, label '%6'/'%7', ports %8/%9, value %10/%11, "
                                  "trainable %12/%13, attrs equal %14, position equal %15, group %16/%17, scope %18/%19, index %20/%21")
                .arg(id.value).arg(int(n.kind)).arg(int(m->kind)).arg(n.op, m->op, n.label, m->label)
                .arg(n.ports).arg(m->ports)
                .arg(n.value ? n.value->text() : QStringLiteral("-"), m->value ? m->value->text() : QStringLiteral("-"))
                .arg(n.trainable).arg(m->trainable).arg(n.attrs == m->attrs).arg(n.position == m->position)
                .arg(n.group.value).arg(m->group.value).arg(n.scope.value).arg(m->scope.value).arg(n.index).arg(m->index);
    }
    if (a.nodes.size() != b.nodes.size())
        return QStringLiteral("%1 nodes become %2").arg(a.nodes.size()).arg(b.nodes.size());
    if (a.connections != b.connections)
        return QStringLiteral("the connections change");
    if (a.groups != b.groups || a.comments != b.comments)
        return QStringLiteral("the groups or comments change");
    if (a.target != b.target)
        return QStringLiteral("the target changes from %1 to %2").arg(a.target.value).arg(b.target.value);
    if (!(a.lesson == b.lesson))
        return QStringLiteral("the lesson changes");
    if (a.savedValues != b.savedValues)
        return QStringLiteral("the saved values change");
    return QStringLiteral("?");
}

/// A document saved as .gscope reads back as the same document, view and bytes.
void checkSaves(const GraphData& data, const std::optional<SavedView>& view, const char* promise)
{
    const QByteArray written = documentToJson(data, view);
    const DocumentReadResult again = documentFromJson(written);
    check(again.ok(), promise, again.error ? again.error->text() : QString());
    check(again.data == data, "writing then reading gives the same document",
          difference(data, again.data) + QStringLiteral("\n") + text(written));
    check(again.view == view, "writing then reading gives the same view");
    check(documentToJson(again.data, again.view) == written, "writing it again gives the same bytes");
}

DocumentReadResult checkDocument(const QByteArray& input)
{
    const DocumentReadResult read = documentFromJson(input);
    if (!read.ok()) {
        check(!read.error->message.trimmed().isEmpty(), "a document error has a message");
        check(read.data == GraphData{} && !read.view, "an error comes without a document", read.error->text());
        return read;
    }
    checkSaves(read.data, read.view, "a document read from a file writes and reads back");
    return read;
}

void checkLesson(const QByteArray& input)
{
    const DocumentReadResult read = checkDocument(input);
    if (!read.ok())
        return;
    // Each frame replays the steps before it: the first 32 and the last keep this linear.
    const int steps = static_cast<int>(read.data.lesson.steps.size());
    for (int i = 0; i < steps; i = (i < 31 || i == steps - 1) ? i + 1 : steps - 1) {
        const LessonFrame frame = lessonFrame(read.data, i);
        check(frame.index == i, "lessonFrame() shows the step asked for");
        const LessonStep& step = read.data.lesson.steps[static_cast<std::size_t>(i)];
        if (step.formula)
            check(frame.formula == *step.formula, "a step's formula is the one in effect");
        check(frame.data.lesson == read.data.lesson, "a frame keeps the whole lesson");
    }
    if (steps > 0)
        check(lessonFrame(read.data, steps + 5).index == steps - 1, "a step past the end shows the last");
}

// --- formulas and Python ---------------------------------------------------------------------------

void checkFormula(const QByteArray& input)
{
    const FormulaResult read = readFormula(text(input));
    if (!read.ok()) {
        check(!read.error->message.trimmed().isEmpty(), "a formula error has a message");
        check(read.data == GraphData{}, "an error comes without a document", read.error->headline());
        return;
    }
    check(!read.data.nodes.empty(), "a formula read without an error gives nodes");
    checkSaves(read.data, std::nullopt, "a document read from a formula saves and reads back");

    const FormulaText written = writeFormula(read.data);
    if (!written.ok()) {
        check(!written.error.isEmpty(), "writeFormula's failure has a reason");
        return;
    }
    const FormulaResult reread = readFormula(written.text);
    check(reread.ok(), "what writeFormula writes reads back",
          written.text + QStringLiteral("\n---\n") + (reread.error ? reread.error->formatted() : QString()));
    check(reread.data.nodes.size() == read.data.nodes.size()
              && reread.data.connections.size() == read.data.connections.size(),
          "written formula text reads back into a graph of the same size", written.text);
    const FormulaText rewritten = writeFormula(reread.data);
    check(rewritten.ok() && rewritten.text == written.text, "writing the text read back gives the same text",
          written.text + QStringLiteral("\n---\n") + rewritten.text + rewritten.error);
}

void checkPython(const QByteArray& input)
{
    const QString code = text(input);
    (void)looksLikePython(code);
    const PythonReadResult read = readPython(code);
    if (!read.ok()) {
        check(!read.error->message.trimmed().isEmpty(), "a Python error has a message");
        check(read.program.data == GraphData{} && read.program.results.empty(), "an error comes without a program",
              read.error->headline());
        return;
    }
    if (!read.program.data.nodes.empty())
        checkSaves(read.program.data, std::nullopt, "the document of Python code saves and reads back");
    for (const PythonFunction& f : read.program.functions) {
        if (f.error.isEmpty() && !f.data.nodes.empty())
            checkSaves(f.data, std::nullopt, "a tf.function's body saves and reads back");
    }
}

// --- training run files and CSV --------------------------------------------------------------------

void checkRunFile(const QByteArray& input)
{
    const QString fileName = QStringLiteral("run.json");
    nn::RunSpec spec;
    try {
        spec = runSpecFromJson(input, fileName, QStringLiteral("/nonexistent"));
    } catch (const RunFileError& e) {
        check(e.message.startsWith(fileName + QStringLiteral(": ")) && e.message.size() > fileName.size() + 2,
              "a run file error names the file and says what is wrong", e.message);
        check(!e.message.contains(u'\n'), "a run file error is one line", e.message);
        return;
    }
    check(!spec.layers.empty(), "a run has layers");
    check(spec.training.epochs >= 1 && spec.training.batchSize >= 1, "a run has epochs and batches");
    if (spec.data.source == nn::DataSpec::Source::Inline) {
        check(!spec.data.columns.empty() && !spec.data.rows.empty(), "inline data has columns and rows");
        for (const auto& row : spec.data.rows)
            check(row.size() == spec.data.columns.size(), "every inline row has one number per column");
    }
}

std::string toCsv(const nn::CsvTable& table)
{
    std::string out;
    for (std::size_t c = 0; c < table.columns.size(); ++c)
        out += (c ? ",\"" : "\"") + table.columns[c] + '"';
    out += '\n';
    char number[64];
    for (const auto& row : table.rows) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            std::snprintf(number, sizeof number, "%.17g", row[c]);
            out += (c ? "," : "") + std::string(number);
        }
        out += '\n';
    }
    return out;
}

void checkCsv(const QByteArray& input)
{
    nn::CsvTable table;
    try {
        table = nn::parseCsv(std::string_view(input.constData(), static_cast<std::size_t>(input.size())));
    } catch (const nn::DatasetError& e) {
        check(std::strlen(e.what()) > 0, "a CSV error has a message");
        return;
    }
    check(!table.columns.empty() && !table.rows.empty(), "a table has columns and rows");
    for (const auto& row : table.rows)
        check(row.size() == table.columns.size(), "every row has one number per column");

    const std::string written = toCsv(table);
    try {
        const nn::CsvTable again = nn::parseCsv(written);
        check(again.columns == table.columns && again.rows == table.rows, "writing then reading gives the same table",
              QString::fromStdString(written));
    } catch (const nn::DatasetError& e) {
        check(false, "a table written as CSV reads back", QString::fromStdString(e.what() + ("\n" + written)));
    }
    try {
        (void)nn::splitTable(table.columns, table.rows, table.columns.back(), {});
    } catch (const nn::DatasetError& e) {
        check(std::strlen(e.what()) > 0, "a split error has a message");
    }
}

// --- eval --inputs and trace --call -----------------------------------------------------------------

void checkInputs(const QByteArray& input)
{
    const InputsReadResult read = inputsFromJson(input, QStringLiteral("in.json"));
    if (!read.ok()) {
        check(read.values.empty(), "an error comes without values", read.error);
        return;
    }
    for (const auto& [name, value] : read.values)
        check(value.values.size() == static_cast<std::size_t>(value.shape.size()),
              "a value has as many elements as its shape says", name);
    const QByteArray written = inputsToJson(read.values);
    const InputsReadResult again = inputsFromJson(written, QStringLiteral("again.json"));
    check(again.ok(), "values written as an inputs file read back", again.error);
    check(again.values == read.values, "writing then reading gives the same values", text(written));
}

QString numberText(double v)
{
    if (std::isnan(v))
        return QStringLiteral("nan");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return QString::number(v, 'g', 17);
}

/// A float as the readers read a float back: with a '.' or an exponent, since `2` is an int.
QString floatText(double v)
{
    QString t = numberText(v);
    if (std::isfinite(v) && !t.contains(u'.') && !t.contains(u'e'))
        t += QStringLiteral(".0");
    return t;
}

/// An integer as digits, never in exponent form (which would read back as a float).
QString integerText(double v)
{
    if (std::abs(v) < 9223372036854775808.0)
        return QString::number(static_cast<qint64>(v));
    return numberText(v);
}

/// An argument as `--call` text: name=3, name=constant([...], dtype=...), name=TensorSpec(...).
QString argumentText(const TraceArgument& a)
{
    if (!a.tensor)
        return a.name + u'=' + (a.integer ? integerText(a.number) : floatText(a.number));
    const TensorValue& t = *a.tensor;
    const bool integral = t.dtype && !isFloating(*t.dtype);
    const QString dtype = t.dtype ? QStringLiteral(", dtype=") + QLatin1StringView(dtypeName(*t.dtype)) : QString();
    if (a.spec) {
        QStringList dims;
        for (std::int64_t d : t.shape.dims())
            dims << QString::number(d);
        return QStringLiteral("%1=TensorSpec(shape=[%2]%3)").arg(a.name, dims.join(u','), dtype);
    }
    const auto item = [integral](double v) { return integral ? integerText(v) : floatText(v); };
    QString value;
    if (t.shape.rank == 0) {
        value = item(t.values.front());
    } else if (t.shape.rank == 1) {
        QStringList items;
        for (double v : t.values)
            items << item(v);
        value = u'[' + items.join(u',') + u']';
    } else {
        QStringList rows;
        for (std::int64_t r = 0; r < t.shape.rows; ++r) {
            QStringList items;
            for (std::int64_t c = 0; c < t.shape.cols; ++c)
                items << item(t.values[static_cast<std::size_t>(r * t.shape.cols + c)]);
            rows << u'[' + items.join(u',') + u']';
        }
        value = u'[' + rows.join(u',') + u']';
    }
    return QStringLiteral("%1=constant(%2%3)").arg(a.name, value, dtype);
}

bool sameArgument(const TraceArgument& a, const TraceArgument& b)
{
    const bool numbers = a.tensor || a.number == b.number || (std::isnan(a.number) && std::isnan(b.number));
    return a.name == b.name && a.spec == b.spec && a.integer == b.integer && a.tensor == b.tensor && numbers;
}

void checkTraceCall(const QByteArray& input)
{
    const TraceArgumentsResult read = parseTraceArguments(text(input));
    if (!read.ok()) {
        check(read.arguments.empty(), "an error comes without arguments", read.error);
        return;
    }
    QStringList parts;
    for (const TraceArgument& a : read.arguments) {
        check(!a.name.isEmpty(), "an argument has a name");
        if (a.tensor)
            check(a.tensor->values.size() == static_cast<std::size_t>(a.tensor->shape.size()),
                  "a tensor argument has as many elements as its shape says", a.name);
        parts << argumentText(a);
    }
    const QString written = parts.join(QStringLiteral(", "));
    const TraceArgumentsResult again = parseTraceArguments(written);
    check(again.ok(), "arguments written as call text read back", written + QStringLiteral("\n") + again.error);
    bool equal = again.arguments.size() == read.arguments.size();
    for (std::size_t i = 0; equal && i < read.arguments.size(); ++i)
        equal = sameArgument(again.arguments[i], read.arguments[i]);
    check(equal, "writing then reading gives the same arguments", written);
}

} // namespace

std::optional<Reader> readerNamed(const QString& name)
{
    static const std::pair<const char*, Reader> names[] = {
        {"formula", Reader::Formula}, {"python", Reader::Python},   {"gscope", Reader::Gscope},
        {"lesson", Reader::Lesson},   {"runfile", Reader::RunFile}, {"csv", Reader::Csv},
        {"inputs", Reader::Inputs},   {"trace_call", Reader::TraceCall},
    };
    for (const auto& [n, reader] : names)
        if (name == QLatin1StringView(n))
            return reader;
    return std::nullopt;
}

QString brokenPromise(Reader reader, const QByteArray& input)
{
    try {
        switch (reader) {
        case Reader::Formula: checkFormula(input); break;
        case Reader::Python: checkPython(input); break;
        case Reader::Gscope: checkDocument(input); break;
        case Reader::Lesson: checkLesson(input); break;
        case Reader::RunFile: checkRunFile(input); break;
        case Reader::Csv: checkCsv(input); break;
        case Reader::Inputs: checkInputs(input); break;
        case Reader::TraceCall: checkTraceCall(input); break;
        }
    } catch (const Broken& b) {
        return b.message;
    }
    return {};
}

} // namespace gs::fuzz
