// No kill -9 ever leaves a damaged document, autosave copy or settings file: crash_saver saves all
// three in a loop, the way the window does, and is killed with SIGKILL at 100 random moments
// (seeded: the same moments every run) after its first round; after each kill every file left
// behind reads back with GradScope's own readers and holds exactly one round's state, never a
// torn file or a mix of two rounds. Issue 15, "Crash-safe state".
#include "CrashSaving.h"

#include "document/DocumentFile.h"
#include "ui/files/Autosave.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

namespace {

constexpr int kills = 100;
constexpr qint64 roundsPerRun = 1'000'000; ///< run r saves rounds r * roundsPerRun, ... on

/// Why the settings file is not one round's settings; empty when it is.
QString settingsProblem(const QString& fileName, const QString& directory)
{
    // A copy under a new name: QSettings caches files by name within a process.
    static int copies = 0;
    const QString copy = QStringLiteral("%1/settings-check-%2.conf").arg(directory).arg(copies++);
    if (!QFile::copy(fileName, copy))
        return QStringLiteral("cannot copy '%1'").arg(fileName);
    QString problem;
    {
        const QSettings settings(copy, QSettings::IniFormat);
        bool ok = false;
        const qint64 round = settings.value(QStringLiteral("crash/round")).toLongLong(&ok);
        const QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
        QList<qint64> recentRounds;
        for (const QString& file : recent) {
            bool number = false;
            const QString name = QFileInfo(file).completeBaseName();
            recentRounds << (name.startsWith(QStringLiteral("file-")) ? name.mid(5).toLongLong(&number) : -1);
            if (!number || file != crashsaving::recentFile(directory, recentRounds.back()))
                problem = QStringLiteral("a recent file that was never saved: '%1'").arg(file);
        }
        if (settings.status() != QSettings::NoError)
            problem = QStringLiteral("status %1").arg(settings.status());
        else if (!ok)
            problem = QStringLiteral("no round");
        else if (settings.value(QStringLiteral("crash/payload")).toStringList() != crashsaving::payload(round))
            problem = QStringLiteral("the payload is not round %1's").arg(round);
        else if (recent.isEmpty() || recent.size() > 10)
            problem = QStringLiteral("%1 recent files").arg(recent.size());
        else if (!std::is_sorted(recentRounds.crbegin(), recentRounds.crend())
                 || std::adjacent_find(recentRounds.cbegin(), recentRounds.cend()) != recentRounds.cend())
            problem = QStringLiteral("the recent files are not newest first");
        // A round adds its recent file, then writes its round: the newest recent file is this
        // round's or the next one's (the first of a run follows the last of the previous run).
        else if (const qint64 newest = recentRounds.front();
                 newest != round && newest != round + 1 && !(newest % roundsPerRun == 0 && newest > round))
            problem = QStringLiteral("recent file of round %1 with settings of round %2").arg(newest).arg(round);
    }
    QFile::remove(copy);
    return problem;
}

} // namespace

class TestCrashSafety : public QObject {
    Q_OBJECT
private slots:
    void killedAtAnyMomentLeavesReadableFiles()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        const QString directory = home.filePath(QStringLiteral("work"));
        QVERIFY(QDir().mkpath(directory));
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        const QString document = directory + QStringLiteral("/document.gscope");
        gs::AutosaveStore autosaves(directory + QStringLiteral("/autosave"));

        QRandomGenerator random(15); // the number: the same moments every run
        QString settingsFile;
        int documents = 0;
        int copies = 0;
        int settingsFiles = 0;
        for (int run = 0; run < kills; ++run) {
            const int waitMs = random.bounded(5, 61);
            QProcess saver;
            saver.setProcessEnvironment(environment);
            saver.start(QStringLiteral(CRASH_SAVER_EXE), {directory, QString::number(run * roundsPerRun)});
            // Well within the 30 s QSettings waits for a lock file a kill left empty.
            QVERIFY2(saver.waitForReadyRead(20'000), qPrintable(saver.readAllStandardError()));
            const QString announced = QString::fromLocal8Bit(saver.readLine()).trimmed();
            QVERIFY(settingsFile.isEmpty() || settingsFile == announced);
            settingsFile = announced;
            QThread::msleep(static_cast<unsigned long>(waitMs));
            QVERIFY2(saver.state() == QProcess::Running, qPrintable(saver.readAllStandardError()));
            saver.kill(); // SIGKILL
            QVERIFY(saver.waitForFinished(10'000));
            QCOMPARE(saver.exitStatus(), QProcess::CrashExit);
            const QString when = QStringLiteral("kill %1, after %2 ms").arg(run + 1).arg(waitMs);

            // The document: readable, and exactly the document of the round its title names.
            if (QFile::exists(document)) {
                ++documents;
                const gs::DocumentReadResult read = gs::loadDocument(document);
                QVERIFY2(read.ok(), qPrintable(when + QStringLiteral(": ") + (read.ok() ? QString() : read.error->text())));
                const qint64 round = crashsaving::roundOf(read.data.lesson.title);
                QVERIFY2(round >= 0 && read.data == crashsaving::document(round), qPrintable(when));
            }
            // The autosave copies: each one is offered back whole (claimLeftBehind skips the
            // unreadable ones, which would stay behind).
            while (std::optional<gs::AutosaveStore::Copy> copy = autosaves.claimLeftBehind()) {
                ++copies;
                const qint64 round = crashsaving::roundOf(copy->data.lesson.title);
                QVERIFY2(round >= 0 && copy->data == crashsaving::document(round), qPrintable(when));
                QCOMPARE(copy->note.originalFile, document);
                QCOMPARE(copy->note.name, copy->data.lesson.title);
                autosaves.releaseLeftBehind(true);
            }
            const QStringList left = QDir(directory + QStringLiteral("/autosave")).entryList({QStringLiteral("autosave-*.json")}, QDir::Files);
            QVERIFY2(left.isEmpty(), qPrintable(when + QStringLiteral(": unreadable autosave copies ") + left.join(u' ')));
            // The settings: parsed without error, one round's values.
            if (QFile::exists(settingsFile)) {
                ++settingsFiles;
                const QString problem = settingsProblem(settingsFile, directory);
                QVERIFY2(problem.isEmpty(), qPrintable(when + QStringLiteral(": ") + problem));
            }
        }
        qInfo("%d kills: %d documents, %d autosave copies and %d settings files read back", kills, documents, copies, settingsFiles);
        // The saver announces itself once its first round is saved: every kill finds every file.
        QCOMPARE(documents, kills);
        QCOMPARE(copies, kills);
        QCOMPARE(settingsFiles, kills);
    }
};

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crash_safety.moc"
