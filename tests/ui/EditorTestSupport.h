#pragma once

// Shared by the editor's window tests: a main window with its workspace, and mouse gestures on
// the canvas in scene coordinates (sent to the viewport, as Qt Test needs).

#include "document/GraphData.h"
#include "ui/MainWindow.h"
#include "ui/editor/EditorSession.h"
#include "ui/editor/EditorView.h"
#include "ui/workspace/Workspace.h"
#include "ui/editor/GraphScene.h"
#include "ui/editor/NodeItem.h"

#include <QCoreApplication>
#include <QStandardPaths>
#include <QTest>

#include <memory>

namespace testing {

inline void useTestSettings(const char* name)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("GradScopeTests"));
    QCoreApplication::setApplicationName(QString::fromLatin1(name));
}

/// A shown main window on the book's first example, framed in the view.
struct Editor {
    std::unique_ptr<gs::MainWindow> window;
    gs::Workspace* ws = nullptr;
    gs::EditorView* view = nullptr;
    gs::GraphScene* scene = nullptr;
    gs::EditorSession* session = nullptr;

    bool open()
    {
        window = std::make_unique<gs::MainWindow>();
        window->show();
        if (!QTest::qWaitForWindowActive(window.get()))
            return false;
        ws = window->workspace();
        view = ws->view();
        scene = ws->scene();
        session = ws->session();
        QCoreApplication::processEvents();
        view->fitAll();
        view->setFocus();
        return true;
    }

    const gs::GraphData& data() const { return session->data(); }
    gs::NodeId node(const char* label) const { return data().findLabel(QString::fromUtf8(label)); }
    gs::NodeId op(const char* name) const
    {
        for (const auto& [id, n] : data().nodes)
            if (n.op == QLatin1StringView(name))
                return id;
        return {};
    }
    gs::NodeItem* item(gs::NodeId id) const { return scene->nodeItem(id); }

    QPoint at(const QPointF& scenePos) const { return view->mapFromScene(scenePos); }
    /// A point on the node's header, where a press grabs the node.
    QPoint header(gs::NodeId id) const
    {
        gs::NodeItem* i = item(id);
        return at(i->pos() + QPointF(i->geometry().box.width() / 2, i->geometry().headerHeight / 2));
    }
    QPoint output(gs::NodeId id) const { return at(item(id)->outputPortPos()); }
    QPoint input(gs::NodeId id, int port) const { return at(item(id)->inputPortPos(port)); }

    void click(const QPoint& p, Qt::KeyboardModifiers mods = {}) const
    {
        QTest::mouseClick(view->viewport(), Qt::LeftButton, mods, p);
    }
    /// Presses at `from`, moves there in steps, releases at `to`.
    void drag(const QPoint& from, const QPoint& to, Qt::MouseButton button = Qt::LeftButton,
              Qt::KeyboardModifiers mods = {}) const
    {
        QWidget* vp = view->viewport();
        QTest::mousePress(vp, button, mods, from);
        for (int i = 1; i <= 5; ++i)
            QTest::mouseMove(vp, from + (to - from) * i / 5);
        QTest::mouseRelease(vp, button, mods, to);
    }
};

} // namespace testing
