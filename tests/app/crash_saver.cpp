// The child of tst_crash_safety: saves, round after round until it is killed, everything the
// window saves, through the same code: the document (saveDocument, as File > Save), its autosave
// copy (AutosaveStore), the recent files list (RecentFiles) and other settings (QSettings).
//   crash_saver DIRECTORY FIRST_ROUND
// Prints the settings file's name once its first round is saved.
#include "CrashSaving.h"

#include "document/DocumentFile.h"
#include "ui/RecentFiles.h"
#include "ui/SavedSettings.h"
#include "ui/files/Autosave.h"

#include <QCoreApplication>
#include <QDir>
#include <QSettings>

#include <cstdio>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("GradScopeTests"));
    QCoreApplication::setApplicationName(QStringLiteral("crash_saver"));
    const QStringList arguments = QCoreApplication::arguments();
    bool ok = false;
    const qint64 first = arguments.value(2).toLongLong(&ok);
    if (arguments.size() != 3 || !ok || !QDir(arguments[1]).exists()) {
        std::fprintf(stderr, "usage: crash_saver DIRECTORY FIRST_ROUND\n");
        return 2;
    }
    gs::savedsettings::checkFile(QSettings()); // as the program does when it starts
    const QDir directory(arguments[1]);
    const QString document = directory.filePath(QStringLiteral("document.gscope"));
    gs::AutosaveStore autosave(directory.filePath(QStringLiteral("autosave")));
    gs::RecentFiles recentFiles;
    for (qint64 round = first;; ++round) {
        const gs::GraphData data = crashsaving::document(round);
        QString error;
        if (!gs::saveDocument(data, document, &error)
            || !autosave.save(data, gs::AutosaveNote{document, data.lesson.title, {}, {}}, &error)) {
            std::fprintf(stderr, "crash_saver: %s\n", qPrintable(error));
            return 1;
        }
        recentFiles.add(crashsaving::recentFile(directory.path(), round)); // written as it returns
        QSettings settings;
        settings.setValue(QStringLiteral("crash/round"), round);
        settings.setValue(QStringLiteral("crash/payload"), crashsaving::payload(round));
        settings.sync();
        if (settings.status() != QSettings::NoError) {
            std::fprintf(stderr, "crash_saver: cannot write '%s'\n", qPrintable(settings.fileName()));
            return 1;
        }
        if (round == first) { // from now on, every file exists: each kill lands on an overwrite
            std::printf("%s\n", qPrintable(settings.fileName()));
            std::fflush(stdout);
        }
    }
}
