#pragma once

#include "app/CommandLine.h"

namespace gs {

/// Opens the main window for an Invocation::Action::Gui and runs the event loop until it closes
/// (or, with a screenshot path, until the picture is saved). Returns the process exit status.
int runGui(int& argc, char** argv, const Invocation& invocation);

} // namespace gs
