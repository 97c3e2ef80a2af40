#pragma once

#include <QJsonObject>

class QMainWindow;

namespace gs {

class Workspace;

/// Where everything in the window is, for tests and for `gradscope --layout-report`: the screen,
/// the window (its frame), the canvas and its share of the window, every visible dock, the zoom,
/// the graph's bounds in canvas pixels (and whether they lie inside the canvas, clear of the answer
/// and legend boxes), the smallest text in a node in screen pixels, and in presenter mode the
/// caption (its text size, whether it fits) and the progress line. Documented in
/// docs/command-line.md.
QJsonObject layoutReport(const QMainWindow& window, const Workspace& workspace);

} // namespace gs
