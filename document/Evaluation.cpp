#include "document/Evaluation.h"

#include "document/Evaluator.h"

namespace gs {

const NodeResult* Evaluation::node(NodeId id) const
{
    auto it = nodes.find(id);
    return it == nodes.end() ? nullptr : &it->second;
}

DType documentDType(const GraphData& data)
{
    for (const auto& [id, n] : data.nodes)
        if (n.value && n.value->dtype && isFloating(*n.value->dtype)) // an int32 constant leaves the numbers float
            return *n.value->dtype;
    return DType::Float32;
}

Evaluation evaluate(const GraphData& data, const EvaluationOptions& options)
{
    Evaluation result;
    detail::Evaluator evaluator(data, options, result);
    const std::vector<NodeId> sources = evaluator.run();
    if (result.value)
        analyseEvaluation(data, sources, evaluator.owners(), result);
    return result;
}

} // namespace gs
