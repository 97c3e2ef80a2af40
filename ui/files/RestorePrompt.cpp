// The question a start asks when a session ended without closing: what comes back, and whether.
#include "ui/files/RestorePrompt.h"

#include "document/Evaluation.h"
#include "document/FormulaWriter.h"
#include "ui/render/GraphOverlay.h"
#include "ui/render/GraphPicture.h"

#include <QGuiApplication>
#include <QLocale>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>

namespace gs {

namespace {

/// The restore question shows this much of the formula, and a picture no larger than this.
constexpr int previewLines = 4;
constexpr QSize previewPictureSize{320, 200};
/// Beyond this a picture would cost more than the question is worth.
constexpr std::size_t previewPictureNodes = 300;

/// The graph drawn as the editor draws it (the render layer, no widgets), shrunk to fit `box`.
QImage graphThumbnail(const GraphData& data, QSize box)
{
    if (data.nodes.empty() || data.nodes.size() > previewPictureNodes)
        return {};
    const Evaluation evaluation = evaluate(data);
    const GraphOverlay overlay = computeOverlay(data, evaluation);
    const GraphPicture picture(data, evaluation, overlay, EditorStyle::fromPalette(QGuiApplication::palette()),
                               GraphPicture::Options{false, false, 12.0});
    const QSizeF size = picture.size();
    if (size.isEmpty())
        return {};
    const double scale = std::min({1.0, box.width() / size.width(), box.height() / size.height()});
    QImage image((size * scale).toSize().expandedTo(QSize(1, 1)), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(scale, scale);
    picture.paint(painter);
    return image;
}

} // namespace

RestorePreview restorePreview(const AutosaveStore::Copy& copy)
{
    RestorePreview preview;
    preview.name = copy.note.name.isEmpty() ? QObject::tr("Untitled") : copy.note.name;
    preview.originalFile = copy.note.originalFile;
    preview.savedAt = copy.note.savedAt;
    preview.nodes = static_cast<int>(copy.data.nodes.size());
    if (const FormulaText formula = writeFormula(copy.data); formula.ok()) {
        QStringList lines = formula.text.trimmed().split(u'\n');
        if (lines.size() > previewLines) {
            lines.resize(previewLines);
            lines << QStringLiteral("…");
        }
        preview.formula = lines.join(u'\n');
    }
    preview.picture = graphThumbnail(copy.data, previewPictureSize);
    return preview;
}

namespace {

QString whenSaved(const QDateTime& at)
{
    const QLocale locale;
    if (!at.isValid())
        return QObject::tr("at an unknown time");
    if (at.date() == QDate::currentDate())
        return QObject::tr("today at %1").arg(locale.toString(at.time(), QStringLiteral("HH:mm:ss")));
    return locale.toString(at, QLocale::ShortFormat);
}

} // namespace

RestoreAnswer askToRestoreInDialog(QWidget* parent, const RestorePreview& preview)
{
    QMessageBox box(parent);
    box.setWindowTitle(QObject::tr("Restore Unsaved Work?"));
    box.setObjectName(QStringLiteral("restoreDialog"));
    if (preview.picture.isNull())
        box.setIcon(QMessageBox::Question);
    else
        box.setIconPixmap(QPixmap::fromImage(preview.picture));
    box.setTextFormat(Qt::RichText); // the name is escaped
    box.setText(QObject::tr("GradScope did not close normally. Restore the unsaved work on “%1”?").arg(preview.name.toHtmlEscaped()));
    QString details = QObject::tr("Autosaved %1.").arg(whenSaved(preview.savedAt));
    if (!preview.originalFile.isEmpty())
        details += QStringLiteral("<br>") + QObject::tr("From %1").arg(preview.originalFile.toHtmlEscaped());
    if (!preview.formula.isEmpty())
        details += QStringLiteral("<pre>%1</pre>").arg(preview.formula.toHtmlEscaped());
    details += QObject::tr("%n node(s)", nullptr, preview.nodes);
    box.setInformativeText(details);
    QPushButton* restore = box.addButton(QObject::tr("Restore"), QMessageBox::AcceptRole);
    QPushButton* discard = box.addButton(QObject::tr("Discard"), QMessageBox::DestructiveRole);
    // Escape decides nothing: the copy stays for the next start.
    box.setEscapeButton(box.addButton(QObject::tr("Not Now"), QMessageBox::RejectRole));
    box.setDefaultButton(restore);
    box.exec();
    if (box.clickedButton() == restore)
        return RestoreAnswer::Restore;
    return box.clickedButton() == discard ? RestoreAnswer::Discard : RestoreAnswer::Later;
}

} // namespace gs
