#include "ui/workspace/Workspace.h"

#include "document/GraphDocument.h"
#include "ui/SavedSettings.h"
#include "ui/ScrollingPanel.h"
#include "ui/Theme.h"
#include "document/commands/NodeCommands.h"
#include "ui/files/DocumentFiles.h"
#include "ui/editor/EditorSession.h"
#include "ui/editor/EditorView.h"
#include "ui/files/Examples.h"
#include "ui/editor/GraphEditing.h"
#include "ui/editor/GraphScene.h"
#include "ui/workspace/LessonMode.h"
#include "ui/panels/FormulaBar.h"
#include "ui/panels/InspectorPanel.h"
#include "ui/panels/NodePalette.h"
#include "ui/panels/ForwardModePanel.h"
#include "ui/panels/GradientCheckPanel.h"
#include "ui/panels/PlotPanel.h"
#include "ui/panels/StepPanel.h"
#include "ui/panels/TapePanel.h"
#include "ui/panels/TracePanel.h"
#include "ui/render/AutoLayout.h"
#include "ui/render/GraphExport.h"
#include "ui/render/GraphPicture.h"
#include "ui/training/TrainingDock.h"
#include "ui/training/TrainingView.h"
#include "ui/workspace/PresenterMode.h"
#include "ui/workspace/WindowLayout.h"

#include <QDockWidget>
#include <QLabel>
#include <QMainWindow>
#include <QScopedValueRollback>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QUndoStack>
#include <QUndoView>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace gs {

Workspace::Workspace(QMainWindow* window, QUndoStack* undoStack, RecentFiles* recentFiles)
    : QObject(window)
    , window_(window)
    , recentFiles_(recentFiles)
    , session_(new EditorSession(undoStack, this))
    , scene_(new GraphScene(session_, this))
    , view_(new EditorView(scene_))
    , editing_(new GraphEditing(session_, scene_, this))
    , files_(new DocumentFiles(session_, recentFiles, window, [this](GraphData& data) { layoutGraph(data); }, this))
    , formula_(new FormulaBar(session_, [this](GraphData& data) { layoutGraph(data); }))
    , central_(new QWidget)
    , layout_(new WindowLayout(window))
{
    view_->setObjectName(QStringLiteral("graphView"));
    formula_->setObjectName(QStringLiteral("formulaBar"));
    auto* layout = new QVBoxLayout(central_);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(formula_);
    layout->addWidget(view_, 1);

    connect(scene_, &GraphScene::message, this, &Workspace::message);
    connect(editing_, &GraphEditing::message, this, &Workspace::message);
    connect(files_, &DocumentFiles::message, this, &Workspace::message);
    connect(files_, &DocumentFiles::displayNameChanged, this, &Workspace::documentNameChanged);
    connect(files_, &DocumentFiles::exampleOpened, this, &Workspace::exampleOpened);
    // A file that says how it was last looked at is shown that way; any other document framed.
    files_->viewState = [this] { return std::optional<SavedView>(view_->viewState()); };
    connect(files_, &DocumentFiles::viewSaved, this, [this](const SavedView& view) {
        savedView_ = view;
        view_->restoreViewState(view);
    });
    connect(session_, &EditorSession::loaded, this, [this] {
        savedView_.reset();
        QTimer::singleShot(0, view_, [this] {
            if (savedView_) {
                view_->restoreViewState(*savedView_);
            } else if (session_->data().nodes.empty()) {
                view_->resetZoom();
                view_->centerOn(0, 0);
            } else {
                view_->fitAll();
            }
        });
    });
    // A narrow window gives the canvas the formula bar's fourth line.
    connect(layout_, &WindowLayout::windowResized, formula_, [this] { formula_->setVisibleLines(layout_->compactWindow() ? 3 : 4); });
    // A new graph is framed once the scene has its items.
    connect(formula_, &FormulaBar::applied, view_, [this] { QTimer::singleShot(0, view_, &EditorView::fitAll); });
    connect(view_, &EditorView::paletteRequested, this, &Workspace::openPalette);
    connect(view_, &EditorView::fileDropped, this, [this](const QString& path) { files_->openFile(path); });
    connect(view_, &EditorView::paletteEntryDropped, this, [this](const QString& key, const QPointF& at, const PortRef& port) {
        const QScopedValueRollback fromPalette(addingFromPalette_, true);
        if (port.valid())
            editing_->addWiredTo(key, at, port);
        else
            editing_->addFromPalette(key, at);
    });
    connect(view_, &EditorView::nodeMenuRequested, this, &Workspace::showNodeMenu);
    connect(view_, &EditorView::edgeMenuRequested, this, &Workspace::showEdgeMenu);
    // Messages go to the window's status bar, which times them out and clears them when the
    // document changes (MainWindow::showMessage); a plain QMainWindow shows them for a while.
    connect(this, &Workspace::message, window_, [this](const QString& text) {
        if (!window_->findChild<QLabel*>(QStringLiteral("statusLabel")))
            window_->statusBar()->showMessage(text, 5000);
    });
}

