#pragma once

#include <QWidget>

class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace gs {

/// The searchable list of everything that can be added to a graph (NodeFactory's entries),
/// grouped by category. Typing filters by name, category and summary; Enter or a double-click
/// chooses the highlighted entry; an entry dragged onto the canvas is added where it is dropped
/// (onto a port: wired to it). Used as a dock and as the Shift+A popup.
class NodePalette : public QWidget {
    Q_OBJECT
public:
    explicit NodePalette(QWidget* parent = nullptr);

    QLineEdit* searchField() const { return search_; }
    QTreeWidget* list() const { return tree_; }
    void setSearchText(const QString& text);
    /// The key of the first entry the search leaves visible ("" when none is).
    QString firstMatch() const;

signals:
    /// An entry was chosen: its NodeFactory key ("op:exp", "variable").
    void chosen(const QString& key);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void filter(const QString& text);
    void choose(QTreeWidgetItem* item);
    QTreeWidgetItem* firstVisible() const;

    QLineEdit* search_;
    QTreeWidget* tree_;
};

/// The palette as a popup at the cursor (Shift+A, right-click, typing on the canvas); it closes
/// itself once an entry is chosen or Escape is pressed.
class PalettePopup : public QWidget {
    Q_OBJECT
public:
    explicit PalettePopup(QWidget* parent = nullptr);
    NodePalette* palette() const { return palette_; }
    /// Shows the popup at `globalPos` with `text` typed into its search field.
    void popup(const QPoint& globalPos, const QString& text);

signals:
    void chosen(const QString& key);

private:
    NodePalette* palette_;
};

} // namespace gs
