// Workspace: the editor's actions, each in a menu of the window with its shortcut.
#include "document/DocumentFile.h"
#include "document/TensorFlowWriter.h"
#include "document/commands/ConnectionCommands.h"
#include "ui/RecentFilesMenu.h"
#include "ui/SavedSettings.h"
#include "ui/files/DocumentFiles.h"
#include "ui/editor/EditorSession.h"
#include "ui/editor/EditorView.h"
#include "ui/workspace/Workspace.h"
#include "ui/files/Examples.h"
#include "ui/editor/GraphEditing.h"
#include "ui/editor/GraphScene.h"
#include "ui/editor/Minimap.h"
#include "ui/Theme.h"
#include "ui/panels/FormulaBar.h"
#include "ui/panels/PlotPanel.h"
#include "ui/panels/StepPanel.h"
#include "ui/training/TrainingDock.h"
#include "ui/workspace/WindowLayout.h"

#include <QAction>
#include <QActionGroup>
#include <QClipboard>
#include <QCursor>
#include <QDockWidget>
#include <QFileDialog>
#include <QGuiApplication>
#include <QInputDialog>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSettings>
#include <QUndoStack>

namespace gs {

namespace {

QAction* action(QObject* parent, const QString& text, const char* name, const QList<QKeySequence>& keys = {})
{
    auto* a = new QAction(text, parent);
    a->setObjectName(QLatin1StringView(name));
    a->setShortcuts(keys);
    return a;
}

QMenu* menuNamed(QMainWindow* window, const char* name) { return window->menuBar()->findChild<QMenu*>(QLatin1StringView(name)); }

QAction* actionNamed(QMainWindow* window, const char* name) { return window->findChild<QAction*>(QLatin1StringView(name)); }

constexpr double presenterStep = 1.1;

/// The session's document as TensorFlow code, evaluated as the session evaluates it.
TensorFlowCode tensorFlowCodeOf(const EditorSession& session)
{
    EvaluationOptions options;
    options.audience = MessageAudience::Window;
    options.dtype = session.dtype();
    options.jacobian = session.jacobian();
    options.hessian = session.hessian();
    if (session.watched())
        options.wrt = session.watchedSources();
    return writeTensorFlow(session.data(), options);
}

} // namespace

void Workspace::createActions()
{
    addFileActions();
    addEditActions();
    addGraphMenu();
    addViewActions();
    updateEditActions();
}

void Workspace::addFileActions()
{
    QMenu* file = menuNamed(window_, "fileMenu");
    QAction* quit = actionNamed(window_, "quitAction");
    auto* recent = window_->findChild<RecentFilesMenu*>(QStringLiteral("recentFilesMenu"));
    if (!file || !quit || !recent)
        return;
    connect(recent, &RecentFilesMenu::fileTriggered, this, [this](const QString& path) { files_->openFile(path); });

    QAction* open = action(file, tr("&Open…"), "openAction", {QKeySequence(Qt::CTRL | Qt::Key_O)});
    connect(open, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(window_, tr("Open Graph"), QString(),
                                                          tr("GradScope graphs (*.gscope);;Python code and formulas (*.py *.txt);;All files (*)"));
        if (!path.isEmpty())
            files_->openFile(path);
    });
    file->insertAction(recent->menuAction(), open);

