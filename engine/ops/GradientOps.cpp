// Ops that exist to shape the backward pass: stop_gradient and custom_gradient.
#include "engine/core/EngineError.h"
#include "engine/ops/Apply.h"
#include "engine/ops/OpHandle.h"
#include "engine/ops/Ops.h"
#include "engine/ops/ShapeRules.h"

namespace gs {

void registerGradientOps(OpRegistry& registry)
{
    OpDef stop;
    stop.name = "stop_gradient";
    stop.summary = "x unchanged going forward; blocks gradients going back";
    stop.category = "gradient";
    stop.inputNames = {"x"};
    stop.infer = rules::unaryAny;
    stop.forward = [](std::span<const Tensor> in, const Attrs&) { return in[0].withId(newTensorId()); };
    // No gradient rule: TensorFlow registers StopGradient as not differentiable.
    registry.add(std::move(stop));

    OpDef custom;
    custom.name = "custom_gradient";
    custom.summary = "a forward computation paired with a user-written gradient (tf.custom_gradient)";
    custom.category = "gradient";
    custom.minArity = 1;
    custom.maxArity = -1;
    custom.inputNames = {"x"};
    // Its output is computed by the user's function and recorded by recordCustomGradient(),
    // together with the gradient function; it is never applied by name.
    custom.infer = [](const OpDef&, std::span<const TensorType>, const Attrs&) -> TensorType {
        throw EngineError("custom_gradient cannot be applied directly: use customGradient()");
    };
    registry.add(std::move(custom));
}

Tensor stop_gradient(const Tensor& x)
{
    static const OpDef& op = opNamed("stop_gradient");
    return apply(op, {x});
}

} // namespace gs
