#include "ui/render/GraphExport.h"

#include "ui/render/GraphPicture.h"

#include "document/DocumentFile.h"

#include <QBuffer>
#include <QFileInfo>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

#include <cmath>

namespace gs {

std::optional<PictureFormat> pictureFormatFor(const QString& fileName)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == u"png")
        return PictureFormat::Png;
    if (suffix == u"svg")
        return PictureFormat::Svg;
    if (suffix == u"pdf")
        return PictureFormat::Pdf;
    return std::nullopt;
}

bool exportPicture(const GraphPicture& picture, const QString& fileName, double scale, QString* error)
{
    const auto fail = [&](const QString& why) {
        if (error)
            *error = why;
        return false;
    };
    const auto format = pictureFormatFor(fileName);
    if (!format)
        return fail(QStringLiteral("'%1': the file name must end in .png, .svg or .pdf").arg(fileName));
    const QSizeF size = picture.size();
    // The picture is encoded in memory and then written in one rename (saveFileAtomically): a
    // crash or a full disk half-way never leaves a truncated slide where a good one was.
    QBuffer encoded;
    encoded.open(QIODevice::WriteOnly);
    switch (*format) {
    case PictureFormat::Png: {
        if (!(scale > 0 && scale <= 8))
            return fail(QStringLiteral("the scale must be between 0 and 8, got %1").arg(scale));
        const QSize pixels(static_cast<int>(std::ceil(size.width() * scale)), static_cast<int>(std::ceil(size.height() * scale)));
        QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
        if (image.isNull())
            return fail(QStringLiteral("the picture is too large (%1 x %2 pixels)").arg(pixels.width()).arg(pixels.height()));
        image.fill(Qt::transparent);
        {
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setRenderHint(QPainter::TextAntialiasing);
            painter.scale(scale, scale);
            picture.paint(painter);
        }
        if (!image.save(&encoded, "PNG"))
            return fail(QStringLiteral("cannot encode '%1' as PNG").arg(fileName));
        break;
    }
    case PictureFormat::Svg: {
        QSvgGenerator svg;
        svg.setOutputDevice(&encoded);
        svg.setSize(size.toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), size));
        svg.setResolution(72);
        svg.setTitle(QStringLiteral("GradScope graph"));
        QPainter painter;
        if (!painter.begin(&svg))
            return fail(QStringLiteral("cannot encode '%1' as SVG").arg(fileName));
        picture.paint(painter);
        painter.end();
        break;
    }
    case PictureFormat::Pdf: {
        QPdfWriter pdf(&encoded);
        pdf.setResolution(72);
        pdf.setPageSize(QPageSize(size, QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Point);
        pdf.setTitle(QStringLiteral("GradScope graph"));
        pdf.setCreator(QStringLiteral("GradScope"));
        QPainter painter;
        if (!painter.begin(&pdf))
            return fail(QStringLiteral("cannot encode '%1' as PDF").arg(fileName));
        picture.paint(painter);
        painter.end();
        break;
    }
    }
    return saveFileAtomically(encoded.data(), fileName, error);
}

} // namespace gs
