#include "ui/training/PlotExport.h"

#include <qcustomplot.h>

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <algorithm>

namespace gs {

namespace {

/// Paints the whole plot as vectors (SVG, PDF): no pixmap caching, every layer drawn.
bool paintVectorized(QCustomPlot* plot, QPaintDevice* device, int w, int h)
{
    QCPPainter painter;
    if (!painter.begin(device))
        return false;
    painter.setMode(QCPPainter::pmVectorized);
    plot->toPainter(&painter, w, h);
    painter.end();
    return true;
}

} // namespace

bool exportCustomPlot(QCustomPlot* plot, const QString& fileName, double scale, QString* error)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    const auto fail = [&](const char* why) {
        if (error)
            *error = QCoreApplication::translate("gs::PlotExport", why).arg(fileName);
        return false;
    };
    plot->replot(QCustomPlot::rpImmediateRefresh);
    const int w = std::max(plot->width(), 640);
    const int h = std::max(plot->height(), 400);
    // Encoded in memory, then written in one rename (QSaveFile): a crash or a full disk half-way
    // never leaves a truncated picture where a good one was.
    QBuffer encoded;
    encoded.open(QIODevice::WriteOnly);
    if (suffix == u"png") {
        QImage image = plot->toPixmap(w, h, scale).toImage();
        // 96 dots per inch, what QCustomPlot::savePng writes, so slides place it at the same size.
        image.setDotsPerMeterX(qRound(96 / 0.0254));
        image.setDotsPerMeterY(qRound(96 / 0.0254));
        if (image.isNull() || !image.save(&encoded, "PNG"))
            return fail("cannot encode '%1' as PNG");
    } else if (suffix == u"pdf") {
        QPdfWriter pdf(&encoded);
        pdf.setResolution(72);
        pdf.setPageSize(QPageSize(QSizeF(w, h), QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Point);
        pdf.setTitle(QStringLiteral("GradScope training plot"));
        pdf.setCreator(QStringLiteral("GradScope"));
        if (!paintVectorized(plot, &pdf, w, h))
            return fail("cannot encode '%1' as PDF");
    } else if (suffix == u"svg") {
        QSvgGenerator svg;
        svg.setOutputDevice(&encoded);
        svg.setSize(QSize(w, h));
        svg.setViewBox(QRect(0, 0, w, h));
        svg.setTitle(QStringLiteral("GradScope training plot"));
        if (!paintVectorized(plot, &svg, w, h))
            return fail("cannot encode '%1' as SVG");
    } else {
        return fail("'%1': the file name must end in .png, .svg or .pdf");
    }
    QSaveFile file(fileName);
    if (file.open(QIODevice::WriteOnly) && file.write(encoded.data()) == encoded.data().size() && file.commit())
        return true;
    if (error)
        *error = QCoreApplication::translate("gs::PlotExport", "cannot write '%1': %2").arg(fileName, file.errorString());
    return false;
}

} // namespace gs
