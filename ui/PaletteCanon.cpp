#include "ui/PaletteCanon.h"

#include <QStyleOption>

#include <algorithm>
#include <iterator>

namespace gs {

QPalette PaletteCanon::canonical(const QPalette& palette)
{
    for (auto it = kept_.begin(); it != kept_.end(); ++it) {
        if (it->isCopyOf(palette) || *it == palette) {
            std::rotate(kept_.begin(), it, std::next(it)); // the most recently used first
            QPalette result = kept_.front();
            result.setCurrentColorGroup(palette.currentColorGroup());
            return result;
        }
    }
    kept_.push_front(palette);
    if (kept_.size() > capacity)
        kept_.pop_back();
    return palette;
}

CanonicalPaletteScope::CanonicalPaletteScope(PaletteCanon& canon, const QStyleOption* option)
{
    if (!option)
        return;
    // Style options are the drawing widget's own temporaries (never const objects): lending
    // them another palette object with the same colours for the call changes nothing drawn.
    option_ = const_cast<QStyleOption*>(option);
    own_ = option_->palette;
    option_->palette = canon.canonical(own_);
}

CanonicalPaletteScope::~CanonicalPaletteScope()
{
    if (option_)
        option_->palette = own_;
}

} // namespace gs
