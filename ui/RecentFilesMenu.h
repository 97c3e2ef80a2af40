#pragma once

#include <QMenu>

namespace gs {

class RecentFiles;

/// "Open Recent": one entry per recent file (numbered, with the file name and the full path as
/// tooltip) and "Clear Menu". Disabled while the list is empty; follows every change of the list.
class RecentFilesMenu : public QMenu {
    Q_OBJECT
public:
    explicit RecentFilesMenu(RecentFiles* recentFiles, QWidget* parent = nullptr);

signals:
    /// The user picked `path` from the menu.
    void fileTriggered(const QString& path);

private:
    void rebuild();

    RecentFiles* recentFiles_;
};

} // namespace gs
