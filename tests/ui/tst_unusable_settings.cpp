// Settings that cannot be used (garbage, a damaged file, values from another version) are ignored
// with a note in the log, and the window opens usable: on the screen, at the normal font size, in
// a theme that exists, with a recent files menu of files only. Issue 15, "Crash-safe state".
#include "EditorTestSupport.h"

#include "ui/RecentFiles.h"
#include "ui/SavedSettings.h"
#include "ui/Theme.h"
#include "ui/files/DocumentFiles.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMenu>
#include <QProcess>
#include <QTemporaryDir>
#include <QRect>
#include <QScreen>
#include <QSettings>

#include <algorithm>

using namespace gs;

namespace {

/// Every key the application reads from its settings. A key the window writes that is missing
/// here fails keysAreAllKnown(): add it here and read it through ui/SavedSettings.h.
const QStringList windowKeys{"window/geometry", "window/state", "window/layoutVersion"};
const QStringList checkedKeys{"view/theme", "view/minimap", "view/presenterScale", "graph/keepHandPlaced",
                              "export/scale", "recentFiles"};

struct Note {
    QString category;
    QString text;
};
QList<Note> notes;

void collect(QtMsgType, const QMessageLogContext& context, const QString& text)
{
    notes.push_back({QString::fromLatin1(context.category ? context.category : ""), text});
}

bool noted(const QString& category, const QString& words)
{
    return std::any_of(notes.cbegin(), notes.cend(), [&](const Note& n) { return n.category == category && n.text.contains(words); });
}

QString allNotes()
{
    QStringList lines;
    for (const Note& n : notes)
        lines << n.category + QStringLiteral(": ") + n.text;
    return lines.join(u'\n');
}

/// What a usable window shows, compared as a whole.
struct Usable {
    bool onScreen = false;
    double presenterScale = 0;
    qreal fontSize = 0;
    int themeChecked = -1; ///< the checked entry of View > Theme
    bool minimap = false;
    bool keepHandPlaced = false;
    QStringList recentFiles;
    friend bool operator==(const Usable&, const Usable&) = default;
};

QDebug operator<<(QDebug d, const Usable& u)
{
    return d << "onScreen" << u.onScreen << "presenterScale" << u.presenterScale << "fontSize" << u.fontSize
             << "theme" << u.themeChecked << "minimap" << u.minimap << "keepHandPlaced" << u.keepHandPlaced
             << "recentFiles" << u.recentFiles;
}

/// A settings file cut off in a section name, then garbage: Qt reads it with a FormatError.
QByteArray damagedFile()
{
    QByteArray bytes("[view]\ntheme=2\n[\x01\xfe\xff broken section\nminimap=\n");
    for (int i = 0; i < 256; ++i)
        bytes += char((i * 37) & 0xff);
    return bytes;
}

} // namespace

namespace QTest {
template <>
char* toString(const Usable& u)
{
    QString text;
    QDebug(&text) << u;
    return qstrdup(qPrintable(text));
}
} // namespace QTest

