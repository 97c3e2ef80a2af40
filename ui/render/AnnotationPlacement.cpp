#include "ui/render/AnnotationPlacement.h"

#include "ui/render/RectIndex.h"

#include <QLineF>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace gs {

namespace {

/// Space kept between a label and whatever it avoids.
constexpr double clearance = 2.0;

QRectF padded(const QRectF& r) { return r.adjusted(-clearance, -clearance, clearance, clearance); }

/// Positions along a wire and off it, nearest the preferred spot first. Sliding along the wire
/// comes before lifting off it: a label on its wire is unmistakably its wire's.
struct Candidate {
    double t;
    int lift; ///< off the wire, in steps of about half a label's height: negative above, 0 on it
    double cost;
};

/// On the wire or right beside it (lift 0 or ±1), 45 places; where no place at all is free, a
/// label falls back to the one of the first few that overlaps least (measuring them all would
/// cost more than the rest of placing on a crowded graph).
constexpr std::size_t onWire = 45;
constexpr std::size_t fallbacks = 9;
/// Then a little further off (±2, ±3), for every label; the rest, far off with a leader line,
/// for the current step's products, which are too long for the gap between two columns, and
/// for the first few other labels that found no place nearer (on a crowded graph thousands of
/// labels find none, and searching far for each would cost more than the rest together).
constexpr std::size_t usualCandidates = onWire + 20;
constexpr int farSearches = 64;

const std::vector<Candidate>& candidates()
{
    static const std::vector<Candidate> all = [] {
        std::vector<Candidate> c;
        for (double t : {0.62, 0.56, 0.5, 0.68, 0.44, 0.74, 0.38, 0.8, 0.32, 0.86, 0.26, 0.92, 0.2, 0.14, 0.08})
            for (int lift : {0, -1, 1})
                c.push_back({t, lift, std::abs(t - LabelSpot::preferredT) + (lift == 0 ? 0.0 : 0.17)});
        std::stable_sort(c.begin(), c.end(), [](const Candidate& a, const Candidate& b) { return a.cost < b.cost; });
        const auto lifted = [&c](int lift) {
            for (double t : {0.5, 0.62, 0.38, 0.74, 0.26})
                for (int sign : {-1, 1})
                    c.push_back({t, sign * lift, 1.0 + lift});
        };
        lifted(2);
        lifted(3);
        // Far searches look more finely along the wire first (a narrow gap between two columns
        // may have room at one spot only), then far off it.
        for (int step = 2; step <= 48; ++step)
            for (int lift : {0, -1, 1})
                c.push_back({step * 0.02, lift, 1.0});
        for (int lift = 4; lift <= 14; ++lift)
            lifted(lift);
        return c;
    }();
    return all;
}

/// A place for a callout or label, with the line that joins it to what it belongs to when it
/// is not right beside it: that line must not run across a node either.
struct Option {
    QRectF rect;
    QLineF leader;
};

/// The area a leader line runs across, measured along it in short pieces (a diagonal line's
/// bounding box would cover what it passes by), up to 4 units short of the node it points at.
/// With `first`, stops at the first piece that overlaps something.
double leaderOverlap(const RectIndex& index, const QLineF& line, bool first)
{
    if (line.isNull() || line.length() < 6)
        return 0.0;
    const double usable = line.length() - 4;
    const int pieces = std::max(1, static_cast<int>(std::ceil(usable / 10)));
    double area = 0;
    for (int k = 0; k < pieces; ++k) {
        const QPointF a = line.pointAt(usable / line.length() * k / pieces);
        const QPointF b = line.pointAt(usable / line.length() * (k + 1) / pieces);
        const QRectF piece = QRectF(a, b).normalized().adjusted(-1.5, -1.5, 1.5, 1.5);
        if (first) {
            if (index.overlaps(piece))
                return 1.0;
        } else {
            area += index.overlapArea(piece);
        }
    }
    return area;
}

/// Picks the first of `count` options (made by `option(i)`, in order of preference, only as far
/// as needed) that overlaps nothing in `index`, its leader line included; else, of the first
/// `measured`, the one that overlaps least (the earlier one on a tie). Asking whether a place is
/// free stops at the first obstacle; only the fallbacks are measured.
template <class MakeOption>
std::size_t choose(const RectIndex& index, std::size_t count, std::size_t measured, MakeOption option, bool* free = nullptr)
{
    std::size_t best = 0;
    double least = INFINITY;
    if (free)
        *free = false;
    for (std::size_t i = 0; i < count; ++i) {
        const Option o = option(i);
        if (o.rect.isEmpty())
            continue;
        const QRectF rect = padded(o.rect);
        if (!index.overlaps(rect) && leaderOverlap(index, o.leader, true) <= 0) {
            if (free)
                *free = true;
            return i;
        }
        if (i < measured) {
            const double area = index.overlapArea(rect) + leaderOverlap(index, o.leader, false);
            if (area < least) {
                least = area;
                best = i;
            }
        }
    }
    return best;
}

/// The line from a wire's point to its label, as the painter draws it when the label was lifted
/// away from the wire.
QLineF labelLeader(const EdgeGeometry& g, const LabelSpot& spot, const QRectF& label)
{
    const QPointF on = g.pointAt(spot.t);
    const QPointF near(std::clamp(on.x(), label.left(), label.right()), std::clamp(on.y(), label.top(), label.bottom()));
    return QLineF(near, on);
}

} // namespace

