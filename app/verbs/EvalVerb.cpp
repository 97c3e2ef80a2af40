// gradscope eval FORMULA_OR_FILE [--at name=value,...] [--inputs values.json] [--wrt a,b]
//                [--target NAME] [--dtype float32|float64] [--jacobian] [--hessian] [--events] [--json]
#include "app/Console.h"
#include "app/verbs/DocumentVerbs.h"
#include "app/verbs/VerbSupport.h"
#include "document/Evaluation.h"
#include "document/EvaluationReport.h"
#include "document/TensorJson.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace gs {

namespace {

const char* const usage =
    "Usage: gradscope eval FORMULA_OR_FILE [OPTIONS]\n"
    "\n"
    "Evaluates a formula or a .gscope document and prints the target's value and its gradients.\n"
    "\n"
    "Options:\n"
    "  --at NAME=VALUE,...    values for variables, constants and inputs (5, -1.5e3, nan, [1,2],\n"
    "                         [[1,2],[3,4]])\n"
    "  --inputs FILE.json     the same as a JSON object: {\"w1\": 5.0, \"x\": [[1, 2], [3, 4]]}\n"
    "  --wrt NAME,...         the sources of the gradients (default: every trainable variable)\n"
    "  --target NAME          the value to differentiate (default: the last statement)\n"
    "  --dtype float32|float64  run everything in this dtype\n"
    "  --jacobian             also print d target[i] / d source[j]\n"
    "  --hessian              also print the second derivatives between the sources\n"
    "  --events               also print the ordered forward and backward steps\n"
    "  --json                 print one JSON object instead of a table\n"
    "\n"
    "See docs/command-line.md.\n";

void readInputsFile(const GraphData& data, const QString& fileName, EvaluationOptions& options)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        throw UsageError{QStringLiteral("--inputs: cannot open '%1': %2").arg(fileName, file.errorString())};
    if (file.size() > 64 * 1024 * 1024)
        throw UsageError{QStringLiteral("--inputs: '%1' is larger than 64 MB").arg(fileName)};
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError)
        throw UsageError{QStringLiteral("--inputs: '%1' is not valid JSON: %2 (at byte %3)")
                             .arg(fileName, error.errorString())
                             .arg(error.offset)};
    if (!doc.isObject())
        throw UsageError{QStringLiteral("--inputs: '%1' must hold a JSON object of names to values").arg(fileName)};
    const QJsonObject object = doc.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        TensorJsonError why;
        auto value = tensorFromJson(it.value(), &why);
        if (!value)
            throw UsageError{QStringLiteral("--inputs: $.%1%2: %3").arg(it.key(), why.where, why.message)};
        options.values[valueNode(data, it.key(), "--inputs")] = *value;
    }
}

int run(const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption help(QStringList{"h", "help"});
    const QCommandLineOption at("at", {}, "values");
    const QCommandLineOption inputs("inputs", {}, "file");
    const QCommandLineOption wrt("wrt", {}, "names");
    const QCommandLineOption target("target", {}, "name");
    const QCommandLineOption dtype("dtype", {}, "dtype");
    const QCommandLineOption jacobian("jacobian");
    const QCommandLineOption hessian("hessian");
    const QCommandLineOption events("events");
    const QCommandLineOption json("json");
    parser.addOptions({help, at, inputs, wrt, target, dtype, jacobian, hessian, events, json});
    parseVerbArguments(parser, "eval", arguments);
    if (parser.isSet(help)) {
        printOut(QString::fromLatin1(usage));
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        throw UsageError{QStringLiteral("eval: expected one formula or file, got %1 (try 'gradscope eval --help')")
                             .arg(positional.size())};
    const GraphData data = loadFormulaOrFile(positional.front());

    EvaluationOptions options;
    if (parser.isSet(dtype)) {
        auto t = floatDTypeNamed(parser.value(dtype));
        if (!t)
            throw UsageError{QStringLiteral("--dtype: expected float32 or float64, got '%1'").arg(parser.value(dtype))};
        options.dtype = t;
    }
    if (parser.isSet(target))
        options.target = nodeNamed(data, parser.value(target), "--target");
    if (parser.isSet(inputs))
        readInputsFile(data, parser.value(inputs), options);
    for (const QString& list : parser.values(at))
        readAt(data, list, options);
    if (parser.isSet(wrt)) {
        std::vector<NodeId> sources;
        for (const QString& name : parser.value(wrt).split(u',', Qt::SkipEmptyParts))
            sources.push_back(nodeNamed(data, name.trimmed(), "--wrt"));
        options.wrt = sources;
    }
    options.jacobian = parser.isSet(jacobian);
    options.hessian = parser.isSet(hessian);

    const Evaluation result = evaluate(data, options);
    if (!result.ok())
        throw UsageError{result.error};
    if (!result.gradientError.isEmpty())
        throw UsageError{QStringLiteral("the backward pass failed: %1").arg(result.gradientError)};
    ReportOptions report;
    report.events = parser.isSet(events);
    printOut(parser.isSet(json) ? evaluationJson(data, result, report) : evaluationTable(data, result, report));
    return 0;
}

} // namespace

int runEvalVerb(const QStringList& arguments)
{
    return runReportingUsageErrors([&] { return run(arguments); });
}

} // namespace gs