Workspace::~Workspace() = default;

void Workspace::install()
{
    createDocks();
    createActions();
    lessons_ = new LessonMode(this, window_);
    lessons_->install(); // before restoreSettings(), which also places the lesson dock
    restoreSettings();
    files_->openStartExample();
}

QDockWidget* Workspace::addDock(QWidget* widget, const QString& title, const char* name, DockPlaces places)
{
    auto* dock = new QDockWidget(title, window_);
    dock->setObjectName(QLatin1StringView(name));
    dock->setWidget(scrollingPanel(widget));
    window_->addDockWidget(Qt::RightDockWidgetArea, dock);
    layout_->addDock({dock, places.wide, places.compact, places.shownWide, places.shownCompact});
    return dock;
}

void Workspace::createDocks()
{
    palette_ = new NodePalette;
    popup_ = new PalettePopup(window_);
    inspector_ = new InspectorPanel(session_, editing_);
    tape_ = new TapePanel(session_, editing_);
    steps_ = new StepPanel(session_);
    plot_ = new PlotPanel(session_);
    undoView_ = new QUndoView(session_->undoStack());
    undoView_->setEmptyLabel(tr("<opened>"));
    undoView_->setObjectName(QStringLiteral("undoView"));

    using Place = WindowLayout::Place;
    // The order is the tab order of docks that share a place; the first one shown is in front.
    addDock(tape_, tr("Gradient Tape"), "tapeDock", {Place::Right, Place::Right});
    QDockWidget* inspectorDock = addDock(inspector_, tr("Inspector"), "inspectorDock", {Place::RightLower, Place::Right});
    addDock(palette_, tr("Add Node"), "paletteDock", {Place::Left, Place::Right});
    addDock(undoView_, tr("Undo History"), "historyDock", {Place::Left, Place::Right, true, false});
    addDock(plot_, tr("Function Plot"), "plotDock", {Place::BottomRight, Place::RightLower});
    addDock(steps_, tr("Step Through the Tape"), "stepDock", {Place::Bottom, Place::RightLower});
    trace_ = new TracePanel(session_);
    addDock(trace_, tr("Trace (tf.function)"), "traceDock", {Place::BottomRight, Place::RightLower});
    // Brought up from View > Panels when a class reaches the book's finite differences.
    checks_ = new GradientCheckPanel(session_);
    addDock(checks_, tr("Gradient Check"), "gradientCheckDock", {Place::BottomRight, Place::RightLower, false, false});
    // Forward mode beside reverse mode, from View > Panels: it runs only while shown.
    forward_ = new ForwardModePanel(session_);
    addDock(forward_, tr("Forward Mode"), "forwardModeDock", {Place::BottomRight, Place::RightLower, false, false});
    // The training view needs the window's whole width: a row of its own under the bottom docks,
    // hidden until View > Training brings it up.
    training_ = new TrainingDock(window_);
    window_->addDockWidget(Qt::BottomDockWidgetArea, training_);
    layout_->addDock({training_, Place::BottomWide, Place::BottomWide, false, false});
    connect(training_->view(), &TrainingView::message, this, &Workspace::message);

    connect(palette_, &NodePalette::chosen, this, [this](const QString& key) {
        const QScopedValueRollback fromPalette(addingFromPalette_, true);
        editing_->addFromPalette(key, view_->mapToScene(view_->viewport()->rect().center()));
    });
    connect(popup_, &PalettePopup::chosen, this, [this](const QString& key) {
        const PortRef wire = std::exchange(popupWire_, PortRef{});
        if (wire.valid())
            editing_->addWiredTo(key, popupAt_, wire);
        else
            editing_->addFromPalette(key, popupAt_);
    });
    connect(scene_, &GraphScene::wireDroppedOnCanvas, this, [this](const PortRef& anchor, const QPointF& at) {
        openPalette(at, {});
        popupWire_ = anchor;
    });
    connect(scene_, &GraphScene::currentNodeChanged, inspector_, &InspectorPanel::setNode);
    // A node chosen on the canvas is the one checked (a source would only check itself).
    connect(scene_, &GraphScene::currentNodeChanged, this, [this](NodeId id) {
        const std::vector<NodeId> sources = session_->watchedSources();
        if (id.valid() && std::find(sources.begin(), sources.end(), id) == sources.end())
            checks_->setNode(id);
    });
    // A node is selected when it is added, but the student adding several from the palette
    // (tabbed with the Inspector on a small screen) keeps the palette in front.
    connect(scene_, &GraphScene::currentNodeChanged, this, [this, inspectorDock](NodeId id) {
        if (id.valid() && !addingFromPalette_)
            inspectorDock->raise();
    });
}

