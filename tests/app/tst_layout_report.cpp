// `gradscope --screenshot --size WxH --layout-report`: the window as a teacher sees it on the
// screens classrooms have, measured by the program itself, run as a user would (no display).
#include "../support/GradscopeProcess.h"

#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

const QString stopGradient = QStringLiteral(GRADSCOPE_SOURCE_DIR "/resources/lessons/04-stop-gradient.gscope");

struct Capture {
    testing::Outcome outcome;
    QJsonObject report;
    QImage picture;
};

Capture capture(const QString& size, QStringList arguments)
{
    static const QTemporaryDir dir;
    const QString json = dir.filePath(QStringLiteral("report.json"));
    const QString png = dir.filePath(QStringLiteral("shot.png"));
    QFile::remove(json);
    QFile::remove(png);
    arguments << QStringLiteral("--size") << size << QStringLiteral("--layout-report") << json << QStringLiteral("--screenshot") << png;
    Capture c;
    c.outcome = testing::runGradscope(arguments);
    QFile file(json);
    if (file.open(QIODevice::ReadOnly))
        c.report = QJsonDocument::fromJson(file.readAll()).object();
    c.picture = QImage(png);
    return c;
}

QSize sizeOf(const QString& text)
{
    const QStringList wh = text.split(u'x');
    return QSize(wh.value(0).toInt(), wh.value(1).toInt());
}

bool compactScreen(const QSize& s) { return s.width() < 1280 || s.height() < 800; }

QString visibleDocks(const QJsonObject& report)
{
    QStringList names;
    for (const QJsonValue& d : report["docks"].toArray())
        names << d.toObject()["name"].toString();
    names.sort();
    return names.join(u',');
}

} // namespace

