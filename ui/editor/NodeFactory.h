#pragma once

#include "document/GraphData.h"

#include <QString>

#include <vector>

namespace gs {

/// One entry of the node palette: a kind of node the user can add.
struct PaletteEntry {
    QString key;      ///< "op:exp", "variable", "custom_gradient"
    QString title;    ///< "exp", "Variable"
    QString category; ///< "values", "math", "arithmetic", ...
    QString summary;  ///< one line, from the op registry
};

/// The MIME type of a palette entry being dragged onto the canvas: its key, as UTF-8.
inline constexpr const char* paletteEntryMimeType = "application/x-gradscope-palette-entry";

/// Everything the palette offers: variables, constants and inputs, every registered op except
/// the internal ones (gradient kernels), and custom gradients; grouped by category.
const std::vector<PaletteEntry>& paletteEntries();

/// The nodes one palette entry adds at `position`: one node, or a custom gradient with its body
/// (its parameter and dy). Fresh labels (v1, c1, x1) do not clash with those of `data`.
/// Ids are left invalid except for custom gradients, whose body refers to its owner: there they
/// are the next free ids of `data`.
std::vector<Node> nodesForEntry(const GraphData& data, const QString& key, const QPointF& position);

/// A label like `prefix`N that no top-level node of `data` has yet.
QString freshLabel(const GraphData& data, const QString& prefix);

} // namespace gs
