#include "engine/ops/Apply.h"

#include "engine/core/EngineError.h"
#include "engine/core/FloatEnvironment.h"
#include "engine/ops/OpRegistry.h"

#include <algorithm>
#include <vector>

namespace gs {

namespace {
thread_local std::vector<OpObserver*> activeObservers;
thread_local int tapePauseDepth = 0;

const std::shared_ptr<const CustomGradFn> noCustomGradient;

// The checks every op call makes stay inline; building their messages is out of line, so the
// common path of a scalar op is a few compares (callgrind, issue 16).
[[noreturn]] [[gnu::noinline]] void throwArity(const OpDef& op, std::size_t count)
{
    const auto n = static_cast<int>(count);
    std::string expected = op.maxArity < 0 ? "at least " + std::to_string(op.minArity)
                           : op.minArity == op.maxArity
                               ? std::to_string(op.minArity)
                               : std::to_string(op.minArity) + " to " + std::to_string(op.maxArity);
    throw EngineError(op.name + ": expects " + expected + " argument" + (expected == "1" ? "" : "s")
                      + ", got " + std::to_string(n));
}

inline void checkArity(const OpDef& op, std::size_t count)
{
    const auto n = static_cast<int>(count);
    if (n < op.minArity || (op.maxArity >= 0 && n > op.maxArity))
        throwArity(op, count);
}

[[noreturn]] [[gnu::noinline]] void throwNoneArgument(const OpDef& op, std::size_t i)
{
    throw EngineError(op.name + ": argument " + op.inputName(i) + " (#" + std::to_string(i)
                      + ") is None, not a tensor");
}

/// The kernel under TensorFlow's float environment, its result returned directly (no default
/// Tensor made first and assigned to after).
Tensor forwardInEnvironment(const OpDef& op, std::span<const Tensor> inputs, const Attrs& attrs)
{
    TensorFlowFloatEnvironment environment;
    return op.forward(inputs, attrs);
}

/// The op on float scalars of one dtype through its scalar kernel (OpDef::scalar), or an
/// invalid Tensor when the call is not such a call. Ops with scalar kernels take float scalars
/// of one dtype to a scalar of that dtype (their shape rules can only agree), and the kernels
/// are forward's own functors (tst_scalar_plan), so skipping the rule and the dispatch changes
/// no result: it is the cost of a teaching graph's every op (callgrind, issue 16).
Tensor applyScalarKernel(const OpDef& op, std::span<const Tensor> inputs)
{
    const std::size_t n = inputs.size();
    if (n == 0 || n > 2 || op.composite)
        return Tensor();
    const Tensor& x = inputs[0];
    if (!x.valid() || x.rank() != 0)
        return Tensor();
    if (n == 2) {
        const Tensor& y = inputs[1];
        if (!op.scalar.binary32 || !y.valid() || y.rank() != 0 || y.dtype() != x.dtype())
            return Tensor();
    } else if (!op.scalar.unary32) {
        return Tensor();
    }
    const DType dtype = x.dtype();
    if (dtype != DType::Float32 && dtype != DType::Float64)
        return Tensor();
    Tensor output = Tensor::allocate(Shape::scalar(), dtype);
    TensorFlowFloatEnvironment environment;
    if (dtype == DType::Float32) {
        const float a = *x.data<float>();
        *output.mutableData<float>() = n == 2 ? op.scalar.binary32(a, *inputs[1].data<float>()) : op.scalar.unary32(a);
    } else {
        const double a = *x.data<double>();
        *output.mutableData<double>() = n == 2 ? op.scalar.binary64(a, *inputs[1].data<double>()) : op.scalar.unary64(a);
    }
    return output;
}

void notify(const OpRecord& record)
{
    for (OpObserver* observer : activeObservers)
        if (!(tapePauseDepth > 0 && observer->isTape()))
            observer->onOp(record);
}
} // namespace

namespace observers {
void activate(OpObserver* observer) { activeObservers.push_back(observer); }
void deactivate(OpObserver* observer)
{
    auto it = std::find(activeObservers.rbegin(), activeObservers.rend(), observer);
    if (it != activeObservers.rend())
        activeObservers.erase(std::next(it).base());
}
std::span<OpObserver* const> active() { return activeObservers; }
bool tapesPaused() { return tapePauseDepth > 0; }
void nameTensor(const Tensor& tensor, const std::string& name)
{
    for (OpObserver* o : activeObservers)
        o->onName(tensor, name);
}
} // namespace observers

TapePause::TapePause() { ++tapePauseDepth; }
TapePause::~TapePause() { --tapePauseDepth; }

TensorType inferType(const OpDef& op, std::span<const TensorType> inputs, const Attrs& attrs)
{
    checkArity(op, inputs.size());
    return op.infer(op, inputs, attrs);
}

Tensor apply(const OpDef& op, std::span<const Tensor> inputs, const Attrs& attrs)
{
    if (Tensor output = applyScalarKernel(op, inputs); output.valid()) {
        if (!activeObservers.empty())
            notify(OpRecord{op, inputs, attrs, output, noCustomGradient});
        return output;
    }
    checkArity(op, inputs.size());
    TensorType types[4];
    std::vector<TensorType> manyTypes;
    std::span<const TensorType> typeSpan;
    auto typeOf = [&](std::size_t i) {
        if (!inputs[i].valid())
            throwNoneArgument(op, i);
        return TensorType{inputs[i].dtype(), inputs[i].shape()};
    };
    if (inputs.size() <= 4) {
        for (std::size_t i = 0; i < inputs.size(); ++i)
            types[i] = typeOf(i);
        typeSpan = std::span<const TensorType>(types, inputs.size());
    } else {
        for (std::size_t i = 0; i < inputs.size(); ++i)
            manyTypes.push_back(typeOf(i));
        typeSpan = manyTypes;
    }
    op.infer(op, typeSpan, attrs);
    if (op.composite)
        return op.composite(inputs, attrs);
    Tensor output = forwardInEnvironment(op, inputs, attrs);
    if (!activeObservers.empty())
        notify(OpRecord{op, inputs, attrs, output, noCustomGradient});
    return output;
}

Tensor apply(const OpDef& op, std::initializer_list<Tensor> inputs, const Attrs& attrs)
{
    return apply(op, std::span<const Tensor>(inputs.begin(), inputs.size()), attrs);
}

Tensor apply(std::string_view opName, std::span<const Tensor> inputs, const Attrs& attrs)
{
    return apply(OpRegistry::instance().get(opName), inputs, attrs);
}

Tensor recordCustomGradient(std::span<const Tensor> inputs, const Tensor& output,
                            std::shared_ptr<const CustomGradFn> gradient)
{
    static const OpDef& customOp = OpRegistry::instance().get("custom_gradient");
    const Tensor result = output.withId(newTensorId());
    if (!activeObservers.empty())
        notify(OpRecord{customOp, inputs, Attrs{}, result, gradient, &output});
    return result;
}

} // namespace gs
