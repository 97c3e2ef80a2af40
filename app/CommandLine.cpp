#include "app/CommandLine.h"

#include <QFileInfo>
#include <QLatin1StringView>

#include <algorithm>

namespace gs {

namespace {

const Verb* findVerb(const QString& name, std::span<const Verb> verbs)
{
    const auto it = std::find_if(verbs.begin(), verbs.end(), [&](const Verb& verb) {
        return name == QLatin1StringView(verb.name);
    });
    return it == verbs.end() ? nullptr : &*it;
}

/// A word with no '.' or '/' that names no file: meant as a command, not as a document.
bool looksLikeCommand(const QString& argument)
{
    return !argument.contains(u'.') && !argument.contains(u'/') && !QFileInfo::exists(argument);
}

Invocation failure(QString error)
{
    Invocation invocation;
    invocation.action = Invocation::Action::Fail;
    invocation.error = std::move(error);
    return invocation;
}

} // namespace

Invocation parseCommandLine(const QStringList& arguments, std::span<const Verb> verbs)
{
    Invocation invocation;
    if (!arguments.isEmpty()) {
        if (const Verb* verb = findVerb(arguments.front(), verbs)) {
            invocation.action = Invocation::Action::Verb;
            invocation.verb = verb;
            invocation.verbArguments = arguments.mid(1);
            return invocation;
        }
    }

    bool onlyPositional = false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString& argument = arguments[i];
        const bool isOption = !onlyPositional && argument.startsWith(u'-') && argument != u"-";
        if (isOption) {
            if (argument == u"--") {
                onlyPositional = true;
            } else if (argument == u"-h" || argument == u"--help") {
                invocation.action = Invocation::Action::Help;
                return invocation;
            } else if (argument == u"--version") {
                invocation.action = Invocation::Action::Version;
                return invocation;
            } else if (argument == u"--screenshot" || argument.startsWith(u"--screenshot=")) {
                const qsizetype equals = argument.indexOf(u'=');
                if (equals >= 0)
                    invocation.screenshotPath = argument.sliced(equals + 1);
                else if (i + 1 < arguments.size())
                    invocation.screenshotPath = arguments[++i];
                if (invocation.screenshotPath.isEmpty())
                    return failure(QStringLiteral("option '--screenshot' needs a file name"));
            } else if (argument == u"--presenter") {
                invocation.presenter = true;
            } else if (argument == u"--lesson-step" || argument.startsWith(u"--lesson-step=")) {
                const qsizetype equals = argument.indexOf(u'=');
                const QString value = equals >= 0 ? argument.sliced(equals + 1) : i + 1 < arguments.size() ? arguments[++i] : QString();
                bool ok = false;
                invocation.lessonStep = value.toInt(&ok);
                if (!ok || invocation.lessonStep < 1)
                    return failure(QStringLiteral("option '--lesson-step' needs a step number from 1, got '%1'").arg(value));
            } else if (argument == u"--view" || argument.startsWith(u"--view=")) {
                const qsizetype equals = argument.indexOf(u'=');
                invocation.view = equals >= 0 ? argument.sliced(equals + 1) : i + 1 < arguments.size() ? arguments[++i] : QString();
                if (invocation.view != u"training")
                    return failure(QStringLiteral("option '--view' expects 'training', got '%1'").arg(invocation.view));
            } else if (argument == u"--train-steps" || argument.startsWith(u"--train-steps=")) {
                const qsizetype equals = argument.indexOf(u'=');
                const QString value = equals >= 0 ? argument.sliced(equals + 1) : i + 1 < arguments.size() ? arguments[++i] : QString();
                bool ok = false;
                invocation.trainSteps = value.toInt(&ok);
                if (!ok || invocation.trainSteps < 0)
                    return failure(QStringLiteral("option '--train-steps' needs a number of steps, got '%1'").arg(value));
            } else if (argument == u"--layout-report" || argument.startsWith(u"--layout-report=")) {
                const qsizetype equals = argument.indexOf(u'=');
                invocation.layoutReportPath = equals >= 0 ? argument.sliced(equals + 1) : i + 1 < arguments.size() ? arguments[++i] : QString();
                if (invocation.layoutReportPath.isEmpty())
                    return failure(QStringLiteral("option '--layout-report' needs a file name"));
            } else if (argument == u"--size" || argument.startsWith(u"--size=")) {
                const qsizetype equals = argument.indexOf(u'=');
                const QString value = equals >= 0 ? argument.sliced(equals + 1) : i + 1 < arguments.size() ? arguments[++i] : QString();
                invocation.screens = parseScreenSizes(value);
                if (invocation.screens.isEmpty())
                    return failure(QStringLiteral("option '--size' expects a screen size WxH such as 1024x768 (or several, "
                                                  "joined with commas, for several screens), got '%1'").arg(value));
            } else {
                return failure(QStringLiteral("unknown option '%1'").arg(argument));
            }
            continue;
        }
        if (!invocation.file.isEmpty())
            return failure(QStringLiteral("unexpected argument '%1'").arg(argument));
        if (!onlyPositional && findVerb(argument, verbs))
            return failure(QStringLiteral("command '%1' must be the first argument").arg(argument));
        if (!onlyPositional && looksLikeCommand(argument))
            return failure(QStringLiteral("unknown command '%1'").arg(argument));
        invocation.file = argument;
    }
    if (!invocation.screens.isEmpty() && invocation.screenshotPath.isEmpty() && invocation.layoutReportPath.isEmpty())
        return failure(QStringLiteral("option '--size' applies to --screenshot and --layout-report only"));
    return invocation;
}

