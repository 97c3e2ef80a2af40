#include "ui/workspace/LessonLocks.h"

#include "document/LessonStep.h"
#include "ui/editor/EditorView.h"
#include "ui/workspace/Workspace.h"
#include "ui/panels/FormulaBar.h"
#include "ui/panels/InspectorPanel.h"
#include "ui/panels/NodePalette.h"
#include "ui/panels/TapePanel.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QMainWindow>
#include <QRadioButton>
#include <QTreeWidget>

#include <vector>

namespace gs {

namespace {

struct Control {
    std::vector<QWidget*> widgets;
    std::vector<const char*> actions; ///< objectNames of the window's actions
};

Control controlFor(Workspace* w, const QString& name)
{
    TapePanel* tape = w->tapePanel();
    if (name == u"formula")
        return {{w->formulaBar()}, {"editFormulaAction"}};
    if (name == u"values")
        return {{w->inspector()}, {}};
    if (name == u"target")
        return {{tape->targetBox()}, {"makeTargetAction"}};
    if (name == u"sources")
        return {{tape->sourceList()}, {"watchAction"}};
    if (name == u"dtype")
        return {{tape->dtypeBox()}, {"dtypeDeclaredAction", "dtypeFloat32Action", "dtypeFloat64Action"}};
    if (name == u"view")
        return {{tape->forwardButton(), tape->gradientButton()}, {"forwardViewAction", "gradientViewAction"}};
    if (name == u"graph")
        return {{w->palette()}, {"cutAction", "pasteAction", "deleteAction", "duplicateAction", "addNodeAction", "arrangeAction"}};
    return {};
}

} // namespace

void applyLessonLocks(Workspace* workspace, QMainWindow* window, const QStringList& locked)
{
    if (!workspace->tapePanel())
        return;
    for (const QString& name : lockableControls()) {
        const bool on = !locked.contains(name);
        const Control c = controlFor(workspace, name);
        for (QWidget* widget : c.widgets)
            if (widget)
                widget->setEnabled(on);
        // Edit actions follow the selection when unlocked; only a lock forces them off.
        for (const char* action : c.actions)
            if (QAction* a = window->findChild<QAction*>(QLatin1StringView(action)); a && (!on || name != u"graph"))
                a->setEnabled(on);
    }
    workspace->view()->setInteractive(!locked.contains(QStringLiteral("graph")));
}

QStringList showLessonPanels(QMainWindow* window, const std::optional<QStringList>& panels, const QString& keep)
{
    if (!panels)
        return {};
    QStringList missing = *panels;
    for (QDockWidget* dock : window->findChildren<QDockWidget*>()) {
        if (dock->objectName() == keep)
            continue;
        const bool show = panels->contains(dock->objectName());
        missing.removeAll(dock->objectName());
        dock->setVisible(show);
        if (show)
            dock->raise();
    }
    missing.removeAll(keep);
    return missing;
}

} // namespace gs
