#pragma once

#include "document/DocumentIds.h"

#include <QString>

#include <memory>

namespace gs {

struct GraphData;

/// How a node is called in text written for people: reasons, the answer box, hover cards, the
/// step panel, handouts. Its label when it has one ("w2", "s"); otherwise what it computes,
/// written as in the formula bar with labelled values by name ("w1 ** 2",
/// "stop_gradient(2 * w1 * w2)"), inner parts elided ("log(…)") until it fits `maxLength`
/// characters. A student never sees GraphData::displayName()'s "stop_gradient#10", whose id the
/// canvas shows nowhere; that one stays for files, JSON keys and error messages about a file.
QString friendlyName(const GraphData& data, NodeId id, int maxLength = 30);

/// friendlyName() for many nodes of one graph (a list of every node): the graph's connections
/// are indexed once, at the first unlabelled node. Valid while `data` does not change.
class NodeNamer {
public:
    explicit NodeNamer(const GraphData& data);
    ~NodeNamer();
    QString name(NodeId id, int maxLength = 30) const;

private:
    class Writer;
    const GraphData& data_;
    mutable std::unique_ptr<Writer> writer_;
};

/// friendlyName() ready for a sentence: in quotes when it is an expression ("“2 * w1 * ?”
/// has no value"), bare when it is a name ("w1 has no value").
QString quotedName(const GraphData& data, NodeId id, int maxLength = 30);

/// friendlyName() ready to follow ∂ in a derivative: in parentheses when it has spaces
/// ("∂(3 * a)/∂b"), bare otherwise ("∂f/∂w2", "∂exp(x)/∂x").
QString derivativeName(const GraphData& data, NodeId id, int maxLength = 30);

} // namespace gs
