#include "ui/OffscreenScreens.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace gs {

std::unique_ptr<QTemporaryFile> useOffscreenScreens(const QList<QSize>& screens)
{
    QJsonArray list;
    int x = 0;
    for (qsizetype i = 0; i < screens.size(); ++i) {
        list.append(QJsonObject{{"name", QStringLiteral("screen%1").arg(i)},
                                {"x", x},
                                {"y", 0},
                                {"width", screens[i].width()},
                                {"height", screens[i].height()},
                                {"logicalDpi", 96},
                                {"logicalBaseDpi", 96},
                                {"dpr", 1}});
        x += screens[i].width();
    }
    auto file = std::make_unique<QTemporaryFile>();
    if (!file->open())
        return nullptr;
    file->write(QJsonDocument(QJsonObject{{"screens", list}}).toJson());
    file->flush();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + QFile::encodeName(file->fileName()));
    return file;
}

} // namespace gs