QList<QSize> parseScreenSizes(const QString& text)
{
    QList<QSize> sizes;
    for (const QString& part : text.split(u',')) {
        const QStringList wh = part.trimmed().split(u'x');
        bool okW = false;
        bool okH = false;
        const int w = wh.size() == 2 ? wh[0].toInt(&okW) : 0;
        const int h = wh.size() == 2 ? wh[1].toInt(&okH) : 0;
        if (!okW || !okH || w < 320 || h < 240 || w > 8192 || h > 8192)
            return {};
        sizes << QSize(w, h);
    }
    return sizes.size() <= 4 ? sizes : QList<QSize>{};
}

QString usageText(std::span<const Verb> verbs)
{
    QString text = QStringLiteral("Usage: gradscope [OPTIONS]\n");
    if (!verbs.empty())
        text += QStringLiteral("       gradscope COMMAND [ARGUMENTS...]\n");
    text += QStringLiteral(
        "\n"
        "GradScope shows automatic differentiation at work on a graph of operations.\n"
        "Without a command it opens the main window.\n"
        "\n"
        "Options:\n"
        "  -h, --help              Show this help and exit.\n"
        "      --version           Show the version and exit.\n"
        "      --screenshot PNG    Open the main window, save a picture of it to PNG and exit.\n"
        "                          Needs no display (drawn offscreen).\n"
        "      --layout-report JSON  Open the main window, write where everything is (window,\n"
        "                          canvas, panels, zoom, the graph, the smallest node text) and exit.\n"
        "      --size WxH          The screen for --screenshot and --layout-report (default\n"
        "                          1600x900); WxH,WxH,... for several screens side by side.\n"
        "      --lesson-step N     Show step N (from 1) of the document's lesson.\n"
        "      --presenter         Start in presenter mode (full screen).\n"
        "      --view training     Bring up the training view (View > Training).\n"
        "      --train-steps N     With --view training: train N steps first (for screenshots).\n");
    if (!verbs.empty()) {
        text += QStringLiteral("\nCommands (run without a display):\n");
        for (const Verb& verb : verbs)
            text += QStringLiteral("  %1  %2\n")
                        .arg(QLatin1StringView(verb.name), -20)
                        .arg(QLatin1StringView(verb.summary));
    }
    text += QStringLiteral(
        "\n"
        "The main window needs a display. Where there is none, run it under xvfb-run, or set\n"
        "QT_QPA_PLATFORM=offscreen.\n");
    return text;
}

QString versionText() { return QStringLiteral("gradscope " GRADSCOPE_VERSION "\n"); }

} // namespace gs
