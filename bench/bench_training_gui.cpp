// Training throughput with the GUI plotting live, against the same run headless (issue #6: the
// GUI must keep at least half the headless throughput). A plain program rather than a Google
// Benchmark: the GUI run is one long event-loop run, not a repeatable iteration.
//   QT_QPA_PLATFORM=offscreen bench_training_gui [EPOCHS] [REPEATS]
#include "engine/nn/RunSpec.h"
#include "ui/training/TrainingSession.h"
#include "ui/training/TrainingView.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace gs;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

nn::RunSpec bookRun(int epochs)
{
    nn::RunSpec run = nn::RunSpec::book();
    run.training.epochs = epochs;
    return run;
}

/// Steps per second of the engine's loop alone, validation after each epoch included.
double headless(int epochs)
{
    auto loop = nn::makeTrainingLoop(bookRun(epochs));
    QElapsedTimer t;
    t.start();
    loop->run();
    return static_cast<double>(loop->stepLosses().size()) / (t.nsecsElapsed() * 1e-9);
}

/// Steps per second of the training view running as fast as it can, plots replotting live, in
/// a shown (offscreen) window of a usual size.
double gui(int epochs)
{
    TrainingView view(bookRun(epochs));
    view.resize(1400, 900);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view))
        return 0;
    view.findChild<QComboBox*>(QStringLiteral("speedBox"))->setCurrentIndex(0);
    TrainingSession* session = view.session();
    QElapsedTimer t;
    t.start();
    session->start();
    while (!session->finished())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    view.flush();
    return static_cast<double>(session->completedSteps()) / (t.nsecsElapsed() * 1e-9);
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    const int epochs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
    const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
    std::vector<double> h, g;
    for (int i = 0; i < repeats; ++i) {
        h.push_back(headless(epochs));
        g.push_back(gui(epochs));
    }
    const double hm = median(h);
    const double gm = median(g);
    std::printf("book run, %d epochs x %d steps, median of %d\n", epochs, 11610 / 32, repeats);
    std::printf("headless TrainingLoop   : %9.0f steps/s  (%6.1f us/step)\n", hm, 1e6 / hm);
    std::printf("GUI, live plots         : %9.0f steps/s  (%6.1f us/step)\n", gm, 1e6 / gm);
    std::printf("GUI / headless          : %9.2f\n", gm / hm);
    return 0;
}
