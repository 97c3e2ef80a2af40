#pragma once

#include <QGraphicsObject>
#include <QString>

class QGraphicsView;

namespace gs {

struct EditorStyle;

/// Why a wire cannot be connected, written on the canvas where the user is looking: next to the
/// pointer while the wire is dragged, and for a few seconds where a refused wire was dropped
/// (the status bar alone is too far from the pointer to be noticed). A small box in the style's
/// refused colour and text font; it ignores the view's zoom so that it stays legible on a graph
/// zoomed out to fit, and it lets the mouse through so that it never catches the drop.
class RefusalNote : public QGraphicsObject {
    Q_OBJECT
public:
    enum { Type = UserType + 14 };
    /// Above the dragged wire (10) and everything else of the graph.
    static constexpr double zValue = 20;

    explicit RefusalNote(const EditorStyle& style);

    int type() const override { return Type; }
    QString text() const { return text_; }
    void setText(const QString& text);

    /// Moves the box to the pointer's other side where it would leave `view`'s viewport (a long
    /// reason near the right edge), so that it is read whole.
    void keepInside(const QGraphicsView* view);

    /// Stays `holdMs`, fades out and deletes itself (the message left where a wire was dropped).
    void fadeAway(int holdMs, int fadeMs);

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    const EditorStyle& style_;
    QString text_;
    QRectF box_; ///< in device pixels, beside the item's position (the pointer)
};

} // namespace gs
