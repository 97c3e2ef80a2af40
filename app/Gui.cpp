#include "app/Gui.h"

#include "app/Console.h"
#include "ui/MainWindow.h"
#include "ui/editor/DocumentFiles.h"
#include "ui/editor/EditorWorkspace.h"
#include "ui/lessons/LessonPlayer.h"
#include "ui/lessons/LessonWorkspace.h"
#include "ui/lessons/PresenterMode.h"
#include "ui/training/TrainingDock.h"
#include "ui/training/TrainingSession.h"
#include "ui/training/TrainingView.h"

#include <QApplication>
#include <QFileInfo>
#include <QPixmap>
#include <QTimer>
#include <QtGlobal>

namespace gs {

namespace {

/// Whether Qt's default platform plugin can open a window (X11 and Wayland need a server named in
/// the environment; elsewhere there always is one). An explicit QT_QPA_PLATFORM is trusted.
bool displayAvailable()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    return !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")
           || !qEnvironmentVariableIsEmpty("DISPLAY")
           || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
#else
    return true;
#endif
}

/// Goes to the lesson step and into presenter mode the command line asks for.
void applyLessonOptions(MainWindow& window, const Invocation& invocation, bool screenshot)
{
    LessonWorkspace* lessons = window.workspace()->lessons();
    if (invocation.lessonStep > 0)
        lessons->player()->go(invocation.lessonStep - 1);
    if (invocation.presenter) {
        if (screenshot) {
            // The offscreen screen is small; a presentation screenshot is as wide as a projector.
            lessons->presenter()->setFullScreenEnabled(false);
            window.resize(1600, 900);
        }
        lessons->presenter()->setOn(true);
    }
}

/// Brings up the view the command line names (only "training" so far), trained as far as asked.
void applyViewOption(MainWindow& window, const Invocation& invocation)
{
    if (invocation.view != u"training")
        return;
    TrainingDock* dock = window.workspace()->trainingDock();
    dock->bringUp();
    for (int i = 0; i < invocation.trainSteps; ++i)
        dock->view()->session()->stepBatch();
    dock->view()->flush();
}

/// Saves a picture of the whole window once the event loop has laid it out, then quits.
int runScreenshot(QApplication& app, MainWindow& window, const Invocation& invocation)
{
    const QString path = invocation.screenshotPath;
    int status = 1;
    QTimer::singleShot(0, &window, [&] { applyLessonOptions(window, invocation, true); });
    QTimer::singleShot(0, &window, [&] { applyViewOption(window, invocation); });
    // Lesson steps and presenter mode finish their layout in later turns of the event loop.
    QTimer::singleShot(invocation.lessonStep > 0 || invocation.presenter || !invocation.view.isEmpty() ? 200 : 0, &window, [&] {
        window.workspace()->settle();
        if (window.grab().save(path, "PNG"))
            status = 0;
        else
            printError(QStringLiteral("cannot write the screenshot to '%1'").arg(path));
        app.quit();
    });
    app.exec();
    return status;
}

} // namespace

int runGui(int& argc, char** argv, const Invocation& invocation)
{
    if (!invocation.file.isEmpty() && !QFileInfo(invocation.file).isFile()) {
        printError(QStringLiteral("cannot open '%1': no such file").arg(invocation.file));
        return 1;
    }
    const bool screenshot = !invocation.screenshotPath.isEmpty();
    if (!displayAvailable()) {
        if (!screenshot) {
            printError(QStringLiteral(
                "no display available (DISPLAY and WAYLAND_DISPLAY are unset); run under "
                "xvfb-run, or set QT_QPA_PLATFORM=offscreen"));
            return 1;
        }
        // A screenshot is drawn by Qt itself, so it needs no window system.
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }

    QGuiApplication::setDesktopFileName(QStringLiteral("gradscope"));
    QApplication app(argc, argv);
    MainWindow window;
    DocumentFiles* files = window.workspace()->files();
    if (!invocation.file.isEmpty()) {
        QString error;
        if (!files->openFile(invocation.file, &error)) {
            printError(QStringLiteral("cannot open '%1': %2").arg(invocation.file, error));
            return 1;
        }
    }
    window.show();
    if (!screenshot && invocation.file.isEmpty())
        files->offerRestore();
    if (screenshot)
        return runScreenshot(app, window, invocation);
    if (invocation.lessonStep > 0 || invocation.presenter)
        QTimer::singleShot(0, &window, [&] { applyLessonOptions(window, invocation, false); });
    if (!invocation.view.isEmpty())
        QTimer::singleShot(0, &window, [&] { applyViewOption(window, invocation); });
    return app.exec();
}

} // namespace gs
