#pragma once

#include "document/DocumentFile.h"
#include "document/DocumentIds.h"
#include "ui/editor/PortRef.h"
#include "ui/workspace/WindowLayout.h"

#include <QObject>
#include <QPointF>

#include <optional>

class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;
class QUndoStack;
class QUndoView;
class QWidget;

namespace gs {

class DocumentFiles;
class EditorSession;
class EditorView;
class FormulaBar;
class GraphEditing;
class GraphScene;
class InspectorPanel;
class LessonMode;
class NodePalette;
class PalettePopup;
class ForwardModePanel;
class GradientCheckPanel;
class PlotPanel;
class RecentFiles;
class StepPanel;
class TapePanel;
class TracePanel;
class TrainingDock;
struct Example;

/// Everything the graph editor adds to the main window: the session (document, evaluation), the
/// scene and its view under the formula bar, the docks (palette, inspector, tape, steps, plot,
/// undo history), the editor's actions in the window's menus, files and autosave, exports, the
/// theme and the presenter zoom. The window stays the shell; this is what fills it.
class Workspace : public QObject {
    Q_OBJECT
public:
    Workspace(QMainWindow* window, QUndoStack* undoStack, RecentFiles* recentFiles);
    ~Workspace() override;

    /// The formula bar above the canvas: the window's central widget.
    QWidget* centralWidget() const { return central_; }
    EditorView* view() const { return view_; }
    EditorSession* session() const { return session_; }
    GraphScene* scene() const { return scene_; }
    GraphEditing* editing() const { return editing_; }
    DocumentFiles* files() const { return files_; }
    NodePalette* palette() const { return palette_; }
    PalettePopup* palettePopup() const { return popup_; }
    InspectorPanel* inspector() const { return inspector_; }
    TapePanel* tapePanel() const { return tape_; }
    StepPanel* stepPanel() const { return steps_; }
    PlotPanel* plotPanel() const { return plot_; }
    GradientCheckPanel* gradientCheckPanel() const { return checks_; }
    ForwardModePanel* forwardModePanel() const { return forward_; }
    /// The graph as a tf.function: calls, concrete functions, traced graphs (issue #7).
    TracePanel* tracePanel() const { return trace_; }
    FormulaBar* formulaBar() const { return formula_; }
    QUndoView* undoView() const { return undoView_; }
    /// The book's custom training loop stepped live (issue #6), a dock opened by View > Training.
    TrainingDock* trainingDock() const { return training_; }
    /// The one owner of the window's layout: the user's, and the lesson and presenter overlays.
    WindowLayout* layout() const { return layout_; }
    /// The lesson dock, its player, presenter mode; set by install().
    LessonMode* lessons() const { return lessons_; }

    /// Adds the docks and the editor's actions to the window's menus (which must exist), restores
    /// the saved window state, and opens the book's first example.
    void install();
    /// Finishes what is scheduled (the plot, framing the graph) so that a picture of the window
    /// taken now shows everything.
    void settle();
    /// File > New (asks about unsaved changes first).
    void newDocument();
    /// Asks about unsaved changes before the window closes; false keeps it open.
    bool confirmClose();

    /// Writes the graph as it is shown (values, gradients, step) to PNG, SVG or PDF.
    bool exportGraph(const QString& fileName, double scale, QString* error = nullptr);
    /// Writes the graph as a TensorFlow 2 program (File > Export TensorFlow Code), with the
    /// evaluation's settings: its target, the sources the tape watches, dtype, Jacobian, Hessian.
    bool exportTensorFlow(const QString& fileName, QString* error = nullptr);
    /// Lays the graph out again (one command); hand-placed nodes stay when the option is on.
    void arrange();

signals:
    void documentNameChanged(const QString& name);
    void message(const QString& text);

private:
    void createDocks();
    void createActions();
    void addFileActions();
    void addEditActions();
    void addGraphMenu();
    void addViewActions();
    void updateEditActions();
    void showNodeMenu(const QPoint& globalPos);
    void showEdgeMenu(gs::ConnectionId id, const QPoint& globalPos);
    void openPalette(const QPointF& scenePos, const QString& text);
    void exampleOpened(const Example& example);
    void exportGraphInteractive();
    void exportPlotInteractive();
    void layoutGraph(struct GraphData& data) const;
    void restoreSettings();
    void saveSettings() const;
    struct DockPlaces {
        WindowLayout::Place wide;
        WindowLayout::Place compact;
        bool shownWide = true;
        bool shownCompact = true;
    };
    QDockWidget* addDock(QWidget* widget, const QString& title, const char* name, DockPlaces places);

    QMainWindow* window_;
    RecentFiles* recentFiles_;
    EditorSession* session_;
    GraphScene* scene_;
    EditorView* view_;
    GraphEditing* editing_;
    DocumentFiles* files_;
    /// How the open file was last looked at, until another document is loaded.
    std::optional<SavedView> savedView_;
    FormulaBar* formula_;
    QWidget* central_;
    WindowLayout* layout_;
    NodePalette* palette_ = nullptr;
    PalettePopup* popup_ = nullptr;
    InspectorPanel* inspector_ = nullptr;
    TapePanel* tape_ = nullptr;
    StepPanel* steps_ = nullptr;
    PlotPanel* plot_ = nullptr;
    GradientCheckPanel* checks_ = nullptr;
    ForwardModePanel* forward_ = nullptr;
    TracePanel* trace_ = nullptr;
    TrainingDock* training_ = nullptr;
    QUndoView* undoView_ = nullptr;
    LessonMode* lessons_ = nullptr;
    QMenu* panelsMenu_ = nullptr;
    QAction* keepHandPlaced_ = nullptr;
    QAction* duplicate_ = nullptr;
    QPointF popupAt_;
    bool addingFromPalette_ = false; ///< a palette entry is being added: the palette stays in front
    PortRef popupWire_; ///< the dangling wire the open popup will connect, if any
    /// Pixels per point of PNG exports, as File > Export Scale offers it.
    static constexpr double minExportScale = 0.5;
    static constexpr double maxExportScale = 8.0;
    double exportScale_ = 2.0;
};

} // namespace gs