void Workspace::openPalette(const QPointF& scenePos, const QString& text)
{
    popupAt_ = scenePos;
    popupWire_ = {};
    popup_->popup(view_->viewport()->mapToGlobal(view_->mapFromScene(scenePos)), text);
}

void Workspace::exampleOpened(const Example& example)
{
    if (!plot_)
        return;
    plot_->setInputLabel(example.plotInput);
    plot_->setRange(example.plotFrom, example.plotTo);
    std::optional<GraphData> other;
    QString title;
    if (!example.compareWith.isEmpty()) {
        other = readDocument(example.compareWith, nullptr);
        if (const Example* e = exampleFor(example.compareWith))
            title = e->title;
    }
    plot_->setComparison(title, std::move(other));
}

void Workspace::layoutGraph(GraphData& data) const { applyAutoLayout(data, scene_->editorStyle()); }

void Workspace::arrange()
{
    const std::unordered_set<NodeId> keep =
        keepHandPlaced_ && keepHandPlaced_->isChecked() ? session_->handPlaced() : std::unordered_set<NodeId>{};
    const auto positions = autoLayout(session_->data(), scene_->editorStyle(), keep, &session_->evaluation());
    std::vector<std::pair<NodeId, QPointF>> moves(positions.begin(), positions.end());
    QUndoCommand* command = MoveNodesCommand::to(session_->document(), moves);
    command->setText(tr("Arrange"));
    session_->undoStack()->push(command);
    view_->fitAll();
}

bool Workspace::exportGraph(const QString& fileName, double scale, QString* error)
{
    const GraphPicture picture(session_->data(), session_->evaluation(), session_->overlay(), scene_->editorStyle());
    return exportPicture(picture, fileName, scale, error);
}

void Workspace::settle()
{
    // The window has its final size now: a saved view is centred on it again.
    if (savedView_)
        view_->restoreViewState(*savedView_);
    else
        view_->fitAll();
    plot_->flush();
}

void Workspace::newDocument() { files_->newDocument(); }

bool Workspace::confirmClose()
{
    if (!files_->maySwitch())
        return false;
    files_->closing();
    saveSettings();
    return true;
}

void Workspace::restoreSettings()
{
    layout_->restore();
    QSettings settings;
    applyTheme(static_cast<Theme>(savedsettings::choice(settings, QStringLiteral("view/theme"), 0, themeCount)));
    const double scale = savedsettings::number(settings, QStringLiteral("view/presenterScale"), 1.0,
                                               minPresenterScale, maxPresenterScale);
    if (scale != 1.0)
        setPresenterScale(scale);
    if (keepHandPlaced_)
        keepHandPlaced_->setChecked(savedsettings::flag(settings, QStringLiteral("graph/keepHandPlaced"), true));
    exportScale_ = savedsettings::number(settings, QStringLiteral("export/scale"), 2.0, minExportScale, maxExportScale);
}

void Workspace::saveSettings() const
{
    layout_->save();
    QSettings settings;
    // The presenter's fonts are never remembered as the normal ones.
    settings.setValue(QStringLiteral("view/presenterScale"), lessons_ ? lessons_->presenter()->deskScale() : presenterScale());
    if (keepHandPlaced_)
        settings.setValue(QStringLiteral("graph/keepHandPlaced"), keepHandPlaced_->isChecked());
    settings.setValue(QStringLiteral("export/scale"), exportScale_);
}

} // namespace gs