    auto* examplesMenu = new QMenu(tr("&Examples"), file);
    examplesMenu->setObjectName(QStringLiteral("examplesMenu"));
    for (const Example& e : examples()) {
        QAction* a = examplesMenu->addAction(e.title);
        connect(a, &QAction::triggered, this, [this, &e] { files_->openExample(e); });
    }
    QAction* save = action(file, tr("&Save"), "saveAction", {QKeySequence(Qt::CTRL | Qt::Key_S)});
    connect(save, &QAction::triggered, files_, &DocumentFiles::save);
    QAction* saveAs = action(file, tr("Save &As…"), "saveAsAction", {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)});
    connect(saveAs, &QAction::triggered, files_, &DocumentFiles::saveAs);
    QAction* exportGraph = action(file, tr("&Export Graph…"), "exportGraphAction", {QKeySequence(Qt::CTRL | Qt::Key_E)});
    exportGraph->setStatusTip(tr("The graph as shown, with its values or gradients, as PNG, SVG or PDF"));
    connect(exportGraph, &QAction::triggered, this, &Workspace::exportGraphInteractive);
    QAction* exportPlot = action(file, tr("Export &Plot…"), "exportPlotAction", {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E)});
    connect(exportPlot, &QAction::triggered, this, &Workspace::exportPlotInteractive);
    QAction* exportTensorFlow = action(file, tr("Export &TensorFlow Code…"), "exportTensorFlowAction");
    exportTensorFlow->setStatusTip(tr("The graph as a TensorFlow 2 program that computes the same value and gradients"));
    connect(exportTensorFlow, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(window_, tr("Export TensorFlow Code"), files_->displayName() + QStringLiteral(".py"),
                                                          tr("Python (*.py)"));
        if (path.isEmpty())
            return;
        QString error;
        if (!this->exportTensorFlow(path, &error))
            QMessageBox::warning(window_, tr("Export TensorFlow Code"), error);
        else
            emit message(tr("Exported the graph as TensorFlow code to %1").arg(path));
    });

    // Before the separator that precedes Quit.
    const QList<QAction*> actions = file->actions();
    const qsizetype quitAt = actions.indexOf(quit);
    QAction* before = quitAt > 0 && actions[quitAt - 1]->isSeparator() ? actions[quitAt - 1] : quit;
    file->insertMenu(before, examplesMenu);
    file->insertSeparator(before);
    file->insertAction(before, save);
    file->insertAction(before, saveAs);
    file->insertSeparator(before);
    file->insertAction(before, exportGraph);
    file->insertAction(before, exportPlot);
    file->insertAction(before, exportTensorFlow);
}

void Workspace::addEditActions()
{
    QMenu* edit = menuNamed(window_, "editMenu");
    if (!edit)
        return;
    const auto wire = [this](const char* name, auto slot) {
        if (QAction* a = actionNamed(window_, name))
            connect(a, &QAction::triggered, editing_, slot);
    };
    wire("cutAction", &GraphEditing::cutSelection);
    wire("copyAction", &GraphEditing::copySelection);
    wire("deleteAction", &GraphEditing::deleteSelection);
    if (QAction* paste = actionNamed(window_, "pasteAction"))
        connect(paste, &QAction::triggered, this, [this] {
            const QPoint at = view_->viewport()->mapFromGlobal(QCursor::pos());
            const QPoint inside = view_->viewport()->rect().contains(at) ? at : view_->viewport()->rect().center();
            editing_->paste(view_->mapToScene(inside));
        });
    QAction* copyTensorFlow = action(edit, tr("C&opy as TensorFlow"), "copyAsTensorFlowAction");
    copyTensorFlow->setStatusTip(tr("The whole graph as a TensorFlow 2 program, to paste into a notebook"));
    connect(copyTensorFlow, &QAction::triggered, this, [this] {
        const TensorFlowCode code = tensorFlowCodeOf(*session_);
        if (!code.ok()) {
            emit message(tr("Cannot write the graph as TensorFlow code: %1").arg(code.error));
            return;
        }
        QGuiApplication::clipboard()->setText(code.text);
        emit message(tr("Copied the graph as TensorFlow code"));
    });
    if (QAction* paste = actionNamed(window_, "pasteAction"))
        edit->insertAction(paste, copyTensorFlow);
    else
        edit->addAction(copyTensorFlow);
    duplicate_ = action(edit, tr("D&uplicate"), "duplicateAction", {QKeySequence(Qt::CTRL | Qt::Key_D)});
    connect(duplicate_, &QAction::triggered, editing_, &GraphEditing::duplicateSelection);
    QAction* selectAll = action(edit, tr("Select &All"), "selectAllAction", {QKeySequence(Qt::CTRL | Qt::Key_A)});
    selectAll->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    view_->addAction(selectAll);
    connect(selectAll, &QAction::triggered, editing_, &GraphEditing::selectAll);
    QAction* add = action(edit, tr("Add &Node…"), "addNodeAction", {QKeySequence(Qt::SHIFT | Qt::Key_A)});
    add->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    view_->addAction(add);
    connect(add, &QAction::triggered, this, [this] {
        const QPoint at = view_->viewport()->mapFromGlobal(QCursor::pos());
        const QPoint inside = view_->viewport()->rect().contains(at) ? at : view_->viewport()->rect().center();
        openPalette(view_->mapToScene(inside), {});
    });
    QAction* formula = action(edit, tr("Edit &Formula"), "editFormulaAction", {QKeySequence(Qt::CTRL | Qt::Key_L)});
    connect(formula, &QAction::triggered, this, [this] {
        formula_->editor()->setFocus();
        formula_->editor()->selectAll();
    });
    edit->addAction(duplicate_);
    edit->addAction(selectAll);
    edit->addSeparator();
    edit->addAction(add);
    edit->addAction(formula);
    connect(scene_, &QGraphicsScene::selectionChanged, this, &Workspace::updateEditActions);
    connect(QGuiApplication::clipboard(), &QClipboard::dataChanged, this, &Workspace::updateEditActions);
}

