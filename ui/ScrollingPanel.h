#pragma once

#include <QEvent>
#include <QFrame>
#include <QLayout>
#include <QScrollArea>

#include <algorithm>

namespace gs {

/// A scroll area for a dock's panel that sizes the panel as a layout would: to the viewport, and
/// to no less than the panel's minimum at the viewport's width. When the panel has word-wrapped
/// text, QScrollArea's own resizing takes the panel's *preferred* height for the width as its
/// minimum: the lesson's reading part then claimed its whole text, the panel scrolled in a dock
/// it fitted, and Next was pushed out of sight at 1024x768.
class PanelScrollArea : public QScrollArea {
public:
    explicit PanelScrollArea(QWidget* panel)
    {
        setObjectName(panel->objectName() + QStringLiteral("Scroll"));
        setWidgetResizable(false);
        setWidget(panel);
        setFrameShape(QFrame::NoFrame);
        setMinimumSize(120, 60);
        panel->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched == widget() && event->type() == QEvent::LayoutRequest)
            fit();
        return QScrollArea::eventFilter(watched, event);
    }
    void resizeEvent(QResizeEvent* event) override
    {
        QScrollArea::resizeEvent(event);
        fit();
    }

private:
    void fit()
    {
        QWidget* panel = widget();
        if (!panel)
            return;
        const QSize least = panel->minimumSizeHint().expandedTo(panel->minimumSize());
        const int width = std::max(viewport()->width(), least.width());
        int height = least.height();
        if (QLayout* layout = panel->layout(); layout && layout->hasHeightForWidth())
            height = std::max(layout->totalMinimumHeightForWidth(width), panel->minimumHeight());
        const QSize size(width, std::max(height, viewport()->height()));
        if (panel->size() != size)
            panel->resize(size);
    }
};

/// `panel` in a scroll area for a dock: squeezed below its own minimum size (a small screen, the
/// training view taking most of the height) it scrolls instead of making the window larger than
/// the screen. Header-only, for the docks of every library.
inline QScrollArea* scrollingPanel(QWidget* panel) { return new PanelScrollArea(panel); }

} // namespace gs
