// Autosave: when copies are written (debounced, at the latest a few seconds after a change, at
// once when the application loses the focus), that they are written whole or not at all, that a
// running window's copy is never offered to another, and what the restore question shows.
#include "EditorTestSupport.h"

#include "document/FormulaReader.h"
#include "ui/files/Autosave.h"
#include "ui/files/DocumentFiles.h"
#include "ui/panels/FormulaBar.h"

#include <QDir>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/resource.h>
#endif

using testing::Editor;

namespace {

gs::GraphData formula(const QString& text)
{
    gs::FormulaResult result = gs::readFormula(text);
    if (!result.ok())
        qFatal("bad formula");
    return std::move(result.data);
}

/// A sum of `terms` variables: a document as large as wanted.
gs::GraphData longSum(int terms)
{
    QStringList names;
    for (int i = 0; i < terms; ++i)
        names << QStringLiteral("x%1").arg(i);
    return formula(QStringLiteral("f = ") + names.join(QStringLiteral(" + ")));
}

QString dataDirectory() { return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation); }

QStringList copiesIn(const QString& directory)
{
    return QDir(directory).entryList({QStringLiteral("autosave-*.json")}, QDir::Files);
}

} // namespace

class TestAutosave : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { testing::useTestSettings("tst_autosave"); }
    void init() { QDir(dataDirectory()).removeRecursively(); }
    void cleanup()
    {
        e.window.reset();
        QSettings().clear();
    }

    // --- When -----------------------------------------------------------------------------------

    void aBurstOfChangesIsWrittenOnceWhenQuiet()
    {
        gs::AutosaveSchedule schedule(nullptr, 500, 3000); // quiet: 5 times the pause between changes
        QSignalSpy due(&schedule, &gs::AutosaveSchedule::due);
        QElapsedTimer sinceLast;
        for (int i = 0; i < 4; ++i) {
            schedule.changed();
            sinceLast.start();
            QTest::qWait(100);
        }
        QCOMPARE(due.count(), 0); // still changing: not yet
        QTRY_COMPARE_WITH_TIMEOUT(due.count(), 1, 2500);
        QVERIFY2(sinceLast.elapsed() >= 475, "written before the changes were quiet");
        QVERIFY(!schedule.pending());
        QTest::qWait(500);
        QCOMPARE(due.count(), 1); // once per burst
    }

    void aStreamOfChangesIsWrittenAtTheLatest()
    {
        gs::AutosaveSchedule schedule(nullptr, 300, 600);
        QSignalSpy due(&schedule, &gs::AutosaveSchedule::due);
        QElapsedTimer clock;
        clock.start();
        qint64 first = -1;
        while (clock.elapsed() < 2000) { // a change every 50 ms: never quiet for 300 ms
            schedule.changed();
            QTest::qWait(50);
            if (first < 0 && due.count() > 0)
                first = clock.elapsed();
        }
        QVERIFY2(first >= 550 && first < 900, qPrintable(QString::number(first)));
        QVERIFY2(due.count() >= 2 && due.count() <= 4, qPrintable(QString::number(due.count())));
    }

    void flushWritesWhatIsPendingAndCancelForgetsIt()
    {
        gs::AutosaveSchedule schedule(nullptr, 300, 600);
        QSignalSpy due(&schedule, &gs::AutosaveSchedule::due);
        schedule.flush();
        QCOMPARE(due.count(), 0); // nothing pending, nothing written
        schedule.changed();
        schedule.flush();
        QCOMPARE(due.count(), 1); // at once
        schedule.flush();
        QCOMPARE(due.count(), 1);
        schedule.changed();
        schedule.cancel();
        QTest::qWait(800);
        QCOMPARE(due.count(), 1);
    }

    // --- How ------------------------------------------------------------------------------------

    void aCopyIsWrittenWholeOrNotAtAll()
    {
#ifndef Q_OS_LINUX
        QSKIP("needs setrlimit(RLIMIT_FSIZE) to make a write fail half-way");
#else
        QTemporaryDir dir;
        QString copyPath;
        {
            gs::AutosaveStore store(dir.path());
            QVERIFY(store.save(formula(QStringLiteral("w = Variable(2.0)\nf = w ** 3")), {{}, QStringLiteral("small"), {}, {}}));
            copyPath = store.path();
            // A file size limit the larger document cannot fit in: the write fails half-way
            // (root cannot override it, unlike permissions).
            rlimit before{};
            getrlimit(RLIMIT_FSIZE, &before);
            const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
            rlimit limit = before;
            limit.rlim_cur = 4096;
            QCOMPARE(setrlimit(RLIMIT_FSIZE, &limit), 0);
            QString error;
            const bool saved = store.save(longSum(400), {{}, QStringLiteral("large"), {}, {}}, &error);
            setrlimit(RLIMIT_FSIZE, &before);
            std::signal(SIGXFSZ, previousHandler);
            QVERIFY(!saved);
            QVERIFY(!error.isEmpty());
        }
        // The previous copy is whole and nothing half-written is left beside it.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QFileInfo(copyPath).fileName()});
        gs::AutosaveStore next(dir.path());
        const auto copy = next.claimLeftBehind();
        QVERIFY(copy);
        QCOMPARE(copy->note.name, QStringLiteral("small"));
        QCOMPARE(copy->data.nodes.size(), std::size_t(3));
#endif
    }

    void aRunningWindowsCopyIsNeverOffered()
    {
        QTemporaryDir dir;
        auto running = std::make_unique<gs::AutosaveStore>(dir.path());
        QVERIFY(running->save(formula(QStringLiteral("f = 2.0 * 3.0")), {QStringLiteral("/tmp/b1.gscope"), QStringLiteral("b1"), {}, {}}));
        gs::AutosaveStore starting(dir.path());
        QVERIFY(!starting.claimLeftBehind()); // its window still runs: not left behind
        running.reset();                       // its window went away without closing
        auto copy = starting.claimLeftBehind();
        QVERIFY(copy);
        QCOMPARE(copy->note.originalFile, QStringLiteral("/tmp/b1.gscope"));
        QCOMPARE(copy->note.name, QStringLiteral("b1"));
        QVERIFY(copy->note.savedAt.secsTo(QDateTime::currentDateTime()) < 60);
        // Claimed: a third window starting now does not offer it as well.
        gs::AutosaveStore third(dir.path());
        QVERIFY(!third.claimLeftBehind());
        starting.releaseLeftBehind(false); // "Not Now": offered again next time
        QVERIFY(third.claimLeftBehind());
        third.releaseLeftBehind(true); // restored or discarded: gone
        QVERIFY(copiesIn(dir.path()).isEmpty());
        QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty()); // no lock files either
    }

    void aLockLeftEmptyByAKillDoesNotHideTheCopy()
    {
        // A window killed while it claimed a copy (QLockFile had created its lock file, not yet
        // written its process id into it) leaves an empty lock file that nobody holds.
        QTemporaryDir dir;
        QString copyPath;
        {
            gs::AutosaveStore crashed(dir.path());
            QVERIFY(crashed.save(formula(QStringLiteral("f = 2.0 * 3.0")), {{}, QStringLiteral("b1"), {}, {}}));
            copyPath = crashed.path();
        }
        QFile lock(copyPath.chopped(5) + QStringLiteral(".lock"));
        QVERIFY(lock.open(QIODevice::WriteOnly));
        lock.close();
        gs::AutosaveStore starting(dir.path());
        const auto copy = starting.claimLeftBehind();
        QVERIFY(copy);
        QCOMPARE(copy->note.name, QStringLiteral("b1"));
        // A lock that a live window holds is still respected.
        gs::AutosaveStore third(dir.path());
        QVERIFY(!third.claimLeftBehind());
    }

    // --- In the window --------------------------------------------------------------------------

    void anEditIsWrittenAboutTwoSecondsLater()
    {
        QVERIFY(e.open());
        gs::AutosaveStore& copy = e.ws->files()->autosave();
        typeFormula(QStringLiteral("f = w1*w2 + 40"));
        QElapsedTimer clock;
        clock.start();
        QVERIFY(!copy.exists()); // debounced
        QTRY_VERIFY_WITH_TIMEOUT(copy.exists(), 5000);
        QVERIFY2(clock.elapsed() >= 1500 && clock.elapsed() < 3500, qPrintable(QString::number(clock.elapsed())));
    }

    void losingTheFocusWritesAtOnce()
    {
        QVERIFY(e.open());
        typeFormula(QStringLiteral("f = w1*w2 + 40"));
        QVERIFY(!e.ws->files()->autosave().exists());
        emit qGuiApp->applicationStateChanged(Qt::ApplicationInactive);
        QVERIFY(e.ws->files()->autosave().exists());
    }

    void savingRemovesTheCopy()
    {
        QVERIFY(e.open());
        typeFormula(QStringLiteral("f = w1*w2 + 40"));
        e.ws->files()->autosaveNow();
        QVERIFY(e.ws->files()->autosave().exists());
        QTemporaryDir dir;
        QVERIFY(e.ws->files()->saveTo(dir.filePath("b1.gscope")));
        QVERIFY(!e.ws->files()->autosave().exists());
        QVERIFY(copiesIn(dataDirectory()).isEmpty());
    }

    void theRestoreQuestionPreviewsWhatComesBack()
    {
        leaveAnAutosavedEdit();
        QVERIFY(e.open());
        std::optional<gs::DocumentFiles::RestorePreview> shown;
        e.ws->files()->askToRestore = [&](const gs::DocumentFiles::RestorePreview& preview) {
            shown = preview;
            return gs::DocumentFiles::RestoreAnswer::Restore;
        };
        QVERIFY(e.ws->files()->offerRestore());
        QVERIFY(shown);
        QCOMPARE(shown->name, QStringLiteral("Untitled"));
        QVERIFY(shown->savedAt.secsTo(QDateTime::currentDateTime()) < 60);
        QVERIFY2(shown->formula.contains(QStringLiteral("w1 * w2 + 40")), qPrintable(shown->formula));
        QCOMPARE(shown->nodes, int(e.data().nodes.size()));
        QVERIFY(!shown->picture.isNull());
        QVERIFY(shown->picture.width() <= 320 && shown->picture.height() <= 200);
        // What came back is the edit, unsaved, and protected again under this window's name.
        QCOMPARE(e.session->evaluation().value->item(), 55.0);
        QVERIFY(e.window->isWindowModified());
        QCOMPARE(copiesIn(dataDirectory()), QStringList{QFileInfo(e.ws->files()->autosave().path()).fileName()});
    }

    void notNowKeepsTheCopyAndDiscardDeletesIt()
    {
        leaveAnAutosavedEdit();
        QVERIFY(e.open());
        auto answer = gs::DocumentFiles::RestoreAnswer::Later;
        e.ws->files()->askToRestore = [&](const gs::DocumentFiles::RestorePreview&) { return answer; };
        QVERIFY(!e.ws->files()->offerRestore());
        QCOMPARE(e.session->evaluation().value->item(), 105.0); // the start example, untouched
        QCOMPARE(copiesIn(dataDirectory()).size(), 1);
        answer = gs::DocumentFiles::RestoreAnswer::Discard;
        QVERIFY(!e.ws->files()->offerRestore());
        QVERIFY(copiesIn(dataDirectory()).isEmpty());
        QVERIFY(!e.ws->files()->offerRestore()); // nothing left to offer
    }

private:
    void typeFormula(const QString& text)
    {
        QTest::keyClick(e.view, Qt::Key_L, Qt::ControlModifier);
        QPlainTextEdit* edit = e.ws->formulaBar()->editor();
        QTest::keyClicks(edit, text);
        QTest::keyClick(edit, Qt::Key_Return);
    }

    /// A window edited, autosaved, and gone without closing (as after a crash).
    void leaveAnAutosavedEdit()
    {
        QVERIFY(e.open());
        typeFormula(QStringLiteral("f = w1*w2 + 40"));
        e.ws->files()->autosaveNow();
        QVERIFY(e.ws->files()->autosave().exists());
        e.window.reset();
    }

    Editor e;
};

QTEST_MAIN(TestAutosave)
#include "tst_autosave.moc"
