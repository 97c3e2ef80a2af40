// matrix_inverse, matrix_determinant, trace, diag and diag_part on small matrices (Eigen), with
// TensorFlow's kernels and gradients (linalg_grad.py, array_grad.py).
#include "engine/core/EngineError.h"
#include "engine/ops/Apply.h"
#include "engine/ops/OpHandle.h"
#include "engine/ops/Ops.h"
#include "engine/ops/ShapeRules.h"

#include <Eigen/LU>

#include <cmath>
#include <limits>

namespace gs {

namespace {

template <class T> using ColMajor = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;

OpDef matrixOp(const char* name, const char* summary)
{
    OpDef op;
    op.name = name;
    op.summary = summary;
    op.category = "linalg";
    op.inputNames = {"input"};
    return op;
}

void requireSquare(const OpDef& op, const TensorType& t)
{
    if (t.shape.rank != 2 || t.shape.rows != t.shape.cols)
        throw EngineError(op.name + ": argument input must be a square matrix, got shape "
                          + t.shape.str());
}

/// TensorFlow's MatrixInverse kernel: a partially pivoted LU of the matrix (or of its transpose,
/// for adjoint), refused when a pivot is exactly 0.
template <class T> ColMajor<T> inverseOf(const Tensor& a, bool adjoint)
{
    const ColMajor<T> m = adjoint ? ColMajor<T>(a.array<T>().matrix().transpose())
                                  : ColMajor<T>(a.array<T>().matrix());
    if (m.size() == 0)
        return m;
    const Eigen::PartialPivLU<ColMajor<T>> lu(m);
    if (!(lu.matrixLU().diagonal().cwiseAbs().minCoeff() > T(0)))
        throw EngineError(
            "matrix_inverse: the matrix is not invertible (an exact zero pivot; TensorFlow: "
            "\"Input is not invertible.\")");
    return lu.inverse();
}

/// TensorFlow's MatrixDeterminant kernel: sign * exp(log|det|) from a partially pivoted LU, so a
/// singular matrix gives 0 and an overflowing determinant gives nan (sign 0 times exp(inf)).
template <class T> T determinantOf(const Tensor& a)
{
    T sign = 1;
    T logAbsDet = 0;
    if (a.size() > 0) {
        const Eigen::PartialPivLU<ColMajor<T>> lu{ColMajor<T>(a.array<T>().matrix())};
        const auto diag = lu.matrixLU().diagonal().array().eval();
        const auto absDiag = diag.cwiseAbs().eval();
        sign = static_cast<T>(lu.permutationP().determinant());
        logAbsDet += absDiag.log().sum();
        sign *= (diag / absDiag).prod();
    }
    if (!std::isfinite(logAbsDet)) {
        sign = 0;
        logAbsDet = logAbsDet > 0 ? std::numeric_limits<T>::infinity()
                                  : -std::numeric_limits<T>::infinity();
    }
    return sign * std::exp(logAbsDet);
}

/// tf.linalg.diag's output size: square unless num_rows or num_cols is given (TensorFlow's
/// MatrixDiagV3 with k = 0).
Shape diagShape(const OpDef& op, const Shape& diagonal, const Attrs& attrs)
{
    if (diagonal.rank != 1)
        throw EngineError(
            op.name + ": diagonal must be a vector (rank 1), got shape " + diagonal.str()
            + (diagonal.rank == 2 ? " (a batch of diagonals would make a rank-3 tensor)" : ""));
    const std::int64_t n = diagonal.cols;
    std::int64_t rows = attrs.integer("num_rows", -1);
    std::int64_t cols = attrs.integer("num_cols", -1);
    if ((rows != -1 && rows < n) || (cols != -1 && cols < n))
        throw EngineError(op.name
                          + ": num_rows and num_cols must be at least the diagonal's length "
                          + std::to_string(n));
    if (rows == -1 && cols == -1)
        rows = cols = n;
    else if (rows == -1)
        rows = n;
    else if (cols == -1)
        cols = n;
    if (rows != n && cols != n)
        throw EngineError(op.name + ": num_rows " + std::to_string(rows) + " and num_cols "
                          + std::to_string(cols) + " do not fit a diagonal of length "
                          + std::to_string(n));
    return Shape::matrix(rows, cols);
}

} // namespace

void registerMatrixOps(OpRegistry& registry)
{
    OpDef inverse = matrixOp("matrix_inverse", "inverse of a square matrix (tf.linalg.inv)");
    inverse.attrs = {{"adjoint", false, "invert the transpose instead"}};
    inverse.infer = [](const OpDef& op, std::span<const TensorType> in, const Attrs&) {
        rules::requireFloating(op, in, 0);
        requireSquare(op, in[0]);
        return in[0];
    };
    inverse.forward = [](std::span<const Tensor> in, const Attrs& attrs) {
        return dispatchFloating(in[0].dtype(), [&](auto tag) {
            using T = decltype(tag);
            return Tensor::fromArray<T>(in[0].shape(),
                                        inverseOf<T>(in[0], attrs.flag("adjoint", false)).array());
        });
    };
    // TensorFlow's MatrixInverse gradient with B = the output: -B^T @ (upstream @ B^T), or for
    // adjoint -B @ (upstream^T @ B).
    inverse.gradient = [](const GradContext& c) -> Gradients {
        const Tensor& b = c.output;
        if (c.attrs.flag("adjoint", false))
            return {neg(matmul(b, matmul(transpose(c.upstream), b)))};
        return {neg(matmul(transpose(b), matmul(c.upstream, transpose(b))))};
    };
    registry.add(std::move(inverse));

    OpDef determinant =
        matrixOp("matrix_determinant", "determinant of a square matrix (tf.linalg.det)");
    determinant.infer = [](const OpDef& op, std::span<const TensorType> in, const Attrs&) {
        rules::requireFloating(op, in, 0);
        requireSquare(op, in[0]);
        return TensorType{in[0].dtype, Shape::scalar()};
    };
    determinant.forward = [](std::span<const Tensor> in, const Attrs&) {
        return dispatchFloating(in[0].dtype(), [&](auto tag) {
            using T = decltype(tag);
            Tensor t = Tensor::allocate(Shape::scalar(), in[0].dtype());
            *t.mutableData<T>() = determinantOf<T>(in[0]);
            return t;
        });
    };
    // TensorFlow's MatrixDeterminant gradient: (upstream * det) * inv(A)^T, the inverse taken
    // with matrix_inverse(A, adjoint=True), so a singular A fails as in TensorFlow.
    determinant.gradient = [](const GradContext& c) -> Gradients {
        const Tensor& a = c.inputs[0];
        const Tensor inverseTransposed = matrix_inverse(a, true);
        return {mul(reshape(mul(c.upstream, c.output), {1, 1}), inverseTransposed)};
    };
    registry.add(std::move(determinant));

    OpDef diagPart =
        matrixOp("diag_part", "the main diagonal of a matrix, as a vector (tf.linalg.diag_part)");
    diagPart.infer = [](const OpDef& op, std::span<const TensorType> in, const Attrs&) {
        if (in[0].shape.rank != 2)
            throw EngineError(op.name + ": argument input must be a matrix (rank 2), got shape "
                              + in[0].shape.str());
        return TensorType{in[0].dtype, Shape::vector(std::min(in[0].shape.rows, in[0].shape.cols))};
    };
    diagPart.forward = [](std::span<const Tensor> in, const Attrs&) {
        return dispatchAny(in[0].dtype(), [&](auto tag) {
            using T = decltype(tag);
            const auto a = in[0].array<T>();
            const std::int64_t n = std::min(a.rows(), a.cols());
            Tensor t = Tensor::allocate(Shape::vector(n), in[0].dtype());
            for (std::int64_t i = 0; i < n; ++i)
                t.mutableData<T>()[i] = a(i, i);
            return t;
        });
    };
    // TensorFlow's MatrixDiagPart gradient: the upstream gradient placed on the diagonal of a
    // matrix of the input's shape
    diagPart.gradient = [](const GradContext& c) -> Gradients {
        const Shape& s = c.inputs[0].shape();
        return {diag(c.upstream, s.rows, s.cols)};
    };
    registry.add(std::move(diagPart));

    OpDef diagonal = matrixOp(
        "diag", "a matrix with the vector on its diagonal and zeros elsewhere (tf.linalg.diag)");
    diagonal.inputNames = {"diagonal"};
    diagonal.attrs = {
        {"num_rows", std::int64_t{-1}, "rows of the result (-1: as many as the diagonal)"},
        {"num_cols", std::int64_t{-1}, "columns of the result (-1: as many as the diagonal)"}};
    diagonal.infer = [](const OpDef& op, std::span<const TensorType> in, const Attrs& attrs) {
        return TensorType{in[0].dtype, diagShape(op, in[0].shape, attrs)};
    };
    diagonal.forward = [](std::span<const Tensor> in, const Attrs& attrs) {
        const Shape out = diagShape(opNamed("diag"), in[0].shape(), attrs);
        Tensor t = Tensor::zeros(out, in[0].dtype());
        dispatchAny(in[0].dtype(), [&](auto tag) {
            using T = decltype(tag);
            ArrayMap<T> m = t.mutableArray<T>();
            for (std::int64_t i = 0; i < in[0].size(); ++i)
                m(i, i) = in[0].data<T>()[i];
        });
        return t;
    };
    // TensorFlow's MatrixDiag gradient: the diagonal of the upstream gradient
    diagonal.gradient = [](const GradContext& c) -> Gradients { return {diag_part(c.upstream)}; };
    registry.add(std::move(diagonal));

    OpDef trace = matrixOp("trace", "sum of the main diagonal (tf.linalg.trace)");
    trace.inputNames = {"x"};
    trace.infer = [](const OpDef& op, std::span<const TensorType> in, const Attrs&) {
        rules::requireFloating(op, in, 0);
        if (in[0].shape.rank != 2)
            throw EngineError(op.name + ": argument x must be a matrix (rank 2), got shape "
                              + in[0].shape.str());
        return TensorType{in[0].dtype, Shape::scalar()};
    };
    // tf.linalg.trace is reduce_sum(matrix_diag_part(x), axis=-1): apply() expands it so.
    trace.composite = [](std::span<const Tensor> in, const Attrs&) {
        return reduce_sum(diag_part(in[0]), -1);
    };
    registry.add(std::move(trace));
}

Tensor matrix_inverse(const Tensor& a, bool adjoint)
{
    static const OpDef& op = opNamed("matrix_inverse");
    return apply(op, {a}, adjoint ? Attrs{{"adjoint", true}} : Attrs{});
}
Tensor matrix_determinant(const Tensor& a)
{
    static const OpDef& op = opNamed("matrix_determinant");
    return apply(op, {a});
}
Tensor trace(const Tensor& x)
{
    static const OpDef& op = opNamed("trace");
    return apply(op, {x});
}
Tensor diag(const Tensor& diagonal, std::int64_t numRows, std::int64_t numCols)
{
    static const OpDef& op = opNamed("diag");
    Attrs attrs;
    if (numRows != -1)
        attrs.set("num_rows", numRows);
    if (numCols != -1)
        attrs.set("num_cols", numCols);
    return apply(op, {diagonal}, attrs);
}
Tensor diag_part(const Tensor& x)
{
    static const OpDef& op = opNamed("diag_part");
    return apply(op, {x});
}

} // namespace gs
