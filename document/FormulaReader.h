#pragma once

#include "document/FormulaError.h"
#include "document/GraphData.h"

#include <optional>

namespace gs {

/// A formula read into a document, or why it could not be.
struct FormulaResult {
    GraphData data;
    std::optional<FormulaError> error;
    bool ok() const { return !error.has_value(); }
};

/// Reads formula text (see docs/formula-language.md) into a new document: one node per operation,
/// literal and declaration; assigned names become labels; undeclared names become trainable
/// Variables without a value; the last statement is the target. Nodes are laid out in layers.
/// Never throws: every problem comes back as a FormulaError with its line and column.
FormulaResult readFormula(const QString& text);

} // namespace gs
