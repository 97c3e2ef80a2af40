// gradscope convert FILE_OR_FORMULA --to gscope|formula|dot [-o OUT] [--target NAME]
#include "app/Console.h"
#include "app/verbs/DocumentVerbs.h"
#include "app/verbs/VerbSupport.h"
#include "document/DocumentFile.h"
#include "document/DotExport.h"
#include "document/FormulaWriter.h"

namespace gs {

namespace {

const char* const usage =
    "Usage: gradscope convert FILE_OR_FORMULA --to gscope|formula|dot [-o OUT]\n"
    "\n"
    "Converts a formula or a .gscope document into a .gscope document, formula text or Graphviz DOT.\n"
    "\n"
    "Options:\n"
    "  --to FORMAT      gscope, formula or dot (default: from the extension of OUT)\n"
    "  -o, --output OUT write to OUT (atomically) instead of standard output\n"
    "  --target NAME    make NAME the target first\n"
    "\n"
    "See docs/command-line.md.\n";

QString formatFromExtension(const QString& fileName)
{
    if (fileName.endsWith(QStringLiteral(".gscope")))
        return QStringLiteral("gscope");
    if (fileName.endsWith(QStringLiteral(".dot")) || fileName.endsWith(QStringLiteral(".gv")))
        return QStringLiteral("dot");
    if (fileName.endsWith(QStringLiteral(".txt")) || fileName.endsWith(QStringLiteral(".py")))
        return QStringLiteral("formula");
    return {};
}

int run(const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption help(QStringList{"h", "help"});
    const QCommandLineOption to("to", {}, "format");
    const QCommandLineOption output(QStringList{"o", "output"}, {}, "file");
    const QCommandLineOption target("target", {}, "name");
    parser.addOptions({help, to, output, target});
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
        throw UsageError{QStringLiteral("convert: say which format with --to gscope, --to formula or --to dot")};
    if (format != u"gscope" && format != u"formula" && format != u"dot")
        throw UsageError{QStringLiteral("--to: expected gscope, formula or dot, got '%1'").arg(format)};

    GraphData data = loadFormulaOrFile(positional.front());
    if (parser.isSet(target))
        data.target = nodeNamed(data, parser.value(target), "--target");

    QByteArray bytes;
    if (format == u"gscope") {
        bytes = documentToJson(data);
    } else if (format == u"formula") {
        const FormulaText text = writeFormula(data);
        if (!text.ok())
            throw UsageError{QStringLiteral("convert: the graph cannot be written as a formula: %1").arg(text.error)};
        bytes = text.text.toUtf8();
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
