#include "engine/autodiff/Variable.h"

#include "engine/core/EngineError.h"
#include "engine/ops/OpObserver.h"
#include "engine/ops/Ops.h"

namespace gs {

Variable::Variable(Tensor initial, bool trainable, std::string name)
    : state_(std::make_shared<State>())
{
    if (!initial.valid())
        throw EngineError("Variable: the initial value is None");
    state_->id = newTensorId();
    state_->value = initial.withId(state_->id);
    state_->trainable = trainable;
    state_->name = std::move(name);
}

namespace {
[[noreturn]] void throwUninitialised() { throw EngineError("the variable was never initialised"); }
} // namespace

Tensor Variable::value() const
{
    if (!state_)
        throwUninitialised();
    for (OpObserver* observer : observers::active())
        observer->onVariableRead(*this);
    return state_->value;
}

const Tensor& Variable::peek() const
{
    if (!state_)
        throwUninitialised();
    return state_->value;
}

void Variable::assign(const Tensor& value)
{
    const Tensor& current = peek();
    if (value.dtype() != current.dtype() || value.shape() != current.shape())
        throw EngineError("assign to variable '" + state_->name + "': expected " + std::string(dtypeName(current.dtype()))
                          + " of shape " + current.shape().str() + ", got " + std::string(dtypeName(value.dtype()))
                          + " of shape " + value.shape().str());
    state_->value = value.withId(state_->id);
}

namespace {
void requireSameShape(const Variable& v, const Tensor& delta, const char* what)
{
    if (delta.shape() != v.shape())
        throw EngineError(std::string(what) + " to variable '" + v.name() + "': cannot update a variable of shape "
                          + v.shape().str() + " with a tensor of shape " + delta.shape().str()
                          + "; shapes must be equal");
}
} // namespace

void Variable::assign_add(const Tensor& delta)
{
    requireSameShape(*this, delta, "assign_add");
    TapePause pause;
    assign(add(peek(), delta));
}

void Variable::assign_sub(const Tensor& delta)
{
    requireSameShape(*this, delta, "assign_sub");
    TapePause pause;
    assign(sub(peek(), delta));
}

TensorId Variable::id() const
{
    if (!state_)
        throwUninitialised();
    return state_->id;
}
bool Variable::trainable() const { return state_ && state_->trainable; }
const std::string& Variable::name() const
{
    if (!state_)
        throwUninitialised();
    return state_->name;
}

} // namespace gs
