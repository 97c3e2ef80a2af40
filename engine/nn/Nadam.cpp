// keras/src/optimizers/nadam.py (Keras 3) and, with `legacy`, tf.keras 2.x's
// optimizer_v2/nadam.py, element by element in the variable's dtype.
#include "engine/nn/Optimizers.h"

#include <cmath>

namespace gs::nn {

namespace {
/// Dozat's schedule: u(t) = beta_1 * (1 - 0.5 * 0.96^(scale * t)), scale 1 in Keras 3 and the
/// schedule_decay 0.004 in tf.keras 2.x. The exponent is a float in the dtype (Keras casts t).
template <class T> T schedule(T beta1, T t, bool legacy)
{
    const T exponent = legacy ? static_cast<T>(0.004) * t : t;
    return beta1 * (T(1) - T(0.5) * std::pow(static_cast<T>(0.96), exponent));
}
/// The per-element constants of one Keras 3 Nadam update, each rounded to T as Keras computes it.
template <class T> struct Coefficients {
    T oneMinusBeta1, oneMinusBeta2, uT, uT1, oneMinusProduct1, oneMinusProduct, oneMinusBeta2Power, lr,
        epsilon;
};

/// Keras 3 Nadam on raw elements. A function of its own on restrict pointers (fresh outputs alias
/// nothing) so that GCC vectorizes it (with this file's -O3 -fno-math-errno, engine/CMakeLists.txt):
/// inlined into update() the loop stays scalar, as its pointers may point into a Tensor's inline
/// element. Division and sqrt are correctly rounded in SIMD too, so every element keeps its bits.
///
/// With GCC it is also built for AVX2, taken when the processor has it: eight floats a division
/// instead of four, and this loop's four divisions and a square root are a tenth of a book
/// training step (perf, issue 16). "avx2" brings no FMA, and IEEE division, square root,
/// product and sum are correctly rounded at any width, so both versions give the same bits.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define GS_NADAM_CLONES gnu::target_clones("avx2", "default"),
#else
#define GS_NADAM_CLONES
#endif
template <class T>
[[GS_NADAM_CLONES gnu::noinline]] void updateElements(const Coefficients<T>& c, const T* __restrict g, const T* __restrict w,
                                      const T* __restrict m, const T* __restrict v, T* __restrict out,
                                      T* __restrict mo, T* __restrict vo, std::int64_t n)
{
    for (std::int64_t i = 0; i < n; ++i) {
        // Here (1 - beta_1) subtracts the dtype-cast beta_1, unlike Adam.
        mo[i] = m[i] + (g[i] - m[i]) * c.oneMinusBeta1;
        vo[i] = v[i] + (g[i] * g[i] - v[i]) * c.oneMinusBeta2;
        const T mHat = (c.uT1 * mo[i]) / c.oneMinusProduct1 + ((T(1) - c.uT) * g[i]) / c.oneMinusProduct;
        const T vHat = vo[i] / c.oneMinusBeta2Power;
        out[i] = w[i] - (mHat * c.lr) / (std::sqrt(vHat) + c.epsilon);
    }
}
} // namespace

Nadam::Nadam(Options options)
    : Optimizer("nadam", options.learningRate, options.clipping)
    , options_(options)
{}

std::vector<std::pair<std::string, double>> Nadam::config() const
{
    auto c = Optimizer::config();
    c.emplace_back("beta_1", options_.beta1);
    c.emplace_back("beta_2", options_.beta2);
    c.emplace_back("epsilon", options_.epsilon);
    c.emplace_back("legacy", options_.legacy ? 1.0 : 0.0);
    return c;
}

void Nadam::reset()
{
    Optimizer::reset();
    uProduct_ = 1.0;
}

void Nadam::buildSlots(std::size_t index, const Variable& variable)
{
    addSlot(index, "momentum", Tensor::zeros(variable.shape(), variable.dtype()));
    addSlot(index, "velocity", Tensor::zeros(variable.shape(), variable.dtype()));
}

void Nadam::beforeUpdates(DType dtype)
{
    dispatchFloating(dtype, [&](auto tag) {
        using T = decltype(tag);
        const T t = step<T>(1);
        const T beta1 = static_cast<T>(options_.beta1);
        const T product = static_cast<T>(uProduct_);
        if (options_.legacy) {
            // m_schedule_new = m_cache * m_t
            uProduct_ = static_cast<double>(product * schedule(beta1, t, true));
        } else {
            // Keras 3: u_product * beta_1 * (1.0 - 0.5 * 0.96^t), multiplied left to right, so
            // P_t is not rounded like P_{t-1} * u_t.
            uProduct_ = static_cast<double>(product * beta1
                                            * (T(1) - T(0.5) * std::pow(static_cast<T>(0.96), t)));
        }
    });
}

void Nadam::updateStep(const Tensor& gradient, Variable& variable, std::size_t index)
{
    dispatchFloating(variable.dtype(), [&](auto tag) {
        using T = decltype(tag);
        if (options_.legacy)
            updateLegacy<T>(gradient, variable, index);
        else
            update<T>(gradient, variable, index);
    });
}

template <class T> void Nadam::update(const Tensor& gradient, Variable& variable, std::size_t index)
{
    const T lr = this->lr<T>();
    const T beta1 = static_cast<T>(options_.beta1);
    const T beta2 = static_cast<T>(options_.beta2);
    const T epsilon = static_cast<T>(options_.epsilon);
    const T t = step<T>(1);
    const T uT = schedule(beta1, t, false);
    const T uT1 = schedule(beta1, step<T>(2), false);
    const T uProductT = static_cast<T>(uProduct_);
    const T uProductT1 = uProductT * uT1;
    const T beta2Power = std::pow(beta2, t);
    Tensor next = freshLike(variable.peek());
    Tensor nextM = freshLike(slotValue(index, 0));
    Tensor nextV = freshLike(slotValue(index, 1));
    const Coefficients<T> c{T(1) - beta1,     T(1) - beta2, uT, uT1, T(1) - uProductT1,
                            T(1) - uProductT, T(1) - beta2Power, lr, epsilon};
    updateElements(c, gradient.data<T>(), variable.peek().data<T>(), slotValue(index, 0).data<T>(),
                   slotValue(index, 1).data<T>(), next.mutableData<T>(), nextM.mutableData<T>(),
                   nextV.mutableData<T>(), gradient.size());
    setSlot(index, 0, nextM);
    setSlot(index, 1, nextV);
    variable.assign(next);
}

template <class T>
void Nadam::updateLegacy(const Tensor& gradient, Variable& variable, std::size_t index)
{
    const T lr = this->lr<T>();
    const T beta1 = static_cast<T>(options_.beta1);
    const T beta2 = static_cast<T>(options_.beta2);
    const T epsilon = static_cast<T>(options_.epsilon);
    const T t = step<T>(1);
    const T uT = schedule(beta1, t, true);
    const T uT1 = schedule(beta1, step<T>(2), true);
    const T scheduleNew = static_cast<T>(uProduct_);
    const T scheduleNext = scheduleNew * uT1;
    const T vDenominator = T(1) - std::pow(beta2, t);
    const T* g = gradient.data<T>();
    const T* w = variable.peek().data<T>();
    const T* m = slotValue(index, 0).data<T>();
    const T* v = slotValue(index, 1).data<T>();
    Tensor next = freshLike(variable.peek());
    Tensor nextM = freshLike(slotValue(index, 0));
    Tensor nextV = freshLike(slotValue(index, 1));
    T* out = next.mutableData<T>();
    T* mo = nextM.mutableData<T>();
    T* vo = nextV.mutableData<T>();
    for (std::int64_t i = 0; i < gradient.size(); ++i) {
        const T gPrime = g[i] / (T(1) - scheduleNew);
        mo[i] = beta1 * m[i] + (T(1) - beta1) * g[i];
        const T mPrime = mo[i] / (T(1) - scheduleNext);
        vo[i] = beta2 * v[i] + (T(1) - beta2) * (g[i] * g[i]);
        const T vPrime = vo[i] / vDenominator;
        const T mBar = (T(1) - uT) * gPrime + uT1 * mPrime;
        out[i] = w[i] - lr * mBar / (std::sqrt(vPrime) + epsilon);
    }
    setSlot(index, 0, nextM);
    setSlot(index, 1, nextV);
    variable.assign(next);
}

} // namespace gs::nn
