#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <utility>
#include <vector>

namespace gs {

/// The last `capacity()` of the values pushed, oldest first: a ring buffer that never grows past
/// its capacity, so a run of any length keeps a bounded record: once full, each value pushed
/// replaces the oldest one in its slot. Index 0 is the oldest value kept; total() counts every
/// value pushed since the last clear(), dropped() those the ring no longer holds.
template <typename T>
class Ring {
public:
    explicit Ring(std::size_t capacity = 1) : capacity_(capacity > 0 ? capacity : 1) {}

    std::size_t capacity() const { return capacity_; }
    /// Keeps the newest values that fit.
    void setCapacity(std::size_t capacity)
    {
        capacity = capacity > 0 ? capacity : 1;
        if (capacity == capacity_)
            return;
        std::vector<T> kept;
        const std::size_t keep = std::min(size(), capacity);
        kept.reserve(keep);
        for (std::size_t i = size() - keep; i < size(); ++i)
            kept.push_back(std::move((*this)[i]));
        const std::int64_t total = total_;
        capacity_ = capacity;
        slots_ = std::move(kept);
        start_ = 0;
        total_ = total;
    }

    std::size_t size() const { return slots_.size(); }
    bool empty() const { return slots_.empty(); }
    /// Values pushed since the last clear(), kept or not.
    std::int64_t total() const { return total_; }
    /// Values pushed since the last clear() that the ring no longer holds.
    std::int64_t dropped() const { return total_ - static_cast<std::int64_t>(size()); }

    const T& operator[](std::size_t i) const { return slots_[(start_ + i) % slots_.size()]; }
    T& operator[](std::size_t i) { return slots_[(start_ + i) % slots_.size()]; }
    const T& front() const { return (*this)[0]; }
    const T& back() const { return (*this)[size() - 1]; }

    void push_back(T value)
    {
        ++total_;
        if (slots_.size() < capacity_) {
            // Grows as a vector does, but never past the capacity.
            if (slots_.size() == slots_.capacity())
                slots_.reserve(std::min(capacity_, std::max<std::size_t>(16, 2 * slots_.size())));
            slots_.push_back(std::move(value));
            return;
        }
        slots_[start_] = std::move(value);
        start_ = (start_ + 1) % capacity_;
    }
    /// Makes room for one more value and returns its slot, for the caller to fill: once full,
    /// the oldest value's slot, its old value left in it so that the caller can overwrite it
    /// reusing its memory; before, a new default value at the end.
    T& pushSlot()
    {
        ++total_;
        if (slots_.size() < capacity_) {
            if (slots_.size() == slots_.capacity())
                slots_.reserve(std::min(capacity_, std::max<std::size_t>(16, 2 * slots_.size())));
            return slots_.emplace_back();
        }
        T& slot = slots_[start_];
        start_ = (start_ + 1) % capacity_;
        return slot;
    }
    /// Forgets the newest `count` values (all of them when there are fewer), as if they had never
    /// been pushed: total() goes down by as many, so index i still holds value dropped() + i.
    void dropNewest(std::size_t count)
    {
        count = std::min(count, size());
        if (count == 0)
            return;
        // Oldest first in the slots, then the newest ones off the end.
        std::rotate(slots_.begin(), slots_.begin() + static_cast<std::ptrdiff_t>(start_),
                    slots_.end());
        start_ = 0;
        slots_.erase(slots_.end() - static_cast<std::ptrdiff_t>(count), slots_.end());
        total_ -= static_cast<std::int64_t>(count);
    }
    /// Empties the ring; the slots' memory is kept for the next run.
    void clear()
    {
        slots_.clear();
        start_ = 0;
        total_ = 0;
    }

    class const_iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = const T*;
        using reference = const T&;
        const_iterator() = default;
        const_iterator(const Ring* ring, std::size_t i) : ring_(ring), i_(i) {}
        reference operator*() const { return (*ring_)[i_]; }
        pointer operator->() const { return &(*ring_)[i_]; }
        const_iterator& operator++()
        {
            ++i_;
            return *this;
        }
        const_iterator operator++(int)
        {
            const_iterator before = *this;
            ++i_;
            return before;
        }
        friend bool operator==(const const_iterator& a, const const_iterator& b) { return a.i_ == b.i_; }

    private:
        const Ring* ring_ = nullptr;
        std::size_t i_ = 0;
    };
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, size()}; }

    /// Same values in the same order (capacities and dropped counts aside).
    friend bool operator==(const Ring& a, const Ring& b)
    {
        if (a.size() != b.size())
            return false;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (!(a[i] == b[i]))
                return false;
        return true;
    }

private:
    std::size_t capacity_;
    std::vector<T> slots_;
    std::size_t start_ = 0; ///< the oldest value's slot, once full
    std::int64_t total_ = 0;
};

} // namespace gs