AnnotationPlacement placeAnnotations(const std::vector<NodeAt>& nodes, const std::vector<WireAt>& wires,
                                     const std::vector<QRectF>& obstacles)
{
    AnnotationPlacement result;
    result.callouts.resize(nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i)
        result.callouts[i] = nodes[i].geometry->callout.topLeft();
    result.labels.resize(wires.size());

    QRectF extent;
    for (const NodeAt& n : nodes)
        extent = extent.united(n.geometry->bounds.translated(n.position));
    for (const WireAt& w : wires)
        extent = extent.united(w.geometry->curveBounds);
    RectIndex index(extent);
    for (const NodeAt& n : nodes)
        index.insert(n.geometry->core().translated(n.position));
    for (const QRectF& r : obstacles)
        index.insert(r);

    // Callouts first: they are larger and belong to a node; labels then slide around them.
    std::vector<std::size_t> order(nodes.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_partition(order.begin(), order.end(), [&](std::size_t i) { return nodes[i].active; });
    for (std::size_t i : order) {
        const NodeAt& n = nodes[i];
        if (n.geometry->callout.isEmpty())
            continue;
        const std::vector<QPointF> places = n.geometry->calloutPlaces();
        NodeGeometry moved = *n.geometry;
        const auto option = [&](std::size_t k) {
            moved.placeCallout(places[k]);
            return Option{moved.callout.translated(n.position), moved.calloutLeader().translated(n.position)};
        };
        const std::size_t k = choose(index, places.size(), 4, option); // falls back beside the node
        result.callouts[i] = places[k];
        index.insert(option(k).rect);
    }

    // Valves are under the callouts (drawn with their nodes) but above no label. Chevrons come
    // last: they make way for the labels.
    for (const WireAt& w : wires)
        if (w.valve) {
            const double r = EdgeGeometry::valveRadius + 1;
            index.insert(QRectF(w.geometry->valve - QPointF(r, r), QSizeF(2 * r, 2 * r)));
        }

    order.resize(wires.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (wires[a].active != wires[b].active)
            return wires[a].active;
        return wires[a].geometry->labelSize.width() > wires[b].geometry->labelSize.width();
    });
    int farLeft = farSearches;
    for (std::size_t i : order) {
        const EdgeGeometry& g = *wires[i].geometry;
        if (g.labelSize.isEmpty())
            continue;
        // Lifted clear of the wire's stroke.
        const double off = g.labelSize.height() / 2 + wires[i].width / 2 + clearance;
        const std::vector<Candidate>& all = candidates();
        const auto spot = [&](std::size_t k) { return LabelSpot{all[k].t, all[k].lift * off}; };
        const auto option = [&](std::size_t k) {
            const QRectF rect = g.labelRect(spot(k));
            // On the wire or beside it there is no leader line to check.
            return Option{rect, std::abs(all[k].lift) > 1 ? labelLeader(g, spot(k), rect) : QLineF()};
        };
        const bool far = wires[i].active || farLeft > 0;
        bool free = false;
        const std::size_t k = choose(index, far ? all.size() : usualCandidates, fallbacks, option, &free);
        if (!wires[i].active && (!free || k >= usualCandidates))
            --farLeft; // it searched far
        result.labels[i] = spot(k);
        index.insert(g.labelRect(spot(k)));
    }

    // Each chevron nearest its usual place (near the output, where the gradient arrives) that
    // no label, node or other chevron covers; where none is free, at its usual place.
    static constexpr double arrowPlaces[] = {0.3, 0.24, 0.36, 0.18, 0.42, 0.12, 0.48, 0.8, 0.72, 0.88};
    for (std::size_t i = 0; i < wires.size(); ++i) {
        if (!wires[i].arrow)
            continue;
        const EdgeGeometry& g = *wires[i].geometry;
        std::size_t k = 0;
        while (k < std::size(arrowPlaces) && index.overlaps(g.arrowRectAt(arrowPlaces[k], wires[i].width)))
            ++k;
        const double t = k < std::size(arrowPlaces) ? arrowPlaces[k] : LabelSpot::preferredArrowT;
        result.labels[i].arrowT = t;
        index.insert(g.arrowRectAt(t, wires[i].width));
    }
    return result;
}

} // namespace gs
