#include "ui/training/PlotExport.h"

#include <qcustomplot.h>

#include <QCoreApplication>
#include <QFileInfo>
#include <QSvgGenerator>

#include <algorithm>

namespace gs {

bool exportCustomPlot(QCustomPlot* plot, const QString& fileName, double scale, QString* error)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    plot->replot(QCustomPlot::rpImmediateRefresh);
    const int w = std::max(plot->width(), 640);
    const int h = std::max(plot->height(), 400);
    bool ok = false;
    if (suffix == u"png") {
        ok = plot->savePng(fileName, w, h, scale);
    } else if (suffix == u"pdf") {
        ok = plot->savePdf(fileName, w, h);
    } else if (suffix == u"svg") {
        QSvgGenerator svg;
        svg.setFileName(fileName);
        svg.setSize(QSize(w, h));
        svg.setViewBox(QRect(0, 0, w, h));
        svg.setTitle(QStringLiteral("GradScope training plot"));
        QCPPainter painter;
        if (painter.begin(&svg)) {
            plot->toPainter(&painter, w, h);
            painter.end();
            ok = true;
        }
    } else {
        if (error)
            *error = QCoreApplication::translate(
                         "gs::PlotExport", "'%1': the file name must end in .png, .svg or .pdf")
                         .arg(fileName);
        return false;
    }
    if (!ok && error)
        *error = QCoreApplication::translate("gs::PlotExport", "cannot write '%1'").arg(fileName);
    return ok;
}

} // namespace gs
