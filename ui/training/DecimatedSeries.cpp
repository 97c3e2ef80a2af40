#include "ui/training/DecimatedSeries.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace gs {

DecimatedSeries::DecimatedSeries(std::size_t recent, std::size_t buckets)
    : recentCapacity_(std::max<std::size_t>(recent, 1))
    , maxBuckets_(std::max<std::size_t>(buckets, 2))
    , chunk_(std::max<std::size_t>(recentCapacity_ / 4, 1))
{
}

bool DecimatedSeries::append(double x, double y)
{
    ++appended_;
    recent_.push_back({x, y});
    if (recent_.size() < recentCapacity_ + chunk_)
        return false;
    compact();
    return true;
}

void DecimatedSeries::clear()
{
    buckets_.clear();
    recent_.clear();
    width_ = 1;
    appended_ = 0;
}

void DecimatedSeries::truncate(double x)
{
    while (!recent_.empty() && recent_.back().x > x) {
        recent_.pop_back();
        --appended_;
    }
    if (!recent_.empty())
        return;
    while (!buckets_.empty() && buckets_.back().lastX > x) {
        appended_ -= buckets_.back().count;
        buckets_.pop_back();
    }
}

std::optional<double> DecimatedSeries::lastX() const
{
    if (!recent_.empty())
        return recent_.back().x;
    if (!buckets_.empty())
        return buckets_.back().lastX;
    return std::nullopt;
}

void DecimatedSeries::add(Bucket& b, const Point& p) const
{
    if (b.count++ == 0)
        b.firstX = p.x;
    b.lastX = p.x;
    if (!std::isfinite(p.y))
        return;
    if (!b.finite) {
        b.min = b.max = p;
        b.finite = true;
        return;
    }
    if (p.y < b.min.y)
        b.min = p;
    if (p.y > b.max.y)
        b.max = p;
}

void DecimatedSeries::merge(Bucket& into, const Bucket& next) const
{
    into.count += next.count;
    into.lastX = next.lastX;
    if (!next.finite)
        return;
    if (!into.finite) {
        into.min = next.min;
        into.max = next.max;
        into.finite = true;
        return;
    }
    if (next.min.y < into.min.y)
        into.min = next.min;
    if (next.max.y > into.max.y)
        into.max = next.max;
}

void DecimatedSeries::compact()
{
    // The oldest chunk of recent points goes into buckets of width_ points each.
    for (std::size_t i = 0; i < chunk_; ++i) {
        if (buckets_.empty() || buckets_.back().count >= width_)
            buckets_.emplace_back();
        add(buckets_.back(), recent_[i]);
    }
    recent_.erase(recent_.begin(), recent_.begin() + static_cast<std::ptrdiff_t>(chunk_));
    // Too many buckets: neighbours merge, and the next points fill buckets twice as wide.
    while (buckets_.size() > maxBuckets_) {
        std::size_t out = 0;
        for (std::size_t i = 0; i < buckets_.size(); i += 2) {
            Bucket b = buckets_[i];
            if (i + 1 < buckets_.size())
                merge(b, buckets_[i + 1]);
            buckets_[out++] = b;
        }
        buckets_.resize(out);
        width_ *= 2;
    }
}

std::vector<DecimatedSeries::Point> DecimatedSeries::points() const
{
    std::vector<Point> out;
    out.reserve(2 * buckets_.size() + recent_.size());
    for (const Bucket& b : buckets_) {
        if (!b.finite)
            out.push_back({b.firstX, std::numeric_limits<double>::quiet_NaN()});
        else if (b.min.x == b.max.x)
            out.push_back(b.min);
        else if (b.min.x < b.max.x) {
            out.push_back(b.min);
            out.push_back(b.max);
        } else {
            out.push_back(b.max);
            out.push_back(b.min);
        }
    }
    out.insert(out.end(), recent_.begin(), recent_.end());
    return out;
}

} // namespace gs
