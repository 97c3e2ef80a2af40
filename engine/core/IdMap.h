#pragma once

#include "engine/core/Tensor.h"

#include <cstdint>
#include <cstring>
#include <vector>

namespace gs {

/// TensorId -> int, open addressing with linear probing. Tapes look ids up for every recorded
/// op; a flat table keeps that free of per-insert allocations (std::unordered_map allocates a
/// node per element, which dominated the cost of small gradients).
class IdMap {
public:
    static constexpr int missing = -2147483647 - 1;

    /// The value for `id`, or `missing`.
    int find(TensorId id) const
    {
        if (slots_.empty())
            return missing;
        for (std::size_t i = hash(id);; i = (i + 1) & mask()) {
            const Slot& s = slots_[i];
            if (s.id == id)
                return s.value;
            if (s.id == 0)
                return missing;
        }
    }
    bool contains(TensorId id) const { return find(id) != missing; }

    /// Inserts or overwrites. Ids are never 0 (newTensorId starts at 1).
    void set(TensorId id, int value)
    {
        if ((count_ + 1) * 4 > slots_.size() * 3)
            grow();
        for (std::size_t i = hash(id);; i = (i + 1) & mask()) {
            Slot& s = slots_[i];
            if (s.id == id) {
                s.value = value;
                return;
            }
            if (s.id == 0) {
                s = {id, value};
                ++count_;
                return;
            }
        }
    }

    std::size_t size() const { return count_; }
    void clear()
    {
        // Every tape clears three of these: an empty one costs nothing, a used one one memset
        // (a slot of zeros is an empty slot).
        if (count_ == 0)
            return;
        std::memset(static_cast<void*>(slots_.data()), 0, slots_.size() * sizeof(Slot));
        count_ = 0;
    }
    template <class F> void forEach(F&& f) const
    {
        for (const Slot& s : slots_)
            if (s.id != 0)
                f(s.id, s.value);
    }

private:
    struct Slot {
        TensorId id = 0;
        int value = 0;
    };
    std::size_t mask() const { return slots_.size() - 1; }
    std::size_t hash(TensorId id) const { return static_cast<std::size_t>((id * 0x9E3779B97F4A7C15ull) >> 20) & mask(); }
    void grow()
    {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
        count_ = 0;
        for (const Slot& s : old)
            if (s.id != 0)
                set(s.id, s.value);
    }

    std::vector<Slot> slots_;
    std::size_t count_ = 0;
};

} // namespace gs
