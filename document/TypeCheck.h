#pragma once

#include "document/GraphData.h"
#include "engine/ops/OpDef.h"

#include <optional>
#include <unordered_map>

namespace gs {

/// What a node produces, as far as it can be known without running anything.
struct NodeCheck {
    std::optional<TensorType> type; ///< unset while an input (or a value) is unknown or wrong
    QString error;                  ///< set on the node that causes a problem, with the reason
};

/// Infers the dtype and shape of every node from the declared values and the ops' shape rules,
/// checking arity (every port connected, port counts the op accepts) and the gradients of custom
/// gradient nodes (one per input, shaped like it). An error is attached only to the node that
/// causes it; nodes downstream simply have no type. Variables without a value have no type (they
/// get one when evaluated with values). `dtype` is as in EvaluationOptions::dtype.
std::unordered_map<NodeId, NodeCheck> checkTypes(const GraphData& data, std::optional<DType> dtype = std::nullopt);

} // namespace gs
