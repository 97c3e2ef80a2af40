#include "engine/graph/Executor.h"

#include "engine/core/EngineError.h"
#include "engine/core/FloatEnvironment.h"
#include "engine/ops/Apply.h"

#include <array>

namespace gs {

void checkGraphInputs(const Graph& graph, const std::vector<Tensor>& inputs)
{
    if (inputs.size() != graph.inputs.size())
        throw EngineError("the graph takes " + std::to_string(graph.inputs.size()) + " inputs, got "
                          + std::to_string(inputs.size()));
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const GraphNode& n = graph.nodes[static_cast<std::size_t>(graph.inputs[i])];
        if (inputs[i].dtype() != n.type.dtype || inputs[i].shape() != n.type.shape)
            throw EngineError("input '" + n.name + "' expects " + std::string(dtypeName(n.type.dtype)) + " "
                              + n.type.shape.str() + ", got " + std::string(dtypeName(inputs[i].dtype())) + " "
                              + inputs[i].shape().str());
    }
}

namespace {

template <class RunOp>
std::vector<Tensor> run(const Graph& graph, const std::vector<Tensor>& inputs, RunOp&& runOp)
{
    checkGraphInputs(graph, inputs);
    std::vector<Tensor> values(graph.nodes.size());
    for (std::size_t i = 0; i < graph.inputs.size(); ++i)
        values[static_cast<std::size_t>(graph.inputs[i])] = inputs[i];
    std::array<Tensor, 3> few;
    std::vector<Tensor> many;
    for (std::size_t k = 0; k < graph.nodes.size(); ++k) {
        const GraphNode& n = graph.nodes[k];
        switch (n.kind) {
        case GraphNode::Kind::Input: break;
        case GraphNode::Kind::Constant: values[k] = n.value; break;
        case GraphNode::Kind::Variable: values[k] = n.variable.value(); break;
        case GraphNode::Kind::Op: {
            const std::size_t count = n.inputs.size();
            // A one-input op reads its argument in place: copying Tensors into the argument
            // array was a third of a traced scalar chain's time (callgrind, issue 16).
            if (count == 1) {
                values[k] = runOp(n, std::span<const Tensor>(&values[static_cast<std::size_t>(n.inputs[0])], 1));
                break;
            }
            Tensor* args = few.data();
            if (count > few.size()) {
                many.resize(count);
                args = many.data();
            }
            for (std::size_t i = 0; i < count; ++i)
                args[i] = values[static_cast<std::size_t>(n.inputs[i])];
            values[k] = runOp(n, std::span<const Tensor>(args, count));
            break;
        }
        }
    }
    std::vector<Tensor> out;
    for (int o : graph.outputs)
        out.push_back(values[static_cast<std::size_t>(o)]);
    return out;
}

} // namespace

std::vector<Tensor> execute(const Graph& graph, const std::vector<Tensor>& inputs)
{
    TensorFlowFloatEnvironment environment;
    return run(graph, inputs, [](const GraphNode& n, std::span<const Tensor> args) {
        if (n.custom)
            return args.back();
        return n.op->forward(args, n.attrs);
    });
}

std::vector<Tensor> replay(const Graph& graph, const std::vector<Tensor>& inputs)
{
    return run(graph, inputs, [](const GraphNode& n, std::span<const Tensor> args) {
        if (n.custom) {
            const std::span<const Tensor> fnInputs = args.first(args.size() - 1);
            return recordCustomGradient(fnInputs, args.back(), n.custom);
        }
        return apply(*n.op, args, n.attrs);
    });
}

} // namespace gs
