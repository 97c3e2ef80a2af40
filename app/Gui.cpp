#include "app/Gui.h"

#include "app/Console.h"
#include "ui/MainWindow.h"
#include "ui/editor/DocumentFiles.h"
#include "ui/editor/EditorWorkspace.h"

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

/// Saves a picture of the whole window once the event loop has laid it out, then quits.
int runScreenshot(QApplication& app, MainWindow& window, const QString& path)
{
    int status = 1;
    QTimer::singleShot(0, &window, [&] {
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
        return runScreenshot(app, window, invocation.screenshotPath);
    return app.exec();
}

} // namespace gs
