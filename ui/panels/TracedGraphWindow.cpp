#include "ui/panels/TracedGraphWindow.h"

#include "document/ConcreteDocument.h"
#include "engine/graph/Function.h"
#include "ui/panels/PictureWidget.h"
#include "ui/render/ConcreteView.h"
#include "ui/render/EditorStyle.h"
#include "ui/render/GraphPicture.h"
#include "ui/render/TracedGraphExport.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

namespace gs {

namespace {

QWidget* scrolled(PictureWidget* picture)
{
    auto* area = new QScrollArea;
    area->setWidget(picture);
    area->setWidgetResizable(false);
    area->setAlignment(Qt::AlignCenter);
    return area;
}

/// Why each ghost is one, a line per node (the first few: the picture shows the rest).
QString ghostNotes(const ConcreteDocument& doc)
{
    constexpr int shown = 6;
    QString html;
    int count = 0;
    for (const auto& [id, note] : doc.notes) {
        if (!doc.ghost(id))
            continue;
        if (++count > shown)
            continue;
        const Node& n = *doc.data.node(id);
        const QString what = n.kind == NodeKind::Op         ? n.op
                             : n.kind == NodeKind::Constant ? QStringLiteral("constant %1").arg(n.value ? n.value->text() : QString())
                                                            : n.label;
        html += QStringLiteral("<br>• <b>%1</b> %2").arg(what.toHtmlEscaped(), note.toHtmlEscaped());
    }
    if (count > shown)
        html += QObject::tr("<br>… and %1 more").arg(count - shown);
    return html;
}

} // namespace

TracedGraphWindow::TracedGraphWindow(const ConcreteFunction& function, const QString& functionName,
                                     const QString& resultName, QWidget* parent)
    : QWidget(parent, Qt::Window)
    , tabs_(new QTabWidget)
    , export_(new QPushButton(tr("Export…")))
{
    setObjectName(QStringLiteral("tracedGraphWindow"));
    const QString signature = QString::fromStdString(function.signature);
    setWindowTitle(tr("%1(%2) — traced graph").arg(functionName, signature));
    const EditorStyle style = EditorStyle::fromPalette(palette());
    forward_ = std::make_unique<ConcreteView>(concreteDocument(function, resultName), style);
    backward_ = std::make_unique<ConcreteView>(backwardDocument(function, resultName), style);
    const std::string title = functionName.toStdString() + "(" + function.signature + ")";
    forwardDot_ = toDot(function.optimized, title);
    backwardDot_ = toDot(function.backwardGraph(), "gradient of " + title);

    const GraphPicture::Options options{false, false, 24.0};
    for (Which w : {Which::Forward, Which::Backward}) {
        auto* picture = new PictureWidget;
        picture->setObjectName(w == Which::Forward ? QStringLiteral("forwardPicture") : QStringLiteral("backwardPicture"));
        const ConcreteView& v = view(w);
        picture->setPicture(std::make_unique<GraphPicture>(v.data(), v.evaluation, v.overlay, style, options));
        pictures_[static_cast<int>(w)] = picture;
    }
    tabs_->addTab(scrolled(pictures_[0]), tr("Concrete graph"));
    tabs_->addTab(scrolled(pictures_[1]), tr("Backward graph"));

    auto* summary = new QLabel(tr("<b>%1(%2)</b><br>%3 nodes as traced, %4 after the passes. Faded: what constant folding, "
                                  "simplification, merging and pruning took out.")
                                   .arg(functionName.toHtmlEscaped(), signature.toHtmlEscaped())
                                   .arg(forward_->document.tracedNodes)
                                   .arg(forward_->document.optimizedNodes)
                               + ghostNotes(forward_->document));
    summary->setWordWrap(true);
    summary->setObjectName(QStringLiteral("tracedGraphSummary"));
    export_->setObjectName(QStringLiteral("exportTracedGraph"));
    connect(export_, &QPushButton::clicked, this, &TracedGraphWindow::exportInteractive);

    auto* top = new QHBoxLayout;
    top->addWidget(summary, 1);
    top->addWidget(export_, 0, Qt::AlignTop);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(tabs_, 1);
    resize(900, 640);
}

TracedGraphWindow::~TracedGraphWindow() = default;

void TracedGraphWindow::show(Which which)
{
    tabs_->setCurrentIndex(static_cast<int>(which));
    QWidget::show();
    raise();
}

TracedGraphWindow::Which TracedGraphWindow::current() const { return static_cast<Which>(tabs_->currentIndex()); }

const ConcreteView& TracedGraphWindow::view(Which which) const { return which == Which::Forward ? *forward_ : *backward_; }

PictureWidget* TracedGraphWindow::picture(Which which) const { return pictures_[static_cast<int>(which)]; }

bool TracedGraphWindow::exportGraph(Which which, const QString& fileName, QString* error) const
{
    if (!isTracedGraphFileName(fileName)) {
        if (error)
            *error = tr("'%1': the file name must end in .png, .svg, .pdf or .dot").arg(fileName);
        return false;
    }
    return exportTracedGraph(view(which), which == Which::Forward ? forwardDot_ : backwardDot_, fileName, 2.0, error);
}

void TracedGraphWindow::exportInteractive()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Traced Graph"), current() == Which::Forward ? QStringLiteral("concrete.svg") : QStringLiteral("backward.svg"),
        tr("SVG drawing (*.svg);;PNG image (*.png);;PDF document (*.pdf);;Graphviz DOT (*.dot)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportGraph(current(), path, &error))
        QMessageBox::warning(this, tr("Export Traced Graph"), error);
}

} // namespace gs
