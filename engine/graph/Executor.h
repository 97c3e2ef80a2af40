#pragma once

#include "engine/graph/Graph.h"

#include <vector>

namespace gs {

/// Runs a graph with the forward kernels directly: no shape checks (tracing did them), no
/// observers, one floating-point environment for the whole run. The same kernels in the same
/// order as eager mode, so results are bit-identical.
std::vector<Tensor> execute(const Graph& graph, const std::vector<Tensor>& inputs);

/// Throws an EngineError naming the input when `inputs` do not match the graph's parameters in
/// number, dtype and shape.
void checkGraphInputs(const Graph& graph, const std::vector<Tensor>& inputs);

/// Runs a graph op by op through apply(), so tapes record it (to differentiate a traced function
/// eagerly) and event logs see it.
std::vector<Tensor> replay(const Graph& graph, const std::vector<Tensor>& inputs);

} // namespace gs
