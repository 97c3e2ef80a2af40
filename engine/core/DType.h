#pragma once

#include <string_view>

namespace gs {

/// Element types. Float32 is the default, as in TensorFlow; Bool is what comparisons produce.
enum class DType : unsigned char { Float32, Float64, Bool };

constexpr std::string_view dtypeName(DType t)
{
    switch (t) {
    case DType::Float32: return "float32";
    case DType::Float64: return "float64";
    case DType::Bool: return "bool";
    }
    return "?";
}

constexpr bool isFloating(DType t) { return t == DType::Float32 || t == DType::Float64; }

template <class T> constexpr DType dtypeOf();
template <> constexpr DType dtypeOf<float>() { return DType::Float32; }
template <> constexpr DType dtypeOf<double>() { return DType::Float64; }
template <> constexpr DType dtypeOf<bool>() { return DType::Bool; }

/// Calls f with a value of the C++ type behind a floating dtype (float{} or double{}).
template <class F> decltype(auto) dispatchFloating(DType t, F&& f)
{
    if (t == DType::Float64)
        return f(double{});
    return f(float{});
}

/// Calls f with a value of the C++ type behind any dtype.
template <class F> decltype(auto) dispatchAny(DType t, F&& f)
{
    switch (t) {
    case DType::Float64: return f(double{});
    case DType::Bool: return f(bool{});
    case DType::Float32: break;
    }
    return f(float{});
}

} // namespace gs
