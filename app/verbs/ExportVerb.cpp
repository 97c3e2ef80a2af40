// gradscope export FILE_OR_FORMULA -o OUT.png|svg|pdf [--view forward|gradient] [--at name=value,...]
//                  [--scale 2] [--dtype float32|float64] [--target NAME] [--step N]
// gradscope export LESSON.gscope --lesson -o handout.pdf|png|svg
#include "app/Console.h"
#include "app/verbs/DocumentVerbs.h"
#include "app/verbs/VerbSupport.h"
#include "document/Evaluation.h"
#include "ui/render/AutoLayout.h"
#include "ui/render/EditorStyle.h"
#include "ui/render/GraphExport.h"
#include "ui/render/GraphOverlay.h"
#include "ui/render/GraphPicture.h"
#include "ui/render/LessonHandout.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace gs {

namespace {

const char* const usage =
    "Usage: gradscope export FILE_OR_FORMULA -o OUT [OPTIONS]\n"
    "\n"
    "Draws the graph as the editor shows it, with its values or its gradients, the answer and the\n"
    "legend, into a PNG, SVG or PDF file (chosen by the extension of OUT). No display is needed.\n"
    "\n"
    "Options:\n"
    "  -o, --output OUT        the picture to write: .png, .svg or .pdf\n"
    "  --view forward|gradient forward values (default) or the gradients flowing back\n"
    "  --at NAME=VALUE,...     values for variables, constants and inputs\n"
    "  --dtype float32|float64 run everything in this dtype\n"
    "  --target NAME           the value to differentiate (default: the last statement)\n"
    "  --step N                show the graph after the first N events of the tape\n"
    "  --scale S               PNG pixels per point (default 1; 2 for slides)\n"
    "  --lesson                a handout of the document's lesson: one page per step with its\n"
    "                          text, question (with lines for the answer) and graph, and after\n"
    "                          a step that hides its answer a page that shows it (.pdf), or one\n"
    "                          numbered image per page (.png, .svg: OUT-01.png, OUT-02.png, ...);\n"
    "                          prints the pages written as JSON. The built-in lessons are\n"
    "                          lesson:1 ... lesson:8 (or lesson:stop-gradient, ...)\n"
    "\n"
    "A formula, or a document saved without positions, is laid out first.\n";

/// Each step sets its own view, values and dtype, so the options that set them for one picture
/// do not apply to a handout.
int exportHandout(const GraphData& data, const QString& out, double factor)
{
    QString error;
    const int pages = exportLessonHandout(data, out, factor, &error);
    if (pages < 0) {
        printError(error);
        return 1;
    }
    QJsonArray files;
    if (pictureFormatFor(out) == PictureFormat::Pdf)
        files.append(out);
    else
        for (int i = 0; i < pages; ++i)
            files.append(handoutPageFile(out, i, pages));
    printOut(QString::fromUtf8(QJsonDocument(QJsonObject{{"pages", pages}, {"files", files}}).toJson(QJsonDocument::Compact)) + u'\n');
    return 0;
}

int run(const QStringList& arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption help(QStringList{"h", "help"});
    const QCommandLineOption output(QStringList{"o", "output"}, {}, "file");
    const QCommandLineOption view("view", {}, "view");
    const QCommandLineOption at("at", {}, "values");
    const QCommandLineOption dtype("dtype", {}, "dtype");
    const QCommandLineOption target("target", {}, "name");
    const QCommandLineOption step("step", {}, "n");
    const QCommandLineOption scale("scale", {}, "factor");
    const QCommandLineOption lesson("lesson");
    parser.addOptions({help, output, view, at, dtype, target, step, scale, lesson});
    parseVerbArguments(parser, "export", arguments);
    if (parser.isSet(help)) {
        printOut(QString::fromLatin1(usage));
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        throw UsageError{QStringLiteral("export: expected one formula or file, got %1 (try 'gradscope export --help')")
                             .arg(positional.size())};
    const QString out = parser.value(output);
    if (out.isEmpty())
        throw UsageError{QStringLiteral("export: say where to write the picture with -o OUT.png, .svg or .pdf")};
    if (!pictureFormatFor(out))
        throw UsageError{QStringLiteral("-o: '%1' must end in .png, .svg or .pdf").arg(out)};

    OverlayOptions overlayOptions;
    const QString viewName = parser.value(view);
    if (viewName == u"gradient" || viewName == u"gradients")
        overlayOptions.mode = ViewMode::Gradient;
    else if (!viewName.isEmpty() && viewName != u"forward")
        throw UsageError{QStringLiteral("--view: expected forward or gradient, got '%1'").arg(viewName)};
    double factor = 1.0;
    if (parser.isSet(scale)) {
        bool ok = false;
        factor = parser.value(scale).toDouble(&ok);
        if (!ok || !(factor > 0 && factor <= 8))
            throw UsageError{QStringLiteral("--scale: expected a number above 0 and at most 8, got '%1'").arg(parser.value(scale))};
    }

    GraphData data = loadFormulaOrFile(positional.front());
    if (parser.isSet(lesson))
        return exportHandout(data, out, factor);
    EvaluationOptions options;
    if (parser.isSet(dtype)) {
        auto t = floatDTypeNamed(parser.value(dtype));
        if (!t)
            throw UsageError{QStringLiteral("--dtype: expected float32 or float64, got '%1'").arg(parser.value(dtype))};
        options.dtype = t;
    }
    if (parser.isSet(target))
        data.target = nodeNamed(data, parser.value(target), "--target");
    for (const QString& list : parser.values(at))
        readAt(data, list, options);

    const EditorStyle style = EditorStyle::light();
    const Evaluation evaluation = evaluate(data, options);
    if (parser.isSet(step)) {
        bool ok = false;
        overlayOptions.step = parser.value(step).toInt(&ok);
        if (!ok || overlayOptions.step < 0)
            throw UsageError{QStringLiteral("--step: expected a number of events, got '%1'").arg(parser.value(step))};
    }
    if (!positional.front().endsWith(QStringLiteral(".gscope")) || needsLayout(data))
        for (const auto& [id, p] : autoLayout(data, style, {}, &evaluation))
            data.node(id)->position = p;
    const GraphOverlay overlay = computeOverlay(data, evaluation, overlayOptions);
    const GraphPicture picture(data, evaluation, overlay, style);
    QString error;
    if (!exportPicture(picture, out, factor, &error)) {
        printError(error);
        return 1;
    }
    return 0;
}

} // namespace

int runExportVerb(const QStringList& arguments)
{
    return runReportingUsageErrors([&] { return run(arguments); });
}

} // namespace gs
