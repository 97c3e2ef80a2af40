#include "ui/RecentFiles.h"
#include "ui/RecentFilesMenu.h"

#include <QAction>
#include <QDir>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

class TestRecentFiles : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("GradScopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_recentfiles"));
    }

    void init() { QSettings().clear(); }

    void newestFirstWithoutDuplicates()
    {
        gs::RecentFiles recent;
        QSignalSpy spy(&recent, &gs::RecentFiles::changed);
        recent.add("/tmp/a.gscope");
        recent.add("/tmp/b.gscope");
        recent.add("/tmp/a.gscope");
        QCOMPARE(recent.files(), (QStringList{"/tmp/a.gscope", "/tmp/b.gscope"}));
        QCOMPARE(spy.count(), 3);
    }

    void relativePathsAreMadeAbsolute()
    {
        gs::RecentFiles recent;
        recent.add("graph.gscope");
        QCOMPARE(recent.files(), QStringList{QDir::current().absoluteFilePath("graph.gscope")});
    }

    void keepsAtMostMaxCount()
    {
        gs::RecentFiles recent;
        for (int i = 0; i < gs::RecentFiles::maxCount + 3; ++i)
            recent.add(QStringLiteral("/tmp/%1.gscope").arg(i));
        const QStringList files = recent.files();
        QCOMPARE(files.size(), gs::RecentFiles::maxCount);
        QCOMPARE(files.first(),
                 QStringLiteral("/tmp/%1.gscope").arg(gs::RecentFiles::maxCount + 2));
    }

    void sharedThroughSettings()
    {
        gs::RecentFiles writer;
        writer.add("/tmp/shared.gscope");
        QCOMPARE(gs::RecentFiles().files(), QStringList{"/tmp/shared.gscope"});
        writer.remove("/tmp/shared.gscope");
        QVERIFY(gs::RecentFiles().files().isEmpty());
    }

    void menuFollowsTheList()
    {
        gs::RecentFiles recent;
        gs::RecentFilesMenu menu(&recent);
        QVERIFY(!menu.menuAction()->isEnabled());
        QVERIFY(menu.actions().isEmpty());

        recent.add("/tmp/one & two.gscope");
        QVERIFY(menu.menuAction()->isEnabled());
        const QList<QAction*> actions = menu.actions();
        QCOMPARE(actions.size(), 3); // the file, a separator, "Clear Menu"
        QCOMPARE(actions[0]->text(), "&1 one && two.gscope");
        QCOMPARE(actions[0]->toolTip(), "/tmp/one & two.gscope");

        QSignalSpy triggered(&menu, &gs::RecentFilesMenu::fileTriggered);
        actions[0]->trigger();
        QCOMPARE(triggered.count(), 1);
        QCOMPARE(triggered.first().first().toString(), "/tmp/one & two.gscope");

        actions[2]->trigger(); // Clear Menu
        QVERIFY(recent.files().isEmpty());
        QVERIFY(!menu.menuAction()->isEnabled());
        QVERIFY(menu.actions().isEmpty());
    }
};

QTEST_MAIN(TestRecentFiles)
#include "tst_recentfiles.moc"
