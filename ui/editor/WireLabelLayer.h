#pragma once

#include <QGraphicsItem>
#include <QImage>

#include <vector>

namespace gs {

class EdgeItem;
class GraphScene;

/// Every wire and every wire's label, drawn by one item above every lesson halo but under the
/// nodes (whose boxes placeAnnotations() keeps the labels off): the wires first (the current
/// step's last), then their labels, so that no wire crosses a label. The EdgeItems only give the
/// wires their shapes (hover cards, menus); they draw nothing themselves.
///
/// What it draws is kept in an image of the view's visible part, per view, at the view's zoom
/// (device pixels): a repaint where nothing changed is one copy of that image, panning draws only
/// the strip that comes into view, and a wire that changes (EdgeItem::refresh() tells wireChanged())
/// is drawn again only where it was and where it is. Zoomed out below sketchBelowZoom, wires are
/// sketches (16 straight segments, one or two pixels, no antialiasing) and labels are left out.
/// Pictures (GraphPicture) never come here: they draw every wire in full.
///
/// It takes no mouse buttons and has no tooltip, so that clicks, menus and hover cards reach the
/// wire under a label.
class WireLabelLayer : public QGraphicsItem {
public:
    enum { Type = UserType + 12 };
    /// Above the wires' own items (0, the current step's 0.5), below the nodes (1).
    static constexpr double zValue = 0.9;

    explicit WireLabelLayer(const GraphScene* scene);

    int type() const override { return Type; }
    /// Follows the wires (after a refresh, a placement or a move): its bounds, and a repaint.
    void refresh();
    /// A wire was drawn in `sceneRect` (or will be): the images are drawn again there.
    void wireChanged(const QRectF& sceneRect);
    /// Drops every image (the next frame draws everything again), for measuring a cold frame.
    void forgetImages();

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    /// What the painting did since the program started, for tests.
    struct Counts {
        int detailedWires = 0; ///< wires stroked in full
        int sketchedWires = 0; ///< wires drawn as sketches
        int labels = 0;
        int imagesDrawn = 0;   ///< images drawn from nothing (a new zoom, a change everywhere)
        int imagesReused = 0;  ///< frames that copied a kept image, drawing at most a part again
    };
    static const Counts& counts() { return counts_; }

private:
    /// One view's image: `image` shows the scene rectangle that starts at `origin` (scene
    /// coordinates, at its top-left device pixel) at `scale` device pixels per scene unit.
    struct Kept {
        const QWidget* widget = nullptr;
        QImage image;
        QPointF origin;
        double scale = 0;
        std::vector<QRectF> dirty; ///< scene rectangles to draw again
    };

    /// Draws every visible wire meeting `area` (scene coordinates), then their labels.
    void paintWires(QPainter& painter, const QRectF& area, double zoom) const;
    Kept& keptFor(const QWidget* widget);

    const GraphScene* scene_;
    QRectF bounds_;
    std::vector<Kept> kept_;
    static Counts counts_;
};

} // namespace gs
