#pragma once

#include <QWidget>

#include <memory>
#include <string>

class QLabel;
class QPushButton;
class QTabWidget;

namespace gs {

struct ConcreteFunction;
struct ConcreteView;
class PictureWidget;

/// One concrete function as graphs: the optimized graph with what the passes folded or removed
/// faded beside it, and its backward graph, in two tabs, each exportable to PNG, SVG, PDF and DOT.
/// It copies what it shows, so it stays valid when the trace panel starts a new function.
class TracedGraphWindow : public QWidget {
    Q_OBJECT
public:
    TracedGraphWindow(const ConcreteFunction& function, const QString& functionName, const QString& resultName,
                      QWidget* parent = nullptr);
    ~TracedGraphWindow() override;

    enum class Which { Forward = 0, Backward = 1 };
    void show(Which which);
    Which current() const;
    /// Writes the chosen graph; the format comes from the extension (.png, .svg, .pdf, .dot).
    bool exportGraph(Which which, const QString& fileName, QString* error = nullptr) const;

    const ConcreteView& view(Which which) const;
    PictureWidget* picture(Which which) const;
    QTabWidget* tabs() const { return tabs_; }
    QPushButton* exportButton() const { return export_; }

private:
    void exportInteractive();

    std::unique_ptr<ConcreteView> forward_;
    std::unique_ptr<ConcreteView> backward_;
    std::string forwardDot_;
    std::string backwardDot_;
    QTabWidget* tabs_;
    PictureWidget* pictures_[2];
    QPushButton* export_;
};

} // namespace gs