class TestUnusableSettings : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        testing::useTestSettings("tst_unusable_settings");
        fontSize_ = QApplication::font().pointSizeF();
        previous_ = qInstallMessageHandler(collect);
    }
    void cleanupTestCase() { qInstallMessageHandler(previous_); }

    void init()
    {
        e_.window.reset();
        QSettings settings;
        settings.clear();
        settings.sync();
        notes.clear();
    }

    void keysAreAllKnown()
    {
        // Everything a session can change, then a normal close: all it writes is known.
        open();
        const QMenu* theme = e_.window->findChild<QMenu*>(QStringLiteral("themeMenu"));
        QVERIFY(theme);
        theme->actions().at(2)->trigger();
        e_.window->findChild<QAction*>(QStringLiteral("minimapAction"))->trigger();
        e_.window->findChild<QAction*>(QStringLiteral("keepHandPlacedAction"))->trigger();
        e_.window->recentFiles()->add(QStringLiteral("/tmp/known.gscope"));
        QVERIFY(e_.window->close());
        e_.window.reset();
        QStringList keys = QSettings().allKeys();
        keys.sort();
        QStringList known = windowKeys + checkedKeys;
        known.sort();
        QCOMPARE(keys, known);
    }

    void garbageIsIgnored_data()
    {
        QTest::addColumn<QVariant>("garbage");
        QTest::addColumn<QStringList>("recentFiles");
        QTest::newRow("text") << QVariant(QStringLiteral("banana")) << QStringList{};
        QTest::newRow("not a number") << QVariant(QStringLiteral("nan")) << QStringList{};
        QTest::newRow("infinite") << QVariant(QStringLiteral("-inf")) << QStringList{};
        QTest::newRow("out of range, from another version") << QVariant(-7) << QStringList{};
        QTest::newRow("huge") << QVariant(QStringLiteral("1e308")) << QStringList{};
        QTest::newRow("bytes") << QVariant(QByteArray("\x00\xff\x01garbage", 10)) << QStringList{};
        QTest::newRow("a rectangle") << QVariant(QRect(1, 2, 3, 4)) << QStringList{};
        QTest::newRow("a list") << QVariant(QStringList{"/tmp/kept.gscope", "relative.gscope", "", "/tmp/a\nb", "/tmp/kept.gscope"})
                                << QStringList{"/tmp/kept.gscope"};
    }
    void garbageIsIgnored()
    {
        QFETCH(QVariant, garbage);
        QFETCH(QStringList, recentFiles);
        {
            QSettings settings;
            for (const QString& key : windowKeys + checkedKeys)
                settings.setValue(key, garbage);
            settings.sync();
            QCOMPARE(settings.status(), QSettings::NoError);
        }
        open();
        QCOMPARE(usable(), fresh(recentFiles));
        for (const QString& key : checkedKeys)
            QVERIFY2(noted(QStringLiteral("gradscope.settings"), key), qPrintable(key + QStringLiteral(" not noted in:\n") + allNotes()));
    }

    void aDamagedFileIsIgnored()
    {
        const QString fileName = QSettings().fileName();
        {
            QFile file(fileName);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(damagedFile());
        }
        open();
        // What could be read before the damage is kept: the dark theme.
        Usable expected = fresh({});
        expected.themeChecked = 2;
        QCOMPARE(usable(), expected);
    }

    void aLockLeftEmptyByAKillIsRemoved()
    {
        // A process killed while taking the settings' lock leaves it empty: without the check at
        // start, the next write would wait 30 s for it to age.
        QSettings settings;
        QFile lock(settings.fileName() + QStringLiteral(".lock"));
        QVERIFY(lock.open(QIODevice::WriteOnly));
        lock.close();
        savedsettings::checkFile(settings);
        QVERIFY(noted(QStringLiteral("gradscope.settings"), QStringLiteral("lock file")));
        QElapsedTimer clock;
        clock.start();
        settings.setValue(QStringLiteral("view/minimap"), false);
        settings.sync();
        QCOMPARE(settings.status(), QSettings::NoError);
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    }

    void theProgramNotesADamagedFile()
    {
        // The note comes from the program's start (app/Gui.cpp), the first to read the file.
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QVERIFY(QDir(home.path()).mkpath(QStringLiteral("config/GradScope")));
        QFile file(home.filePath(QStringLiteral("config/GradScope/GradScope.conf")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(damagedFile());
        file.close();
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORMTHEME"})
            environment.remove(QString::fromLatin1(name));
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        environment.insert(QStringLiteral("HOME"), home.path());
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        environment.insert(QStringLiteral("GRADSCOPE_TEST_KEYS"), QStringLiteral("key Ctrl+Q"));
        QProcess gradscope;
        gradscope.setProcessEnvironment(environment);
        gradscope.start(QStringLiteral(GRADSCOPE_EXE), QStringList{});
        QVERIFY(gradscope.waitForFinished(60'000));
        const QByteArray log = gradscope.readAllStandardError();
        QCOMPARE(gradscope.exitStatus(), QProcess::NormalExit);
        QVERIFY2(gradscope.exitCode() == 0, log.constData());
        QVERIFY2(log.contains("is damaged"), log.constData());
    }

private:
    void open()
    {
        QVERIFY(e_.open());
        e_.ws->files()->askToSave = [](const QString&) { return DocumentFiles::Answer::Discard; };
    }

    Usable usable() const
    {
        const QMenu* theme = e_.window->findChild<QMenu*>(QStringLiteral("themeMenu"));
        const QList<QAction*> themes = theme ? theme->actions() : QList<QAction*>{};
        const auto checked = std::find_if(themes.cbegin(), themes.cend(), [](const QAction* a) { return a->isChecked(); });
        const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
        return {e_.window->isVisible() && available.contains(e_.window->frameGeometry()),
                presenterScale(),
                QApplication::font().pointSizeF(),
                checked == themes.cend() ? -1 : static_cast<int>(checked - themes.cbegin()),
                e_.window->findChild<QAction*>(QStringLiteral("minimapAction"))->isChecked(),
                e_.window->findChild<QAction*>(QStringLiteral("keepHandPlacedAction"))->isChecked(),
                e_.window->recentFiles()->files()};
    }

    /// The window on first start: the defaults.
    Usable fresh(const QStringList& recentFiles) const { return {true, 1.0, fontSize_, 0, true, true, recentFiles}; }

    testing::Editor e_;
    qreal fontSize_ = 0;
    QtMessageHandler previous_ = nullptr;
};

QTEST_MAIN(TestUnusableSettings)
#include "tst_unusable_settings.moc"