void Workspace::updateEditActions()
{
    const bool selection = !scene_->selectedNodes().empty();
    for (const char* name : {"cutAction", "copyAction", "deleteAction", "duplicateAction"})
        if (QAction* a = actionNamed(window_, name))
            a->setEnabled(selection);
    if (QAction* paste = actionNamed(window_, "pasteAction"))
        paste->setEnabled(editing_->canPaste());
}

void Workspace::addGraphMenu()
{
    QMenu* viewMenu = menuNamed(window_, "viewMenu");
    auto* graph = new QMenu(tr("&Graph"), window_->menuBar());
    graph->setObjectName(QStringLiteral("graphMenu"));
    window_->menuBar()->insertMenu(viewMenu ? viewMenu->menuAction() : nullptr, graph);

    QAction* target = graph->addAction(tr("Make &Target"));
    target->setObjectName(QStringLiteral("makeTargetAction"));
    target->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    connect(target, &QAction::triggered, this, [this] { editing_->setTarget(scene_->currentNode()); });
    QAction* watch = graph->addAction(tr("&Watch on the Tape"));
    watch->setObjectName(QStringLiteral("watchAction"));
    watch->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
    connect(watch, &QAction::triggered, this, [this] {
        const NodeId id = scene_->currentNode();
        editing_->setWatched(id, !editing_->isWatched(id));
    });
    graph->addSeparator();
    QAction* arrange = graph->addAction(tr("&Arrange"));
    arrange->setObjectName(QStringLiteral("arrangeAction"));
    arrange->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    connect(arrange, &QAction::triggered, this, &Workspace::arrange);
    keepHandPlaced_ = graph->addAction(tr("&Keep Hand-Placed Nodes When Arranging"));
    keepHandPlaced_->setObjectName(QStringLiteral("keepHandPlacedAction"));
    keepHandPlaced_->setCheckable(true);
    keepHandPlaced_->setChecked(true);
    graph->addSeparator();
    QAction* group = graph->addAction(tr("&Group into a Scope"));
    group->setObjectName(QStringLiteral("groupAction"));
    group->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    connect(group, &QAction::triggered, this, [this] { editing_->groupSelection(); });
    QAction* ungroup = graph->addAction(tr("&Ungroup"));
    ungroup->setObjectName(QStringLiteral("ungroupAction"));
    ungroup->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
    connect(ungroup, &QAction::triggered, editing_, &GraphEditing::ungroupSelection);
    QAction* comment = graph->addAction(tr("Add &Comment"));
    comment->setObjectName(QStringLiteral("addCommentAction"));
    comment->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(comment, &QAction::triggered, this, [this] {
        editing_->addComment(view_->mapToScene(view_->viewport()->rect().center()));
    });
    graph->addSeparator();

    QMenu* dtype = graph->addMenu(tr("&dtype"));
    auto* dtypes = new QActionGroup(dtype);
    const struct {
        const char* text;
        const char* name;
        std::optional<DType> dtype;
    } choices[] = {{QT_TR_NOOP("As &Declared"), "dtypeDeclaredAction", std::nullopt},
                   {QT_TR_NOOP("float&32"), "dtypeFloat32Action", DType::Float32},
                   {QT_TR_NOOP("float&64"), "dtypeFloat64Action", DType::Float64}};
    for (const auto& c : choices) {
        QAction* a = dtype->addAction(tr(c.text));
        a->setObjectName(QLatin1StringView(c.name));
        a->setCheckable(true);
        dtypes->addAction(a);
        const std::optional<DType> chosen = c.dtype;
        connect(a, &QAction::triggered, this, [this, chosen] { session_->setDType(chosen); });
        connect(session_, &EditorSession::settingsChanged, a, [this, a, chosen] { a->setChecked(session_->dtype() == chosen); });
    }
    QAction* jacobian = graph->addAction(tr("Compute the &Jacobian"));
    jacobian->setCheckable(true);
    connect(jacobian, &QAction::toggled, session_, &EditorSession::setJacobian);
    QAction* hessian = graph->addAction(tr("Compute the &Hessian"));
    hessian->setCheckable(true);
    connect(hessian, &QAction::toggled, session_, &EditorSession::setHessian);
    connect(session_, &EditorSession::settingsChanged, this, [this, jacobian, hessian] {
        jacobian->setChecked(session_->jacobian());
        hessian->setChecked(session_->hessian());
    });
}

