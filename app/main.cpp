#include "app/CommandLine.h"
#include "app/Console.h"
#include "app/Gui.h"
#include "app/Verb.h"
#include "engine/core/ProcessMemory.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QStringList>

#include <cstdio>

namespace {

QtMessageHandler qtHandler = nullptr;

/// Qt warns when XDG_RUNTIME_DIR is unset (a root shell, a container, CI) and falls back to
/// /tmp/runtime-USER, which works: a headless command (or a --screenshot) that succeeds must
/// write nothing to stderr, so that one warning is dropped. Every other message
/// goes where Qt would send it.
void dropRuntimeDirWarning(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (message.startsWith(QLatin1StringView("QStandardPaths: XDG_RUNTIME_DIR not set")))
        return;
    if (qtHandler)
        qtHandler(type, context, message);
    else
        std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
}

} // namespace

int main(int argc, char* argv[])
{
    // The command line is read before any Q*Application exists: --help, --version and usage
    // errors must work without a display, and headless verbs must never create a GUI application.
    QStringList arguments;
    for (int i = 1; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    const gs::Invocation invocation = gs::parseCommandLine(arguments, gs::headlessVerbs());

    qtHandler = qInstallMessageHandler(dropRuntimeDirWarning);
    QCoreApplication::setOrganizationName(QStringLiteral("GradScope"));
    QCoreApplication::setApplicationName(QStringLiteral("GradScope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(GRADSCOPE_VERSION));

    switch (invocation.action) {
    case gs::Invocation::Action::Help:
        gs::printOut(gs::usageText(gs::headlessVerbs()));
        return 0;
    case gs::Invocation::Action::Version:
        gs::printOut(gs::versionText());
        return 0;
    case gs::Invocation::Action::Fail:
        gs::printError(invocation.error + QStringLiteral(" (try 'gradscope --help')"));
        return 2;
    case gs::Invocation::Action::Verb: {
        if (invocation.verb->drawsPictures) {
            // Fonts and painting need a QGuiApplication; offscreen, so no display is needed.
            if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
                qputenv("QT_QPA_PLATFORM", "offscreen");
            QGuiApplication app(argc, argv);
            return invocation.verb->run(invocation.verbArguments);
        }
        QCoreApplication app(argc, argv);
        return invocation.verb->run(invocation.verbArguments);
    }
    case gs::Invocation::Action::Gui:
        // The window runs for hours; a headless verb ends in seconds, and would pay for the
        // mappings (train --epochs 5: 2,000 more page faults, about 10% of its time) for nothing.
        gs::keepLargeBlocksOutOfTheHeap();
        return gs::runGui(argc, argv, invocation);
    }
    return 2;
}
