// The soak program (issue 15): GradScope's window, offscreen, trains the book's network for
// 100,000 steps with its live plots, then goes 1,000 times through what a class does with it:
// open a built-in lesson, step through it, enter and leave presenter mode, close the lesson,
// edit the graph, undo and redo, trace a call. Resident memory is measured after a warm-up (the
// first 10% of each phase) and at the end of it, with the objects alive under the window; the
// program prints the figures and fails when a phase grew by more than 1%. Between two actions it
// does what the program's event loop does, deferred deletes included.
//   gradscope_soak [--steps N] [--cycles N] [--only PART,...] [--report-only] [--no-deferred-deletes]
// --report-only prints the figures without judging them: short runs (CTest runs one, under
// AddressSanitizer and LeakSanitizer in the sanitizer build) are too short for the warm-up to
// settle, and prove that the cycles run cleanly, with no leak. To find where memory goes:
// --steps 0 or --cycles 0 skips a phase, --only runs some parts of a cycle (lessons, presenter:
// in and out of presenter mode on one open lesson, editing, tracing), --no-deferred-deletes
// leaves what deleteLater() queued (it piles up, as it would not in the program).
#include "engine/core/ProcessMemory.h"
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
#include <malloc.h>
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

/// Bytes malloc has handed out and not had back (glibc's mallinfo2): beside the resident size,
/// it tells memory the program holds from memory the allocator keeps (fragmentation, free lists).
double heapInUse()
{
    return static_cast<double>(mallinfo2().uordblks);
}

/// What one lesson cycle does; all of it by default, one part at a time to find where memory goes.
enum Part : unsigned { Lessons = 1, Presenter = 2, Editing = 4, Tracing = 8, AllParts = 15 };

struct Options {
    qint64 steps = 100'000; ///< 0: no training phase
    qint64 cycles = 1'000;  ///< 0: no cycles phase
    unsigned parts = AllParts;
    bool judge = true;
    /// Delete what deleteLater() queued after each round, as the event loop of the real program
    /// does; off only to show what the soak would measure without it.
    bool deferredDeletes = true;
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
        else if (arguments[i] == u"--only" && i + 1 < arguments.size()) {
            o.parts = 0;
            for (const QString& part : arguments[++i].split(u','))
                if (part == u"lessons")
                    o.parts |= Lessons;
                else if (part == u"presenter")
                    o.parts |= Presenter;
                else if (part == u"editing")
                    o.parts |= Editing;
                else if (part == u"tracing")
                    o.parts |= Tracing;
                else
                    ok = false;
        } else if (arguments[i] == u"--report-only")
            o.judge = false;
        else if (arguments[i] == u"--no-deferred-deletes")
            o.deferredDeletes = false;
        else
            ok = false;
        if (!ok || o.steps < 0 || o.cycles < 0 || (o.steps > 0 && o.steps < 10) || (o.cycles > 0 && o.cycles < 10)
            || o.parts == 0)
            return std::nullopt;
    }
    return o;
}

bool deferredDeletes = true;

