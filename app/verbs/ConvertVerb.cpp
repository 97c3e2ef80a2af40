// gradscope convert FILE_OR_FORMULA --to gscope|formula|dot|python [-o OUT] [--target NAME]
//                   [--step N] [--wrt a,b] [--at name=value,...] [--dtype D] [--jacobian] [--hessian]
#include "app/Console.h"
#include "app/verbs/DocumentVerbs.h"
#include "app/verbs/VerbSupport.h"
#include "document/DocumentFile.h"
#include "document/DotExport.h"
#include "document/FormulaWriter.h"
#include "document/LessonFrame.h"
#include "document/TensorFlowWriter.h"

namespace gs {

namespace {

const char* const usage =
    "Usage: gradscope convert FILE_OR_FORMULA --to gscope|formula|dot|python [-o OUT]\n"
    "\n"
    "Converts a formula or a .gscope document into a .gscope document, formula text, Graphviz DOT\n"
    "or a TensorFlow 2 program (python) that computes the same value and gradients.\n"
    "\n"
    "Options:\n"
    "  --to FORMAT      gscope, formula, dot or python (default: from the extension of OUT)\n"
    "  -o, --output OUT write to OUT (atomically) instead of standard output\n"
    "  --target NAME    make NAME the target first\n"
    "  --step N         a lesson: the graph and settings of its step N (from 1)\n"
    "\n"
    "For --to python, as for eval:\n"
    "  --wrt NAME,...   the sources of the gradients (default: every trainable variable)\n"
    "  --at NAME=VALUE,...  values for variables, constants and inputs\n"
    "  --dtype float32|float64  run everything in this dtype\n"
    "  --jacobian       also compute d target[i] / d source[j] (a persistent tape)\n"
    "  --hessian        also compute the second derivatives (nested tapes)\n"
    "\n"
    "See docs/command-line.md.\n";

QString formatFromExtension(const QString& fileName)
{
    if (fileName.endsWith(QStringLiteral(".gscope")))
        return QStringLiteral("gscope");
    if (fileName.endsWith(QStringLiteral(".dot")) || fileName.endsWith(QStringLiteral(".gv")))
        return QStringLiteral("dot");
    if (fileName.endsWith(QStringLiteral(".txt")))
        return QStringLiteral("formula");
    if (fileName.endsWith(QStringLiteral(".py")))
        return QStringLiteral("python");
    return {};
}

int run(const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption help(QStringList{"h", "help"});
    const QCommandLineOption to("to", {}, "format");
    const QCommandLineOption output(QStringList{"o", "output"}, {}, "file");
    const QCommandLineOption target("target", {}, "name");
    const QCommandLineOption step("step", {}, "n");
    const QCommandLineOption wrt("wrt", {}, "names");
    const QCommandLineOption at("at", {}, "values");
    const QCommandLineOption dtype("dtype", {}, "dtype");
    const QCommandLineOption jacobian("jacobian");
    const QCommandLineOption hessian("hessian");
    parser.addOptions({help, to, output, target, step, wrt, at, dtype, jacobian, hessian});
    parseVerbArguments(parser, "convert", arguments);
    if (parser.isSet(help)) {
        printOut(QString::fromLatin1(usage));
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        throw UsageError{QStringLiteral("convert: expected one formula or file, got %1 (try 'gradscope convert --help')")
                             .arg(positional.size())};
    const QString out = parser.value(output);
    const QString format = parser.isSet(to) ? parser.value(to) : formatFromExtension(out);
    if (format.isEmpty())
        throw UsageError{QStringLiteral("convert: say which format with --to gscope, --to formula, --to dot or --to python")};
    if (format != u"gscope" && format != u"formula" && format != u"dot" && format != u"python")
        throw UsageError{QStringLiteral("--to: expected gscope, formula, dot or python, got '%1'").arg(format)};
    if (format != u"python")
        for (const QCommandLineOption* o : {&wrt, &at, &dtype, &jacobian, &hessian})
            if (parser.isSet(*o))
                throw UsageError{QStringLiteral("--%1 applies to --to python only").arg(o->names().front())};

    GraphData data = loadFormulaOrFile(positional.front());
    EvaluationOptions options;
    if (parser.isSet(step)) {
        bool ok = false;
        const int n = parser.value(step).toInt(&ok);
        if (!ok || n < 1 || n > static_cast<int>(data.lesson.steps.size()))
            throw UsageError{QStringLiteral("--step: expected a step of the lesson from 1 to %1, got '%2'")
                                 .arg(data.lesson.steps.size())
                                 .arg(parser.value(step))};
        const LessonFrame frame = lessonFrame(data, n - 1);
        if (!frame.problems.isEmpty())
            throw UsageError{QStringLiteral("--step %1: %2").arg(n).arg(frame.problems.front())};
        data = frame.data;
        options = frame.evaluationOptions();
    } else if (format == u"python" && data.nodes.empty() && !data.lesson.steps.empty()) {
        throw UsageError{QStringLiteral("convert: the document's graph is empty; its lesson makes one per step: choose a step with --step N (1 to %1)")
                             .arg(data.lesson.steps.size())};
    }
    if (parser.isSet(target))
        data.target = nodeNamed(data, parser.value(target), "--target");
    if (parser.isSet(dtype)) {
        auto t = floatDTypeNamed(parser.value(dtype));
        if (!t)
            throw UsageError{QStringLiteral("--dtype: expected float32 or float64, got '%1'").arg(parser.value(dtype))};
        options.dtype = t;
    }
    for (const QString& list : parser.values(at))
        readAt(data, list, options);
    if (parser.isSet(wrt)) {
        std::vector<NodeId> sources;
        for (const QString& name : parser.value(wrt).split(u',', Qt::SkipEmptyParts))
            sources.push_back(nodeNamed(data, name.trimmed(), "--wrt"));
        options.wrt = sources;
    }
    options.jacobian = options.jacobian || parser.isSet(jacobian);
    options.hessian = options.hessian || parser.isSet(hessian);

    QByteArray bytes;
    if (format == u"gscope") {
        bytes = documentToJson(data);
    } else if (format == u"formula") {
        const FormulaText text = writeFormula(data);
        if (!text.ok())
            throw UsageError{QStringLiteral("convert: the graph cannot be written as a formula: %1").arg(text.error)};
        bytes = text.text.toUtf8();
    } else if (format == u"python") {
        const TensorFlowCode code = writeTensorFlow(data, options);
        if (!code.ok())
            throw UsageError{QStringLiteral("convert: the graph cannot be written as TensorFlow code: %1").arg(code.error)};
        bytes = code.text.toUtf8();
    } else {
        bytes = exportDot(data).toUtf8();
    }
    if (out.isEmpty() || out == u"-") {
        printOut(QString::fromUtf8(bytes));
        return 0;
    }
    QString error;
    if (!saveFileAtomically(bytes, out, &error))
        throw UsageError{error};
    return 0;
}

} // namespace

int runConvertVerb(const QStringList& arguments)
{
    return runReportingUsageErrors([&] { return run(arguments); });
}

} // namespace gs
