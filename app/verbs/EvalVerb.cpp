// gradscope eval FORMULA_OR_FILE [--at name=value,...] [--inputs values.json] [--wrt a,b]
//                [--target NAME] [--dtype float32|float64] [--jacobian] [--hessian] [--events] [--json]
//                [--check-gradients [--eps E] [--difference forward|central]] [--jvp name=tangent,...]
#include "app/Console.h"
#include "app/verbs/DocumentVerbs.h"
#include "app/verbs/VerbSupport.h"
#include "document/Evaluation.h"
#include "document/EvaluationReport.h"
#include "document/GradientCheck.h"
#include "document/InputsJson.h"
#include "document/python/PythonReport.h"
#include "document/TensorJson.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>
#include <optional>

namespace gs {

namespace {

const char* const usage =
    "Usage: gradscope eval FORMULA_OR_FILE [OPTIONS]\n"
    "\n"
    "Evaluates a formula or a .gscope document and prints the target's value and its gradients.\n"
    "Python code (a .py file) also prints what its names hold (gradients, Jacobians, Hessians).\n"
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
    "  --check-gradients      also compare each gradient with a finite difference of the target\n"
    "  --eps E                the finite difference's step (default 1e-6, as in the book)\n"
    "  --difference forward|central  (f(x+eps) - f(x)) / eps (default) or\n"
    "                         (f(x+eps) - f(x-eps)) / (2 eps)\n"
    "  --jvp NAME=TANGENT,... also run forward mode along this direction over the sources\n"
    "                         (sources left out get 0) and print the directional derivative\n"
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
    const InputsReadResult read = inputsFromJson(file.readAll(), fileName);
    if (!read.ok())
        throw UsageError{QStringLiteral("--inputs: %1").arg(read.error)};
    for (const auto& [name, value] : read.values)
        options.values[valueNode(data, name, "--inputs")] = value;
}

/// `--jvp w1=1,w2=0`: the direction of forward mode, a tangent per source.
void readJvp(const GraphData& data, const QStringList& lists, EvaluationOptions& options)
{
    std::unordered_map<NodeId, TensorValue> tangents;
    for (const QString& list : lists)
        for (const QString& item : splitOutsideBrackets(list)) {
            const qsizetype equals = item.indexOf(u'=');
            if (equals <= 0)
                throw UsageError{QStringLiteral("--jvp: expected NAME=TANGENT (w1=1,w2=0), got '%1'").arg(item)};
            const QString name = item.left(equals).trimmed();
            const NodeId id = nodeNamed(data, name, "--jvp");
            const auto value = parseValue(item.mid(equals + 1));
            if (!value)
                throw UsageError{QStringLiteral("--jvp: the tangent for %1, '%2', is not a number or a (nested) list of numbers")
                                     .arg(name, item.mid(equals + 1))};
            if (!tangents.emplace(id, *value).second)
                throw UsageError{QStringLiteral("--jvp: %1 is given twice").arg(name)};
        }
    options.tangents = std::move(tangents);
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
    const QCommandLineOption checkOption("check-gradients");
    const QCommandLineOption eps("eps", {}, "step");
    const QCommandLineOption difference("difference", {}, "kind");
    const QCommandLineOption jvp("jvp", {}, "tangents");
    parser.addOptions({help, at, inputs, wrt, target, dtype, jacobian, hessian, events, json, checkOption, eps, difference, jvp});
    parseVerbArguments(parser, "eval", arguments);
    if (parser.isSet(help)) {
        printOut(QString::fromLatin1(usage));
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        throw UsageError{QStringLiteral("eval: expected one formula or file, got %1 (try 'gradscope eval --help')")
                             .arg(positional.size())};
    // Python code also brings its own results, and its last gradient call's tape (docs/python.md).
    const std::optional<PythonProgram> python = loadPythonProgram(positional.front());
    const GraphData data = python ? python->data : loadFormulaOrFile(positional.front());

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
    } else if (python && python->request.fromGradient) {
        options.wrt = python->request.sources;
    }
    if (parser.isSet(jvp))
        readJvp(data, parser.values(jvp), options);
    options.jacobian = parser.isSet(jacobian) || (python && python->request.jacobian);
    options.hessian = parser.isSet(hessian) || (python && python->request.hessian);

    const Evaluation result = evaluate(data, options);
    if (!result.ok())
        throw UsageError{result.error};
    if (!result.gradientError.isEmpty())
        throw UsageError{QStringLiteral("the backward pass failed: %1").arg(result.gradientError)};
    if (!result.forward.error.isEmpty())
        throw UsageError{QStringLiteral("--jvp: %1").arg(result.forward.error)};
    ReportOptions report;
    report.events = parser.isSet(events);
    std::optional<GradientCheck> check;
    if ((parser.isSet(eps) || parser.isSet(difference)) && !parser.isSet(checkOption))
        throw UsageError{QStringLiteral("--eps and --difference go with --check-gradients")};
    if (parser.isSet(checkOption)) {
        GradientCheckOptions checking;
        checking.evaluation = options;
        if (parser.isSet(eps)) {
            bool ok = false;
            checking.eps = parser.value(eps).toDouble(&ok);
            if (!ok || !(checking.eps > 0) || !std::isfinite(checking.eps))
                throw UsageError{QStringLiteral("--eps: expected a positive number such as 1e-4, got '%1'").arg(parser.value(eps))};
        }
        if (parser.isSet(difference)) {
            const auto kind = differenceNamed(parser.value(difference));
            if (!kind)
                throw UsageError{QStringLiteral("--difference: expected forward or central, got '%1'").arg(parser.value(difference))};
            checking.difference = *kind;
        }
        check = checkGradients(data, checking);
        if (!check->ok())
            throw UsageError{check->error};
        report.gradientCheck = &*check;
    }
    QString pythonTable;
    if (python) {
        const PythonEvaluation results = evaluatePython(*python, PythonEvaluationOptions{options.dtype, options.values});
        if (!results.ok())
            throw UsageError{QStringLiteral("%1: %2").arg(QFileInfo(positional.front()).isFile() ? positional.front() : QStringLiteral("python"),
                                                          results.error->formatted())};
        report.moreJson.emplace_back(QStringLiteral("python"), pythonResultsJson(*python, results));
        pythonTable = QStringLiteral("\nwhat the code computes\n") + pythonResultsTable(*python, results);
    }
    printOut(parser.isSet(json) ? evaluationJson(data, result, report) : evaluationTable(data, result, report) + pythonTable);
    return 0;
}

} // namespace

int runEvalVerb(const QStringList& arguments)
{
    return runReportingUsageErrors([&] { return run(arguments); });
}

} // namespace gs
