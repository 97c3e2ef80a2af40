#pragma once

#include <QString>

#include <string>

namespace gs {

struct ConcreteView;

/// Writes a traced graph to `fileName`, by its extension: .png (at `scale` pixels per point), .svg
/// or .pdf drawn as the trace window shows it (ghosts faded), or .dot/.gv: `dot`, the Graphviz
/// text of the graph itself. Nothing is left behind on failure.
bool exportTracedGraph(const ConcreteView& view, const std::string& dot, const QString& fileName, double scale,
                       QString* error = nullptr);

/// True for the extensions exportTracedGraph() writes.
bool isTracedGraphFileName(const QString& fileName);

} // namespace gs