class TestLayoutReport : public QObject {
    Q_OBJECT
private slots:
    void views_data()
    {
        QTest::addColumn<QString>("size");
        QTest::addColumn<QString>("view");
        for (const char* size : {"1024x768", "1280x720", "1920x1080"})
            for (const char* view : {"normal", "lesson", "presenter", "training"})
                QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(QLatin1StringView(view), QLatin1StringView(size))))
                    << QString::fromLatin1(size) << QString::fromLatin1(view);
    }

    void views()
    {
        QFETCH(QString, size);
        QFETCH(QString, view);
        QStringList arguments;
        if (view == u"lesson" || view == u"presenter")
            arguments << stopGradient << QStringLiteral("--lesson-step") << QStringLiteral("2");
        if (view == u"presenter")
            arguments << QStringLiteral("--presenter");
        if (view == u"training")
            arguments << QStringLiteral("--view") << QStringLiteral("training") << QStringLiteral("--train-steps") << QStringLiteral("5");
        const Capture c = capture(size, arguments);
        QVERIFY2(c.outcome.exitCode == 0, qPrintable(c.outcome.err));
        QVERIFY2(!c.report.isEmpty(), "no layout report");
        const QSize screen = sizeOf(size);

        // The window lies within the screen, and the picture is of the whole window.
        QVERIFY(c.report["fitsScreen"].toBool());
        const QJsonObject window = c.report["window"].toObject();
        QVERIFY(window["width"].toInt() <= screen.width() && window["height"].toInt() <= screen.height());
        QCOMPARE(c.picture.size(), QSize(c.report["client"].toObject()["width"].toInt(), c.report["client"].toObject()["height"].toInt()));
        const QJsonObject least = c.report["minimumSize"].toObject();
        QVERIFY2(least["width"].toInt() <= 800 && least["height"].toInt() <= 600,
                 qPrintable(QStringLiteral("minimum %1x%2").arg(least["width"].toInt()).arg(least["height"].toInt())));

        const QJsonObject graph = c.report["graph"].toObject();
        const double share = c.report["canvasShare"].toDouble();
        if (view == u"normal") {
            QVERIFY2(share >= (compactScreen(screen) ? 0.6 : 0.4), qPrintable(QString::number(share)));
            QVERIFY(graph["inside"].toBool());
            QVERIFY(graph["clearOfBoxes"].toBool());
            QVERIFY(!visibleDocks(c.report).contains(QStringLiteral("lessonDock")));
        } else if (view == u"lesson") {
            QVERIFY2(share >= 0.55, qPrintable(QString::number(share)));
            QVERIFY(graph["inside"].toBool());
            QVERIFY(graph["clearOfBoxes"].toBool());
            QVERIFY(visibleDocks(c.report).contains(QStringLiteral("lessonDock")));
            QCOMPARE(c.report["lesson"].toObject()["step"].toInt(), 2);
        } else if (view == u"presenter") {
            QVERIFY(c.report["presenter"].toBool());
            QCOMPARE(visibleDocks(c.report), QString());
            QCOMPARE(QSize(window["width"].toInt(), window["height"].toInt()), screen); // full screen
            // Node text legible from the back of the room: 18 px on 768 lines, in proportion
            // above; the whole graph when it can be read whole, else the step's highlighted nodes.
            QVERIFY2(c.report["smallestNodeText"].toDouble() >= 18.0 * screen.height() / 768 - 0.5,
                     qPrintable(QString::number(c.report["smallestNodeText"].toDouble())));
            const QJsonObject shown = graph["inside"].toBool() && graph["clearOfBoxes"].toBool() ? graph : c.report["focus"].toObject();
            QVERIFY(shown["inside"].toBool());
            QVERIFY(shown["clearOfBoxes"].toBool());
            const QJsonObject caption = c.report["caption"].toObject();
            QVERIFY(caption["fits"].toBool());
            QVERIFY(caption["progressVisible"].toBool());
            QCOMPARE(caption["progress"].toString(), QStringLiteral("stop_gradient: the valve — step 2 of 3"));
            // The caption's text grows with the screen: 26 px on 768 lines when it fits.
            QVERIFY(caption["textPixels"].toInt() >= 18 * screen.height() / 768);
            QVERIFY(caption["height"].toInt() <= screen.height() / 2);
        } else {
            QVERIFY(visibleDocks(c.report).contains(QStringLiteral("trainingDock")));
            for (const QJsonValue& d : c.report["docks"].toArray()) {
                const QJsonObject dock = d.toObject();
                QVERIFY2(dock["y"].toInt() + dock["height"].toInt() <= window["height"].toInt(), qPrintable(dock["name"].toString()));
            }
        }
    }

    void sizeIsCheckedOnTheCommandLine()
    {
        const testing::Outcome bad = testing::runGradscope({QStringLiteral("--screenshot"), QStringLiteral("x.png"), QStringLiteral("--size"),
                                                            QStringLiteral("1024by768")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.err.contains(QStringLiteral("WxH")));
        const testing::Outcome alone = testing::runGradscope({QStringLiteral("--size"), QStringLiteral("1024x768")});
        QCOMPARE(alone.exitCode, 2);
        QVERIFY(alone.err.contains(QStringLiteral("--screenshot")));
    }

    void twoScreensGiveTheProjectorTheGraphAndTheTeacherAConsole()
    {
        const Capture c = capture(QStringLiteral("1280x800,1024x768"), {stopGradient, QStringLiteral("--presenter")});
        QVERIFY2(c.outcome.exitCode == 0, qPrintable(c.outcome.err));
        const QJsonObject window = c.report["window"].toObject();
        // The graph full screen on the second screen (right of the first).
        QCOMPARE(window["x"].toInt(), 1280);
        QCOMPARE(QSize(window["width"].toInt(), window["height"].toInt()), QSize(1024, 768));
        const QJsonObject console = c.report["console"].toObject();
        QVERIFY(console["visible"].toBool());
        QCOMPARE(console["x"].toInt(), 0);
        QVERIFY(console["next"].toString().contains(QStringLiteral("Backward")));
    }
};

QTEST_GUILESS_MAIN(TestLayoutReport)
#include "tst_layout_report.moc"
