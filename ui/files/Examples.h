#pragma once

#include "document/GraphData.h"
#include "ui/render/GraphOverlay.h"

#include <QString>

#include <optional>
#include <vector>

namespace gs {

/// One of the book's examples shipped in the resources (resources/examples/*.gscope), with how it
/// is best shown: the view, the dtype, the derivatives to compute and what the plot sweeps.
struct Example {
    QString title;
    QString resource; ///< ":/examples/tape-basics.gscope"
    ViewMode view = ViewMode::Gradient;
    std::optional<DType> dtype;
    bool jacobian = false;
    bool hessian = false;
    QString plotInput;
    double plotFrom = -5;
    double plotTo = 5;
    QString compareWith; ///< the resource of a graph to draw over this one in the plot
};

const std::vector<Example>& examples();
/// The example whose resource is `resource`, or nullptr.
const Example* exampleFor(const QString& resource);

/// Reads a document from the resources or the file system.
std::optional<GraphData> readDocument(const QString& path, QString* error);

} // namespace gs
