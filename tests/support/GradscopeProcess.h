#pragma once

// Runs the gradscope program (GRADSCOPE_EXE, set by the test's CMake target) as a user's script
// would: in an environment with no display at all (no DISPLAY, WAYLAND_DISPLAY or
// QT_QPA_PLATFORM), so what must work headless is shown to.

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace testing {

struct Outcome {
    int exitCode = -1; ///< -1: did not finish in a minute; -2: crashed
    QString out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

/// The environment gradscope runs in as a user's would with no display at all.
inline QProcessEnvironment headlessEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        environment.remove(QString::fromLatin1(name));
    // As in a bare CI container: commands that draw start Qt's GUI layer, which warns when the
    // session has no runtime directory; gradscope drops that warning, and the tests that want
    // stderr empty check that it does.
    environment.remove(QStringLiteral("XDG_RUNTIME_DIR"));
    return environment;
}

inline Outcome runGradscope(const QStringList& arguments)
{
    QProcess process;
    process.setProcessEnvironment(headlessEnvironment());
    process.start(QStringLiteral(GRADSCOPE_EXE), arguments);
    if (!process.waitForFinished(60'000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    if (process.exitStatus() != QProcess::NormalExit)
        return {-2, {}, QStringLiteral("crashed")};
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace testing
