// matmul.
#include "engine/core/EngineError.h"
#include "engine/core/FloatEnvironment.h"
#include "engine/ops/Apply.h"
#include "engine/ops/FusedGradient.h"
#include "engine/ops/OpHandle.h"
#include "engine/ops/Ops.h"
#include "engine/ops/ShapeRules.h"

namespace gs {

namespace {

/// Whether Eigen computes a rows x cols product over `depth` with its blocked GEMM. GEMM packs
/// each operand into the same panels whatever its storage order, so a transposed operand read in
/// place gives the bits of the product with the transpose materialized. A vector-shaped result
/// (GEMV) or a small product (a coefficient loop) sums in an order that follows the storage
/// order, so those keep the transpose op.
bool eigenUsesGemm(std::int64_t rows, std::int64_t cols, std::int64_t depth)
{
    return rows > 1 && cols > 1 && depth > 0 && depth + rows + cols >= EIGEN_GEMM_TO_COEFFBASED_THRESHOLD;
}

/// lhs @ rhs with either operand read transposed, without a transpose op (the fused path of
/// matmul's gradient, see fusedGradientAllowed).
Tensor productOfTransposed(const Tensor& lhs, bool transposeLhs, const Tensor& rhs, bool transposeRhs)
{
    TensorFlowFloatEnvironment environment;
    return dispatchFloating(lhs.dtype(), [&](auto tag) {
        using T = decltype(tag);
        const auto l = lhs.array<T>().matrix();
        const auto r = rhs.array<T>().matrix();
        const std::int64_t rows = transposeLhs ? l.cols() : l.rows();
        const std::int64_t cols = transposeRhs ? r.rows() : r.cols();
        Tensor t = Tensor::allocate(Shape::matrix(rows, cols), lhs.dtype());
        auto out = t.mutableArray<T>().matrix();
        if (transposeLhs)
            out.noalias() = l.transpose() * r;
        else
            out.noalias() = l * r.transpose();
        return t;
    });
}

} // namespace

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
        const Tensor& a = c.inputs[0];
        const Tensor& b = c.inputs[1];
        const Tensor& u = c.upstream;
        const bool fused = gradientOpsUnobserved() && u.dtype() == a.dtype() && u.rank() == 2
                           && u.shape().rows == a.shape().rows && u.shape().cols == b.shape().cols;
        Gradients g(2);
        if (c.needs(0))
            g[0] = fused && eigenUsesGemm(u.shape().rows, b.shape().rows, u.shape().cols)
                       ? productOfTransposed(u, false, b, true)
                       : gs::matmul(u, transpose(b));
        if (c.needs(1))
            g[1] = fused && eigenUsesGemm(a.shape().cols, u.shape().cols, u.shape().rows)
                       ? productOfTransposed(a, true, u, false)
                       : gs::matmul(transpose(a), u);
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
