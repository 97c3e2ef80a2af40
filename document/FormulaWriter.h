#pragma once

#include <QString>

namespace gs {

struct GraphData;

/// A document written as formula text, or why it cannot be.
struct FormulaText {
    QString text;
    QString error;
    bool ok() const { return error.isEmpty(); }
};

/// Writes a document as readable formula text that reads back into the same graph: one statement
/// per labelled node (declarations for variables, constants and inputs with values), everything
/// used once inlined with as few parentheses as Python's precedence allows, the target last.
/// Unlabelled values used more than once get fresh names (t1, t2, ...), and so do expressions
/// nested too deeply to inline. Labels that are not valid names are adjusted (spaces become _).
/// Fails, with a reason, for graphs a formula cannot express (an unconnected input, a cycle).
FormulaText writeFormula(const GraphData& data);

} // namespace gs
