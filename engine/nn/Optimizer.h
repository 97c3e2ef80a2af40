#pragma once

#include "engine/autodiff/Variable.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gs::nn {

/// Gradient clipping applied by apply_gradients before the update (Keras 3): clipnorm rescales
/// each gradient by its own norm, g * clipnorm / max(||g||, clipnorm); clipvalue clips each
/// element to [-clipvalue, clipvalue]. At most one of them may be set.
struct Clipping {
    std::optional<double> clipnorm;
    std::optional<double> clipvalue;
};

/// The bookkeeping every optimizer shares, after Keras 3's BaseOptimizer (and tinygrad): the
/// variables it was built with, the iteration count, the learning rate, clipping and the slots
/// (m, v, ...) per variable. A subclass contributes only its update rule.
///
/// Updates run on the raw elements, never through apply(), so no tape or event log sees them. They
/// are written to reproduce Keras's float32 arithmetic operation by operation: each Keras op
/// (multiply, add, sqrt, ...) is one C++ operation in the variable's dtype, in Keras's order, and
/// Python floats meet tensors rounded to that dtype, exactly as in TensorFlow eager mode. Sums over
/// many elements (clipnorm's norm) may differ from TensorFlow's reduction order in the last bit.
class Optimizer {
public:
    Optimizer(std::string name, double learningRate, Clipping clipping);
    virtual ~Optimizer() = default;
    Optimizer(const Optimizer&) = delete;
    Optimizer& operator=(const Optimizer&) = delete;

    const std::string& name() const { return name_; }
    /// As given; updates use it rounded to float32 (Keras keeps it in a float32 variable).
    double learningRate() const { return learningRate_; }
    void setLearningRate(double learningRate) { learningRate_ = learningRate; }
    /// optimizer.iterations: the number of apply_gradients calls so far.
    std::int64_t iterations() const { return iterations_; }
    const Clipping& clipping() const { return clipping_; }

    /// optimizer.apply_gradients(zip(gradients, variables)). The first call builds the slots for
    /// `variables`; later calls must pass variables it was built with. A None gradient leaves its
    /// variable alone (Keras warns and skips it). Increments iterations.
    void applyGradients(const std::vector<std::optional<Tensor>>& gradients,
                        const std::vector<Variable>& variables);
    /// applyGradients without the clipping, for gradients that already went through clip(): the
    /// training loop shows clipping as a phase of its own.
    void applyClippedGradients(const std::vector<std::optional<Tensor>>& gradients,
                               const std::vector<Variable>& variables);
    /// One gradient after clipnorm / clipvalue (Keras's _clip_gradients), in the gradient's dtype.
    Tensor clip(const Tensor& gradient) const;

    /// The variables the optimizer was built with (empty before the first update).
    const std::vector<Variable>& variables() const { return variables_; }
    /// The names of the slots each variable has ("momentum", "velocity", ...).
    std::vector<std::string> slotNames() const;
    /// The current value of slot `name` of `variable`, or nullopt.
    std::optional<Tensor> slot(const Variable& variable, std::string_view name) const;
    /// Hyperparameters by Keras name (learning_rate, beta_1, ...), for display and JSON.
    virtual std::vector<std::pair<std::string, double>> config() const;
    /// Scalar state besides iterations (Nadam's u_product), by name.
    virtual std::vector<std::pair<std::string, double>> scalarState() const { return {}; }
    /// Forgets everything learned: iterations 0, no variables, no slots.
    virtual void reset();

    /// Everything an update depends on besides the hyperparameters: optimizer.iterations, the
    /// learning rate, every slot and the scalar state. Tensors are shared, not copied (an update
    /// always writes fresh ones), so taking a state costs a few handles.
    struct State {
        std::int64_t iterations = 0;
        double learningRate = 0.0;
        /// Per variable (in variables() order), its slots in slotNames() order; empty before the
        /// first update built them. (Not called `slots`: Qt defines that word as a macro.)
        std::vector<std::vector<Tensor>> slotValues;
        /// scalarState()'s values, in its order.
        std::vector<double> scalars;
    };
    State state() const;
    /// Puts back a state() of an optimizer of the same kind and hyperparameters. `variables` are
    /// the ones the slots belong to (the model's trainable variables); updates then go on exactly
    /// as they went on from where the state was taken. EngineError when the slots do not fit.
    void setState(const State& state, const std::vector<Variable>& variables);

protected:
    /// Adds the slots of variable `index` with addSlot(); called once per variable, in order.
    virtual void buildSlots(std::size_t index, const Variable& variable) = 0;
    /// Called once per apply_gradients before the per-variable updates, with the dtype of the
    /// first variable (Nadam advances its momentum schedule here, as Keras does).
    virtual void beforeUpdates(DType /*dtype*/) {}
    /// The update rule for one variable: reads the (clipped) gradient and the slots, assigns the
    /// variable and replaces the slots. `gradient` has the variable's dtype and shape.
    virtual void updateStep(const Tensor& gradient, Variable& variable, std::size_t index) = 0;
    /// Takes back the values of scalarState(), in its order (after reset()).
    virtual void setScalarState(const std::vector<double>& /*values*/) {}

    void addSlot(std::size_t index, std::string name, Tensor initial);
    /// Slot `slot` (in the order they were added) of variable `index`.
    const Tensor& slotValue(std::size_t index, std::size_t slot) const
    {
        return slots_[index][slot].value;
    }
    void setSlot(std::size_t index, std::size_t slot, Tensor value)
    {
        slots_[index][slot].value = std::move(value);
    }
    /// The learning rate as Keras reads it: a float32 variable cast to the variable's dtype.
    template <class T> T lr() const { return static_cast<T>(static_cast<float>(learningRate_)); }
    /// The iteration count as the dtype T (Keras: ops.cast(self.iterations + offset, dtype)).
    template <class T> T step(std::int64_t offset) const
    {
        return static_cast<T>(iterations_ + offset);
    }

private:
    void apply(const std::vector<std::optional<Tensor>>& gradients,
               const std::vector<Variable>& variables, bool clipFirst);

    struct Slot {
        std::string name;
        Tensor value;
    };
    std::size_t indexOf(const Variable& variable) const;

    std::string name_;
    double learningRate_;
    Clipping clipping_;
    std::int64_t iterations_ = 0;
    std::vector<Variable> variables_;
    std::vector<std::vector<Slot>> slots_;
};

/// A new tensor of `like`'s shape and dtype for an update to fill (tensors are immutable once
/// shared, so every update writes a fresh one).
Tensor freshLike(const Tensor& like);

} // namespace gs::nn
