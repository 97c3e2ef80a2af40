#include "ui/panels/NodePalette.h"

#include "ui/editor/NodeFactory.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMimeData>
#include <QScreen>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace gs {

namespace {

constexpr int keyRole = Qt::UserRole + 1;
constexpr int summaryRole = Qt::UserRole + 2;

/// The list, with entries that can be dragged out as their keys.
class PaletteList : public QTreeWidget {
public:
    explicit PaletteList(QWidget* parent)
        : QTreeWidget(parent)
    {
        setDragEnabled(true);
        setDragDropMode(QAbstractItemView::DragOnly);
    }

protected:
    QStringList mimeTypes() const override { return {QString::fromLatin1(paletteEntryMimeType)}; }
    QMimeData* mimeData(const QList<QTreeWidgetItem*>& items) const override
    {
        const QString key = items.isEmpty() ? QString() : items.front()->data(0, keyRole).toString();
        if (key.isEmpty())
            return nullptr;
        auto* data = new QMimeData;
        data->setData(QString::fromLatin1(paletteEntryMimeType), key.toUtf8());
        data->setText(items.front()->text(0));
        return data;
    }
    Qt::DropActions supportedDropActions() const override { return Qt::CopyAction; }
};

} // namespace

NodePalette::NodePalette(QWidget* parent)
    : QWidget(parent)
    , search_(new QLineEdit(this))
    , tree_(new PaletteList(this))
{
    search_->setObjectName(QStringLiteral("paletteSearch"));
    search_->setPlaceholderText(tr("Search nodes (exp, mul, Variable, …)"));
    search_->setClearButtonEnabled(true);
    tree_->setObjectName(QStringLiteral("paletteList"));
    tree_->setHeaderHidden(true);
    tree_->setRootIsDecorated(false);
    tree_->setUniformRowHeights(true);
    tree_->setColumnCount(1);

    QString category;
    QTreeWidgetItem* group = nullptr;
    for (const PaletteEntry& e : paletteEntries()) {
        if (!group || e.category != category) {
            category = e.category;
            group = new QTreeWidgetItem(tree_, QStringList{category});
            QFont bold = group->font(0);
            bold.setBold(true);
            group->setFont(0, bold);
            group->setFlags(Qt::ItemIsEnabled);
            group->setExpanded(true);
        }
        auto* item = new QTreeWidgetItem(group, QStringList{e.title});
        item->setData(0, keyRole, e.key);
        item->setToolTip(0, tr("%1\n\nDrag onto the canvas (onto a port to wire it), or double-click to add it in the middle.")
                                .arg(e.summary));
        item->setStatusTip(0, e.summary);
        item->setData(0, summaryRole, e.summary);
    }
    tree_->expandAll();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(search_);
    layout->addWidget(tree_);

    connect(search_, &QLineEdit::textChanged, this, &NodePalette::filter);
    connect(search_, &QLineEdit::returnPressed, this, [this] {
        QTreeWidgetItem* item = tree_->currentItem();
        if (!item || item->isHidden() || item->data(0, keyRole).toString().isEmpty())
            item = firstVisible();
        choose(item);
    });
    connect(tree_, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) { choose(item); });
    search_->installEventFilter(this);
}

void NodePalette::setSearchText(const QString& text)
{
    search_->setText(text);
    filter(text);
}

void NodePalette::filter(const QString& text)
{
    const QString needle = text.trimmed();
    for (int g = 0; g < tree_->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = tree_->topLevelItem(g);
        const bool groupMatches = !needle.isEmpty() && group->text(0).contains(needle, Qt::CaseInsensitive);
        int visible = 0;
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem* item = group->child(i);
            const bool match = needle.isEmpty() || groupMatches || item->text(0).contains(needle, Qt::CaseInsensitive)
                               || item->data(0, summaryRole).toString().contains(needle, Qt::CaseInsensitive);
            item->setHidden(!match);
            visible += match ? 1 : 0;
        }
        group->setHidden(visible == 0);
    }
    // Names that start with what was typed come first in spirit: make the best one current.
    QTreeWidgetItem* best = nullptr;
    for (int g = 0; g < tree_->topLevelItemCount() && !best; ++g)
        for (int i = 0; i < tree_->topLevelItem(g)->childCount(); ++i) {
            QTreeWidgetItem* item = tree_->topLevelItem(g)->child(i);
            if (!item->isHidden() && !needle.isEmpty() && item->text(0).startsWith(needle, Qt::CaseInsensitive)) {
                best = item;
                break;
            }
        }
    tree_->setCurrentItem(best ? best : firstVisible());
}

QTreeWidgetItem* NodePalette::firstVisible() const
{
    for (int g = 0; g < tree_->topLevelItemCount(); ++g)
        for (int i = 0; i < tree_->topLevelItem(g)->childCount(); ++i)
            if (!tree_->topLevelItem(g)->child(i)->isHidden() && !tree_->topLevelItem(g)->isHidden())
                return tree_->topLevelItem(g)->child(i);
    return nullptr;
}

QString NodePalette::firstMatch() const
{
    QTreeWidgetItem* item = tree_->currentItem();
    if (!item || item->isHidden() || item->data(0, keyRole).toString().isEmpty())
        item = firstVisible();
    return item ? item->data(0, keyRole).toString() : QString();
}

void NodePalette::choose(QTreeWidgetItem* item)
{
    if (!item)
        return;
    const QString key = item->data(0, keyRole).toString();
    if (!key.isEmpty())
        emit chosen(key);
}

bool NodePalette::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == search_ && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Up) {
            // Arrow keys move through the list while typing continues in the field.
            QTreeWidgetItem* item = tree_->currentItem() ? tree_->currentItem() : firstVisible();
            do {
                item = key->key() == Qt::Key_Down ? tree_->itemBelow(item) : tree_->itemAbove(item);
            } while (item && item->data(0, keyRole).toString().isEmpty());
            if (item)
                tree_->setCurrentItem(item);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

PalettePopup::PalettePopup(QWidget* parent)
    : QWidget(parent, Qt::Popup)
    , palette_(new NodePalette(this))
{
    setObjectName(QStringLiteral("palettePopup"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(palette_);
    resize(300, 420);
    connect(palette_, &NodePalette::chosen, this, [this](const QString& key) {
        hide();
        emit chosen(key);
    });
}

void PalettePopup::popup(const QPoint& globalPos, const QString& text)
{
    palette_->setSearchText(text);
    QPoint at = globalPos;
    if (const QScreen* screen = this->screen()) {
        const QRect area = screen->availableGeometry();
        at.setX(std::min(at.x(), area.right() - width()));
        at.setY(std::min(at.y(), area.bottom() - height()));
    }
    move(at);
    show();
    palette_->searchField()->setFocus();
}

} // namespace gs
