#pragma once

#include "app/Verb.h"

#include <QList>
#include <QSize>
#include <QString>
#include <QStringList>

#include <span>

namespace gs {

/// What the command line asks for. Parsed before any Q*Application exists, so that `--help`,
/// `--version` and errors need neither a display nor Qt's own argument handling.
struct Invocation {
    enum class Action {
        Gui,     ///< open the main window (the default)
        Help,    ///< print usageText() and exit 0
        Version, ///< print versionText() and exit 0
        Verb,    ///< run `verb` headlessly with `verbArguments`
        Fail,    ///< print `error` on one line and exit 2
    };
    Action action = Action::Gui;
    const Verb* verb = nullptr;
    QStringList verbArguments;
    QString file;           ///< Gui: the document named on the command line, if any
    QString screenshotPath; ///< Gui: save a picture of the window there and exit
    int lessonStep = 0;     ///< Gui: show this step (1-based) of the document's lesson; 0: the first
    bool presenter = false; ///< Gui: start in presenter mode
    QString view;           ///< Gui: a view to bring up at the start ("training"), or empty
    int trainSteps = 0;     ///< Gui, with view "training": steps to train before showing it
    QString layoutReportPath; ///< Gui: write the window's layout as JSON there and exit
    /// Gui, with a screenshot or a layout report: the screens to lay the window out on (offscreen),
    /// left to right; the window opens on the first. Empty: one 1600x900 screen.
    QList<QSize> screens;
    QString error;          ///< Fail: what was wrong, without the program name
};

/// Parses the arguments that follow the program name.
///
/// A verb is recognised only as the first argument; everything after it belongs to the verb. A
/// bare word that is neither a verb nor an existing file is an unknown command rather than a
/// document name, so that a mistyped verb is reported instead of silently opening the GUI.
Invocation parseCommandLine(const QStringList& arguments, std::span<const Verb> verbs);

/// "1024x768" or "1024x768,1920x1080" (one size per screen), or empty when malformed.
QList<QSize> parseScreenSizes(const QString& text);

/// The text `gradscope --help` prints (ends with a newline).
QString usageText(std::span<const Verb> verbs);

/// The line `gradscope --version` prints, e.g. "gradscope 0.1.0" (ends with a newline).
QString versionText();

} // namespace gs
