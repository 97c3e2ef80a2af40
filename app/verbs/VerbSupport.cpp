#include "app/verbs/VerbSupport.h"

#include "app/Console.h"
#include "document/DocumentFile.h"
#include "document/Evaluation.h"
#include "document/FormulaReader.h"
#include "document/TensorJson.h"
#include "document/python/PythonReader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cmath>

namespace gs {

int reportUsageError(const UsageError& error)
{
    printError(error.message);
    return 2;
}

void parseVerbArguments(QCommandLineParser& parser, const char* verb, const QStringList& arguments)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    if (!parser.parse(QStringList{QStringLiteral("gradscope")} + arguments))
        throw UsageError{QStringLiteral("%1: %2 (try 'gradscope %1 --help')").arg(QLatin1StringView(verb), parser.errorText())};
}

QString builtinLessonResource(const QString& name)
{
    const QStringList files = QDir(QStringLiteral(":/lessons")).entryList({QStringLiteral("*.gscope")}, QDir::Files, QDir::Name);
    bool numbered = false;
    const int number = name.toInt(&numbered);
    if (numbered && number >= 1 && number <= files.size())
        return QStringLiteral(":/lessons/") + files[number - 1];
    for (const QString& file : files)
        if (!numbered && !name.isEmpty() && file.contains(name, Qt::CaseInsensitive))
            return QStringLiteral(":/lessons/") + file;
    QStringList known;
    for (qsizetype i = 0; i < files.size(); ++i)
        known << QStringLiteral("lesson:%1 (%2)").arg(i + 1).arg(QFileInfo(files[i]).completeBaseName());
    throw UsageError{QStringLiteral("there is no built-in lesson '%1'; there are %2").arg(name, known.join(QStringLiteral(", ")))};
}

GraphData loadFormulaOrFile(const QString& argument)
{
    if (argument.startsWith(QStringLiteral("lesson:"))) {
        const QString resource = builtinLessonResource(argument.sliced(7));
        QFile file(resource);
        if (!file.open(QIODevice::ReadOnly))
            throw UsageError{QStringLiteral("cannot read the built-in lesson '%1'").arg(argument)};
        const DocumentReadResult read = documentFromJson(file.readAll());
        if (!read.ok())
            throw UsageError{QStringLiteral("%1: %2").arg(argument, read.error->text())};
        return read.data;
    }
    if (auto python = loadPythonProgram(argument))
        return std::move(python->data);
    const QFileInfo info(argument);
    if (!argument.contains(u'\n') && argument.size() < 4096 && info.isFile()) {
        QFile file(argument);
        if (!file.open(QIODevice::ReadOnly))
            throw UsageError{QStringLiteral("cannot open '%1': %2").arg(argument, file.errorString())};
        if (file.size() > documentlimits::fileBytes)
            throw UsageError{QStringLiteral("%1: the file is larger than %2 MB").arg(argument).arg(documentlimits::fileBytes >> 20)};
        const QByteArray bytes = file.readAll();
        if (bytes.trimmed().startsWith('{')) {
            const DocumentReadResult read = documentFromJson(bytes);
            if (!read.ok())
                throw UsageError{QStringLiteral("%1: %2").arg(argument, read.error->text())};
            return read.data;
        }
        const FormulaResult formula = readFormula(QString::fromUtf8(bytes));
        if (!formula.ok())
            throw UsageError{QStringLiteral("%1: %2").arg(argument, formula.error->formatted())};
        return formula.data;
    }
    if (argument.endsWith(QStringLiteral(".gscope")) && !argument.contains(u'\n'))
        throw UsageError{QStringLiteral("cannot open '%1': no such file").arg(argument)};
    const FormulaResult formula = readFormula(argument);
    if (!formula.ok())
        throw UsageError{QStringLiteral("formula: %1").arg(formula.error->formatted())};
    return formula.data;
}

