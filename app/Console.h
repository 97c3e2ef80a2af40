#pragma once

#include <QString>

namespace gs {

/// Writes text as is to standard output (the caller ends lines).
void printOut(const QString& text);

/// Writes "gradscope: MESSAGE" and a newline to standard error.
void printError(const QString& message);

} // namespace gs