void Workspace::addViewActions()
{
    QMenu* view = menuNamed(window_, "viewMenu");
    if (!view)
        return;
    QAction* first = view->actions().value(0);
    auto* modes = new QActionGroup(view);
    QAction* forward = action(view, tr("&Forward Values"), "forwardViewAction", {QKeySequence(Qt::CTRL | Qt::Key_1)});
    QAction* gradient = action(view, tr("&Gradients"), "gradientViewAction", {QKeySequence(Qt::CTRL | Qt::Key_2)});
    for (QAction* a : {forward, gradient}) {
        a->setCheckable(true);
        modes->addAction(a);
        view->insertAction(first, a);
    }
    connect(forward, &QAction::triggered, this, [this] { session_->setViewMode(ViewMode::Forward); });
    connect(gradient, &QAction::triggered, this, [this] { session_->setViewMode(ViewMode::Gradient); });
    const auto syncMode = [this, forward, gradient] {
        forward->setChecked(session_->viewMode() == ViewMode::Forward);
        gradient->setChecked(session_->viewMode() == ViewMode::Gradient);
    };
    connect(session_, &EditorSession::settingsChanged, this, syncMode);
    syncMode();

    QMenu* step = new QMenu(tr("&Step Through the Tape"), view);
    step->setObjectName(QStringLiteral("stepMenu"));
    for (QAction* a : {steps_->toggleAction(), steps_->firstAction(), steps_->backAction(), steps_->forwardAction(),
                       steps_->lastAction()}) {
        step->addAction(a);
        view_->addAction(a);
        steps_->addAction(a);
    }
    view->insertMenu(first, step);
    view->insertSeparator(first);

    QAction* frameAll = action(view, tr("Frame &All"), "frameAllAction", {QKeySequence(Qt::Key_Home)});
    QAction* frameSelected = action(view, tr("Frame &Selected"), "frameSelectedAction", {QKeySequence(Qt::Key_F)});
    for (QAction* a : {frameAll, frameSelected}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        view_->addAction(a);
        view->insertAction(first, a);
    }
    connect(frameAll, &QAction::triggered, view_, &EditorView::fitAll);
    connect(frameSelected, &QAction::triggered, view_, &EditorView::fitSelection);
    QAction* overlays = action(view, tr("Show &Legend and Answer"), "showOverlaysAction");
    overlays->setCheckable(true);
    overlays->setChecked(true);
    connect(overlays, &QAction::toggled, view_, &EditorView::setShowsOverlays);
    view->insertAction(first, overlays);
    view->insertSeparator(first);

    // Presenter zoom: Ctrl+= and Ctrl+- also scale every font of the panels, not just the canvas.
    const auto scaleBy = [](double factor) { setPresenterScale(std::clamp(presenterScale() * factor, minPresenterScale, maxPresenterScale)); };
    if (QAction* in = actionNamed(window_, "zoomInAction"))
        connect(in, &QAction::triggered, this, [scaleBy] { scaleBy(presenterStep); });
    if (QAction* out = actionNamed(window_, "zoomOutAction"))
        connect(out, &QAction::triggered, this, [scaleBy] { scaleBy(1 / presenterStep); });
    if (QAction* reset = actionNamed(window_, "resetZoomAction"))
        connect(reset, &QAction::triggered, this, [] { setPresenterScale(1.0); });

    view->addSeparator();
    QMenu* theme = view->addMenu(tr("&Theme"));
    theme->setObjectName(QStringLiteral("themeMenu"));
    auto* themes = new QActionGroup(theme);
    const int current = savedsettings::choice(QSettings(), QStringLiteral("view/theme"), 0, themeCount);
    const struct {
        const char* text;
        Theme theme;
    } choices[] = {{QT_TR_NOOP("Follow the &System"), Theme::System},
                   {QT_TR_NOOP("&Light"), Theme::Light},
                   {QT_TR_NOOP("&Dark"), Theme::Dark}};
    for (const auto& c : choices) {
        QAction* a = theme->addAction(tr(c.text));
        a->setCheckable(true);
        a->setChecked(static_cast<int>(c.theme) == current);
        themes->addAction(a);
        const Theme t = c.theme;
        connect(a, &QAction::triggered, this, [t] {
            applyTheme(t);
            QSettings().setValue(QStringLiteral("view/theme"), static_cast<int>(t));
        });
    }
    auto* minimap = new Minimap(scene_, view_);
    QAction* showMinimap = action(view, tr("&Minimap"), "minimapAction", {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M)});
    showMinimap->setCheckable(true);
    showMinimap->setChecked(savedsettings::flag(QSettings(), QStringLiteral("view/minimap"), true));
    minimap->setWanted(showMinimap->isChecked());
    view->addAction(showMinimap);
    connect(showMinimap, &QAction::toggled, minimap, [minimap](bool on) {
        minimap->setWanted(on);
        QSettings().setValue(QStringLiteral("view/minimap"), on);
    });
    view->addAction(training_->bringUpAction());
    panelsMenu_ = view->addMenu(tr("&Panels"));
    panelsMenu_->setObjectName(QStringLiteral("panelsMenu"));
    for (QDockWidget* dock : window_->findChildren<QDockWidget*>()) {
        panelsMenu_->addAction(dock->toggleViewAction());
        // A panel turned on comes to the front of the panels it is tabbed with: else it would
        // only add a tab, and seem not to open.
        connect(dock->toggleViewAction(), &QAction::triggered, dock, [dock](bool on) {
            if (on)
                dock->raise();
        });
    }
    QAction* resetLayout = action(view, tr("&Reset Layout"), "resetLayoutAction");
    resetLayout->setStatusTip(tr("Put the window and its panels back as they are on a first start, for this screen"));
    connect(resetLayout, &QAction::triggered, layout_, &WindowLayout::reset);
    view->addAction(resetLayout);
}

