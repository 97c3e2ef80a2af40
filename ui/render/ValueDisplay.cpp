#include "ui/render/ValueDisplay.h"

#include "engine/core/Tensor.h"

#include <QColor>

#include <algorithm>
#include <cmath>

namespace gs {

namespace {

/// Diverging blue - white - orange (PuOr-like, colour-blind safe); NaN and infinities black.
QRgb heat(double v, double limit)
{
    if (!std::isfinite(v))
        return qRgb(0, 0, 0);
    const double t = limit > 0 ? std::clamp(v / limit, -1.0, 1.0) : 0.0;
    const QColor neg(0x2D, 0x5F, 0xA8);
    const QColor pos(0xE6, 0x7E, 0x00);
    const QColor mid(0xF4, 0xF4, 0xF4);
    const QColor& end = t < 0 ? neg : pos;
    const double a = std::abs(t);
    return qRgb(qRound(mid.red() + (end.red() - mid.red()) * a), qRound(mid.green() + (end.green() - mid.green()) * a),
                qRound(mid.blue() + (end.blue() - mid.blue()) * a));
}

} // namespace

QString shortNumber(double value)
{
    if (std::isnan(value))
        return QStringLiteral("nan");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    if (value == std::floor(value) && std::abs(value) < 1e5)
        return QString::number(value, 'f', 1);
    return QString::number(value, 'g', 5);
}

bool hasNonfinite(const Tensor& tensor)
{
    if (!tensor.valid() || !isFloating(tensor.dtype()))
        return false;
    return !tensor.allFinite();
}

double maxFiniteMagnitude(const Tensor& tensor)
{
    if (!tensor.valid() || tensor.dtype() == DType::Bool)
        return -1.0;
    double best = -1.0;
    for (std::int64_t i = 0; i < tensor.size(); ++i) {
        const double v = tensor.at(i);
        if (std::isfinite(v))
            best = std::max(best, std::abs(v));
    }
    return best;
}

QString compactTensor(const Tensor& tensor, int maxElements)
{
    if (!tensor.valid())
        return {};
    auto element = [&](std::int64_t i) {
        return tensor.dtype() == DType::Bool ? QString(tensor.at(i) != 0 ? "True" : "False") : shortNumber(tensor.at(i));
    };
    if (tensor.rank() == 0) {
        if (tensor.dtype() == DType::Bool)
            return element(0);
        // TensorFlow's own spelling ("36.0", "0.1") while it is short; a float64 that needs all
        // 17 digits would crowd the canvas, so it shows 6 here and every digit in its hover card.
        // Unless 6 digits round it to a round number and so hide a small difference (a lesson's
        // nudge: 105.000036000001 is "105.000036", not "105"): then as many as fit in 10 characters.
        const QString exact = QString::fromStdString(formatNumber(tensor.at(0), tensor.dtype()));
        if (exact.size() <= 10)
            return exact;
        const QString six = QString::number(tensor.at(0), 'g', 6);
        QString digits = six.section(u'e', 0, 0).remove(u'-').remove(u'.'); // the significant ones
        while (digits.startsWith(u'0'))
            digits.remove(0, 1);
        if (digits.size() < 6) // trailing zeros were dropped
            for (int more = 9; more > 6; --more)
                if (const QString text = QString::number(tensor.at(0), 'g', more); text.size() <= 10)
                    return text;
        return six;
    }
    const QString shape = QString::fromStdString(tensor.shape().str());
    if (tensor.size() > maxElements) {
        const double m = maxFiniteMagnitude(tensor);
        QString text = shape;
        if (hasNonfinite(tensor))
            text += QStringLiteral(" has nan/inf");
        else if (m >= 0)
            text += QStringLiteral(" max|·| ") + shortNumber(m);
        return text;
    }
    QStringList parts;
    if (tensor.rank() == 1) {
        for (std::int64_t i = 0; i < tensor.size(); ++i)
            parts << element(i);
        return u'[' + parts.join(QStringLiteral(", ")) + u']';
    }
    for (std::int64_t r = 0; r < tensor.shape().rows; ++r) {
        QStringList row;
        for (std::int64_t c = 0; c < tensor.shape().cols; ++c)
            row << element(r * tensor.shape().cols + c);
        parts << u'[' + row.join(QStringLiteral(", ")) + u']';
    }
    return u'[' + parts.join(QStringLiteral(", ")) + u']';
}

ValueDisplay ValueDisplay::of(const Tensor& tensor)
{
    ValueDisplay d;
    if (!tensor.valid())
        return d;
    d.nonfinite = hasNonfinite(tensor);
    if (tensor.rank() == 0) {
        d.kind = Kind::Scalar;
        d.text = compactTensor(tensor);
        return d;
    }
    d.shape = QString::fromStdString(tensor.shape().str());
    const auto rows = static_cast<int>(tensor.shape().rows);
    const auto cols = static_cast<int>(tensor.shape().cols);
    if (rows <= maxTableRows && cols <= maxTableColumns) {
        d.kind = Kind::Table;
        d.rows = rows;
        d.columns = cols;
        for (std::int64_t i = 0; i < tensor.size(); ++i)
            d.cells << (tensor.dtype() == DType::Bool ? QString(tensor.at(i) != 0 ? "T" : "F") : shortNumber(tensor.at(i)));
        return d;
    }
    d.kind = Kind::Heatmap;
    const double limit = std::max(maxFiniteMagnitude(tensor), 0.0);
    d.heatmap = QImage(cols, rows, QImage::Format_RGB32);
    double lo = INFINITY;
    double hi = -INFINITY;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const double v = tensor.at(r, c);
            d.heatmap.setPixel(c, r, heat(v, limit));
            if (std::isfinite(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
        }
    d.text = std::isfinite(lo) ? shortNumber(lo) + QStringLiteral(" .. ") + shortNumber(hi) : QStringLiteral("nan");
    return d;
}

} // namespace gs
