#include "engine/graph/Tracer.h"

#include "engine/core/EngineError.h"

namespace gs {

Tracer::Tracer() { observers::activate(this); }

Tracer::~Tracer() { stop(); }

void Tracer::stop()
{
    if (active_) {
        observers::deactivate(this);
        active_ = false;
    }
}

void Tracer::addInput(const Tensor& t, const std::string& name)
{
    GraphNode n;
    n.kind = GraphNode::Kind::Input;
    n.type = {t.dtype(), t.shape()};
    n.name = name;
    const int index = graph_.add(std::move(n));
    graph_.inputs.push_back(index);
    nodes_.set(t.id(), index);
}

int Tracer::nodeFor(const Tensor& t)
{
    if (const int found = nodes_.find(t.id()); found != IdMap::missing)
        return found;
    GraphNode n;
    n.kind = GraphNode::Kind::Constant;
    n.type = {t.dtype(), t.shape()};
    n.value = t;
    if (auto pending = pendingNames_.find(t.id()); pending != pendingNames_.end())
        n.name = pending->second;
    const int index = graph_.add(std::move(n));
    nodes_.set(t.id(), index);
    return index;
}

void Tracer::onVariableRead(const Variable& variable)
{
    if (nodes_.contains(variable.id()))
        return;
    GraphNode n;
    n.kind = GraphNode::Kind::Variable;
    n.type = {variable.dtype(), variable.shape()};
    n.variable = variable;
    n.name = variable.name();
    nodes_.set(variable.id(), graph_.add(std::move(n)));
}

void Tracer::onName(const Tensor& tensor, const std::string& name)
{
    if (!active_ || !tensor.valid())
        return;
    if (const int found = nodes_.find(tensor.id()); found != IdMap::missing) {
        GraphNode& n = graph_.nodes[static_cast<std::size_t>(found)];
        // Parameters and variables keep their own names; an op or constant takes the first label.
        if (n.name.empty() && (n.kind == GraphNode::Kind::Op || n.kind == GraphNode::Kind::Constant))
            n.name = name;
        return;
    }
    pendingNames_.emplace(tensor.id(), name);
}

void Tracer::onOp(const OpRecord& record)
{
    GraphNode n;
    n.kind = GraphNode::Kind::Op;
    n.op = &record.op;
    n.attrs = record.attrs;
    n.type = {record.output.dtype(), record.output.shape()};
    for (const Tensor& in : record.inputs)
        n.inputs.push_back(nodeFor(in));
    if (record.custom) {
        n.custom = record.custom;
        n.inputs.push_back(nodeFor(*record.customForward));
    }
    nodes_.set(record.output.id(), graph_.add(std::move(n)));
}

Graph Tracer::finish(const std::vector<Tensor>& outputs)
{
    stop();
    for (const Tensor& t : outputs) {
        if (!t.valid())
            throw EngineError("trace: the function returned None");
        graph_.outputs.push_back(nodeFor(t));
    }
    return std::move(graph_);
}

} // namespace gs
