#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace gs {

/// A curve of any length in bounded memory, for the training plots: the newest points at full
/// resolution, the older ones in buckets of consecutive points that keep each bucket's lowest and
/// highest point (min/max decimation, as plotting libraries do per pixel column), so spikes and
/// the overall shape survive while a 100,000-step run costs a few thousand points. When the
/// buckets are full, neighbours merge and the buckets double in width.
///
/// x must not decrease from one append to the next (steps). Non-finite y are gaps in the recent
/// part; in a bucket they are skipped (a bucket of only gaps stays a gap).
class DecimatedSeries {
public:
    struct Point {
        double x = 0.0;
        double y = 0.0;
        friend bool operator==(const Point&, const Point&) = default;
    };

    /// `recent`: points kept at full resolution; `buckets`: the most buckets for the older ones
    /// (each drawn as at most two points).
    explicit DecimatedSeries(std::size_t recent = 4096, std::size_t buckets = 2048);

    /// Adds a point. True when older points moved into buckets: points() then differs from what
    /// it was before the call by more than the new point at its end.
    bool append(double x, double y);
    void clear();
    /// Forgets the points after `x` (a run resumed from step x). A bucket that reaches past x goes
    /// as a whole, so the series may end before x: lastX() says where, and the caller appends the
    /// points from there again.
    void truncate(double x);
    /// The x of the newest point held, or nullopt when empty.
    std::optional<double> lastX() const;

    /// What to draw, ordered by x: the buckets' points, then the recent ones.
    std::vector<Point> points() const;
    /// Points appended since the last clear().
    std::size_t appended() const { return appended_; }
    /// The most points points() can hold: 2 * buckets + recent + the points waiting to be bucketed.
    std::size_t maxPoints() const { return 2 * maxBuckets_ + recentCapacity_ + chunk_; }
    /// Points in the buckets' width (1 until the buckets first merge).
    std::size_t bucketWidth() const { return width_; }

private:
    struct Bucket {
        std::size_t count = 0;
        double firstX = 0.0;
        double lastX = 0.0;
        bool finite = false; ///< min and max hold a finite point
        Point min;
        Point max;
    };
    void add(Bucket& b, const Point& p) const;
    void merge(Bucket& into, const Bucket& next) const;
    void compact();

    std::size_t recentCapacity_;
    std::size_t maxBuckets_;
    std::size_t chunk_;     ///< how many points move into buckets at a time
    std::size_t width_ = 1; ///< points per full bucket
    std::vector<Bucket> buckets_;
    std::vector<Point> recent_;
    std::size_t appended_ = 0;
};

} // namespace gs
