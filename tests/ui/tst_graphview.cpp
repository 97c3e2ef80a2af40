#include "ui/CanvasStyle.h"
#include "ui/GraphView.h"

#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QPalette>
#include <QSignalSpy>
#include <QTest>

namespace {

QPalette paletteWith(const QColor& base, const QColor& text)
{
    QPalette palette;
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::Text, text);
    return palette;
}

const QPalette lightPalette = paletteWith(QColor(255, 255, 255), QColor(0, 0, 0));
const QPalette darkPalette = paletteWith(QColor(30, 30, 30), QColor(230, 230, 230));

/// The canvas painted over `sceneSize` scene units at `zoom`, one image pixel per screen pixel.
QImage paintCanvas(const gs::CanvasStyle& style, double sceneSize, double zoom)
{
    const int pixels = int(sceneSize * zoom);
    QImage image(pixels, pixels, QImage::Format_RGB32);
    QPainter painter(&image);
    painter.scale(zoom, zoom);
    style.paint(painter, QRectF(0, 0, sceneSize, sceneSize), zoom);
    return image;
}

/// Whether the column of pixels at x (give or take one) has the colour anywhere.
bool columnHas(const QImage& image, int x, const QColor& colour)
{
    for (int dx = -1; dx <= 1; ++dx)
        if (image.pixelColor(x + dx, image.height() / 2 + 3) == colour)
            return true;
    return false;
}

} // namespace

class TestGraphView : public QObject {
    Q_OBJECT
private slots:
    void zoomIsClampedAndSignalledOnce()
    {
        QGraphicsScene scene;
        gs::GraphView view(&scene);
        view.resize(400, 300);
        QSignalSpy spy(&view, &gs::GraphView::zoomChanged);

        view.setZoom(100.0);
        QCOMPARE(view.zoom(), gs::GraphView::maxZoom);
        view.zoomIn();
        QCOMPARE(spy.count(), 1);

        view.setZoom(0.0001);
        QCOMPARE(view.zoom(), gs::GraphView::minZoom);
        QCOMPARE(spy.count(), 2);
        QCOMPARE(spy.last().first().toDouble(), gs::GraphView::minZoom);

        view.resetZoom();
        QCOMPARE(view.zoom(), 1.0);
        QCOMPARE(spy.count(), 3);
    }

    void stepZoomKeepsTheCentre()
    {
        QGraphicsScene scene;
        gs::GraphView view(&scene);
        view.resize(400, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.centerOn(250, -120);
        const QPoint centre = view.viewport()->rect().center();
        const QPointF before = view.mapToScene(centre);

        view.zoomIn();
        view.zoomIn();
        QCOMPARE(view.zoom(), gs::GraphView::zoomStep * gs::GraphView::zoomStep);
        QVERIFY(QLineF(before, view.mapToScene(centre)).length() < 2.0);
    }

    void canvasFollowsThePalette()
    {
        const auto light = gs::CanvasStyle::fromPalette(lightPalette);
        const auto dark = gs::CanvasStyle::fromPalette(darkPalette);
        QVERIFY(light.background.lightness() > 200);
        QVERIFY(dark.background.lightness() < 60);
        for (const auto& style : {light, dark}) {
            const int background = style.background.lightness();
            QVERIFY(style.minorLine != style.background);
            QVERIFY(std::abs(style.majorLine.lightness() - background)
                    > std::abs(style.minorLine.lightness() - background));
        }
    }

    void fineGridOnlyWhenItIsNotCrowded()
    {
        const auto style = gs::CanvasStyle::fromPalette(lightPalette);

        const QImage near = paintCanvas(style, 200, 1.0);
        QCOMPARE(near.pixelColor(10, 10), style.background);
        QVERIFY(columnHas(near, 20, style.minorLine));
        QVERIFY(columnHas(near, 100, style.majorLine));

        // At 0.2 the fine lines would be 4 px apart: only the coarse ones (20 px apart) remain.
        const QImage far = paintCanvas(style, 1000, 0.2);
        QVERIFY(!columnHas(far, 4, style.minorLine));
        QVERIFY(columnHas(far, 20, style.majorLine));
    }

    void viewRepaintsForADarkPalette()
    {
        QGraphicsScene scene;
        gs::GraphView view(&scene);
        view.resize(300, 200);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setPalette(darkPalette);
        const QImage image = view.viewport()->grab().toImage();
        QCOMPARE(image.pixelColor(7, 7).lightness(),
                 gs::CanvasStyle::fromPalette(darkPalette).background.lightness());
    }
};

QTEST_MAIN(TestGraphView)
#include "tst_graphview.moc"
