// add, sub, mul, div, floordiv, floormod, neg, pow, square, add_n. Gradients follow TensorFlow's
// math_grad.py, including its order of operations, so results agree to the last bit.
#include "engine/core/EngineError.h"
#include "engine/ops/Apply.h"
#include "engine/ops/FusedGradient.h"
#include "engine/ops/FusedGradientKernels.h"
#include "engine/ops/Kernels.h"
#include "engine/ops/OpHandle.h"
#include "engine/ops/Ops.h"
#include "engine/ops/ShapeRules.h"

#include <cmath>
#include <type_traits>

namespace gs {

namespace {

std::optional<Tensor> grad0(const GradContext& c, const Tensor& g)
{
    return c.needs(0) ? std::optional<Tensor>(unbroadcast(g, c.inputs[0].shape())) : std::nullopt;
}
std::optional<Tensor> grad1(const GradContext& c, const Tensor& g)
{
    return c.needs(1) ? std::optional<Tensor>(unbroadcast(g, c.inputs[1].shape())) : std::nullopt;
}

/// mul(a, b) inside a gradient rule: one kernel when nothing observes the ops (see
/// fusedGradientAllowed) and no broadcasting beyond a scalar is needed.
Tensor gradientProduct(const Tensor& a, const Tensor& b)
{
    if (gradientOpsUnobserved())
        if (std::optional<Tensor> p = fused::product(a, b))
            return std::move(*p);
    return gs::mul(a, b);
}

OpDef binary(const char* name, const char* summary)
{
    OpDef op;
    op.name = name;
    op.summary = summary;
    op.category = "arithmetic";
    op.minArity = op.maxArity = 2;
    op.inputNames = {"x", "y"};
    op.infer = rules::broadcastFloat;
    return op;
}

OpDef numericBinary(const char* name, const char* summary)
{
    OpDef op = binary(name, summary);
    op.infer = rules::broadcastNumeric;
    return op;
}

OpDef unary(const char* name, const char* summary)
{
    OpDef op;
    op.name = name;
    op.summary = summary;
    op.category = "arithmetic";
    op.inputNames = {"x"};
    op.infer = rules::unaryFloat;
    return op;
}

TensorType inferAddN(const OpDef& op, std::span<const TensorType> in, const Attrs&)
{
    for (std::size_t i = 1; i < in.size(); ++i)
        rules::requireSameDType(op, in, 0, i);
    rules::requireNumeric(op, in, 0);
    for (std::size_t i = 1; i < in.size(); ++i) {
        if (in[i].shape != in[0].shape)
            throw EngineError("add_n: all inputs must have the same shape; input #0 has shape "
                              + in[0].shape.str() + " but input #" + std::to_string(i) + " has shape "
                              + in[i].shape.str());
    }
    return in[0];
}

/// x / y on integers: TensorFlow's truediv casts both to float64 first (int32 / int32 is float64).
TensorType inferDiv(const OpDef& op, std::span<const TensorType> in, const Attrs& attrs)
{
    const TensorType t = rules::broadcastNumeric(op, in, attrs);
    return isInteger(t.dtype) ? TensorType{DType::Float64, t.shape} : t;
}

[[noreturn]] void integerDivisionByZero(const char* kernel)
{
    throw EngineError(std::string("Integer division by zero [Op:") + kernel + "]");
}

/// Python's // on integers: the quotient rounded toward negative infinity (TensorFlow's FloorDiv).
template <class T> T floorDivide(T a, T b)
{
    if (b == 0)
        integerDivisionByZero("FloorDiv");
    if (b == -1)
        return static_cast<T>(0 - static_cast<std::make_unsigned_t<T>>(a)); // no overflow trap at the lowest value
    const T q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? static_cast<T>(q - 1) : q;
}

/// Python's % on integers: the remainder with the sign of y (TensorFlow's FloorMod).
template <class T> T floorModulo(T a, T b)
{
    if (b == 0)
        integerDivisionByZero("FloorMod");
    if (b == -1)
        return 0;
    const T r = a % b;
    return (r != 0 && ((r < 0) != (b < 0))) ? static_cast<T>(r + b) : r;
}

/// x ** y on integers, by squaring; a negative exponent is TensorFlow's error.
template <class T> T integerPower(T base, T exponent)
{
    if (exponent < 0)
        throw EngineError("Integers to negative integer powers are not allowed [Op:Pow]");
    using U = std::make_unsigned_t<T>; // wraps around on overflow, as TensorFlow's kernel does
    U result = 1;
    U b = static_cast<U>(base);
    for (T e = exponent; e > 0; e >>= 1) {
        if (e & 1)
            result = static_cast<U>(result * b);
        b = static_cast<U>(b * b);
    }
    return static_cast<T>(result);
}

/// An element-wise binary op that wraps around on integers as TensorFlow's kernels do (two's
/// complement: int32 max + 1 is int32 min): integers are computed in the unsigned type, where
/// overflow is defined, and converted back (modular since C++20). Floats use `op` directly.
// The float arithmetic of a traced graph of scalars (OpDef::scalar): the IEEE operation the
// Eigen expressions of forward compute on one element.
template <class T> T scalarAdd(T x, T y) { return x + y; }
template <class T> T scalarSub(T x, T y) { return x - y; }
template <class T> T scalarMul(T x, T y) { return x * y; }
template <class T> T scalarDiv(T x, T y) { return x / y; }
template <class T> T scalarNeg(T x) { return -x; }
template <class T> T scalarPow(T x, T y) { return static_cast<T>(std::pow(x, y)); }

template <class Op> auto wrappingBinary(Op op)
{
    return [op](const auto& x, const auto& y) {
        using T = typename std::decay_t<decltype(x)>::Scalar;
        if constexpr (std::is_integral_v<T>) {
            using U = std::make_unsigned_t<T>;
            return x.binaryExpr(y, [op](T a, T b) { return static_cast<T>(static_cast<U>(op(static_cast<U>(a), static_cast<U>(b)))); });
        } else {
            return op(x, y);
        }
    };
}

/// The unary counterpart of wrappingBinary (-INT32_MIN is INT32_MIN, as in TensorFlow).
template <class Op> auto wrappingUnary(Op op)
{
    return [op](const auto& x) {
        using T = typename std::decay_t<decltype(x)>::Scalar;
        if constexpr (std::is_integral_v<T>) {
            using U = std::make_unsigned_t<T>;
            return x.unaryExpr([op](T a) { return static_cast<T>(static_cast<U>(op(static_cast<U>(a)))); });
        } else {
            return op(x);
        }
    };
}

template <class F> Tensor zipInteger(const Tensor& a, const Tensor& b, F f)
{
    return kernels::zipNumeric(a, b, [&](const auto& x, const auto& y) {
        using T = typename std::decay_t<decltype(x)>::Scalar;
        return x.binaryExpr(y, [&](T p, T q) {
            if constexpr (std::is_integral_v<T>)
                return f(p, q);
            else
                return p; // never: the callers take this path for integer dtypes only
        });
    });
}

} // namespace

void registerArithmeticOps(OpRegistry& registry)
{
    OpDef add = numericBinary("add", "x + y, element-wise with broadcasting");
    add.forward = [](std::span<const Tensor> in, const Attrs&) {
        return kernels::zipNumeric(in[0], in[1], wrappingBinary([](const auto& x, const auto& y) { return x + y; }));
    };
    // d/dx = d/dy = 1
    add.gradient = [](const GradContext& c) -> Gradients { return {grad0(c, c.upstream), grad1(c, c.upstream)}; };
    add.scalar = {.binary32 = &scalarAdd<float>, .binary64 = &scalarAdd<double>};
    registry.add(std::move(add));

    OpDef sub = numericBinary("sub", "x - y, element-wise with broadcasting");
    sub.forward = [](std::span<const Tensor> in, const Attrs&) {
        return kernels::zipNumeric(in[0], in[1], wrappingBinary([](const auto& x, const auto& y) { return x - y; }));
    };
    // d/dx = 1, d/dy = -1
    sub.gradient = [](const GradContext& c) -> Gradients {
        return {grad0(c, c.upstream), c.needs(1) ? grad1(c, neg(c.upstream)) : std::nullopt};
    };
    sub.scalar = {.binary32 = &scalarSub<float>, .binary64 = &scalarSub<double>};
    registry.add(std::move(sub));

    OpDef mul = numericBinary("mul", "x * y, element-wise with broadcasting");
    mul.forward = [](std::span<const Tensor> in, const Attrs&) {
        return kernels::zipNumeric(in[0], in[1], wrappingBinary([](const auto& x, const auto& y) { return x * y; }));
    };
    // d/dx = y, d/dy = x
    mul.gradient = [](const GradContext& c) -> Gradients {
        return {c.needs(0) ? grad0(c, gradientProduct(c.upstream, c.inputs[1])) : std::nullopt,
                c.needs(1) ? grad1(c, gradientProduct(c.inputs[0], c.upstream)) : std::nullopt};
    };
    mul.scalar = {.binary32 = &scalarMul<float>, .binary64 = &scalarMul<double>};
    registry.add(std::move(mul));

    OpDef div = binary("div", "x / y, element-wise with broadcasting (IEEE: 1/0 = inf, 0/0 = nan; integers give float64)");
    div.infer = inferDiv;
    div.forward = [](std::span<const Tensor> in, const Attrs&) {
        if (isInteger(in[0].dtype())) // truediv: both operands as float64 first
            return kernels::zipFloat(gs::cast(in[0], DType::Float64), gs::cast(in[1], DType::Float64),
                                     [](const auto& x, const auto& y) { return x / y; });
        return kernels::zipFloat(in[0], in[1], [](const auto& x, const auto& y) { return x / y; });
    };
    // d/dx = 1/y, d/dy = -x/y^2 computed as (-x / y) / y, as TensorFlow does.
    div.gradient = [](const GradContext& c) -> Gradients {
        const Tensor& x = c.inputs[0];
        const Tensor& y = c.inputs[1];
        return {c.needs(0) ? grad0(c, gs::div(c.upstream, y)) : std::nullopt,
                c.needs(1) ? grad1(c, gs::mul(c.upstream, gs::div(gs::div(neg(x), y), y))) : std::nullopt};
    };
    div.scalar = {.binary32 = &scalarDiv<float>, .binary64 = &scalarDiv<double>};
    registry.add(std::move(div));

    OpDef neg = unary("neg", "-x");
    neg.infer = rules::unaryNumeric;
    neg.forward = [](std::span<const Tensor> in, const Attrs&) {
        return kernels::mapNumeric(in[0], wrappingUnary([](const auto& x) { return -x; }));
    };
    neg.gradient = [](const GradContext& c) -> Gradients { return {gs::neg(c.upstream)}; };
    neg.scalar = {.unary32 = &scalarNeg<float>, .unary64 = &scalarNeg<double>};
    registry.add(std::move(neg));

    OpDef pow = numericBinary("pow", "x ** y, element-wise with broadcasting (0 ** 0 = 1)");
    pow.forward = [](std::span<const Tensor> in, const Attrs&) {
        if (isInteger(in[0].dtype()))
            return zipInteger(in[0], in[1], [](auto a, auto b) { return integerPower(a, b); });
        return kernels::zipFloat(in[0], in[1], [](const auto& x, const auto& y) {
            using T = typename std::decay_t<decltype(x)>::Scalar;
            return x.binaryExpr(y, [](T a, T b) { return scalarPow(a, b); });
        });
    };
    pow.scalar = {.binary32 = &scalarPow<float>, .binary64 = &scalarPow<double>};
    // d/dx = y * x^(y-1) (so 0^0 gives 0 * inf = nan, as in TensorFlow);
    // d/dy = z * log(x) where x > 0, else 0.
    pow.gradient = [](const GradContext& c) -> Gradients {
        const Tensor& x = c.inputs[0];
        const Tensor& y = c.inputs[1];
        Gradients g(2);
        if (c.needs(0)) {
            std::optional<Tensor> fusedGrad;
            if (gradientOpsUnobserved())
                fusedGrad = fused::powBaseGrad(c.upstream, x, y);
            g[0] = fusedGrad ? std::move(fusedGrad)
                             : grad0(c, gs::mul(gs::mul(c.upstream, y), gs::pow(x, gs::sub(y, constantLike(1.0, y)))));
        }
        if (c.needs(1)) {
            const Tensor zero = Tensor::zeros(x.shape(), x.dtype());
            const Tensor mask = greater(x, zero);
            const Tensor safeX = where(mask, x, Tensor::ones(x.shape(), x.dtype()));
            const Tensor logX = where(mask, gs::log(safeX), zero);
            g[1] = grad1(c, gs::mul(gs::mul(c.upstream, c.output), logX));
        }
        return g;
    };
    registry.add(std::move(pow));

    OpDef floordiv = numericBinary("floordiv", "floor(x / y), element-wise with broadcasting (Python's //; no gradient)");
    floordiv.forward = [](std::span<const Tensor> in, const Attrs&) {
        if (isInteger(in[0].dtype()))
            return zipInteger(in[0], in[1], [](auto a, auto b) { return floorDivide(a, b); });
        return kernels::zipFloat(in[0], in[1], [](const auto& x, const auto& y) { return (x / y).floor(); });
    };
    // No gradient rule: TensorFlow registers FloorDiv's gradient as None for both inputs.
    registry.add(std::move(floordiv));

    OpDef floormod = numericBinary("floormod", "x - floor(x / y) * y with the sign of y (Python's %), element-wise");
    // TensorFlow's FloorMod kernel: the truncated remainder fmod(x, y), moved by y when the two
    // have opposite signs, so floormod(-7, 3) = 2 and floormod(7, -3) = -2.
    floormod.forward = [](std::span<const Tensor> in, const Attrs&) {
        if (isInteger(in[0].dtype()))
            return zipInteger(in[0], in[1], [](auto a, auto b) { return floorModulo(a, b); });
        return kernels::zipFloat(in[0], in[1], [](const auto& x, const auto& y) {
            using T = typename std::decay_t<decltype(x)>::Scalar;
            return x.binaryExpr(y, [](T a, T b) {
                const T r = std::fmod(a, b);
                return r != T(0) && ((b < T(0)) != (r < T(0))) ? r + b : r;
            });
        });
    };
    // d/dx = 1, d/dy = -floor(x / y), computed as upstream * -floordiv(x, y) (math_grad.py).
    floormod.gradient = [](const GradContext& c) -> Gradients {
        return {grad0(c, c.upstream),
                c.needs(1) ? grad1(c, gs::mul(c.upstream, gs::neg(gs::floordiv(c.inputs[0], c.inputs[1])))) : std::nullopt};
    };
    registry.add(std::move(floormod));

    OpDef square = unary("square", "x * x");
    square.infer = rules::unaryNumeric;
    square.forward = [](std::span<const Tensor> in, const Attrs&) {
        return kernels::mapNumeric(in[0], wrappingUnary([](const auto& x) { return x * x; }));
    };
    // d/dx = 2x, computed as upstream * (x * 2)
    square.gradient = [](const GradContext& c) -> Gradients {
        return {gradientProduct(c.upstream, gradientProduct(c.inputs[0], constantLike(2.0, c.inputs[0])))};
    };
    registry.add(std::move(square));

    OpDef addN;
    addN.name = "add_n";
    addN.summary = "sum of a list of tensors of one shape";
    addN.category = "arithmetic";
    addN.minArity = 1;
    addN.maxArity = -1;
    addN.inputNames = {"inputs"};
    addN.infer = inferAddN;
    addN.forward = [](std::span<const Tensor> in, const Attrs&) {
        return dispatchNumeric(in[0].dtype(), [&](auto tag) {
            using T = decltype(tag);
            if constexpr (std::is_integral_v<T>) { // wraps around, as add does
                using U = std::make_unsigned_t<T>;
                ArrayX<U> sum = in[0].array<T>().template cast<U>();
                for (std::size_t i = 1; i < in.size(); ++i)
                    sum += in[i].array<T>().template cast<U>();
                return Tensor::fromArray<T>(in[0].shape(), ArrayX<T>(sum.template cast<T>()));
            } else {
                ArrayX<T> sum = in[0].array<T>();
                for (std::size_t i = 1; i < in.size(); ++i)
                    sum += in[i].array<T>();
                return Tensor::fromArray<T>(in[0].shape(), sum);
            }
        });
    };
    // every input receives the upstream gradient
    addN.gradient = [](const GradContext& c) -> Gradients {
        Gradients g(c.inputs.size());
        for (std::size_t i = 0; i < g.size(); ++i)
            if (c.needs(i))
                g[i] = c.upstream;
        return g;
    };
    registry.add(std::move(addN));
}

Tensor add(const Tensor& x, const Tensor& y)
{
    static const OpDef& op = opNamed("add");
    return apply(op, {x, y});
}
Tensor sub(const Tensor& x, const Tensor& y)
{
    static const OpDef& op = opNamed("sub");
    return apply(op, {x, y});
}
Tensor mul(const Tensor& x, const Tensor& y)
{
    static const OpDef& op = opNamed("mul");
    return apply(op, {x, y});
}
Tensor div(const Tensor& x, const Tensor& y)
{
    static const OpDef& op = opNamed("div");
    return apply(op, {x, y});
}
Tensor floordiv(const Tensor& x, const Tensor& y)
{
    static const OpDef& op = opNamed("floordiv");
    return apply(op, {x, y});
}
Tensor floormod(const Tensor& x, const Tensor& y)
{
    static const OpDef& op = opNamed("floormod");
    return apply(op, {x, y});
}
Tensor neg(const Tensor& x)
{
    static const OpDef& op = opNamed("neg");
    return apply(op, {x});
}
Tensor pow(const Tensor& x, const Tensor& y)
{
    static const OpDef& op = opNamed("pow");
    return apply(op, {x, y});
}
Tensor square(const Tensor& x)
{
    static const OpDef& op = opNamed("square");
    return apply(op, {x});
}
Tensor add_n(const std::vector<Tensor>& xs)
{
    static const OpDef& op = opNamed("add_n");
    return apply(op, std::span<const Tensor>(xs));
}

Tensor constantLike(double value, const Tensor& like)
{
    return Tensor::scalar(value, isNumeric(like.dtype()) ? like.dtype() : DType::Float32);
}

Tensor operator+(const Tensor& x, const Tensor& y) { return add(x, y); }
Tensor operator-(const Tensor& x, const Tensor& y) { return sub(x, y); }
Tensor operator*(const Tensor& x, const Tensor& y) { return mul(x, y); }
Tensor operator/(const Tensor& x, const Tensor& y) { return div(x, y); }
Tensor operator-(const Tensor& x) { return neg(x); }
Tensor operator+(const Tensor& x, double y) { return add(x, constantLike(y, x)); }
Tensor operator+(double x, const Tensor& y) { return add(constantLike(x, y), y); }
Tensor operator-(const Tensor& x, double y) { return sub(x, constantLike(y, x)); }
Tensor operator-(double x, const Tensor& y) { return sub(constantLike(x, y), y); }
Tensor operator*(const Tensor& x, double y) { return mul(x, constantLike(y, x)); }
Tensor operator*(double x, const Tensor& y) { return mul(constantLike(x, y), y); }
Tensor operator/(const Tensor& x, double y) { return div(x, constantLike(y, x)); }
Tensor operator/(double x, const Tensor& y) { return div(constantLike(x, y), y); }
Tensor pow(const Tensor& x, double y) { return pow(x, constantLike(y, x)); }

} // namespace gs
