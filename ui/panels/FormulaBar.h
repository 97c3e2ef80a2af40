#pragma once

#include <QWidget>

#include <functional>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace gs {

class EditorSession;
struct FormulaError;
struct GraphData;

/// The graph as a formula, always in sync (FormulaWriter), and the place to type or paste one:
/// Enter (or Apply) replaces the graph with what the formula describes, as one undoable command;
/// Shift+Enter starts a new line, Escape goes back to the graph's formula. Names the new formula
/// uses without declaring them keep the values they had in the graph.
///
/// An error is shown inside the bar, in a strip along the bottom of the text area, with its place
/// underlined in the text: the bar never changes height, so the canvas below never moves.
/// Ctrl+Z and Ctrl+Shift+Z undo and redo the typing while there is typing to undo; otherwise the
/// bar lets them through to the window's Edit menu (the document's undo stack).
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

    /// Whether Undo / Redo now mean the typing in the bar (it has the focus, or lent it to a menu,
    /// and has typing to undo or redo) rather than the document.
    bool undoesTyping() const;
    bool redoesTyping() const;

signals:
    /// A formula replaced the graph.
    void applied();
    /// undoesTyping() or redoesTyping() may have changed.
    void typingHistoryChanged();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showError(const QString& text, const FormulaError* where = nullptr);
    void hideError();
    void placeError();

    EditorSession* session_;
    std::function<void(GraphData&)> layout_;
    QPlainTextEdit* edit_;
    QPushButton* applyButton_;
    QLabel* error_;
    QString errorText_; ///< the whole message (the strip may show it elided)
    QString shown_;     ///< the graph's formula as last shown: typing is what differs from it
    bool editing_ = false;
    bool typingHere_ = false; ///< the keyboard is in the text area (or lent to a menu for a moment)
};

} // namespace gs