void Workspace::showEdgeMenu(ConnectionId id, const QPoint& globalPos)
{
    QMenu menu(view_);
    const bool pinned = scene_->probe(id) != nullptr;
    menu.addAction(pinned ? tr("Remove the Probe") : tr("Pin a Probe Here"), this,
                   [this, id, pinned] { scene_->setProbe(id, !pinned); });
    menu.addAction(tr("Delete the Wire"), this, [this, id] {
        session_->undoStack()->push(new DisconnectCommand(session_->document(), id));
    });
    menu.exec(globalPos);
}

void Workspace::showNodeMenu(const QPoint& globalPos)
{
    const NodeId id = scene_->currentNode();
    QMenu menu(view_);
    menu.addAction(tr("Make Target"), this, [this, id] { editing_->setTarget(id); });
    QAction* watch = menu.addAction(tr("Watched by the Tape"));
    watch->setCheckable(true);
    watch->setChecked(editing_->isWatched(id));
    connect(watch, &QAction::toggled, this, [this, id](bool on) { editing_->setWatched(id, on); });
    menu.addSeparator();
    menu.addAction(tr("Duplicate"), editing_, &GraphEditing::duplicateSelection);
    menu.addAction(tr("Copy"), editing_, &GraphEditing::copySelection);
    menu.addAction(tr("Delete"), editing_, &GraphEditing::deleteSelection);
    menu.exec(globalPos);
}

void Workspace::exportGraphInteractive()
{
    QString filter;
    const QString path = QFileDialog::getSaveFileName(window_, tr("Export Graph"), files_->displayName() + QStringLiteral(".png"),
                                                      tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"), &filter);
    if (path.isEmpty())
        return;
    double scale = exportScale_;
    if (path.endsWith(QStringLiteral(".png"), Qt::CaseInsensitive)) {
        bool ok = false;
        scale = QInputDialog::getDouble(window_, tr("Export Graph"), tr("Pixels per point (2 for slides and print):"),
                                        exportScale_, minExportScale, maxExportScale, 1, &ok);
        if (!ok)
            return;
        exportScale_ = scale;
    }
    QString error;
    if (!exportGraph(path, scale, &error))
        QMessageBox::warning(window_, tr("Export Graph"), error);
    else
        emit message(tr("Exported the graph to %1").arg(path));
}

bool Workspace::exportTensorFlow(const QString& fileName, QString* error)
{
    const TensorFlowCode code = tensorFlowCodeOf(*session_);
    if (!code.ok()) {
        if (error)
            *error = tr("The graph cannot be written as TensorFlow code: %1").arg(code.error);
        return false;
    }
    return saveFileAtomically(code.text.toUtf8(), fileName, error);
}

void Workspace::exportPlotInteractive()
{
    const QString path = QFileDialog::getSaveFileName(window_, tr("Export Plot"), files_->displayName() + QStringLiteral("-plot.png"),
                                                      tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!plot_->exportTo(path, exportScale_, &error))
        QMessageBox::warning(window_, tr("Export Plot"), error);
    else
        emit message(tr("Exported the plot to %1").arg(path));
}

} // namespace gs
