// Presenter mode on a 1024x768 projector (issue 11): at every step of the built-in lessons, the
// smallest text in a node, as the program itself measures it on the screen
// (`gradscope LESSON --presenter --lesson-step N --size 1024x768 --layout-report`), is at least
// 18 pixels where the graph can be laid out that compactly, and never less than what each of
// the other steps reaches today. Run as a user would: the built program, with no display.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <deque>
#include <map>

namespace {

/// The legible size asked for: 18 px on a 1024x768 projector.
constexpr double legible = 18.0;

/// Steps whose graph does not fit the screen at 18 px, with the least their text reaches (today's
/// measurement, less about half a pixel) and why. Every other step must reach 18.
const std::map<std::pair<QString, int>, std::pair<double, const char*>>& exceptions()
{
    static const std::map<std::pair<QString, int>, std::pair<double, const char*>> table = {
        {{"01", 2}, {14, "float64 values with every digit of the nudge (10.000002, 105.000036) widen five ranks"}},
        {{"01", 3}, {15, "the same, nudging w2"}},
        {{"01", 4}, {17, "four nodes in one rank under the answer box: the graph is as tall as the canvas"}},
        {{"02", 5}, {16, "the same four nodes, and the two pills of the sources"}},
        {{"03", 1}, {12, "vectors of three in tables and wrapped labels: the graph is 1.4 times the width"}},
        {{"03", 2}, {12, "the same graph, and the Jacobian in the answer box"}},
        {{"03", 3}, {15, "the Hessian's line in the answer box takes height from the graph"}},
        {{"03", 4}, {16, "the same"}},
        {{"04", 1}, {14, "five ranks: the valve adds one to the book's graph"}},
        {{"04", 2}, {14, "five ranks, and None's reason both in the answer box and under w2"}},
        {{"05", 3}, {13, "float64 gradients like 3.72008e-44 never break, so the gaps between ranks are wide"}},
        {{"05", 5}, {12, "the custom gradient's body is a second graph of eight nodes"}},
        {{"05", 6}, {13, "six ranks, two branches"}},
        {{"05", 7}, {10, "seven ranks: x, greater, safe, exp, add, log, z"}},
        {{"06", 1}, {6, "seven ranks of vectors of three (tables of numbers), 2.4 times the screen's width"}},
        {{"06", 2}, {6, "the same"}},
        {{"06", 3}, {5, "the same, with longer numbers"}},
    };
    return table;
}

struct Run {
    QString lesson; ///< "01"
    int step = 0;
    QString report;
    QProcess* process = nullptr;
};

QProcessEnvironment headless()
{
    // As tests/support/GradscopeProcess.h does: no display at all, and a runtime directory for
    // Qt's GUI layer (several runs at once here, where that helper runs one).
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        environment.remove(QString::fromLatin1(name));
    static const QTemporaryDir runtime;
    if (!environment.contains(QStringLiteral("XDG_RUNTIME_DIR")))
        environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime.path());
    return environment;
}

int stepsOf(const QString& file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    return static_cast<int>(QJsonDocument::fromJson(f.readAll()).object()["lesson"].toObject()["steps"].toArray().size());
}

} // namespace

class TestPresenterText : public QObject {
    Q_OBJECT
private slots:
    void nodeTextOnAProjector()
    {
        const QDir lessons(QStringLiteral(GRADSCOPE_SOURCE_DIR "/resources/lessons"));
        const QStringList files = lessons.entryList({QStringLiteral("*.gscope")}, QDir::Files, QDir::Name);
        QCOMPARE(files.size(), 7);
        QTemporaryDir out;
        std::deque<Run> queue;
        for (const QString& name : files)
            for (int step = 1; step <= stepsOf(lessons.filePath(name)); ++step)
                queue.push_back({name.left(2), step, out.filePath(QStringLiteral("%1-%2.json").arg(name.left(2)).arg(step)), nullptr});
        QVERIFY(queue.size() >= 30);

        // A few at a time: each run opens the whole window offscreen.
        std::vector<Run> done;
        std::vector<Run> running;
        const QProcessEnvironment environment = headless();
        while (!queue.empty() || !running.empty()) {
            while (running.size() < 3 && !queue.empty()) {
                Run r = queue.front();
                queue.pop_front();
                r.process = new QProcess(this);
                r.process->setProcessEnvironment(environment);
                r.process->start(QStringLiteral(GRADSCOPE_EXE),
                                 {lessons.filePath(files.filter(QRegularExpression(QStringLiteral("^") + r.lesson)).front()),
                                  QStringLiteral("--presenter"), QStringLiteral("--lesson-step"), QString::number(r.step),
                                  QStringLiteral("--size"), QStringLiteral("1024x768"), QStringLiteral("--layout-report"), r.report});
                running.push_back(r);
            }
            Run r = running.front();
            running.erase(running.begin());
            QVERIFY2(r.process->waitForStarted(10'000), qPrintable(QStringLiteral("lesson %1: %2").arg(r.lesson, r.process->errorString())));
            QVERIFY2(r.process->waitForFinished(60'000), qPrintable(QStringLiteral("lesson %1 step %2 did not finish").arg(r.lesson).arg(r.step)));
            QVERIFY2(r.process->exitStatus() == QProcess::NormalExit && r.process->exitCode() == 0,
                     qPrintable(QString::fromUtf8(r.process->readAllStandardError())));
            delete r.process;
            done.push_back(r);
        }

        QStringList problems;
        for (const Run& r : done) {
            QFile file(r.report);
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(r.report));
            const QJsonObject report = QJsonDocument::fromJson(file.readAll()).object();
            const QString where = QStringLiteral("lesson %1 step %2").arg(r.lesson).arg(r.step);
            QVERIFY2(report["presenter"].toBool(), qPrintable(where));
            if (r.lesson == u"06" && r.step == 4)
                continue; // the Training view fills the screen: the graph is not what the step shows
            const QJsonObject graph = report["graph"].toObject();
            if (!graph["inside"].toBool() || !graph["clearOfBoxes"].toBool())
                problems << where + QStringLiteral(": the graph is not inside the canvas, clear of the answer and legend");
            const double text = report["smallestNodeText"].toDouble();
            const auto exception = exceptions().find({r.lesson, r.step});
            const double least = exception == exceptions().end() ? legible : exception->second.first;
            if (text < least)
                problems << QStringLiteral("%1: smallest node text %2 px, less than %3 px%4")
                                .arg(where)
                                .arg(text)
                                .arg(least)
                                .arg(exception == exceptions().end() ? QString() : QStringLiteral(" (") + exception->second.second + u')');
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        // Most steps are legible from the back of the room.
        QVERIFY(done.size() - exceptions().size() >= 14);
    }
};

QTEST_GUILESS_MAIN(TestPresenterText)
#include "tst_presenter_text.moc"
