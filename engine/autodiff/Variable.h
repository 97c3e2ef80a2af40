#pragma once

#include "engine/core/Tensor.h"

#include <memory>
#include <string>

namespace gs {

/// The only mutable state (tf.Variable). Every read returns the current value under the
/// variable's own id, so a tape sums the gradient over all reads; reading a trainable variable
/// while a tape records makes that tape watch it (unless the tape was made with
/// watch_accessed_variables = false).
class Variable {
public:
    Variable() = default;
    explicit Variable(Tensor initial, bool trainable = true, std::string name = {});
    static Variable scalar(double value, DType dtype = DType::Float32, std::string name = {})
    {
        return Variable(Tensor::scalar(value, dtype), true, std::move(name));
    }

    /// The current value (notifies active tapes of the read).
    Tensor value() const;
    operator Tensor() const { return value(); } // NOLINT: a variable reads as a tensor, as in TF
    /// The current value without telling any tape (for display and optimizers).
    const Tensor& peek() const;

    /// Replaces the value; dtype and shape must match (an EngineError says which differs).
    void assign(const Tensor& value);
    void assign_add(const Tensor& delta);
    void assign_sub(const Tensor& delta);

    TensorId id() const;
    bool trainable() const;
    const std::string& name() const;
    DType dtype() const { return peek().dtype(); }
    const Shape& shape() const { return peek().shape(); }
    bool valid() const { return state_ != nullptr; }

    friend bool operator==(const Variable& a, const Variable& b) { return a.state_ == b.state_; }

private:
    struct State {
        Tensor value;
        TensorId id = 0;
        bool trainable = true;
        std::string name;
    };
    std::shared_ptr<State> state_;
};

} // namespace gs
