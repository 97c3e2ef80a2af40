#include "document/TensorValue.h"

#include <cmath>

namespace gs {

TensorValue TensorValue::scalar(double value, std::optional<DType> dtype)
{
    return TensorValue{Shape::scalar(), {value}, dtype};
}

TensorValue TensorValue::fromTensor(const Tensor& tensor)
{
    return TensorValue{tensor.shape(), tensor.toDoubles(), tensor.dtype()};
}

Tensor TensorValue::toTensor(DType fallback) const
{
    return Tensor::fromValues(shape, values, dtype.value_or(fallback));
}

QString TensorValue::text(DType numbers) const
{
    auto number = [&](std::int64_t i) {
        return QString::fromStdString(formatNumber(values[static_cast<std::size_t>(i)], numbers));
    };
    auto row = [&](std::int64_t r) {
        QString s = QStringLiteral("[");
        for (std::int64_t c = 0; c < shape.cols; ++c)
            s += (c ? QStringLiteral(", ") : QString()) + number(r * shape.cols + c);
        return s + u']';
    };
    if (static_cast<std::int64_t>(values.size()) != shape.size())
        return QStringLiteral("?");
    if (shape.rank == 0)
        return number(0);
    if (shape.rank == 1)
        return row(0);
    QString s = QStringLiteral("[");
    for (std::int64_t r = 0; r < shape.rows; ++r)
        s += (r ? QStringLiteral(", ") : QString()) + row(r);
    return s + u']';
}

bool operator==(const TensorValue& a, const TensorValue& b)
{
    if (a.shape != b.shape || a.dtype != b.dtype || a.values.size() != b.values.size())
        return false;
    for (std::size_t i = 0; i < a.values.size(); ++i) {
        const double x = a.values[i], y = b.values[i];
        if (!(x == y || (std::isnan(x) && std::isnan(y))))
            return false;
    }
    return true;
}

std::optional<DType> floatDTypeNamed(const QString& name)
{
    const QString bare = name.startsWith(QStringLiteral("tf.")) ? name.mid(3) : name;
    if (bare == u"float32")
        return DType::Float32;
    if (bare == u"float64")
        return DType::Float64;
    return std::nullopt;
}

std::optional<DType> dtypeNamed(const QString& name)
{
    if (auto t = floatDTypeNamed(name))
        return t;
    const QString bare = name.startsWith(QStringLiteral("tf.")) ? name.mid(3) : name;
    if (bare == u"int32")
        return DType::Int32;
    if (bare == u"int64")
        return DType::Int64;
    return std::nullopt;
}

} // namespace gs
