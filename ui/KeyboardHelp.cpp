#include "ui/KeyboardHelp.h"

#include <QDesktopServices>
#include <QDialog>
#include <QFile>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextTable>
#include <QUrl>
#include <QVBoxLayout>

namespace gs {

QDialog* createKeyboardHelp(QWidget* parent)
{
    // The editor's guide (docs/editor.md, compiled in): the same text as the documentation.
    auto* help = new QDialog(parent);
    help->setObjectName(QStringLiteral("keyboardHelp"));
    help->setWindowTitle(QObject::tr("Keyboard and Mouse \u2014 GradScope"));
    auto* text = new QTextBrowser(help);
    QFile guide(QStringLiteral(":/help/editor.md"));
    if (guide.open(QIODevice::ReadOnly))
        text->setMarkdown(QString::fromUtf8(guide.readAll()));
    // Markdown tables come with cramped cells in double borders: room to read instead.
    text->document()->setDocumentMargin(12);
    for (QTextFrame* frame : text->document()->rootFrame()->childFrames())
        if (auto* table = qobject_cast<QTextTable*>(frame)) {
            QTextTableFormat format = table->format();
            format.setCellPadding(4);
            format.setCellSpacing(0);
            format.setBorder(0);
            table->setFormat(format);
        }
    // Links to other pages of the documentation lead nowhere here; web links open a browser.
    text->setOpenLinks(false);
    QObject::connect(text, &QTextBrowser::anchorClicked, help, [](const QUrl& url) {
        if (url.scheme().startsWith(QLatin1StringView("http")))
            QDesktopServices::openUrl(url);
    });
    auto* layout = new QVBoxLayout(help);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(text);
    help->resize(QSize(760, 640).boundedTo(parent ? parent->size() : QSize(760, 640)));
    return help;
}

} // namespace gs
