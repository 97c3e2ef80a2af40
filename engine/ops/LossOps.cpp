// sigmoid_cross_entropy_with_logits (a composite, as TensorFlow's Python builds it) and l2_loss
// (TensorFlow's L2Loss kernel and gradient).
#include "engine/core/EngineError.h"
#include "engine/ops/Apply.h"
#include "engine/ops/OpHandle.h"
#include "engine/ops/Ops.h"
#include "engine/ops/ShapeRules.h"

namespace gs {

void registerLossOps(OpRegistry& registry)
{
    OpDef sigmoidCrossEntropy;
    sigmoidCrossEntropy.name = "sigmoid_cross_entropy_with_logits";
    sigmoidCrossEntropy.summary =
        "max(x, 0) - x * z + log1p(exp(-|x|)) for logits x and labels z, never overflowing";
    sigmoidCrossEntropy.category = "loss";
    sigmoidCrossEntropy.minArity = sigmoidCrossEntropy.maxArity = 2;
    sigmoidCrossEntropy.inputNames = {"labels", "logits"};
    sigmoidCrossEntropy.infer = [](const OpDef& op, std::span<const TensorType> in, const Attrs&) {
        rules::requireFloating(op, in, 0);
        rules::requireSameDType(op, in, 0, 1);
        if (in[0].shape != in[1].shape)
            throw EngineError(op.name + ": labels and logits must have the same shape, got "
                              + in[0].shape.str() + " and " + in[1].shape.str());
        return in[1];
    };
    // TensorFlow's nn_impl.py: max and |x| are written with where(x >= 0, ...) so that the
    // gradient at 0 is defined; it is sigmoid(x) - z for the logits and -x for the labels.
    sigmoidCrossEntropy.composite = [](std::span<const Tensor> in, const Attrs&) {
        const Tensor& labels = in[0];
        const Tensor& logits = in[1];
        const Tensor zeros = Tensor::zeros(logits.shape(), logits.dtype());
        const Tensor cond = greater_equal(logits, zeros);
        const Tensor reluLogits = where(cond, logits, zeros);
        const Tensor negAbsLogits = where(cond, neg(logits), logits);
        return add(sub(reluLogits, mul(logits, labels)), log1p(exp(negAbsLogits)));
    };
    registry.add(std::move(sigmoidCrossEntropy));

    OpDef l2Loss;
    l2Loss.name = "l2_loss";
    l2Loss.summary = "sum(t ** 2) / 2, a scalar";
    l2Loss.category = "loss";
    l2Loss.inputNames = {"t"};
    l2Loss.infer = [](const OpDef& op, std::span<const TensorType> in, const Attrs&) {
        rules::requireFloating(op, in, 0);
        return TensorType{in[0].dtype, Shape::scalar()};
    };
    // TensorFlow's kernel: sum(square(t) * 0.5)
    l2Loss.forward = [](std::span<const Tensor> in, const Attrs&) {
        return dispatchFloating(in[0].dtype(), [&](auto tag) {
            using T = decltype(tag);
            Tensor t = Tensor::allocate(Shape::scalar(), in[0].dtype());
            *t.mutableData<T>() = (in[0].array<T>().square() * T(0.5)).sum();
            return t;
        });
    };
    // TensorFlow's L2Loss gradient: t * upstream
    l2Loss.gradient = [](const GradContext& c) -> Gradients {
        return {mul(c.inputs[0], c.upstream)};
    };
    registry.add(std::move(l2Loss));
}

Tensor sigmoid_cross_entropy_with_logits(const Tensor& labels, const Tensor& logits)
{
    static const OpDef& op = opNamed("sigmoid_cross_entropy_with_logits");
    return apply(op, {labels, logits});
}
Tensor l2_loss(const Tensor& t)
{
    static const OpDef& op = opNamed("l2_loss");
    return apply(op, {t});
}

} // namespace gs
