#include "ui/render/RectIndex.h"

#include <algorithm>
#include <cmath>

namespace gs {

namespace {

/// Positive area in common (touching edges do not count).
double shared(const QRectF& a, const QRectF& b)
{
    const double w = std::min(a.right(), b.right()) - std::max(a.left(), b.left());
    const double h = std::min(a.bottom(), b.bottom()) - std::max(a.top(), b.top());
    return w > 0 && h > 0 ? w * h : 0.0;
}

/// Enough cells for a large graph, few enough that an empty index is cheap to make.
constexpr int maxCellsPerSide = 512;

} // namespace

RectIndex::RectIndex(const QRectF& extent, double cell)
    : extent_(extent.normalized())
    , cell_(std::max({cell, extent.width() / maxCellsPerSide, extent.height() / maxCellsPerSide, 1.0}))
    , columns_(std::max(1, static_cast<int>(std::ceil(extent_.width() / cell_))))
    , rows_(std::max(1, static_cast<int>(std::ceil(extent_.height() / cell_))))
    , cells_(static_cast<std::size_t>(columns_) * static_cast<std::size_t>(rows_))
{
}

int RectIndex::column(double x) const
{
    return std::clamp(static_cast<int>(std::floor((x - extent_.left()) / cell_)), 0, columns_ - 1);
}

int RectIndex::row(double y) const { return std::clamp(static_cast<int>(std::floor((y - extent_.top()) / cell_)), 0, rows_ - 1); }

template <class Visit> void RectIndex::visit(const QRectF& r, Visit visit) const
{
    const int c0 = column(r.left());
    const int c1 = column(r.right());
    const int r0 = row(r.top());
    const int r1 = row(r.bottom());
    ++query_;
    for (int y = r0; y <= r1; ++y)
        for (int x = c0; x <= c1; ++x)
            for (std::uint32_t i : cells_[static_cast<std::size_t>(y) * static_cast<std::size_t>(columns_) + static_cast<std::size_t>(x)]) {
                if (seen_[i] == query_)
                    continue;
                seen_[i] = query_;
                if (visit(rects_[i]))
                    return;
            }
}

void RectIndex::insert(const QRectF& r)
{
    if (r.isEmpty())
        return;
    const auto index = static_cast<std::uint32_t>(rects_.size());
    rects_.push_back(r);
    seen_.push_back(0);
    for (int y = row(r.top()); y <= row(r.bottom()); ++y)
        for (int x = column(r.left()); x <= column(r.right()); ++x)
            cells_[static_cast<std::size_t>(y) * static_cast<std::size_t>(columns_) + static_cast<std::size_t>(x)].push_back(index);
}

bool RectIndex::overlaps(const QRectF& r) const
{
    bool found = false;
    visit(r, [&](const QRectF& other) { return found = shared(r, other) > 0; });
    return found;
}

double RectIndex::overlapArea(const QRectF& r) const
{
    double area = 0;
    visit(r, [&](const QRectF& other) {
        area += shared(r, other);
        return false;
    });
    return area;
}

} // namespace gs
