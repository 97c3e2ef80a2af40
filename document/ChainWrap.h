#pragma once

#include "document/DocumentIds.h"

#include <QPointF>
#include <QRectF>
#include <QSizeF>

#include <functional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace gs {

struct GraphData;
class ConnectionIndex;

/// A long run of one op where each link feeds only the next one, through its first input:
/// `x1 + x2 + ... + x40` as Python reads it, ((x1 + x2) + x3) + ... The graph keeps that shape
/// (TensorFlow adds in that order, and float32 rounding depends on it), so the layout, not the
/// graph, must keep it compact: drawn in one row, such a chain is a staircase far wider than any
/// screen. Runs shorter than `minLinks` are left out.
std::vector<std::vector<NodeId>> longChains(const GraphData& data, const ConnectionIndex& index, int minLinks = 8);

/// How many links of a chain of `links` links go in one row when it is wrapped like text, so that
/// the block comes out a little wider than tall (about a projector's shape).
int chainRowLength(int links);

/// The connections where the long chains of `data` wrap to their next row: a layout places the
/// two ends of each without the left-to-right order other connections impose.
std::unordered_set<ConnectionId> chainWraps(const GraphData& data, const ConnectionIndex& index);

/// A long chain laid out as a block of rows, read like text: each row has its links side by side
/// with the other input of each (when that is a small tree used by nothing else, such as x3 or
/// w3 * x3) below and just left of it; the first link's first input starts the first row. The
/// rows are as long as makes the block a little wider than tall. Positions are node positions
/// relative to the block's top-left corner.
struct ChainBlock {
    std::unordered_map<NodeId, QPointF> positions;
    QSizeF size;
};

/// The block of `links` (a chain from longChains()): `extent` is a node's drawn extent relative
/// to its position, `columnGap` the room between a link and the next (wires and their labels),
/// `rowGap` the room between two rows.
ChainBlock layOutChain(const GraphData& data, const ConnectionIndex& index, const std::vector<NodeId>& links,
                       const std::function<QRectF(NodeId)>& extent, double columnGap, double rowGap);

} // namespace gs
