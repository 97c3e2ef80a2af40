#include "engine/core/Tensor.h"

#include "engine/core/BufferPool.h"
#include "engine/core/EngineError.h"

#include <atomic>
#include <charconv>
#include <cmath>
#include <cstring>

namespace gs {

TensorId newTensorId()
{
    // Each thread takes ids in blocks, so the shared counter is touched once per 4096 ops.
    constexpr TensorId block = 4096;
    static std::atomic<TensorId> nextBlock{1};
    thread_local TensorId next = 0;
    thread_local TensorId end = 0;
    if (next == end) {
        next = nextBlock.fetch_add(block, std::memory_order_relaxed);
        end = next + block;
    }
    return next++;
}

Tensor Tensor::allocate(const Shape& shape, DType dtype)
{
    Tensor t;
    t.shape_ = shape;
    t.dtype_ = dtype;
    t.valid_ = true;
    t.id_ = newTensorId();
    const auto n = shape.size();
    if (n != 1) {
        dispatchAny(dtype, [&](auto tag) {
            using T = decltype(tag);
            t.buffer_ = std::allocate_shared_for_overwrite<T[]>(bufferpool::Allocator<T>{},
                                                                static_cast<std::size_t>(n > 0 ? n : 1));
        });
    }
    return t;
}

Tensor Tensor::fromValues(const Shape& shape, const std::vector<double>& values, DType dtype)
{
    if (static_cast<std::int64_t>(values.size()) != shape.size())
        throw EngineError("a tensor of shape " + shape.str() + " needs " + std::to_string(shape.size())
                          + " values, got " + std::to_string(values.size()));
    Tensor t = allocate(shape, dtype);
    dispatchAny(dtype, [&](auto tag) {
        using T = decltype(tag);
        T* out = t.mutableData<T>();
        for (std::size_t i = 0; i < values.size(); ++i)
            out[i] = convertElement<T>(values[i]);
    });
    return t;
}

Tensor Tensor::scalar(double value, DType dtype)
{
    // Scalars are the common case in teaching graphs: no vector, no heap.
    Tensor t = allocate(Shape::scalar(), dtype);
    dispatchAny(dtype, [&](auto tag) {
        using T = decltype(tag);
        *t.mutableData<T>() = convertElement<T>(value);
    });
    return t;
}

Tensor Tensor::vector(const std::vector<double>& values, DType dtype)
{
    return fromValues(Shape::vector(static_cast<std::int64_t>(values.size())), values, dtype);
}

Tensor Tensor::matrix(const std::vector<std::vector<double>>& rows, DType dtype)
{
    const std::size_t cols = rows.empty() ? 0 : rows.front().size();
    std::vector<double> flat;
    flat.reserve(rows.size() * cols);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        if (rows[r].size() != cols)
            throw EngineError("matrix row " + std::to_string(r) + " has " + std::to_string(rows[r].size())
                              + " values but row 0 has " + std::to_string(cols));
        flat.insert(flat.end(), rows[r].begin(), rows[r].end());
    }
    return fromValues(Shape::matrix(static_cast<std::int64_t>(rows.size()),
                                    static_cast<std::int64_t>(cols)),
                      flat, dtype);
}

Tensor Tensor::full(const Shape& shape, double value, DType dtype)
{
    Tensor t = allocate(shape, dtype);
    dispatchAny(dtype, [&](auto tag) {
        using T = decltype(tag);
        std::fill_n(t.mutableData<T>(), shape.size(), convertElement<T>(value));
    });
    return t;
}

double Tensor::at(std::int64_t i) const
{
    if (!valid_ || i < 0 || i >= size())
        throw EngineError("element " + std::to_string(i) + " is out of range for a tensor of shape "
                          + shape_.str());
    return dispatchAny(dtype_, [&](auto tag) { return static_cast<double>(data<decltype(tag)>()[i]); });
}

double Tensor::item() const
{
    if (size() != 1)
        throw EngineError("item() needs a one-element tensor, this one has shape " + shape_.str());
    return at(0);
}

std::vector<double> Tensor::toDoubles() const
{
    std::vector<double> out(static_cast<std::size_t>(valid_ ? size() : 0));
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = at(static_cast<std::int64_t>(i));
    return out;
}

