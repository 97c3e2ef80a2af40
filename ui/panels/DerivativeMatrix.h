#pragma once

#include <QTableWidget>

namespace gs {

struct DerivativeTable;

/// A read-only table for a DerivativeTable (the Jacobian, the Hessian) that fits a narrow dock:
/// columns share the width (no horizontal scrollbar), the height follows the rows (a few rows
/// never scroll), a None entry is written in the muted grey the canvas uses for None and its
/// tooltip says why.
class DerivativeMatrix : public QTableWidget {
    Q_OBJECT
public:
    explicit DerivativeMatrix(QWidget* parent = nullptr);

    void setTable(const DerivativeTable& table);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void changeEvent(QEvent* event) override;

private:
    /// Rows shown before the table scrolls: a Hessian of many sources must not push the
    /// sources list out of a 768-pixel-high dock.
    static constexpr int visibleRows = 6;
    /// The height of a row: one line of text.
    int lineHeight() const;
    int fittingHeight() const;
    /// The muted grey and italics of None entries, from the current palette and font.
    void paintNones();
};

} // namespace gs