/// What the event loop of the program does between two user actions: posted events, then the
/// objects deleteLater() queued. QCoreApplication::processEvents() alone never deletes objects
/// queued outside an event loop (as the soak's own calls are), so without the second line they
/// would pile up here while the real program deletes them.
void settle()
{
    QCoreApplication::processEvents();
    if (deferredDeletes)
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

/// Objects alive under the window, and widgets alive in the whole application.
struct Census {
    qsizetype objects = 0;
    qsizetype widgets = 0;
};

Census census(const QObject* window)
{
    return {window->findChildren<QObject*>().size(), QApplication::allWidgets().size()};
}

/// Runs `count` rounds of `round`, and measures the phase: rounds per second, resident memory
/// and the objects alive after the first 10% and at the end. False when memory grew by more than
/// 1% (and `judge`).
bool phase(const char* name, const char* unit, qint64 count, const QObject* window,
           const std::function<bool(qint64)>& round, bool judge)
{
    const qint64 warm = std::max<qint64>(count / 10, 1);
    double warmBytes = 0;
    double warmHeap = 0;
    Census warmCensus;
    QElapsedTimer clock;
    for (qint64 i = 0; i < count; ++i) {
        if (i == warm) {
            settle();
            warmBytes = residentBytes();
            warmHeap = heapInUse();
            warmCensus = census(window);
            clock.start();
        }
        if (!round(i)) {
            std::fprintf(stderr, "gradscope_soak: %s: round %lld failed\n", name, static_cast<long long>(i + 1));
            return false;
        }
    }
    settle();
    const double seconds = clock.nsecsElapsed() * 1e-9;
    const double endBytes = residentBytes();
    const double endHeap = heapInUse();
    const Census endCensus = census(window);
    const double growth = 100.0 * (endBytes - warmBytes) / warmBytes;
    std::printf("%-8s %8lld %s  %9.1f %s/s  RSS after warm-up %7.1f MiB, at the end %7.1f MiB: %+.2f%%"
                "  (heap in use %.1f -> %.1f MiB, objects %lld -> %lld, widgets %lld -> %lld)\n",
                name, static_cast<long long>(count), unit, static_cast<double>(count - warm) / seconds, unit,
                warmBytes / (1 << 20), endBytes / (1 << 20), growth, warmHeap / (1 << 20), endHeap / (1 << 20),
                static_cast<long long>(warmCensus.objects),
                static_cast<long long>(endCensus.objects), static_cast<long long>(warmCensus.widgets),
                static_cast<long long>(endCensus.widgets));
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
    keepLargeBlocksOutOfTheHeap(); // as the program does
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const std::optional<Options> options = parse(QCoreApplication::arguments());
    if (!options) {
        std::fprintf(stderr, "usage: gradscope_soak [--steps N] [--cycles N] [--only PART,...] [--report-only] "
                             "[--no-deferred-deletes]\n"
                             "  N: 0 (skip the phase) or at least 10; PART: lessons, presenter, editing, tracing\n");
        return 2;
    }
    deferredDeletes = options->deferredDeletes;
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
        settle();

        // Training with the live plots: the view replots (queued) as the steps come.
        if (options->steps > 0) {
            TrainingDock* dock = ws->trainingDock();
            dock->bringUp();
            TrainingSession* session = dock->view()->session();
            TrainingSettings settings = session->settings();
            settings.epochs = options->steps / std::max<std::int64_t>(session->loop().stepsPerEpoch(), 1) + 2;
            session->setSettings(settings);
            const bool trained = phase("training", "steps", options->steps, &window, [&](qint64 i) {
                session->stepBatch();
                if (i % 50 == 49)
                    settle();
                return session->completedSteps() == i + 1;
            }, options->judge);
            dock->view()->flush();
            if (!trained)
                return 1;
        }

        // A class: lessons, presenter mode, editing, undo and redo, tracing.
        const unsigned parts = options->parts;
        LessonMode* lessons = ws->lessons();
        const int lessonCount = static_cast<int>(builtinLessons().size());
        // Presenter mode alone goes in and out of it on one open lesson.
        if (!(parts & Lessons) && (parts & Presenter) && !lessons->openBuiltin(0))
            return 1;
        const auto cycle = [&](qint64 i) {
            if (parts & Lessons) {
                if (!lessons->openBuiltin(static_cast<int>(i % lessonCount)))
                    return false;
                LessonPlayer* player = lessons->player();
                for (int step = 1; step < player->count(); ++step)
                    player->next();
                settle();
            }
            if (parts & Presenter) {
                lessons->presenter()->setOn(true);
                settle();
                lessons->presenter()->setOn(false);
                settle();
            }
            if (parts & Lessons) {
                ws->newDocument(); // closes the lesson
                if (lessons->isOpen())
                    return false;
            }
            if (parts & Editing) {
                if (!ws->formulaBar()->apply(QStringLiteral("x ** 3 + %1.0").arg(i % 7)))
                    return false;
                QUndoStack* undo = window.undoStack();
                undo->undo();
                undo->redo();
            }
            const bool traced = !(parts & Tracing) || ws->tracePanel()->call(QStringLiteral("x=constant(%1.0)").arg(i % 5));
            settle();
            return traced;
        };
        if (options->cycles > 0 && !phase("cycles", "cycles", options->cycles, &window, cycle, options->judge))
            return 1;
        ws->files()->closing();
    }
    QSettings().clear();
    return 0;
}
