// Work is never lost: the real program, on fresh settings and data directories, is edited through
// its window, killed with SIGKILL a few seconds later, and started again; the restore it offers
// is accepted and the document holds the edit.
//
// The window runs on the offscreen platform (no display needed) and is driven with key events
// through the test-only hook GRADSCOPE_TEST_KEYS (app/Gui.cpp): they reach the focused widget
// through Qt's shortcut map, as typed keys do. Everything else is the program as users run it.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

namespace {

/// The program's environment: a home, settings, data and runtime directories of its own, no
/// display, and the keys to play.
QProcessEnvironment environmentIn(const QTemporaryDir& home, const QString& keys)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORMTHEME"})
        environment.remove(QString::fromLatin1(name));
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("HOME"), home.path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath("config"));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath("data"));
    environment.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath("cache"));
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.filePath("runtime"));
    environment.insert(QStringLiteral("GRADSCOPE_TEST_KEYS"), keys);
    return environment;
}

/// What a command-line run prints, for preparing and checking documents; nothing when it fails.
std::optional<QByteArray> runToEnd(const QStringList& arguments)
{
    QProcess process;
    process.start(QStringLiteral(GRADSCOPE_EXE), arguments);
    if (!process.waitForFinished(60'000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return std::nullopt;
    return process.readAllStandardOutput();
}

bool waitForOutput(QProcess& process, const QByteArray& text, int milliseconds)
{
    QByteArray seen;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < milliseconds) {
        process.waitForReadyRead(100);
        seen += process.readAllStandardError();
        if (seen.contains(text))
            return true;
        if (process.state() == QProcess::NotRunning)
            return false;
    }
    return false;
}

} // namespace

class TestCrashRecovery : public QObject {
    Q_OBJECT
private slots:
    void anEditSurvivesSigkill()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QVERIFY(QDir(home.path()).mkdir(QStringLiteral("runtime")));
        QFile::setPermissions(home.filePath("runtime"), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        const QString document = home.filePath("b1.gscope");
        QVERIFY(runToEnd({"convert", "w1 = Variable(5.0)\nw2 = Variable(3.0)\nf = 3*w1**2 + 2*w1*w2", "-o", document}));
        const QDir data(home.filePath("data/GradScope/GradScope"));

        // The edit: Edit > Edit Formula (Ctrl+L), a new formula, Return. Then ~4.5 s, and SIGKILL.
        QProcess first;
        first.setProcessEnvironment(environmentIn(home, QStringLiteral("key Ctrl+L\ntype f = w1*w2 + 40\nkey Return")));
        first.start(QStringLiteral(GRADSCOPE_EXE), {document});
        QVERIFY2(waitForOutput(first, "test keys played", 30'000), "the edit was not made");
        QTest::qWait(4500);
        QCOMPARE(first.state(), QProcess::Running);
        first.kill(); // SIGKILL: no destructor, no event loop, nothing runs
        QVERIFY(first.waitForFinished(10'000));
        QCOMPARE(first.exitStatus(), QProcess::CrashExit);
        QCOMPARE(data.entryList({"autosave-*.json"}, QDir::Files).size(), 1);

        // The next start offers the work back: Return accepts (Restore is the default button),
        // Ctrl+S saves it where it came from, Ctrl+Q quits normally.
        QProcess second;
        second.setProcessEnvironment(environmentIn(home, QStringLiteral("wait 300\nkey Return\nkey Ctrl+S\nkey Ctrl+Q")));
        second.start(QStringLiteral(GRADSCOPE_EXE), QStringList{});
        QVERIFY(second.waitForFinished(60'000));
        QCOMPARE(second.exitStatus(), QProcess::NormalExit);
        QCOMPARE(second.exitCode(), 0);

        // f = w1*w2 + 40 with w1 = 5, w2 = 3 (kept from the graph): the edit, not the original 105.
        const QJsonObject result = QJsonDocument::fromJson(runToEnd({"eval", document, "--json"}).value_or("")).object();
        QCOMPARE(result.value("value").toDouble(), 55.0);
        // Saved, then closed normally: nothing is left to offer next time.
        QVERIFY2(data.entryList({"autosave-*"}, QDir::Files).isEmpty(), qPrintable(data.entryList().join(' ')));
    }
};

QTEST_GUILESS_MAIN(TestCrashRecovery)
#include "tst_crash_recovery.moc"
