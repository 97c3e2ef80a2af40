#include "engine/graph/ScalarPlan.h"

#include "engine/core/FloatEnvironment.h"
#include "engine/graph/Executor.h"

#include <type_traits>

namespace gs {

namespace {

template <class T> T valueOf(const Tensor& t) { return *t.data<T>(); }

template <class T> T unary(const OpDef::ScalarKernels& k, T x)
{
    if constexpr (std::is_same_v<T, float>)
        return k.unary32(x);
    else
        return k.unary64(x);
}

template <class T> T binary(const OpDef::ScalarKernels& k, T x, T y)
{
    if constexpr (std::is_same_v<T, float>)
        return k.binary32(x, y);
    else
        return k.binary64(x, y);
}

} // namespace

std::unique_ptr<const ScalarPlan> ScalarPlan::of(const Graph& graph)
{
    if (graph.nodes.empty())
        return nullptr;
    const DType dtype = graph.nodes.front().type.dtype;
    if (dtype != DType::Float32 && dtype != DType::Float64)
        return nullptr;
    auto plan = std::unique_ptr<ScalarPlan>(new ScalarPlan);
    plan->dtype_ = dtype;
    plan->constants_.assign(graph.nodes.size(), 0.0);
    std::vector<int> inputIndex(graph.nodes.size(), -1);
    for (std::size_t i = 0; i < graph.inputs.size(); ++i)
        inputIndex[static_cast<std::size_t>(graph.inputs[i])] = static_cast<int>(i);
    for (std::size_t k = 0; k < graph.nodes.size(); ++k) {
        const GraphNode& n = graph.nodes[k];
        if (n.type.dtype != dtype || n.type.shape != Shape::scalar())
            return nullptr;
        Step step;
        step.out = static_cast<int>(k);
        switch (n.kind) {
        case GraphNode::Kind::Input:
            if (inputIndex[k] < 0)
                return nullptr;
            step.kind = Step::Kind::Input;
            step.a = inputIndex[k];
            break;
        case GraphNode::Kind::Constant:
            if (n.value.dtype() != dtype || n.value.size() != 1)
                return nullptr;
            plan->constants_[k] = dtype == DType::Float32 ? static_cast<double>(valueOf<float>(n.value))
                                                          : valueOf<double>(n.value);
            continue;
        case GraphNode::Kind::Variable:
            step.kind = Step::Kind::Variable;
            step.a = static_cast<int>(k);
            break;
        case GraphNode::Kind::Op: {
            if (n.custom || !n.op)
                return nullptr;
            // Both dtypes' kernels or neither (tst_scalar_plan checks the registry).
            const OpDef::ScalarKernels& kernels = n.op->scalar;
            if (n.inputs.size() == 1 && kernels.unary32 && kernels.unary64) {
                step.kind = Step::Kind::Unary;
            } else if (n.inputs.size() == 2 && kernels.binary32 && kernels.binary64) {
                step.kind = Step::Kind::Binary;
                step.b = n.inputs[1];
            } else {
                return nullptr;
            }
            step.kernels = &kernels;
            step.a = n.inputs[0];
            ++plan->opCount_;
            break;
        }
        }
        plan->steps_.push_back(step);
    }
    return plan;
}

std::vector<Tensor> ScalarPlan::run(const Graph& graph, const std::vector<Tensor>& inputs) const
{
    checkGraphInputs(graph, inputs);
    return dtype_ == DType::Float32 ? runAs<float>(graph, inputs) : runAs<double>(graph, inputs);
}

template <class T> std::vector<Tensor> ScalarPlan::runAs(const Graph& graph, const std::vector<Tensor>& inputs) const
{
    // Kept between calls, so that a call allocates only its results.
    thread_local std::vector<T> slots;
    slots.assign(constants_.begin(), constants_.end());
    TensorFlowFloatEnvironment environment;
    for (const Step& s : steps_) {
        T& out = slots[static_cast<std::size_t>(s.out)];
        switch (s.kind) {
        case Step::Kind::Unary:
            out = unary<T>(*s.kernels, slots[static_cast<std::size_t>(s.a)]);
            break;
        case Step::Kind::Binary:
            out = binary<T>(*s.kernels, slots[static_cast<std::size_t>(s.a)], slots[static_cast<std::size_t>(s.b)]);
            break;
        case Step::Kind::Input:
            out = valueOf<T>(inputs[static_cast<std::size_t>(s.a)]);
            break;
        case Step::Kind::Variable: {
            const Tensor v = graph.nodes[static_cast<std::size_t>(s.a)].variable.value();
            // A variable assigned a value of another dtype or shape since the trace: the
            // general executor does what it always did.
            if (v.dtype() != dtype_ || v.size() != 1)
                return execute(graph, inputs);
            out = valueOf<T>(v);
            break;
        }
        }
    }
    // Results as execute() gives them: a parameter, constant or variable returned as it is (the
    // same tensor), an op's result as a new one.
    std::vector<Tensor> results;
    results.reserve(graph.outputs.size());
    for (int o : graph.outputs) {
        const GraphNode& n = graph.nodes[static_cast<std::size_t>(o)];
        switch (n.kind) {
        case GraphNode::Kind::Input:
            for (std::size_t i = 0; i < graph.inputs.size(); ++i)
                if (graph.inputs[i] == o)
                    results.push_back(inputs[i]);
            break;
        case GraphNode::Kind::Constant: results.push_back(n.value); break;
        case GraphNode::Kind::Variable: results.push_back(n.variable.value()); break;
        case GraphNode::Kind::Op: {
            Tensor t = Tensor::allocate(Shape::scalar(), dtype_);
            *t.mutableData<T>() = slots[static_cast<std::size_t>(o)];
            results.push_back(std::move(t));
            break;
        }
        }
    }
    return results;
}

} // namespace gs
