#pragma once

#include <QStringList>

#include <span>

namespace gs {

/// A headless command: `gradscope NAME [ARGS...]`.
///
/// A verb runs with a QCoreApplication alive and never a QGuiApplication, so it works with no
/// display; a verb that draws (`export`) says so with `drawsPictures` and gets a QGuiApplication on
/// the offscreen platform instead (still no display, never QApplication). It parses its own arguments (everything after its name) and returns the process exit
/// status: 0 on success, 2 on a usage error, 1 on any other failure.
struct Verb {
    const char* name;
    const char* summary; ///< one line for `gradscope --help`
    int (*run)(const QStringList& arguments);
    bool drawsPictures = false;
};

/// Every verb the program knows, in the order `--help` lists them.
std::span<const Verb> headlessVerbs();

} // namespace gs