std::optional<PythonProgram> loadPythonProgram(const QString& argument)
{
    QString text = argument;
    QString where = QStringLiteral("python");
    if (!argument.contains(u'\n') && argument.size() < 4096 && QFileInfo(argument).isFile()) {
        QFile file(argument);
        if (!file.open(QIODevice::ReadOnly))
            throw UsageError{QStringLiteral("cannot open '%1': %2").arg(argument, file.errorString())};
        if (file.size() > documentlimits::fileBytes)
            throw UsageError{QStringLiteral("%1: the file is larger than %2 MB").arg(argument).arg(documentlimits::fileBytes >> 20)};
        text = QString::fromUtf8(file.readAll());
        where = argument;
        if (!isPythonFileName(argument) && (text.trimmed().startsWith(u'{') || !looksLikePython(text)))
            return std::nullopt;
    } else if (argument.startsWith(QStringLiteral("lesson:")) || !looksLikePython(argument)) {
        return std::nullopt;
    }
    PythonReadResult read = readPython(text);
    if (!read.ok())
        throw UsageError{QStringLiteral("%1: %2").arg(where, read.error->formatted())};
    return std::move(read.program);
}

NodeId nodeNamed(const GraphData& data, const QString& name, const char* option)
{
    const NodeId id = data.findLabel(name);
    if (id.valid())
        return id;
    QStringList names;
    for (const auto& [nid, n] : data.nodes)
        if (!n.scope.valid() && !n.label.isEmpty())
            names << n.label;
    throw UsageError{QStringLiteral("%1: no value named '%2' (the graph has %3)")
                         .arg(QLatin1StringView(option), name,
                              names.isEmpty() ? QStringLiteral("no named values") : names.join(QStringLiteral(", ")))};
}

QStringList splitOutsideBrackets(const QString& text)
{
    QStringList parts;
    QString current;
    int depth = 0;
    for (QChar c : text) {
        if (c == u'[')
            ++depth;
        else if (c == u']')
            --depth;
        if (c == u',' && depth == 0) {
            parts << current;
            current.clear();
        } else {
            current += c;
        }
    }
    parts << current;
    return parts;
}

std::optional<TensorValue> parseValue(const QString& text)
{
    const QString t = text.trimmed();
    if (t == u"nan" || t == u"NaN")
        return TensorValue::scalar(NAN);
    if (t == u"inf" || t == u"+inf" || t == u"Infinity")
        return TensorValue::scalar(INFINITY);
    if (t == u"-inf" || t == u"-Infinity")
        return TensorValue::scalar(-INFINITY);
    QString json = t;
    static const QRegularExpression infinity(QStringLiteral("(?<![A-Za-z])(-?)inf(?![A-Za-z])"));
    static const QRegularExpression notANumber(QStringLiteral("(?<![A-Za-z])nan(?![A-Za-z])"));
    json.replace(infinity, QStringLiteral("\"\\1Infinity\"")).replace(notANumber, QStringLiteral("\"NaN\""));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(("[" + json + "]").toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || doc.array().size() != 1)
        return std::nullopt;
    return tensorFromJson(doc.array().first(), nullptr);
}

NodeId valueNode(const GraphData& data, const QString& name, const char* option)
{
    const NodeId id = nodeNamed(data, name, option);
    const NodeKind kind = data.node(id)->kind;
    if (kind != NodeKind::Variable && kind != NodeKind::Constant && kind != NodeKind::Input)
        throw UsageError{QStringLiteral("%1: %2 is computed by the graph; only variables, constants and inputs take values")
                             .arg(QLatin1StringView(option), name)};
    return id;
}

void readAt(const GraphData& data, const QString& list, EvaluationOptions& options)
{
    for (const QString& item : splitOutsideBrackets(list)) {
        const qsizetype equals = item.indexOf(u'=');
        if (equals <= 0)
            throw UsageError{QStringLiteral("--at: expected NAME=VALUE, got '%1'").arg(item)};
        const QString name = item.left(equals).trimmed();
        auto value = parseValue(item.mid(equals + 1));
        if (!value)
            throw UsageError{QStringLiteral("--at: '%1' is not a number or a (nested) list of numbers").arg(item.mid(equals + 1))};
        options.values[valueNode(data, name, "--at")] = *value;
    }
}

} // namespace gs
