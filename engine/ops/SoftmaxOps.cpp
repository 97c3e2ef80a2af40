// softmax, log_softmax and softmax_cross_entropy_with_logits along one axis, computed stably by
// shifting by the maximum as TensorFlow's kernels do, with TensorFlow's gradients (nn_grad.py).
#include "engine/core/EngineError.h"
#include "engine/ops/Apply.h"
#include "engine/ops/OpHandle.h"
#include "engine/ops/Ops.h"
#include "engine/ops/ShapeRules.h"

namespace gs {

namespace {

/// The axis attribute (default -1, the last axis) normalised for `shape`.
int classAxis(const Shape& shape, const Attrs& attrs, const char* op)
{
    return normaliseAxis(static_cast<int>(attrs.integer("axis", -1)), shape.rank, op);
}

/// True when the classes run down the columns (axis 0 of a matrix) rather than along the rows.
bool classesDownColumns(const Shape& shape, int axis) { return shape.rank == 2 && axis == 0; }

void requireRankOne(const OpDef& op, const Shape& shape, const char* what)
{
    if (shape.rank == 0)
        throw EngineError(op.name + ": " + what
                          + " must have at least one dimension (the classes), got a scalar");
}

TensorType inferSoftmax(const OpDef& op, std::span<const TensorType> in, const Attrs& attrs)
{
    rules::requireFloating(op, in, 0);
    requireRankOne(op, in[0].shape, "logits");
    classAxis(in[0].shape, attrs, op.name.c_str());
    return in[0];
}

/// The tensor as an array whose rows are the class vectors.
template <class T> ArrayX<T> classRows(const Tensor& x, int axis)
{
    if (classesDownColumns(x.shape(), axis))
        return x.array<T>().transpose();
    return x.array<T>();
}

/// Applies `rows` (a function of an array whose rows are the class vectors) along the class axis.
template <class T, class F> ArrayX<T> alongClasses(const Tensor& x, int axis, F&& rows)
{
    const ArrayX<T> result = rows(classRows<T>(x, axis));
    if (classesDownColumns(x.shape(), axis))
        return result.transpose();
    return result;
}

/// TensorFlow's SoftmaxFunctor: e = exp(x - max(x)), then e * (1 / sum(e)).
template <class T> ArrayX<T> softmaxRows(const ArrayX<T>& a)
{
    const ArrayX<T> e = (a.colwise() - a.rowwise().maxCoeff()).exp();
    return e.colwise() * e.rowwise().sum().inverse();
}

/// TensorFlow's log softmax: (x - max(x)) - log(sum(exp(x - max(x)))).
template <class T> ArrayX<T> logSoftmaxRows(const ArrayX<T>& a)
{
    const ArrayX<T> shifted = a.colwise() - a.rowwise().maxCoeff();
    return shifted.colwise() - shifted.exp().rowwise().sum().log();
}

template <bool Log> Tensor softmaxForward(std::span<const Tensor> in, const Attrs& attrs)
{
    const Tensor& x = in[0];
    const int axis = classAxis(x.shape(), attrs, "softmax");
    if (x.size() == 0)
        return Tensor::allocate(x.shape(), x.dtype());
    return dispatchFloating(x.dtype(), [&](auto tag) {
        using T = decltype(tag);
        return Tensor::fromArray<T>(x.shape(), alongClasses<T>(x, axis, [](const ArrayX<T>& a) {
                                        return Log ? logSoftmaxRows<T>(a) : softmaxRows<T>(a);
                                    }));
    });
}

OpDef softmaxOp(const char* name, const char* summary)
{
    OpDef op;
    op.name = name;
    op.summary = summary;
    op.category = "activation";
    op.inputNames = {"logits"};
    op.attrs = {{"axis", std::int64_t{-1}, "the axis of the classes"}};
    op.infer = inferSoftmax;
    return op;
}

/// The loss's shape: the logits' shape without the class axis.
Shape lossShape(const Shape& s, int axis)
{
    if (s.rank <= 1)
        return Shape::scalar();
    return Shape::vector(axis == 0 ? s.cols : s.rows);
}

/// The logits' shape with the class axis set to 1: where the loss's gradient is broadcast from.
Shape keptShape(const Shape& s, int axis)
{
    Shape k = s;
    if (classesDownColumns(s, axis))
        k.rows = 1;
    else
        k.cols = 1;
    return k;
}

TensorType inferCrossEntropy(const OpDef& op, std::span<const TensorType> in, const Attrs& attrs)
{
    rules::requireFloating(op, in, 0);
    rules::requireSameDType(op, in, 0, 1);
    if (in[0].shape != in[1].shape)
        throw EngineError(op.name + ": labels and logits must have the same shape, got "
                          + in[0].shape.str() + " and " + in[1].shape.str());
    requireRankOne(op, in[1].shape, "logits");
    return {in[1].dtype, lossShape(in[1].shape, classAxis(in[1].shape, attrs, op.name.c_str()))};
}

} // namespace

void registerSoftmaxOps(OpRegistry& registry)
{
    OpDef softmax = softmaxOp("softmax", "exp(x) / sum(exp(x)) along an axis, computed stably");
    softmax.forward = softmaxForward<false>;
    // TensorFlow's Softmax gradient: (upstream - sum(upstream * y)) * y along the axis
    softmax.gradient = [](const GradContext& c) -> Gradients {
        const Tensor& y = c.output;
        const int axis = classAxis(y.shape(), c.attrs, "softmax");
        return {mul(sub(c.upstream, reduce_sum(mul(c.upstream, y), axis, true)), y)};
    };
    registry.add(std::move(softmax));

    OpDef logSoftmax =
        softmaxOp("log_softmax", "x - log(sum(exp(x))) along an axis, computed stably");
    logSoftmax.forward = softmaxForward<true>;
    // TensorFlow's LogSoftmax gradient: upstream - sum(upstream) * exp(y) along the axis
    logSoftmax.gradient = [](const GradContext& c) -> Gradients {
        const Tensor& y = c.output;
        const int axis = classAxis(y.shape(), c.attrs, "log_softmax");
        return {sub(c.upstream, mul(reduce_sum(c.upstream, axis, true), exp(y)))};
    };
    registry.add(std::move(logSoftmax));

    OpDef crossEntropy;
    crossEntropy.name = "softmax_cross_entropy_with_logits";
    crossEntropy.summary = "-sum(labels * log_softmax(logits)) along an axis, computed stably";
    crossEntropy.category = "loss";
    crossEntropy.minArity = crossEntropy.maxArity = 2;
    crossEntropy.inputNames = {"labels", "logits"};
    crossEntropy.attrs = {{"axis", std::int64_t{-1}, "the axis of the classes"}};
    crossEntropy.infer = inferCrossEntropy;
    // TensorFlow's kernel: sum(labels * (log(sum(exp(x - max))) - (x - max))) per class vector.
    crossEntropy.forward = [](std::span<const Tensor> in, const Attrs& attrs) {
        const Tensor& labels = in[0];
        const Tensor& logits = in[1];
        const int axis = classAxis(logits.shape(), attrs, "softmax_cross_entropy_with_logits");
        // No classes: each loss is an empty sum, 0.
        if (logits.size() == 0)
            return Tensor::zeros(lossShape(logits.shape(), axis), logits.dtype());
        return dispatchFloating(logits.dtype(), [&](auto tag) {
            using T = decltype(tag);
            const ArrayX<T> z = classRows<T>(labels, axis);
            const ArrayX<T> x = classRows<T>(logits, axis);
            const ArrayX<T> shifted = x.colwise() - x.rowwise().maxCoeff();
            const ArrayX<T> logSum = shifted.exp().rowwise().sum().log();
            const ArrayX<T> loss = (z * ((-shifted).colwise() + logSum.col(0))).rowwise().sum();
            Tensor t = Tensor::allocate(lossShape(logits.shape(), axis), logits.dtype());
            std::copy(loss.data(), loss.data() + loss.size(), t.mutableData<T>());
            return t;
        });
    };
    // TensorFlow's gradient: upstream * (softmax(logits) - labels) for the logits and
    // upstream * -log_softmax(logits) for the labels. TensorFlow takes the first from the
    // kernel's second output, whose own gradient reaches only the logits, so TensorFlow's mixed
    // second derivative (logits, then labels) is 0; this rule, written with ops, gives the true
    // value, -upstream.
    crossEntropy.gradient = [](const GradContext& c) -> Gradients {
        const Tensor& labels = c.inputs[0];
        const Tensor& logits = c.inputs[1];
        const int axis = classAxis(logits.shape(), c.attrs, "softmax_cross_entropy_with_logits");
        const Tensor g = reshape(c.upstream, keptShape(logits.shape(), axis).dims());
        Gradients grads(2);
        if (c.needs(0))
            grads[0] = mul(g, neg(gs::log_softmax(logits, axis)));
        if (c.needs(1))
            grads[1] = mul(g, sub(gs::softmax(logits, axis), labels));
        return grads;
    };
    registry.add(std::move(crossEntropy));
}

Tensor softmax(const Tensor& logits, int axis)
{
    static const OpDef& op = opNamed("softmax");
    return apply(op, {logits}, axis == -1 ? Attrs{} : Attrs{{"axis", std::int64_t{axis}}});
}
Tensor log_softmax(const Tensor& logits, int axis)
{
    static const OpDef& op = opNamed("log_softmax");
    return apply(op, {logits}, axis == -1 ? Attrs{} : Attrs{{"axis", std::int64_t{axis}}});
}
Tensor softmax_cross_entropy_with_logits(const Tensor& labels, const Tensor& logits, int axis)
{
    static const OpDef& op = opNamed("softmax_cross_entropy_with_logits");
    return apply(op, {labels, logits}, axis == -1 ? Attrs{} : Attrs{{"axis", std::int64_t{axis}}});
}

} // namespace gs
