#pragma once

#include <QHashFunctions>

#include <compare>
#include <cstddef>
#include <functional>

namespace gs {

/// The id of one thing a GraphDocument holds. 0 means "none". Ids are positive and stay with their
/// thing for its whole life: a command that removes a node and later restores it restores it under
/// the same id, so every other command that names it still finds it.
template <class Tag> struct DocumentId {
    int value = 0;

    constexpr bool valid() const { return value > 0; }
    friend constexpr bool operator==(DocumentId, DocumentId) = default;
    friend constexpr auto operator<=>(DocumentId, DocumentId) = default;
};

template <class Tag> std::size_t qHash(DocumentId<Tag> id, std::size_t seed = 0)
{
    return ::qHash(id.value, seed);
}

struct NodeTag;
struct ConnectionTag;
struct GroupTag;
struct CommentTag;

using NodeId = DocumentId<NodeTag>;
using ConnectionId = DocumentId<ConnectionTag>;
using GroupId = DocumentId<GroupTag>;
using CommentId = DocumentId<CommentTag>;

/// An input port of a node, counted from 0. Every node has exactly one output.
using PortIndex = int;

} // namespace gs

template <class Tag> struct std::hash<gs::DocumentId<Tag>> {
    std::size_t operator()(gs::DocumentId<Tag> id) const noexcept { return std::hash<int>()(id.value); }
};
