#pragma once

#include "document/GraphData.h"

#include <QString>

#include <map>
#include <set>

namespace gs {

struct ConcreteFunction;
struct Graph;

/// What the passes did to one node of a traced graph, as a concrete document shows it.
enum class TraceFate {
    Kept,       ///< in the optimized graph
    Folded,     ///< an op of constants, computed once: ghosted, beside the constant that replaced it
    FoldResult, ///< the constant a folded op became (live)
    Simplified, ///< an identity such as x * 1, removed by algebraic simplification
    Merged,     ///< a duplicate of an earlier node, removed by common subexpression elimination
    Pruned,     ///< reaches no output, removed by pruning
};

/// A concrete function turned back into a document, so that the editor's drawing can show it.
/// The optimized graph is live; what the passes folded away or removed stays in the document,
/// ghosted, wired to what it was wired to when traced, titled by its fate ("pruned") when it has
/// no name, with a note saying which pass removed it and why.
struct ConcreteDocument {
    GraphData data;
    std::map<NodeId, TraceFate> fates;  ///< every node; ghosted ones are neither Kept nor FoldResult
    std::map<NodeId, QString> notes;    ///< why a node is ghosted, or what it was folded from
    std::set<ConnectionId> ghostConnections;
    int tracedNodes = 0;    ///< nodes of the graph as traced
    int optimizedNodes = 0; ///< nodes after the passes

    bool ghost(NodeId id) const;
    bool ghost(ConnectionId id) const { return ghostConnections.count(id) > 0; }
};

/// The concrete function's graph, optimized, with what the passes removed ghosted beside it. The
/// output is the document's target, labelled `resultName` when it has no name of its own.
ConcreteDocument concreteDocument(const ConcreteFunction& function, const QString& resultName);

/// The concrete function's backward graph (ConcreteFunction::backwardGraph): outputs are the value
/// (the target) and one gradient per tensor parameter and trainable variable, labelled
/// d<result>/d<name>. It is built already optimized, so nothing is ghosted.
ConcreteDocument backwardDocument(const ConcreteFunction& function, const QString& resultName);

/// Any graph as a document, every node live (no passes to show).
ConcreteDocument graphDocument(const Graph& graph, const QString& resultName);

} // namespace gs
