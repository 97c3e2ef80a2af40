#pragma once

#include <QWidget>

#include <functional>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace gs {

class EditorSession;
struct GraphData;

/// The graph as a formula, always in sync (FormulaWriter), and the place to type or paste one:
/// Enter (or Apply) replaces the graph with what the formula describes, as one undoable command;
/// Shift+Enter starts a new line, Escape goes back to the graph's formula. Names the new formula
/// uses without declaring them keep the values they had in the graph.
class FormulaBar : public QWidget {
    Q_OBJECT
public:
    /// `layout` places the nodes of a graph read from a formula.
    FormulaBar(EditorSession* session, std::function<void(GraphData&)> layout, QWidget* parent = nullptr);

    QPlainTextEdit* editor() const { return edit_; }
    /// How many lines of the formula show at once (more scroll).
    void setVisibleLines(int lines);
    QLabel* errorLabel() const { return error_; }
    /// Replaces the graph with `text`; false (and the error shown) when it cannot be read.
    bool apply(const QString& text);
    /// Shows the graph's formula (dropping what is being typed).
    void revert();

signals:
    /// A formula replaced the graph.
    void applied();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    EditorSession* session_;
    std::function<void(GraphData&)> layout_;
    QPlainTextEdit* edit_;
    QPushButton* applyButton_;
    QLabel* error_;
    bool editing_ = false;
};

} // namespace gs
