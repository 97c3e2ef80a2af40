#include "ui/workspace/LayoutReport.h"

#include "ui/editor/EditorView.h"
#include "ui/editor/GraphScene.h"
#include "ui/lessons/LessonPlayer.h"
#include "ui/workspace/LessonMode.h"
#include "ui/workspace/PresenterCaption.h"
#include "ui/workspace/PresenterConsole.h"
#include "ui/workspace/PresenterMode.h"
#include "ui/workspace/Workspace.h"

#include <QDockWidget>
#include <QJsonArray>
#include <QLabel>
#include <QMainWindow>
#include <QScreen>
#include <QTextBrowser>

#include <algorithm>
#include <cmath>

namespace gs {

namespace {

QJsonObject rectJson(const QRectF& r)
{
    return {{"x", std::round(r.x())}, {"y", std::round(r.y())}, {"width", std::round(r.width())}, {"height", std::round(r.height())}};
}

/// `inner` lies in `outer`, allowing half a pixel of rounding.
bool inside(const QRectF& inner, const QRectF& outer) { return outer.adjusted(-0.5, -0.5, 0.5, 0.5).contains(inner); }

} // namespace

QJsonObject layoutReport(const QMainWindow& window, const Workspace& workspace)
{
    QJsonObject report;
    if (const QScreen* screen = window.screen()) {
        report["screen"] = rectJson(screen->geometry());
        report["available"] = rectJson(screen->availableGeometry());
    }
    report["window"] = rectJson(window.frameGeometry());
    report["client"] = rectJson(window.geometry());
    const QSize minimum = window.minimumSizeHint().expandedTo(window.minimumSize());
    report["minimumSize"] = QJsonObject{{"width", minimum.width()}, {"height", minimum.height()}};
    bool onScreen = false;
    for (const QScreen* s : QGuiApplication::screens())
        onScreen = onScreen || s->availableGeometry().contains(window.frameGeometry());
    report["fitsScreen"] = onScreen;

    const EditorView* view = workspace.view();
    const QWidget* viewport = view->viewport();
    const QRect canvas(viewport->mapTo(&window, QPoint(0, 0)), viewport->size());
    report["canvas"] = rectJson(canvas);
    const QSize centralLeast = window.centralWidget() ? window.centralWidget()->minimumSizeHint() : QSize();
    report["canvasMinimumSize"] = QJsonObject{{"width", centralLeast.width()}, {"height", centralLeast.height()}};
    const double windowArea = double(window.width()) * window.height();
    report["canvasShare"] = windowArea > 0 ? std::round(1000.0 * canvas.width() * canvas.height() / windowArea) / 1000.0 : 0.0;

    QJsonArray docks;
    for (const QDockWidget* dock : window.findChildren<QDockWidget*>()) {
        if (!dock->isVisible() || dock->visibleRegion().isEmpty())
            continue;
        QJsonObject d = rectJson(QRect(dock->mapTo(&window, QPoint(0, 0)), dock->size()));
        d["name"] = dock->objectName();
        d["title"] = dock->windowTitle();
        const QSize least = dock->minimumSizeHint().expandedTo(dock->minimumSize());
        d["minimumWidth"] = least.width();
        d["minimumHeight"] = least.height();
        docks.append(d);
    }
    report["docks"] = docks;

    report["zoom"] = std::round(view->zoom() * 1000.0) / 1000.0;
    const QRectF graph = view->graphRect();
    const QRectF viewportRect(QPointF(0, 0), QSizeF(viewport->size()));
    QJsonObject g = rectJson(graph);
    g["inside"] = !graph.isEmpty() && inside(graph, viewportRect);
    g["clearOfBoxes"] = !graph.intersects(view->answerRect()) && !graph.intersects(view->legendRect());
    report["graph"] = g;
    // Presenting, a graph too large to read whole is framed around what the step is about: its
    // highlighted nodes, else the target.
    if (const QRectF scene = view->graphScene()->focusBounds(); !scene.isEmpty()) {
        const QRectF focus(view->mapFromScene(scene.topLeft()), view->mapFromScene(scene.bottomRight()));
        QJsonObject f = rectJson(focus);
        f["inside"] = inside(focus, viewportRect);
        f["clearOfBoxes"] = !focus.intersects(view->answerRect()) && !focus.intersects(view->legendRect());
        report["focus"] = f;
    }
    report["answerBox"] = rectJson(view->answerRect());
    report["legendBox"] = rectJson(view->legendRect());
    report["smallestNodeText"] = std::round(view->graphScene()->editorStyle().smallestNodeText() * view->zoom() * 10.0) / 10.0;

    const LessonMode* lessons = workspace.lessons();
    const PresenterMode* presenter = lessons ? lessons->presenter() : nullptr;
    report["presenter"] = presenter && presenter->isOn();
    if (lessons && lessons->player()->count() > 0)
        report["lesson"] = QJsonObject{{"title", lessons->player()->lesson().title},
                                       {"step", lessons->player()->index() + 1},
                                       {"of", lessons->player()->count()},
                                       {"concealing", lessons->player()->concealing()}};
    if (presenter && presenter->console()) {
        const PresenterConsole* console = presenter->console();
        QJsonObject c = rectJson(console->frameGeometry());
        c["visible"] = console->isVisible();
        c["next"] = console->next()->toPlainText();
        report["console"] = c;
    }
    if (presenter && presenter->isOn() && presenter->caption()) {
        const PresenterCaption* caption = presenter->caption();
        QJsonObject c = rectJson(QRect(caption->mapTo(&window, QPoint(0, 0)), caption->size()));
        c["textPixels"] = caption->textPixels();
        c["fits"] = caption->textFits();
        c["progress"] = caption->progress()->text();
        c["progressVisible"] = caption->progress()->isVisible() && !caption->progress()->visibleRegion().isEmpty();
        report["caption"] = c;
    }
    return report;
}

} // namespace gs
