#include "ui/render/LessonHandout.h"

#include "document/DocumentFile.h"
#include "document/LessonFrame.h"
#include "ui/render/AutoLayout.h"
#include "ui/render/EditorStyle.h"
#include "ui/render/GraphExport.h"
#include "ui/render/GraphOverlay.h"
#include "ui/render/GraphPicture.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <QTextDocument>

#include <algorithm>
#include <functional>
#include <vector>

namespace gs {

namespace {

/// A4 landscape in points: what a printed handout is, and the size of every image page.
const QSizeF pageSize(842, 595);
constexpr double margin = 36;
/// Ruled lines under a question, for the student's answer.
constexpr int answerLines = 3;
constexpr double answerLineSpacing = 24;

/// An exercise as printed: what the student changes the graph to make true, a box to tick per
/// condition. Its hints are on the handout's last page, out of sight.
QString exerciseHtml(const ExerciseGoal& goal)
{
    QString html = QStringLiteral("<p><b>Exercise:</b> in GradScope, change the graph until</p><table cellspacing='2'>");
    for (const GoalCondition& c : goal.conditions)
        html += QStringLiteral("<tr><td>\u2610&nbsp;</td><td>%1</td></tr>").arg(c.description().toHtmlEscaped());
    html += QStringLiteral("</table>");
    if (!goal.hints.isEmpty())
        html += QStringLiteral("<p style='color:#666666'>%1 on the last page.</p>")
                    .arg(goal.hints.size() == 1 ? QStringLiteral("A hint") : QStringLiteral("%1 hints").arg(goal.hints.size()));
    return html;
}

/// The last page of a handout with exercises that have hints: every hint, by step.
QString hintsHtml(const GraphData& lesson)
{
    QString html = QStringLiteral("<p style='color:#666666'>%1 \u2014 hints</p><h2>Hints for the exercises</h2>")
                       .arg(lesson.lesson.title.toHtmlEscaped());
    const std::vector<LessonStep>& steps = lesson.lesson.steps;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (!steps[i].goal || steps[i].goal->hints.isEmpty())
            continue;
        html += QStringLiteral("<p><b>Step %1</b></p><ol>").arg(i + 1);
        for (const QString& hint : steps[i].goal->hints)
            html += QStringLiteral("<li>%1</li>").arg(hint);
        html += QStringLiteral("</ol>");
    }
    return html;
}

QString pageHtml(const GraphData& lesson, const LessonFrame& frame, bool answerPage)
{
    QString html = QStringLiteral("<p style='color:#666666'>%1 \u2014 step %2 of %3%4</p>")
                       .arg(lesson.lesson.title.toHtmlEscaped())
                       .arg(frame.index + 1)
                       .arg(lesson.lesson.steps.size())
                       .arg(answerPage ? QStringLiteral(" \u2014 the answer") : QString());
    if (answerPage) {
        html += QStringLiteral("<p><b>Question:</b> %1</p>").arg(frame.question.toHtmlEscaped());
        html += QStringLiteral("<p>The graph with what the question hid%1.</p>")
                    .arg(Concealment::fromParts(frame.conceal).gradients ? QStringLiteral(": the gradients flowing back") : QString());
        return html;
    }
    html += frame.text;
    if (frame.goal)
        html += exerciseHtml(*frame.goal);
    if (!frame.question.isEmpty())
        html += QStringLiteral("<p><b>Question:</b> %1</p><p>Your answer:</p>").arg(frame.question.toHtmlEscaped());
    return html;
}

/// Paints one page: the text at the top (with ruled lines for the answer under a question), the
/// graph in the space left, as large as fits. A question's page hides what the step conceals;
/// its answer page (`answerPage`) shows it.
/// Paints a page's text at its top; returns the height it took.
double paintText(QPainter& painter, QPaintDevice* device, const QString& html)
{
    painter.fillRect(QRectF(QPointF(0, 0), pageSize), Qt::white);
    QTextDocument text;
    text.documentLayout()->setPaintDevice(device);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(11);
    text.setDefaultFont(font);
    text.setTextWidth(pageSize.width() - 2 * margin);
    text.setHtml(html);
    painter.save();
    painter.translate(margin, margin);
    text.drawContents(&painter);
    painter.restore();
    return text.size().height();
}

void paintPage(QPainter& painter, QPaintDevice* device, const GraphData& lesson, const LessonFrame& frame, const EditorStyle& style,
               bool answerPage)
{
    double top = margin + paintText(painter, device, pageHtml(lesson, frame, answerPage));
    if (!answerPage && !frame.question.isEmpty()) {
        painter.save();
        painter.setPen(QPen(QColor(150, 150, 150), 0.75));
        for (int i = 1; i <= answerLines; ++i)
            painter.drawLine(QPointF(margin, top + i * answerLineSpacing), QPointF(pageSize.width() - margin, top + i * answerLineSpacing));
        painter.restore();
        top += answerLines * answerLineSpacing + 6;
    }

    const Evaluation evaluation = evaluate(frame.data, frame.evaluationOptions());
    OverlayOptions options;
    options.mode = frame.view == LessonView::Gradient ? ViewMode::Gradient : ViewMode::Forward;
    const Concealment hidden = Concealment::fromParts(frame.conceal);
    if (!answerPage)
        options.conceal = hidden;
    else if (hidden.gradients)
        options.mode = ViewMode::Gradient; // the answer is the gradients: show them on the wires

    const GraphOverlay overlay = computeOverlay(frame.data, evaluation, options);
    const GraphPicture picture(frame.data, evaluation, overlay, style);
    const QRectF area(margin, top + 12, pageSize.width() - 2 * margin, pageSize.height() - margin - top - 12);
    if (area.height() < 40 || picture.size().isEmpty())
        return;
    const double s = std::min({area.width() / picture.size().width(), area.height() / picture.size().height(), 1.5});
    painter.save();
    painter.translate(area.center() - QPointF(picture.size().width() * s, picture.size().height() * s) / 2);
    painter.scale(s, s);
    picture.paint(painter);
    painter.restore();
}

/// A page of the handout: a step, the answer to a step's question, or the hints of its exercises.
struct Page {
    int step = 0;
    bool answer = false;
    bool hints = false;
};

/// One page per step; a step that conceals part of its graph until the question is answered gets
/// a second page with it revealed, so that the answer is one page turn away. The hints of the
/// exercises come last, on a page of their own.
std::vector<Page> handoutPages(const GraphData& lesson)
{
    std::vector<Page> pages;
    bool hints = false;
    for (int i = 0; i < static_cast<int>(lesson.lesson.steps.size()); ++i) {
        const LessonStep& step = lesson.lesson.steps[static_cast<std::size_t>(i)];
        pages.push_back({i, false, false});
        if (!step.conceal.isEmpty())
            pages.push_back({i, true, false});
        hints = hints || (step.goal && !step.goal->hints.isEmpty());
    }
    if (hints)
        pages.push_back({0, false, true});
    return pages;
}

void paintAnyPage(QPainter& painter, QPaintDevice* device, const GraphData& lesson, const Page& page,
                  const std::function<LessonFrame(int)>& frameAt, const EditorStyle& style)
{
    if (page.hints)
        paintText(painter, device, hintsHtml(lesson));
    else
        paintPage(painter, device, lesson, frameAt(page.step), style, page.answer);
}

} // namespace

