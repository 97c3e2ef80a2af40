#pragma once

#include "engine/graph/Graph.h"

#include <memory>
#include <vector>

namespace gs {

/// A traced graph made only of float32 (or only of float64) scalars, compiled once into a flat
/// list of steps over an array of numbers: each op is a call through its scalar kernel
/// (OpDef::scalar), with no Tensor made between two ops. The 200-op chain of the book's tracing
/// section ran at about 30 ns an op through the Tensor executor, most of it outside the
/// arithmetic (a Tensor per node, argument copies; docs/performance.md); here an op costs its
/// arithmetic and an indirect call. The same kernels in the same order, in the same
/// floating-point environment, so the same bits as execute() and as eager mode.
class ScalarPlan {
public:
    /// The plan of `graph`, or null when a node is not a rank-0 tensor of the graph's one
    /// floating dtype, an op has no scalar kernel, or an op has a custom gradient.
    static std::unique_ptr<const ScalarPlan> of(const Graph& graph);

    /// What execute(graph, inputs) returns, for the graph the plan was made of (the same checks
    /// of the inputs, the same error messages).
    std::vector<Tensor> run(const Graph& graph, const std::vector<Tensor>& inputs) const;

    /// The number of op steps (for tests and the trace panel's curiosity).
    std::size_t opCount() const { return opCount_; }

private:
    struct Step {
        enum class Kind : unsigned char { Input, Variable, Unary, Binary };
        Kind kind = Kind::Unary;
        int out = 0;
        /// The operands' slots (Unary, Binary), the index among the graph's inputs (Input), or
        /// the node whose variable is read (Variable).
        int a = 0;
        int b = 0;
        const OpDef::ScalarKernels* kernels = nullptr; ///< the op's (Unary, Binary)
    };
    template <class T> std::vector<Tensor> runAs(const Graph& graph, const std::vector<Tensor>& inputs) const;

    DType dtype_ = DType::Float32;
    std::vector<Step> steps_;
    std::vector<double> constants_; ///< the initial slots: the constants' values, 0 elsewhere
    std::size_t opCount_ = 0;
};

} // namespace gs
