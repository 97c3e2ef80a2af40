#pragma once

#include "engine/nn/Optimizer.h"

#include <memory>

namespace gs::nn {

// The update rules of keras/src/optimizers/{sgd,adagrad,rmsprop,adam,nadam}.py (Keras 3), each in
// its own .cpp file with the formula it reproduces. Defaults are Keras's.

/// keras.optimizers.SGD. Without momentum: w -= g * lr. With momentum: m = m * momentum - g * lr,
/// then w += m, or with nesterov w += m * momentum - g * lr. Slot: "momentum" (when momentum > 0).
class SGD : public Optimizer {
public:
    struct Options {
        double learningRate = 0.01;
        double momentum = 0.0;
        bool nesterov = false;
        Clipping clipping;
    };
    explicit SGD(Options options);
    SGD()
        : SGD(Options{})
    {}
    std::vector<std::pair<std::string, double>> config() const override;

protected:
    void buildSlots(std::size_t index, const Variable& variable) override;
    void updateStep(const Tensor& gradient, Variable& variable, std::size_t index) override;

private:
    Options options_;
};

/// keras.optimizers.Adagrad: acc += g^2; w -= (lr * g) / sqrt(acc + epsilon). Slot:
/// "accumulator", starting at initial_accumulator_value.
class Adagrad : public Optimizer {
public:
    struct Options {
        double learningRate = 0.001;
        double initialAccumulatorValue = 0.1;
        double epsilon = 1e-7;
        Clipping clipping;
    };
    explicit Adagrad(Options options);
    Adagrad()
        : Adagrad(Options{})
    {}
    std::vector<std::pair<std::string, double>> config() const override;

protected:
    void buildSlots(std::size_t index, const Variable& variable) override;
    void updateStep(const Tensor& gradient, Variable& variable, std::size_t index) override;

private:
    Options options_;
};

/// keras.optimizers.RMSprop: v = rho * v + (1 - rho) * g^2; increment = (lr * g) / sqrt(v + eps)
/// (centered: sqrt(v - a^2 + eps) with a = rho * a + (1 - rho) * g); with momentum,
/// m = momentum * m + increment and w -= m, else w -= increment. Slots: "velocity", then
/// "momentum" (momentum > 0) and "average_gradient" (centered).
class RMSprop : public Optimizer {
public:
    struct Options {
        double learningRate = 0.001;
        double rho = 0.9;
        double momentum = 0.0;
        double epsilon = 1e-7;
        bool centered = false;
        Clipping clipping;
    };
    explicit RMSprop(Options options);
    RMSprop()
        : RMSprop(Options{})
    {}
    std::vector<std::pair<std::string, double>> config() const override;

protected:
    void buildSlots(std::size_t index, const Variable& variable) override;
    void updateStep(const Tensor& gradient, Variable& variable, std::size_t index) override;

private:
    Options options_;
};

/// keras.optimizers.Adam: alpha = lr * sqrt(1 - b2^t) / (1 - b1^t); m += (g - m) * (1 - b1);
/// v += (g^2 - v) * (1 - b2); w -= (m * alpha) / (sqrt(v) + eps), t = iterations + 1.
/// Slots: "momentum", "velocity" (and "velocity_hat" with amsgrad, which uses max(v_hat, v)).
class Adam : public Optimizer {
public:
    struct Options {
        double learningRate = 0.001;
        double beta1 = 0.9;
        double beta2 = 0.999;
        double epsilon = 1e-7;
        bool amsgrad = false;
        Clipping clipping;
    };
    explicit Adam(Options options);
    Adam()
        : Adam(Options{})
    {}
    std::vector<std::pair<std::string, double>> config() const override;

protected:
    void buildSlots(std::size_t index, const Variable& variable) override;
    void updateStep(const Tensor& gradient, Variable& variable, std::size_t index) override;

private:
    Options options_;
};

/// keras.optimizers.Nadam (Adam with Nesterov momentum and Dozat's momentum schedule).
///
/// Keras 3 (the default): t = iterations + 1, u_t = b1 (1 - 0.5 * 0.96^t),
/// u_t1 = b1 (1 - 0.5 * 0.96^(t+1)), P_t = P_{t-1} * b1 * (1 - 0.5 * 0.96^t) with P_0 = 1;
/// m += (g - m)(1 - b1); v += (g^2 - v)(1 - b2);
/// m_hat = u_t1 * m / (1 - P_t * u_t1) + (1 - u_t) * g / (1 - P_t); v_hat = v / (1 - b2^t);
/// w -= (m_hat * lr) / (sqrt(v_hat) + eps).
///
/// `legacy` selects tf.keras 2.x's Nadam, which produced the book's numbers: the schedule is
/// u_t = b1 (1 - 0.5 * 0.96^(0.004 t)) and the same quantities are computed in that
/// implementation's order (g' = g / (1 - P_t); m = b1 m + (1 - b1) g; ...).
/// Slots: "momentum", "velocity"; scalar state "u_product" (P_t).
class Nadam : public Optimizer {
public:
    struct Options {
        double learningRate = 0.001;
        double beta1 = 0.9;
        double beta2 = 0.999;
        double epsilon = 1e-7;
        bool legacy = false;
        Clipping clipping;
    };
    explicit Nadam(Options options);
    Nadam()
        : Nadam(Options{})
    {}
    std::vector<std::pair<std::string, double>> config() const override;
    std::vector<std::pair<std::string, double>> scalarState() const override
    {
        return {{"u_product", uProduct_}};
    }
    void reset() override;

protected:
    void buildSlots(std::size_t index, const Variable& variable) override;
    void beforeUpdates(DType dtype) override;
    void updateStep(const Tensor& gradient, Variable& variable, std::size_t index) override;
    void setScalarState(const std::vector<double>& values) override
    {
        uProduct_ = values.empty() ? 1.0 : values.front();
    }

private:
    template <class T> void update(const Tensor& gradient, Variable& variable, std::size_t index);
    template <class T>
    void updateLegacy(const Tensor& gradient, Variable& variable, std::size_t index);

    Options options_;
    /// P_t, the product of the momentum schedule, held in the dtype of the first variable (as
    /// Keras's u_product variable) and stored widened to double.
    double uProduct_ = 1.0;
};

} // namespace gs::nn
