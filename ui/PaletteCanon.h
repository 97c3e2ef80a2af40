#pragma once

#include <QPalette>

#include <deque>

class QStyleOption;

namespace gs {

/// One palette object per set of colours, for the style to draw with.
///
/// Why: Fusion caches what it draws in QPixmapCache under a string key that includes the
/// palette's cacheKey(), and every QApplication::setPalette() gives every widget a palette with a
/// new cacheKey, even with colours seen before (presenter mode sets its palette on the way in and
/// the desk's on the way out). Qt 6.4 (Debian 12's) never forgets a string key once its entry is
/// cleared or evicted (QPMCache::releaseKey leaves it in its hash; later Qt removes it), so every
/// trip in and out of presenter mode left the keys of everything drawn, about 8 KB a cycle with
/// the training view open (gradscope_soak, docs/performance.md). Drawn with the first palette
/// seen with the same colours, the keys repeat: the old entries are found or replaced.
class PaletteCanon {
public:
    /// The palette kept for `palette`'s colours (the first one seen with them), with `palette`'s
    /// current colour group. Remembers at most `capacity` sets of colours, the most recent ones.
    QPalette canonical(const QPalette& palette);
    std::size_t size() const { return kept_.size(); }
    static constexpr std::size_t capacity = 32;

private:
    std::deque<QPalette> kept_; ///< most recently used first
};

/// Draws with the canonical palette in place of `option`'s for its lifetime, and puts the
/// option's own back after (the option is the caller's temporary, built to be drawn).
class CanonicalPaletteScope {
public:
    CanonicalPaletteScope(PaletteCanon& canon, const QStyleOption* option);
    ~CanonicalPaletteScope();
    CanonicalPaletteScope(const CanonicalPaletteScope&) = delete;
    CanonicalPaletteScope& operator=(const CanonicalPaletteScope&) = delete;

private:
    QStyleOption* option_ = nullptr;
    QPalette own_;
};

} // namespace gs
