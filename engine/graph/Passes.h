#pragma once

#include "engine/graph/Graph.h"

#include <string>
#include <vector>

namespace gs {

/// What one optimisation pass did, for the trace panel and `gradscope trace --json`.
struct PassReport {
    std::string name;     ///< "constant_folding", "pruning", ...
    std::string verb;     ///< what `changed` counts: "folded", "pruned", "merged", "simplified"
    int changed = 0;
    std::size_t nodesBefore = 0;
    std::size_t nodesAfter = 0;
    std::vector<std::string> notes; ///< human explanations, including what was left alone and why
};

// Each pass is a pure function: a new graph and a report, the input untouched. None changes a
// result, to the last bit (tests fuzz them against eager execution).

/// Ops whose inputs are all constants are computed once and become constants (1 + 2 -> 3).
Graph foldConstants(const Graph& graph, PassReport& report);
/// Nodes that no output depends on are removed (inputs stay: they are the signature).
Graph prune(const Graph& graph, PassReport& report);
/// Identical nodes (same op, same inputs, same attributes; equal constants) are merged.
Graph eliminateCommonSubexpressions(const Graph& graph, PassReport& report);
/// x * 1, x / 1, x - 0 and x + (-0.0) become x. x + 0 and x * 0 are left alone, and the report
/// says why: -0.0 + 0 is +0.0, and inf * 0 is NaN.
Graph simplifyAlgebra(const Graph& graph, PassReport& report);

/// The standard pipeline: folding, simplification, common subexpressions, pruning.
Graph optimize(const Graph& graph, std::vector<PassReport>& reports);

/// Rebuilds `graph` keeping nodes where keep[i], with node i's uses redirected to replace[i]
/// (replace[i] == i for kept nodes). Used by the passes.
Graph rebuild(const Graph& graph, const std::vector<char>& keep, const std::vector<int>& replace);

} // namespace gs
