#include "app/Gui.h"

#include "app/Console.h"
#include "app/TestKeys.h"
#include "ui/MainWindow.h"
#include "ui/OffscreenScreens.h"
#include "ui/SavedSettings.h"
#include "ui/files/DocumentFiles.h"
#include "ui/lessons/LessonPlayer.h"
#include "ui/training/TrainingDock.h"
#include "ui/training/TrainingSession.h"
#include "ui/training/TrainingView.h"
#include "ui/workspace/LayoutReport.h"
#include "ui/workspace/LessonMode.h"
#include "ui/workspace/PresenterConsole.h"
#include "ui/workspace/PresenterMode.h"
#include "ui/workspace/Workspace.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QPixmap>
#include <QScreen>
#include <QSaveFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTimer>
#include <QtGlobal>

#include <functional>
#include <memory>

namespace gs {

namespace {

/// The screen a picture or a layout report is made for when the command line names none.
constexpr QSize defaultCaptureScreen{1600, 900};

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
void applyLessonOptions(MainWindow& window, const Invocation& invocation)
{
    LessonMode* lessons = window.workspace()->lessons();
    if (invocation.lessonStep > 0)
        lessons->player()->go(invocation.lessonStep - 1);
    if (invocation.presenter)
        lessons->presenter()->setOn(true);
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

bool writeReport(MainWindow& window, const QString& path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(QJsonDocument(layoutReport(window, *window.workspace())).toJson());
    return file.commit();
}

/// Saves a picture of the whole window and/or its layout report once the event loop has laid it
/// out, then quits.
int runCapture(QApplication& app, MainWindow& window, const Invocation& invocation)
{
    int status = 0;
    QTimer::singleShot(0, &window, [&] { applyLessonOptions(window, invocation); });
    QTimer::singleShot(0, &window, [&] { applyViewOption(window, invocation); });
    // Lesson steps, presenter mode and the fit after a resize finish in later turns of the loop;
    // full screen comes when the platform gives it, later on a busy machine: the picture waits
    // for it (at most a few seconds), then for the fit it causes.
    const auto settled = [&] {
        if (!invocation.presenter)
            return true;
        const QScreen* screen = window.screen();
        return window.isFullScreen() && screen && window.geometry() == screen->geometry();
    };
    std::function<void()> capture;
    QElapsedTimer waited;
    waited.start();
    auto* poll = new QTimer(&window);
    poll->setInterval(50);
    QObject::connect(poll, &QTimer::timeout, &window, [&, poll] {
        if (waited.elapsed() < 300 || (!settled() && waited.elapsed() < 5000))
            return;
        poll->stop();
        QTimer::singleShot(150, &window, [&] { capture(); });
    });
    poll->start();
    capture = [&] {
        window.workspace()->settle();
        QCoreApplication::processEvents();
        if (!invocation.screenshotPath.isEmpty() && !window.grab().save(invocation.screenshotPath, "PNG")) {
            printError(QStringLiteral("cannot write the screenshot to '%1'").arg(invocation.screenshotPath));
            status = 1;
        }
        // With two screens in presenter mode, the teacher's console too, beside the picture.
        if (QWidget* console = window.workspace()->lessons()->presenter()->console(); console && !invocation.screenshotPath.isEmpty()) {
            const QFileInfo shot(invocation.screenshotPath);
            const QString path = shot.path() + u'/' + shot.completeBaseName() + QStringLiteral("-console.png");
            if (!console->grab().save(path, "PNG")) {
                printError(QStringLiteral("cannot write the console's screenshot to '%1'").arg(path));
                status = 1;
            }
        }
        if (!invocation.layoutReportPath.isEmpty() && !writeReport(window, invocation.layoutReportPath)) {
            printError(QStringLiteral("cannot write the layout report to '%1'").arg(invocation.layoutReportPath));
            status = 1;
        }
        app.quit();
    };
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
    const bool capture = !invocation.screenshotPath.isEmpty() || !invocation.layoutReportPath.isEmpty();
    std::unique_ptr<QTemporaryFile> screens;
    QTemporaryDir settings;
    if (capture) {
        // A picture shows the first-run window, whatever this user's saved layout and theme are.
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings.path());
        // Drawn by Qt itself on offscreen screens of the sizes asked for, the same on every machine.
        screens = useOffscreenScreens(invocation.screens.isEmpty() ? QList<QSize>{defaultCaptureScreen} : invocation.screens);
        if (!screens) {
            printError(QStringLiteral("cannot write the offscreen screens' description to a temporary file"));
            return 1;
        }
    } else if (!displayAvailable()) {
        printError(QStringLiteral(
            "no display available (DISPLAY and WAYLAND_DISPLAY are unset); run under "
            "xvfb-run, or set QT_QPA_PLATFORM=offscreen"));
        return 1;
    }

    QGuiApplication::setDesktopFileName(QStringLiteral("gradscope"));
    QApplication app(argc, argv);
    // The process's first look at the settings: the only one that can see a damaged file.
    savedsettings::checkFile(QSettings());
    MainWindow window;
    if (!capture && qEnvironmentVariableIsSet("GRADSCOPE_TEST_KEYS"))
        playTestKeys(&window, qEnvironmentVariable("GRADSCOPE_TEST_KEYS")); // before the restore question: it answers it
    DocumentFiles* files = window.workspace()->files();
    if (!invocation.file.isEmpty()) {
        QString error;
        if (!files->openFile(invocation.file, &error)) {
            printError(QStringLiteral("cannot open '%1': %2").arg(invocation.file, error));
            return 1;
        }
    }
    window.show();
    if (!capture && invocation.file.isEmpty())
        files->offerRestore();
    if (capture)
        return runCapture(app, window, invocation);
    if (invocation.lessonStep > 0 || invocation.presenter)
        QTimer::singleShot(0, &window, [&] { applyLessonOptions(window, invocation); });
    if (!invocation.view.isEmpty())
        QTimer::singleShot(0, &window, [&] { applyViewOption(window, invocation); });
    return app.exec();
}

} // namespace gs
