#include "ui/PaletteCanon.h"

#include <QStyleOption>

namespace gs {

QPalette PaletteCanon::canonical(const QPalette& palette)
{
    for (auto it = kept_.begin(); it != kept_.end(); ++it) {
        if (it->isCopyOf(palette) || *it == palette) {
            if (it != kept_.begin()) {
                QPalette found = *it;
                kept_.erase(it);
                kept_.push_front(found);
            }
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
