// The soak program (issue 15): GradScope's window, offscreen, trains the book's network for
// 100,000 steps with its live plots, then goes 1,000 times through what a class does with it:
// open a built-in lesson, step through it, enter and leave presenter mode, close the lesson,
// edit the graph, undo and redo, trace a call. Resident memory is measured after a warm-up (the
// first 10% of each phase) and at the end of it; the program prints the figures and fails when
// a phase grew by more than 1%.
//   gradscope_soak [--steps N] [--cycles N] [--report-only]
// --report-only prints the figures without judging them: short runs (CTest runs one, under
// AddressSanitizer and LeakSanitizer in the sanitizer build) are too short for the warm-up to
// settle, and prove that the cycles run cleanly, with no leak.
#include "ui/MainWindow.h"
#include "ui/files/DocumentFiles.h"
#include "ui/lessons/LessonCatalog.h"
#include "ui/lessons/LessonPlayer.h"
#include "ui/panels/FormulaBar.h"
#include "ui/panels/TracePanel.h"
#include "ui/training/TrainingDock.h"
#include "ui/training/TrainingSession.h"
#include "ui/training/TrainingView.h"
#include "ui/workspace/LessonMode.h"
#include "ui/workspace/PresenterMode.h"
#include "ui/workspace/Workspace.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QUndoStack>

#include <cstdio>
#include <functional>
#include <optional>
#include <unistd.h>

using namespace gs;

namespace {

/// Resident memory in bytes, from /proc/self/statm (its second field, in pages).
double residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toDouble() * static_cast<double>(sysconf(_SC_PAGESIZE)) : 0;
}

struct Options {
    qint64 steps = 100'000;
    qint64 cycles = 1'000;
    bool judge = true;
};

std::optional<Options> parse(const QStringList& arguments)
{
    Options o;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        bool ok = true;
        if (arguments[i] == u"--steps" && i + 1 < arguments.size())
            o.steps = arguments[++i].toLongLong(&ok);
        else if (arguments[i] == u"--cycles" && i + 1 < arguments.size())
            o.cycles = arguments[++i].toLongLong(&ok);
        else if (arguments[i] == u"--report-only")
            o.judge = false;
        else
            ok = false;
        if (!ok || o.steps < 10 || o.cycles < 10)
            return std::nullopt;
    }
    return o;
}

/// Runs `count` rounds of `round`, and measures the phase: rounds per second and resident memory
/// after the first 10% and at the end. False when it grew by more than `limit` percent.
bool phase(const char* name, const char* unit, qint64 count, const std::function<bool(qint64)>& round, bool judge)
{
    const qint64 warm = std::max<qint64>(count / 10, 1);
    double warmBytes = 0;
    QElapsedTimer clock;
    for (qint64 i = 0; i < count; ++i) {
        if (i == warm) {
            QCoreApplication::processEvents();
            warmBytes = residentBytes();
            clock.start();
        }
        if (!round(i)) {
            std::fprintf(stderr, "gradscope_soak: %s: round %lld failed\n", name, static_cast<long long>(i + 1));
            return false;
        }
    }
    QCoreApplication::processEvents();
    const double seconds = clock.nsecsElapsed() * 1e-9;
    const double endBytes = residentBytes();
    const double growth = 100.0 * (endBytes - warmBytes) / warmBytes;
    std::printf("%-8s %8lld %s  %9.1f %s/s  RSS after warm-up %7.1f MiB, at the end %7.1f MiB: %+.2f%%\n", name,
                static_cast<long long>(count), unit, static_cast<double>(count - warm) / seconds, unit,
                warmBytes / (1 << 20), endBytes / (1 << 20), growth);
    std::fflush(stdout);
    if (judge && growth > 1.0) {
        std::fprintf(stderr, "gradscope_soak: %s: resident memory grew by %.2f%% after the warm-up (at most 1%%)\n", name, growth);
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const std::optional<Options> options = parse(QCoreApplication::arguments());
    if (!options) {
        std::fprintf(stderr, "usage: gradscope_soak [--steps N] [--cycles N] [--report-only]  (N >= 10)\n");
        return 2;
    }
    // Settings and autosave copies of its own, never the user's.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("GradScopeTests"));
    QCoreApplication::setApplicationName(QStringLiteral("gradscope_soak"));
    QSettings().clear();

    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        Workspace* ws = window.workspace();
        ws->files()->askToSave = [](const QString&) { return DocumentFiles::Answer::Discard; };
        QCoreApplication::processEvents();

        // Training with the live plots: the view replots (queued) as the steps come.
        TrainingDock* dock = ws->trainingDock();
        dock->bringUp();
        TrainingSession* session = dock->view()->session();
        TrainingSettings settings = session->settings();
        settings.epochs = options->steps / std::max<std::int64_t>(session->loop().stepsPerEpoch(), 1) + 2;
        session->setSettings(settings);
        const bool trained = phase("training", "steps", options->steps, [&](qint64 i) {
            session->stepBatch();
            if (i % 50 == 49)
                QCoreApplication::processEvents();
            return session->completedSteps() == i + 1;
        }, options->judge);
        dock->view()->flush();
        if (!trained)
            return 1;

        // A class: lessons, presenter mode, editing, undo and redo, tracing.
        LessonMode* lessons = ws->lessons();
        const int lessonCount = static_cast<int>(builtinLessons().size());
        const bool cycled = phase("cycles", "cycles", options->cycles, [&](qint64 i) {
            if (!lessons->openBuiltin(static_cast<int>(i % lessonCount)))
                return false;
            LessonPlayer* player = lessons->player();
            for (int step = 1; step < player->count(); ++step)
                player->next();
            QCoreApplication::processEvents();
            lessons->presenter()->setOn(true);
            QCoreApplication::processEvents();
            lessons->presenter()->setOn(false);
            QCoreApplication::processEvents();
            ws->newDocument(); // closes the lesson
            if (lessons->isOpen() || !ws->formulaBar()->apply(QStringLiteral("x ** 3 + %1.0").arg(i % 7)))
                return false;
            QUndoStack* undo = window.undoStack();
            undo->undo();
            undo->redo();
            const bool traced = ws->tracePanel()->call(QStringLiteral("x=constant(%1.0)").arg(i % 5));
            QCoreApplication::processEvents();
            return traced;
        }, options->judge);
        if (!cycled)
            return 1;
        ws->files()->closing();
    }
    QSettings().clear();
    return 0;
}
