#pragma once

#include <QStringList>

#include <span>

namespace gs {

/// A headless command: `gradscope NAME [ARGS...]`.
///
/// A verb runs with a QCoreApplication alive and never a QGuiApplication, so it works with no
/// display. It parses its own arguments (everything after its name) and returns the process exit
/// status: 0 on success, 2 on a usage error, 1 on any other failure.
struct Verb {
    const char* name;
    const char* summary; ///< one line for `gradscope --help`
    int (*run)(const QStringList& arguments);
};

/// Every verb the program knows, in the order `--help` lists them.
std::span<const Verb> headlessVerbs();

} // namespace gs
