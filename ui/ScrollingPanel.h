#pragma once

#include <QFrame>
#include <QScrollArea>

namespace gs {

/// `panel` in a scroll area for a dock: squeezed below its own minimum size (a small screen, the
/// training view taking most of the height) it scrolls instead of making the window larger than
/// the screen. Header-only, for the docks of every library.
inline QScrollArea* scrollingPanel(QWidget* panel)
{
    auto* scroll = new QScrollArea;
    scroll->setObjectName(panel->objectName() + QStringLiteral("Scroll"));
    scroll->setWidget(panel);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMinimumSize(120, 60);
    return scroll;
}

} // namespace gs
