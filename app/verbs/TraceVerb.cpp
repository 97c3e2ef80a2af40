// gradscope trace FORMULA_OR_FILE --call 'x=constant(2.0)' --call 'x=10' ... [--target NAME] [--json]
//                 [--export DIR]
#include "app/verbs/TraceVerb.h"

#include "app/Console.h"
#include "app/verbs/VerbSupport.h"
#include "document/ConcreteDocument.h"
#include "document/DocumentFunction.h"
#include "document/TraceReport.h"
#include "document/python/PythonReport.h"
#include "ui/render/ConcreteView.h"
#include "ui/render/EditorStyle.h"
#include "ui/render/TracedGraphExport.h"

#include <QDir>

namespace gs {

namespace {

const char* const usage =
    "Usage: gradscope trace FORMULA_OR_FILE --call ARGS [--call ARGS ...] [OPTIONS]\n"
    "\n"
    "Treats the graph as a tf.function and calls it once per --call: each call reuses a concrete\n"
    "function (a traced, optimized graph) or traces a new one, by TensorFlow's rules. Prints every\n"
    "call's signature, whether it traced and why, and every concrete function with what each\n"
    "optimization pass did.\n"
    "\n"
    "Python code (a .py file) is traced as its tf.function, called as the code calls it.\n"
    "\n"
    "Options:\n"
    "  --call NAME=VALUE,...  one call. Tensors are keyed by dtype and shape: constant(2.0),\n"
    "                         constant([1, 2], dtype=float64), [1, 2],\n"
    "                         TensorSpec(shape=[2], dtype=float32); a plain number (10) is keyed\n"
    "                         by its value. Names are the graph's inputs, constants and variables;\n"
    "                         one left out keeps its declared value. Without --call: one call.\n"
    "  --target NAME          the value the function returns (default: the last statement);\n"
    "                         for Python code, the tf.function to trace\n"
    "  --json                 print one JSON object instead of a table\n"
    "  --export DIR           write each concrete graph and its backward graph as SVG and DOT\n"
    "                         (concrete-1.svg, concrete-1.dot, concrete-1-backward.svg, ...)\n"
    "\n"
    "See docs/command-line.md.\n";

struct OutputFile {
    QString name;
    std::shared_ptr<ConcreteView> view;
    std::string dot;
};

void writeFiles(const QString& directory, const std::vector<OutputFile>& files)
{
    if (!QDir().mkpath(directory))
        throw UsageError{QStringLiteral("--export: cannot create the directory '%1'").arg(directory)};
    for (const OutputFile& f : files)
        for (const char* extension : {".svg", ".dot"}) {
            QString error;
            if (!exportTracedGraph(*f.view, f.dot, QDir(directory).filePath(f.name + extension), 1.0, &error))
                throw UsageError{QStringLiteral("--export: %1").arg(error)};
        }
}

int run(const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption help(QStringList{"h", "help"});
    const QCommandLineOption call("call", {}, "arguments");
    const QCommandLineOption target("target", {}, "name");
    const QCommandLineOption json("json");
    const QCommandLineOption exportDir("export", {}, "directory");
    parser.addOptions({help, call, target, json, exportDir});
    parseVerbArguments(parser, "trace", arguments);
    if (parser.isSet(help)) {
        printOut(QString::fromLatin1(usage));
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        throw UsageError{QStringLiteral("trace: expected one formula or file, got %1 (try 'gradscope trace --help')")
                             .arg(positional.size())};
    // Python code is traced as its tf.function (the one --target names, else the last one it
    // calls), called as the code calls it unless --call says otherwise.
    const std::optional<PythonProgram> python = loadPythonProgram(positional.front());
    const PythonFunction* traced = python ? pythonFunctionNamed(*python, parser.value(target)) : nullptr;
    GraphData data;
    QStringList texts = parser.values(call);
    std::vector<std::vector<TraceArgument>> calls;
    QStringList where; // how messages name each call
    if (traced) {
        if (!traced->error.isEmpty())
            throw UsageError{QStringLiteral("%1: the tf.function %2 cannot be traced: %3").arg(positional.front(), traced->name, traced->error)};
        data = traced->data;
        if (texts.isEmpty()) {
            const PythonEvaluation values = evaluatePython(*python);
            if (!values.ok())
                throw UsageError{QStringLiteral("%1: %2").arg(positional.front(), values.error->formatted())};
            const PythonTraceCalls fromCode = pythonTraceCalls(*python, values, *traced);
            if (!fromCode.ok())
                throw UsageError{QStringLiteral("%1: %2").arg(positional.front(), fromCode.error)};
            calls = fromCode.calls;
            for (const QString& text : fromCode.texts)
                where << QStringLiteral("%1: %2").arg(positional.front(), text);
        }
    } else {
        data = python ? python->data : loadFormulaOrFile(positional.front());
        if (parser.isSet(target))
            data.target = nodeNamed(data, parser.value(target), "--target");
    }
    if (where.isEmpty()) {
        if (texts.isEmpty())
            texts << QString();
        for (qsizetype i = 0; i < texts.size(); ++i) {
            const TraceArgumentsResult parsed = parseTraceArguments(texts[i]);
            if (!parsed.ok())
                throw UsageError{QStringLiteral("--call %1: %2").arg(i + 1).arg(parsed.error)};
            calls.push_back(parsed.arguments);
            where << QStringLiteral("--call %1 '%2'").arg(i + 1).arg(texts[i]);
        }
    }
    std::unique_ptr<DocumentFunction> function;
    std::vector<TraceCallResult> results;
    try {
        function = std::make_unique<DocumentFunction>(data, DocumentFunction::parametersOf(data, calls));
    } catch (const TraceError& e) {
        throw UsageError{QStringLiteral("--call: %1").arg(e.message)};
    }
    for (std::size_t i = 0; i < calls.size(); ++i) {
        try {
            results.push_back(function->call(calls[i]));
        } catch (const TraceError& e) {
            throw UsageError{QStringLiteral("%1: %2").arg(where[static_cast<qsizetype>(i)], e.message)};
        }
    }

    if (parser.isSet(exportDir)) {
        // Everything is traced and drawn before the first file is written.
        std::vector<OutputFile> files;
        const EditorStyle style = EditorStyle::light();
        const auto& concretes = function->function().concreteFunctions();
        for (std::size_t i = 0; i < concretes.size(); ++i) {
            const ConcreteFunction& cf = *concretes[i];
            const QString base = QStringLiteral("concrete-%1").arg(i + 1);
            const std::string title = function->function().name() + "(" + cf.signature + ")";
            try {
                files.push_back({base, std::make_shared<ConcreteView>(concreteDocument(cf, function->resultName()), style),
                                 toDot(cf.optimized, title)});
                files.push_back({base + "-backward", std::make_shared<ConcreteView>(backwardDocument(cf, function->resultName()), style),
                                 toDot(cf.backwardGraph(), "gradient of " + title)});
            } catch (const std::exception& e) {
                throw UsageError{QStringLiteral("--export: concrete function %1: %2").arg(i + 1).arg(QString::fromStdString(e.what()))};
            }
        }
        writeFiles(parser.value(exportDir), files);
    }
    printOut(parser.isSet(json) ? traceJson(*function, results) : traceTable(*function, results));
    return 0;
}

} // namespace

int runTraceVerb(const QStringList& arguments)
{
    return runReportingUsageErrors([&] { return run(arguments); });
}

} // namespace gs
