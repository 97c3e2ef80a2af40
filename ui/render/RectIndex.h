#pragma once

#include <QRectF>

#include <cstdint>
#include <vector>

namespace gs {

/// Rectangles bucketed on a uniform grid, so that asking what a rectangle overlaps costs only its
/// neighbourhood: placing the labels of a 1,000-node graph asks thousands of times. The grid
/// covers `extent`; rectangles beyond it go into its border cells (still answered exactly).
class RectIndex {
public:
    explicit RectIndex(const QRectF& extent, double cell = 128.0);

    void insert(const QRectF& rect);
    /// True when `rect` shares some area with a rectangle of the index.
    bool overlaps(const QRectF& rect) const;
    /// The area `rect` shares with the rectangles of the index (each counted once).
    double overlapArea(const QRectF& rect) const;

private:
    template <class Visit> void visit(const QRectF& rect, Visit visit) const;
    int column(double x) const;
    int row(double y) const;

    QRectF extent_;
    double cell_;
    int columns_;
    int rows_;
    std::vector<QRectF> rects_;
    std::vector<std::vector<std::uint32_t>> cells_; ///< row-major
    mutable std::vector<std::uint32_t> seen_;       ///< per rectangle, the query that last met it
    mutable std::uint32_t query_ = 0;
};

} // namespace gs
