#include "ui/panels/DerivativeMatrix.h"

#include "ui/panels/DerivativeTables.h"
#include "ui/render/EditorStyle.h"

#include <QEvent>
#include <QHeaderView>

#include <algorithm>

namespace gs {

namespace {
constexpr int noneRole = Qt::UserRole + 1;
}

DerivativeMatrix::DerivativeMatrix(QWidget* parent)
    : QTableWidget(parent)
{
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionMode(QAbstractItemView::NoSelection);
    setFocusPolicy(Qt::NoFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight); // the tooltip has the whole value
    horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    horizontalHeader()->setMinimumSectionSize(24);
    horizontalHeader()->setHighlightSections(false);
    // One line of text per row, whose height is known before the table is laid out: the table
    // takes exactly the height of its rows.
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(lineHeight());
    verticalHeader()->setHighlightSections(false);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void DerivativeMatrix::setTable(const DerivativeTable& table)
{
    clear();
    setRowCount(static_cast<int>(table.rows.size()));
    setColumnCount(static_cast<int>(table.columns.size()));
    setHorizontalHeaderLabels(table.columns);
    setVerticalHeaderLabels(table.rows);
    for (int c = 0; c < table.columnToolTips.size() && c < columnCount(); ++c)
        horizontalHeaderItem(c)->setToolTip(table.columnToolTips[c]);
    for (int r = 0; r < table.rowToolTips.size() && r < rowCount(); ++r)
        verticalHeaderItem(r)->setToolTip(table.rowToolTips[r]);
    for (std::size_t r = 0; r < table.cells.size(); ++r)
        for (std::size_t c = 0; c < table.cells[r].size(); ++c) {
            const DerivativeCell& cell = table.cells[r][c];
            auto* item = new QTableWidgetItem(cell.text);
            item->setToolTip(cell.toolTip);
            item->setTextAlignment(Qt::AlignCenter);
            item->setData(noneRole, cell.none);
            setItem(static_cast<int>(r), static_cast<int>(c), item);
        }
    paintNones();
    setFixedHeight(fittingHeight());
    updateGeometry();
}

void DerivativeMatrix::paintNones()
{
    const QColor muted = EditorStyle::fromPalette(palette()).mutedText;
    for (int r = 0; r < rowCount(); ++r)
        for (int c = 0; c < columnCount(); ++c)
            if (QTableWidgetItem* i = item(r, c); i && i->data(noneRole).toBool()) {
                i->setForeground(muted);
                QFont font = this->font();
                font.setItalic(true); // a second cue besides the colour
                i->setFont(font);
            }
}

int DerivativeMatrix::fittingHeight() const
{
    const int rows = std::min(rowCount(), visibleRows) * verticalHeader()->defaultSectionSize();
    const int header = horizontalHeader()->isHidden() ? 0 : horizontalHeader()->sizeHint().height();
    return header + rows + 2 * frameWidth();
}

int DerivativeMatrix::lineHeight() const { return fontMetrics().height() + 6; }

QSize DerivativeMatrix::sizeHint() const { return {QTableWidget::sizeHint().width(), fittingHeight()}; }

QSize DerivativeMatrix::minimumSizeHint() const
{
    // Narrower than QAbstractScrollArea would ask: the columns stretch and elide instead.
    return {verticalHeader()->sizeHint().width() + 2 * 24 + 2 * frameWidth(), fittingHeight()};
}

void DerivativeMatrix::changeEvent(QEvent* event)
{
    QTableWidget::changeEvent(event);
    // A theme or presenter mode changes the palette and the font: grey and height follow.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        paintNones();
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        verticalHeader()->setDefaultSectionSize(lineHeight());
        setFixedHeight(fittingHeight());
    }
}

} // namespace gs
