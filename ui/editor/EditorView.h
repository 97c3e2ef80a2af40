#pragma once

#include "document/DocumentFile.h"
#include "document/DocumentIds.h"
#include "ui/GraphView.h"
#include "ui/editor/PortRef.h"

#include <QPoint>

#include <span>

namespace gs {

class GraphScene;

/// The canvas with the editor's conventions (Blender's node editor):
/// - left-drag on empty space box-selects; Shift+click and Shift+drag add to the selection;
/// - middle-drag, or Space held with a left-drag, pans; the wheel zooms at the cursor;
/// - F frames the selection (everything when nothing is selected), Home frames everything;
/// - Shift+A, a right-click on empty space or simply typing opens the searchable node palette;
/// - the answer (value and gradients) and the legend stay in the corners of the view.
class EditorView : public GraphView {
    Q_OBJECT
public:
    explicit EditorView(GraphScene* scene, QWidget* parent = nullptr);

    GraphScene* graphScene() const { return scene_; }

    /// Frames the whole graph, clear of the answer and the legend; until the user zooms or pans,
    /// the view frames it again whenever it is resized. Presenting, text stays legible: a graph
    /// too large for that is framed around its highlighted nodes.
    void fitAll();
    void fitSelection();
    /// The zoom and the graph point at the centre of the canvas, to save with the document.
    SavedView viewState() const;
    /// Shows the graph as it was saved: that zoom, that point at the centre. The view then stays
    /// there (as after the user's own zoom or pan).
    void restoreViewState(const SavedView& view);
    /// Whether the view still frames the whole graph by itself (no zoom or pan since fitAll()).
    bool followsFit() const { return followsFit_; }
    /// Presenting (0: not): node texts at least `textPixels` tall at 100%, and fitting may zoom in
    /// further, since a projected graph should fill the screen.
    void setPresentation(double textPixels);
    double presentation() const { return presentation_; }
    /// The zoom fitting does not go past.
    double maxFitZoom() const;
    /// Where the answer (top left) and the legend (top right) are drawn over the canvas, in
    /// viewport pixels; empty when not shown.
    QRectF answerRect() const;
    QRectF legendRect() const;
    /// The graph's bounds in viewport pixels.
    QRectF graphRect() const;
    bool showsOverlays() const { return overlays_; }
    void setShowsOverlays(bool show);
    /// The answer and the legend fold into small tabs (a click on either toggles it), so that
    /// neither ever has to cover the graph.
    bool answerCollapsed() const { return answerCollapsed_; }
    void setAnswerCollapsed(bool collapsed);
    bool legendCollapsed() const { return legendCollapsed_; }
    void setLegendCollapsed(bool collapsed);

signals:
    /// The palette should open at `scenePos`, with `text` already typed.
    void paletteRequested(const QPointF& scenePos, const QString& text);
    /// A right-click on a node.
    void nodeMenuRequested(const QPoint& globalPos);
    /// A right-click on a wire.
    void edgeMenuRequested(gs::ConnectionId id, const QPoint& globalPos);
    /// A palette entry (its NodeFactory key) was dropped at `scenePos`, onto `port` if valid.
    void paletteEntryDropped(const QString& key, const QPointF& scenePos, const gs::PortRef& port);
    /// A document, Python or formula file (.gscope, .py, .txt) was dropped from outside, to open.
    void fileDropped(const QString& path);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;
    void changeEvent(QEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    /// Frames `rect`; presenting, when `rect` only fits in illegible text, frames the legible part
    /// of it around `focus` (empty: its centre).
    void fit(const QRectF& rect, const QRectF& focus = {});
    /// Of `spaces` (free of the answer and the legend), the part where a graph shown at the
    /// legible size best shows `focus` and the graph around it.
    QRectF legibleSpace(const QRectF& graph, const QRectF& focus, std::span<const QRectF> spaces) const;
    void updateStyle();
    QRectF tabRect(const QString& title, bool right) const;
    QStringList answerLines() const;
    void paintTab(QPainter& painter, const QRectF& rect, const QString& title) const;
    void refitIfFollowing();
    /// How wide the answer in the top-left corner may be.
    double summaryWidth() const;
    void panBy(const QPoint& delta);

    GraphScene* scene_;
    bool panning_ = false;
    bool spaceHeld_ = false;
    bool overlays_ = true;
    bool answerCollapsed_ = false;
    bool legendCollapsed_ = false;
    double presentation_ = 0.0;
    bool followsFit_ = false;
    QPoint lastPan_;
};

} // namespace gs
