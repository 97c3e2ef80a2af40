#pragma once

#include "engine/core/IdMap.h"
#include "engine/graph/Graph.h"

#include <string>
#include <unordered_map>

namespace gs {

/// Records every op that runs while it is active into a Graph: tracing is just another observer
/// of the single door (apply), like a tape. Tensors the graph has not seen become constants
/// (literals, captured values); variable reads become ReadVariableOp nodes.
class Tracer : public OpObserver {
public:
    Tracer();
    ~Tracer() override;
    Tracer(const Tracer&) = delete;
    Tracer& operator=(const Tracer&) = delete;

    /// Declares a tensor parameter: later ops on `t` read the Input node.
    void addInput(const Tensor& t, const std::string& name);
    /// Marks the function's results and stops tracing.
    Graph finish(const std::vector<Tensor>& outputs);

    void onOp(const OpRecord& record) override;
    void onVariableRead(const Variable& variable) override;
    void onName(const Tensor& tensor, const std::string& name) override;

private:
    int nodeFor(const Tensor& t);
    void stop();

    Graph graph_;
    IdMap nodes_;
    /// Names given to tensors the graph has not met yet (a labelled constant before its first use).
    std::unordered_map<TensorId, std::string> pendingNames_;
    bool active_ = true;
};

} // namespace gs