int lessonHandoutPageCount(const GraphData& lesson) { return static_cast<int>(handoutPages(lesson).size()); }

QString handoutPageFile(const QString& fileName, int index, int pages)
{
    const QFileInfo info(fileName);
    const int digits = std::max(2, static_cast<int>(QString::number(pages).size()));
    const QString base = (fileName.contains(u'/') ? info.path() + u'/' : QString()) + info.completeBaseName();
    return QStringLiteral("%1-%2.%3").arg(base).arg(index + 1, digits, 10, QLatin1Char('0')).arg(info.suffix());
}

int exportLessonHandout(const GraphData& lesson, const QString& fileName, double scale, QString* error)
{
    const auto failed = [error](const QString& why) {
        if (error)
            *error = why;
        return -1;
    };
    const std::vector<Page> layoutOfPages = handoutPages(lesson);
    const int pages = static_cast<int>(layoutOfPages.size());
    if (pages == 0)
        return failed(QStringLiteral("the document has no lesson steps"));
    if (!(scale > 0 && scale <= 8))
        return failed(QStringLiteral("the scale must be between 0 and 8, got %1").arg(scale));
    const std::optional<PictureFormat> format = pictureFormatFor(fileName);
    if (!format)
        return failed(QStringLiteral("'%1' must end in .pdf, .png or .svg").arg(fileName));
    const EditorStyle style = EditorStyle::light();
    const auto layout = [&style](GraphData& data, const EvaluationOptions& options) {
        const Evaluation evaluation = evaluate(data, options);
        for (const auto& [id, p] : autoLayout(data, style, {}, &evaluation))
            data.node(id)->position = p;
    };
    const std::function<LessonFrame(int)> frameAt = [&](int i) { return lessonFrame(lesson, i, layout); };

    // Each file is encoded in memory and then written in one rename: a crash half-way through a
    // handout never leaves a truncated page where a good one was.
    const auto write = [&](const QByteArray& bytes, const QString& file) {
        QString why;
        if (saveFileAtomically(bytes, file, &why))
            return true;
        failed(why);
        return false;
    };
    if (*format == PictureFormat::Pdf) {
        QBuffer encoded;
        encoded.open(QIODevice::WriteOnly);
        QPdfWriter pdf(&encoded);
        pdf.setResolution(72);
        pdf.setPageSize(QPageSize(pageSize, QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Point);
        pdf.setTitle(lesson.lesson.title);
        pdf.setCreator(QStringLiteral("GradScope"));
        QPainter painter;
        if (!painter.begin(&pdf))
            return failed(QStringLiteral("cannot write '%1'").arg(fileName));
        for (int i = 0; i < pages; ++i) {
            if (i > 0)
                pdf.newPage();
            paintAnyPage(painter, &pdf, lesson, layoutOfPages[static_cast<std::size_t>(i)], frameAt, style);
        }
        if (!painter.end())
            return failed(QStringLiteral("cannot encode '%1' as PDF").arg(fileName));
        return write(encoded.data(), fileName) ? pages : -1;
    }
    for (int i = 0; i < pages; ++i) {
        const QString file = handoutPageFile(fileName, i, pages);
        const Page& page = layoutOfPages[static_cast<std::size_t>(i)];
        QBuffer encoded;
        encoded.open(QIODevice::WriteOnly);
        if (*format == PictureFormat::Png) {
            QImage image((pageSize * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
            // 72 dots per inch, as in the PDF, so that a point of text is one unit before scaling.
            image.setDotsPerMeterX(qRound(72 / 0.0254));
            image.setDotsPerMeterY(qRound(72 / 0.0254));
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setRenderHint(QPainter::TextAntialiasing);
            painter.scale(scale, scale);
            paintAnyPage(painter, &image, lesson, page, frameAt, style);
            painter.end();
            if (!image.save(&encoded, "PNG"))
                return failed(QStringLiteral("cannot encode '%1' as PNG").arg(file));
        } else {
            QSvgGenerator svg;
            svg.setOutputDevice(&encoded);
            svg.setSize(pageSize.toSize());
            svg.setViewBox(QRectF(QPointF(0, 0), pageSize));
            svg.setResolution(72);
            svg.setTitle(lesson.lesson.title);
            QPainter painter;
            if (!painter.begin(&svg))
                return failed(QStringLiteral("cannot encode '%1' as SVG").arg(file));
            paintAnyPage(painter, &svg, lesson, page, frameAt, style);
            painter.end();
        }
        if (!write(encoded.data(), file))
            return -1;
    }
    return pages;
}

} // namespace gs
