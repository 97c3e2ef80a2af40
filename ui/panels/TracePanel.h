#pragma once

#include "document/GraphData.h"
#include "ui/panels/TracedGraphWindow.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTreeWidget;

namespace gs {

class DocumentFunction;
class EditorSession;

/// The current graph as a tf.function. Type a call's arguments (`x=constant(2.0)`, `x=10`,
/// `x=TensorSpec(shape=[2])`) and press Enter or Call: the panel says whether the call traced a
/// new concrete function and why, and lists the concrete functions (signature, nodes before and
/// after the passes, calls). Open one as a graph (and its backward graph) with what the passes
/// removed faded, or export it. A log keeps every call, so retracing can be read as a story.
/// Editing the graph starts a new function, as redefining a Python function does.
class TracePanel : public QWidget {
    Q_OBJECT
public:
    explicit TracePanel(EditorSession* session, QWidget* parent = nullptr);
    ~TracePanel() override;

    /// Calls the function; false when the arguments or the graph are wrong (the explanation says
    /// why, naming the argument).
    bool call(const QString& arguments);
    /// Forgets every concrete function.
    void reset();
    /// Opens concrete function `index` (of the list) as graphs; nullptr for a bad index.
    TracedGraphWindow* open(int index, TracedGraphWindow::Which which);
    /// Writes concrete function `index` to a .png, .svg, .pdf or .dot file.
    bool exportConcrete(int index, TracedGraphWindow::Which which, const QString& fileName, QString* error = nullptr);

    const DocumentFunction* function() const { return function_.get(); }
    QLineEdit* argumentsEdit() const { return arguments_; }
    QPushButton* callButton() const { return call_; }
    QTreeWidget* concreteList() const { return list_; }
    QLabel* explanation() const { return explanation_; }
    /// Every call since the function was made, newest last: its arguments, its result, and
    /// whether it traced (and why) or reused a concrete function.
    QListWidget* callLog() const { return log_; }
    QLabel* passes() const { return passes_; }
    QPushButton* openButton() const { return open_; }
    QPushButton* openBackwardButton() const { return openBackward_; }
    QPushButton* exportButton() const { return export_; }
    QPushButton* resetButton() const { return reset_; }
    TracedGraphWindow* graphWindow() const { return window_; }

private:
    void documentChanged();
    void refreshList();
    void showPasses();
    void explain(const QString& html);
    int selectedIndex() const;
    void exportInteractive();

    EditorSession* session_;
    std::unique_ptr<DocumentFunction> function_;
    GraphData traced_; ///< the graph the function was made from, without positions
    int callCount_ = 0;
    QLineEdit* arguments_;
    QPushButton* call_;
    QLabel* explanation_;
    QListWidget* log_;
    QTreeWidget* list_;
    QLabel* passes_;
    QPushButton* open_;
    QPushButton* openBackward_;
    QPushButton* export_;
    QPushButton* reset_;
    QPointer<TracedGraphWindow> window_;
};

} // namespace gs
