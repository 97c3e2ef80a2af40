// matmul.
#include "engine/core/EngineError.h"
#include "engine/ops/Apply.h"
#include "engine/ops/OpHandle.h"
#include "engine/ops/Ops.h"
#include "engine/ops/ShapeRules.h"

namespace gs {

void registerLinalgOps(OpRegistry& registry)
{
    OpDef matmul;
    matmul.name = "matmul";
    matmul.summary = "matrix product a @ b of two matrices";
    matmul.category = "linalg";
    matmul.minArity = matmul.maxArity = 2;
    matmul.inputNames = {"a", "b"};
    matmul.infer = [](const OpDef& op, std::span<const TensorType> in, const Attrs&) {
        rules::requireFloating(op, in, 0);
        rules::requireSameDType(op, in, 0, 1);
        if (in[0].shape.rank != 2 || in[1].shape.rank != 2)
            throw EngineError("matmul: both arguments must be matrices (rank 2); a has shape " + in[0].shape.str()
                              + " and b has shape " + in[1].shape.str());
        if (in[0].shape.cols != in[1].shape.rows)
            throw EngineError("matmul: a has shape " + in[0].shape.str() + " and b has shape " + in[1].shape.str()
                              + ": a's columns (" + std::to_string(in[0].shape.cols) + ") must equal b's rows ("
                              + std::to_string(in[1].shape.rows) + ")");
        return TensorType{in[0].dtype, Shape::matrix(in[0].shape.rows, in[1].shape.cols)};
    };
    matmul.forward = [](std::span<const Tensor> in, const Attrs&) {
        return dispatchFloating(in[0].dtype(), [&](auto tag) {
            using T = decltype(tag);
            const Shape out = Shape::matrix(in[0].shape().rows, in[1].shape().cols);
            Tensor t = Tensor::allocate(out, in[0].dtype());
            t.mutableArray<T>().matrix().noalias() = in[0].array<T>().matrix() * in[1].array<T>().matrix();
            return t;
        });
    };
    // d/da = upstream @ b^T, d/db = a^T @ upstream
    matmul.gradient = [](const GradContext& c) -> Gradients {
        Gradients g(2);
        if (c.needs(0))
            g[0] = gs::matmul(c.upstream, transpose(c.inputs[1]));
        if (c.needs(1))
            g[1] = gs::matmul(transpose(c.inputs[0]), c.upstream);
        return g;
    };
    registry.add(std::move(matmul));
}

Tensor matmul(const Tensor& a, const Tensor& b)
{
    static const OpDef& op = opNamed("matmul");
    return apply(op, {a, b});
}

} // namespace gs
