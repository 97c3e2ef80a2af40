// Every input the fuzzers found a problem with (fuzz/regressions/<reader>/) and every seed they
// start from (fuzz/corpus/<reader>/), through the same promises the fuzz targets check
// (fuzz/ReaderChecks.h): a result or a clear error, never both, never neither, and a result that
// writes and reads back the same; each within two seconds. See docs/fuzzing.md.
#include "fuzz/ReaderChecks.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>

using namespace gs;

class FuzzRegressions : public QObject {
    Q_OBJECT
private:
    static void addRows(const char* folder)
    {
        const QDir root(QStringLiteral(GRADSCOPE_FUZZ_DIR "/") + QLatin1StringView(folder));
        int rows = 0;
        for (const QString& reader : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
            QVERIFY2(fuzz::readerNamed(reader), qPrintable(QStringLiteral("%1/%2: no such reader").arg(folder, reader)));
            const QDir dir(root.filePath(reader));
            for (const QString& file : dir.entryList(QDir::Files, QDir::Name)) {
                QTest::newRow(qPrintable(reader + u'/' + file)) << reader << dir.filePath(file);
                ++rows;
            }
        }
        if (rows == 0)
            QTest::newRow("none") << QString() << QString();
    }

    static void keepsPromises()
    {
        QFETCH(QString, reader);
        QFETCH(QString, path);
        // The tree always holds seeds and regressions: finding none means the folder moved.
        QVERIFY2(!path.isEmpty(), "no files under fuzz/corpus or fuzz/regressions");
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        const QByteArray input = file.readAll();
        QElapsedTimer timer;
        timer.start();
        const QString broken = fuzz::brokenPromise(*fuzz::readerNamed(reader), input);
        QVERIFY2(broken.isEmpty(), qPrintable(broken));
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QStringLiteral("took %1 ms").arg(timer.elapsed())));
    }

private slots:
    void regressions_data()
    {
        QTest::addColumn<QString>("reader");
        QTest::addColumn<QString>("path");
        addRows("regressions");
    }
    void regressions() { keepsPromises(); }

    void seeds_data()
    {
        QTest::addColumn<QString>("reader");
        QTest::addColumn<QString>("path");
        addRows("corpus");
    }
    void seeds() { keepsPromises(); }

    void everyReaderHasSeedsAndADictionary()
    {
        for (const char* name : {"formula", "python", "gscope", "lesson", "runfile", "csv", "inputs", "trace_call"}) {
            QVERIFY(fuzz::readerNamed(QLatin1StringView(name)));
            const QDir corpus(QStringLiteral(GRADSCOPE_FUZZ_DIR "/corpus/") + QLatin1StringView(name));
            QVERIFY2(!corpus.entryList(QDir::Files).isEmpty(), name);
            QVERIFY2(QFile::exists(QStringLiteral(GRADSCOPE_FUZZ_DIR "/dict/%1.dict").arg(QLatin1StringView(name))), name);
        }
    }
};

QTEST_GUILESS_MAIN(FuzzRegressions)
#include "tst_fuzz_regressions.moc"