bool Tensor::allFinite() const
{
    if (!valid_ || !isFloating(dtype_))
        return true;
    return dispatchFloating(dtype_, [&](auto tag) { return array<decltype(tag)>().isFinite().all(); });
}

void Tensor::assignReusingBuffer(const Tensor& from)
{
    const bool reuse = buffer_ && from.buffer_ && buffer_ != from.buffer_ && buffer_.use_count() == 1
                       && dtype_ == from.dtype_ && size() == from.size() && size() > 0;
    if (!reuse) {
        *this = from;
        return;
    }
    dispatchAny(dtype_, [&](auto tag) {
        using T = decltype(tag);
        std::memcpy(buffer_.get(), from.buffer_.get(), static_cast<std::size_t>(size()) * sizeof(T));
    });
    shape_ = from.shape_;
    valid_ = from.valid_;
    id_ = from.id_;
    inline_ = from.inline_;
}

Tensor Tensor::reshaped(const Shape& shape) const
{
    if (shape.size() != size())
        throw EngineError("cannot reshape a tensor of shape " + shape_.str() + " (" + std::to_string(size())
                          + " elements) into shape " + shape.str());
    Tensor t = *this;
    t.shape_ = shape;
    t.id_ = newTensorId();
    return t;
}

std::string formatNumber(double value, DType dtype)
{
    if (std::isnan(value))
        return "nan";
    if (std::isinf(value))
        return value > 0 ? "inf" : "-inf";
    if (dtype == DType::Bool)
        return value != 0.0 ? "True" : "False";
    if (isInteger(dtype)) {
        char digits[32];
        const auto res = std::to_chars(digits, digits + sizeof digits, static_cast<std::int64_t>(value));
        return std::string(digits, res.ptr);
    }
    // The shortest digits that read back to the same value in its dtype, laid out as Python's
    // repr does: fixed notation for 1e-4 <= |x| < 1e16, scientific outside.
    char buf[64];
    const std::to_chars_result res =
        dtype == DType::Float32
            ? std::to_chars(buf, buf + sizeof buf, static_cast<float>(value), std::chars_format::scientific)
            : std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
    const std::string sci(buf, res.ptr);
    const std::size_t e = sci.find('e');
    std::string mantissa = sci.substr(0, e);
    const int exponent = std::stoi(sci.substr(e + 1));
    std::string sign;
    if (!mantissa.empty() && mantissa[0] == '-') {
        sign = "-";
        mantissa.erase(0, 1);
    }
    std::string digits;
    for (char c : mantissa)
        if (c != '.')
            digits += c;
    if (exponent < -4 || exponent >= 16) {
        std::string m = digits.substr(0, 1);
        if (digits.size() > 1)
            m += "." + digits.substr(1);
        const int a = exponent < 0 ? -exponent : exponent;
        return sign + m + "e" + (exponent < 0 ? "-" : "+") + (a < 10 ? "0" : "") + std::to_string(a);
    }
    if (exponent < 0)
        return sign + "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
    const auto intDigits = static_cast<std::size_t>(exponent) + 1;
    if (digits.size() <= intDigits)
        return sign + digits + std::string(intDigits - digits.size(), '0') + ".0";
    return sign + digits.substr(0, intDigits) + "." + digits.substr(intDigits);
}

std::string Tensor::str() const
{
    if (!valid_)
        return "None";
    auto num = [&](std::int64_t i) { return formatNumber(at(i), dtype_); };
    if (rank() == 0)
        return num(0);
    auto row = [&](std::int64_t r) {
        std::string s = "[";
        for (std::int64_t c = 0; c < shape_.cols; ++c)
            s += (c ? " " : "") + num(r * shape_.cols + c);
        return s + "]";
    };
    if (rank() == 1)
        return row(0);
    std::string s = "[";
    for (std::int64_t r = 0; r < shape_.rows; ++r)
        s += (r ? "\n " : "") + row(r);
    return s + "]";
}

std::string Tensor::repr() const
{
    return "<tf.Tensor: shape=" + shape_.str() + ", dtype=" + std::string(dtypeName(dtype_))
           + ", numpy=" + str() + ">";
}

} // namespace gs
