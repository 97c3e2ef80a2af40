#pragma once

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

namespace gs {

/// Element types. Float32 is the default, as in TensorFlow; Bool is what comparisons produce;
/// Int32 is what an integer Python literal becomes (`tf.constant(3)`), Int64 what argmax returns.
enum class DType : unsigned char { Float32, Float64, Bool, Int32, Int64 };

constexpr std::string_view dtypeName(DType t)
{
    switch (t) {
    case DType::Float32: return "float32";
    case DType::Float64: return "float64";
    case DType::Bool: return "bool";
    case DType::Int32: return "int32";
    case DType::Int64: return "int64";
    }
    return "?";
}

/// The name TensorFlow's kernels use in their messages ("float" for float32, "double" for
/// float64): "cannot compute AddV2 as input #1(zero-based) was expected to be a int32 tensor but
/// is a float tensor".
constexpr std::string_view dtypeKernelName(DType t)
{
    switch (t) {
    case DType::Float32: return "float";
    case DType::Float64: return "double";
    case DType::Bool: return "bool";
    case DType::Int32: return "int32";
    case DType::Int64: return "int64";
    }
    return "?";
}

constexpr bool isFloating(DType t) { return t == DType::Float32 || t == DType::Float64; }
constexpr bool isInteger(DType t) { return t == DType::Int32 || t == DType::Int64; }
/// Float or integer: the dtypes arithmetic (add, mul, maximum, comparisons) takes.
constexpr bool isNumeric(DType t) { return isFloating(t) || isInteger(t); }

template <class T> constexpr DType dtypeOf();
template <> constexpr DType dtypeOf<float>() { return DType::Float32; }
template <> constexpr DType dtypeOf<double>() { return DType::Float64; }
template <> constexpr DType dtypeOf<bool>() { return DType::Bool; }
template <> constexpr DType dtypeOf<std::int32_t>() { return DType::Int32; }
template <> constexpr DType dtypeOf<std::int64_t>() { return DType::Int64; }

/// Calls f with a value of the C++ type behind a floating dtype (float{} or double{}). An integer
/// dtype is a programming error (an op's shape rule must refuse it first): it throws rather than
/// read integers as floats.
template <class F> decltype(auto) dispatchFloating(DType t, F&& f)
{
    if (t == DType::Float64)
        return f(double{});
    if (isInteger(t))
        throw std::logic_error("a floating kernel was called on a " + std::string(dtypeName(t)) + " tensor");
    return f(float{});
}

/// Calls f with a value of the C++ type behind a float or integer dtype.
template <class F> decltype(auto) dispatchNumeric(DType t, F&& f)
{
    switch (t) {
    case DType::Float64: return f(double{});
    case DType::Int32: return f(std::int32_t{});
    case DType::Int64: return f(std::int64_t{});
    case DType::Bool:
        throw std::logic_error("a numeric kernel was called on a bool tensor");
    case DType::Float32: break;
    }
    return f(float{});
}

/// Calls f with a value of the C++ type behind any dtype.
template <class F> decltype(auto) dispatchAny(DType t, F&& f)
{
    switch (t) {
    case DType::Float64: return f(double{});
    case DType::Bool: return f(bool{});
    case DType::Int32: return f(std::int32_t{});
    case DType::Int64: return f(std::int64_t{});
    case DType::Float32: break;
    }
    return f(float{});
}

/// `value` converted to T the way TensorFlow's Cast kernel does on x86: toward zero for integers,
/// with NaN and values out of range giving the lowest integer (what cvttss2si returns) instead of
/// C++'s undefined behaviour.
template <class T, class From> constexpr T convertElement(From value)
{
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool> && std::is_floating_point_v<From>) {
        constexpr double lo = static_cast<double>(std::numeric_limits<T>::lowest());
        constexpr double hi = -lo; // 2^31 or 2^63: the first value out of range
        const double v = static_cast<double>(value);
        if (!(v >= lo && v < hi))
            return std::numeric_limits<T>::lowest();
        return static_cast<T>(value);
    } else {
        return static_cast<T>(value);
    }
}

} // namespace gs
