#include "engine/autodiff/CustomGradient.h"

#include "engine/core/EngineError.h"
#include "engine/ops/Apply.h"

namespace gs {

Tensor customGradient(std::span<const Tensor> inputs, const std::function<CustomForward(std::span<const Tensor>)>& f)
{
    CustomForward forward;
    {
        TapePause pause;
        forward = f(inputs);
    }
    if (!forward.output.valid())
        throw EngineError("custom gradient: the function returned no output");
    if (!forward.gradient)
        throw EngineError("custom gradient: the function returned no gradient function");
    return recordCustomGradient(inputs, forward.output, std::make_shared<const CustomGradFn>(std::move(forward.gradient)));
}

Tensor customGradient(const Tensor& x,
                      const std::function<std::pair<Tensor, std::function<Tensor(const Tensor&)>>(const Tensor&)>& f)
{
    const Tensor inputs[] = {x};
    return customGradient(inputs, [&](std::span<const Tensor> in) {
        auto result = f(in[0]);
        return CustomForward{result.first, [grad = std::move(result.second)](const Tensor& dy) -> Gradients { return {grad(dy)}; }};
    });
}

} // namespace gs
