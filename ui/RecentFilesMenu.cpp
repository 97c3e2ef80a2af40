#include "ui/RecentFilesMenu.h"

#include "ui/RecentFiles.h"

#include <QAction>
#include <QFileInfo>

namespace gs {

RecentFilesMenu::RecentFilesMenu(RecentFiles* recentFiles, QWidget* parent)
    : QMenu(tr("Open &Recent"), parent)
    , recentFiles_(recentFiles)
{
    connect(recentFiles_, &RecentFiles::changed, this, &RecentFilesMenu::rebuild);
    rebuild();
}

void RecentFilesMenu::rebuild()
{
    // deleteLater, not clear(): the list may change from one of these very actions ("Clear Menu").
    const QList<QAction*> old = actions();
    for (QAction* action : old) {
        removeAction(action);
        action->deleteLater();
    }
    const QStringList files = recentFiles_->files();
    for (qsizetype i = 0; i < files.size(); ++i) {
        const QString& path = files[i];
        // Numbers 1..9 get a mnemonic; '&' in a file name must not become one.
        const QString name = QFileInfo(path).fileName().replace(u'&', QStringLiteral("&&"));
        const QString text = i < 9 ? QStringLiteral("&%1 %2").arg(i + 1).arg(name) : name;
        QAction* action = addAction(text);
        action->setToolTip(path);
        action->setStatusTip(path);
        connect(action, &QAction::triggered, this, [this, path] { emit fileTriggered(path); });
    }
    if (!files.isEmpty()) {
        addSeparator();
        addAction(tr("&Clear Menu"), recentFiles_, &RecentFiles::clear);
    }
    menuAction()->setEnabled(!files.isEmpty());
}

} // namespace gs
