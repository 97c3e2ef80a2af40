#include "ui/render/TracedGraphExport.h"

#include "ui/render/ConcreteView.h"
#include "ui/render/EditorStyle.h"
#include "ui/render/GraphExport.h"
#include "ui/render/GraphPicture.h"

#include <QSaveFile>

namespace gs {

namespace {

bool isDot(const QString& fileName)
{
    return fileName.endsWith(QStringLiteral(".dot"), Qt::CaseInsensitive) || fileName.endsWith(QStringLiteral(".gv"), Qt::CaseInsensitive);
}

} // namespace

bool isTracedGraphFileName(const QString& fileName) { return isDot(fileName) || pictureFormatFor(fileName).has_value(); }

bool exportTracedGraph(const ConcreteView& view, const std::string& dot, const QString& fileName, double scale, QString* error)
{
    if (isDot(fileName)) {
        QSaveFile file(fileName);
        const QByteArray bytes = QByteArray::fromStdString(dot);
        if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit())
            return true;
        if (error)
            *error = QStringLiteral("cannot write '%1': %2").arg(fileName, file.errorString());
        return false;
    }
    // Exports are always light, like `gradscope export`: they go on paper and slides.
    const GraphPicture picture(view.data(), view.evaluation, view.overlay, EditorStyle::light(),
                               GraphPicture::Options{false, false, 24.0});
    return exportPicture(picture, fileName, scale, error);
}

} // namespace gs
