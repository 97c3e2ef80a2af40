#include "ui/panels/TracePanel.h"

#include "document/ConcreteDocument.h"
#include "document/DocumentFunction.h"
#include "document/TraceReport.h"
#include "ui/editor/EditorSession.h"
#include "ui/render/ConcreteView.h"
#include "ui/render/EditorStyle.h"
#include "ui/render/TracedGraphExport.h"

#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace gs {

namespace {

/// The graph as a function sees it: where nodes sit on the canvas does not change the function.
GraphData withoutPositions(GraphData data)
{
    for (auto& [id, n] : data.nodes)
        n.position = {};
    for (auto& [id, c] : data.comments)
        c.position = {};
    return data;
}

QString q(const std::string& s) { return QString::fromStdString(s); }

} // namespace

TracePanel::TracePanel(EditorSession* session, QWidget* parent)
    : QWidget(parent)
    , session_(session)
    , arguments_(new QLineEdit)
    , call_(new QPushButton(tr("Call")))
    , explanation_(new QLabel)
    , log_(new QListWidget)
    , list_(new QTreeWidget)
    , passes_(new QLabel)
    , open_(new QPushButton(tr("Open Graph")))
    , openBackward_(new QPushButton(tr("Backward Graph")))
    , export_(new QPushButton(tr("Export…")))
    , reset_(new QPushButton(tr("Forget All")))
{
    setObjectName(QStringLiteral("tracePanel"));
    arguments_->setObjectName(QStringLiteral("traceArguments"));
    arguments_->setPlaceholderText(tr("x=constant(2.0)   x=10   x=TensorSpec(shape=[2])"));
    arguments_->setToolTip(tr("The call's arguments, by name: tensors (constant(2.0), [1, 2], TensorSpec(shape=[2])) are "
                              "keyed by dtype and shape; a plain number (10) by its value. Names left out keep their "
                              "declared values."));
    call_->setObjectName(QStringLiteral("traceCall"));
    explanation_->setObjectName(QStringLiteral("traceExplanation"));
    explanation_->setWordWrap(true);
    explanation_->setTextFormat(Qt::RichText);
    explanation_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Room for the usual three lines (result, retrace reason, warning), so the list below does not
    // jump with every call.
    explanation_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    explanation_->setMinimumHeight(fontMetrics().lineSpacing() * 3 + 4);
    log_->setObjectName(QStringLiteral("traceCallLog"));
    log_->setWordWrap(true);
    log_->setAlternatingRowColors(true);
    log_->setMinimumHeight(fontMetrics().lineSpacing() * 3);
    list_->setObjectName(QStringLiteral("concreteFunctions"));
    list_->setHeaderLabels({tr("#"), tr("Signature"), tr("Nodes"), tr("Calls")});
    list_->setRootIsDecorated(false);
    list_->setUniformRowHeights(true);
    list_->header()->setStretchLastSection(false);
    list_->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    list_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    list_->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    list_->header()->setSectionResizeMode(3, QHeaderView::ResizeToContents);
    passes_->setObjectName(QStringLiteral("tracePasses"));
    passes_->setWordWrap(true);
    open_->setObjectName(QStringLiteral("traceOpen"));
    openBackward_->setObjectName(QStringLiteral("traceOpenBackward"));
    export_->setObjectName(QStringLiteral("traceExport"));
    reset_->setObjectName(QStringLiteral("traceReset"));

    auto* callRow = new QHBoxLayout;
    callRow->addWidget(arguments_, 1);
    callRow->addWidget(call_);
    // Two rows, so that the panel fits a narrow column.
    auto* buttons = new QGridLayout;
    buttons->addWidget(open_, 0, 0);
    buttons->addWidget(openBackward_, 0, 1);
    buttons->addWidget(export_, 1, 0);
    buttons->addWidget(reset_, 1, 1);
    buttons->setColumnStretch(2, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(callRow);
    layout->addWidget(explanation_);
    layout->addWidget(new QLabel(tr("Calls:")));
    layout->addWidget(log_, 1);
    layout->addWidget(new QLabel(tr("Concrete functions:")));
    layout->addWidget(list_, 1);
    layout->addWidget(passes_);
    layout->addLayout(buttons);

    connect(arguments_, &QLineEdit::returnPressed, this, [this] { call(arguments_->text()); });
    connect(call_, &QPushButton::clicked, this, [this] { call(arguments_->text()); });
    connect(list_, &QTreeWidget::currentItemChanged, this, &TracePanel::showPasses);
    connect(list_, &QTreeWidget::itemActivated, this, [this] { open(selectedIndex(), TracedGraphWindow::Which::Forward); });
    connect(open_, &QPushButton::clicked, this, [this] { open(selectedIndex(), TracedGraphWindow::Which::Forward); });
    connect(openBackward_, &QPushButton::clicked, this, [this] { open(selectedIndex(), TracedGraphWindow::Which::Backward); });
    connect(export_, &QPushButton::clicked, this, &TracePanel::exportInteractive);
    connect(reset_, &QPushButton::clicked, this, &TracePanel::reset);
    connect(session_, &EditorSession::evaluated, this, &TracePanel::documentChanged);
    connect(session_, &EditorSession::loaded, this, &TracePanel::reset);
    reset();
}

TracePanel::~TracePanel() = default;

void TracePanel::explain(const QString& html) { explanation_->setText(html); }

void TracePanel::reset()
{
    function_.reset();
    traced_ = {};
    callCount_ = 0;
    log_->clear();
    refreshList();
    explain(tr("Call the graph as a <i>tf.function</i>: type its arguments above and press Enter."));
}

void TracePanel::documentChanged()
{
    if (function_ && withoutPositions(session_->data()) != traced_) {
        reset();
        explain(tr("The graph changed, so it is a new function: its concrete functions are gone. Call it again."));
    }
}

bool TracePanel::call(const QString& text)
{
    const TraceArgumentsResult parsed = parseTraceArguments(text);
    if (!parsed.ok()) {
        explain(QStringLiteral("<span style='color:#c0392b'>%1</span>").arg(parsed.error.toHtmlEscaped()));
        return false;
    }
    QString note;
    try {
        // A call that binds a value no earlier call bound adds a parameter: a different function.
        std::vector<TraceArgument> named = parsed.arguments;
        if (function_)
            for (const QString& p : function_->parameters())
                named.push_back(TraceArgument{p, std::nullopt, 0, false});
        const QStringList parameters = DocumentFunction::parametersOf(session_->data(), {named});
        if (!function_ || parameters != function_->parameters()) {
            if (function_)
                note = tr("New parameters (%1): a new function, so the earlier concrete functions are gone. ")
                           .arg(parameters.join(QStringLiteral(", ")));
            function_ = std::make_unique<DocumentFunction>(session_->data(), parameters);
            traced_ = withoutPositions(session_->data());
            callCount_ = 0;
            log_->clear();
        }
        const TraceCallResult result = function_->call(parsed.arguments);
        ++callCount_;
        const QString name = q(function_->function().name());
        // A call of TensorSpecs traces without running (get_concrete_function): no value.
        const QString value = result.specOnly ? tr("(traced, not run)") : q(result.value.str());
        QString html = QStringLiteral("%1<b>Call %2</b>: %3(%4) = %5<br>")
                           .arg(note.toHtmlEscaped())
                           .arg(callCount_)
                           .arg(name.toHtmlEscaped(), q(result.call.signature).toHtmlEscaped(), value.toHtmlEscaped());
        html += result.call.traced ? tr("<b>Traced</b> concrete function #%1: %2").arg(result.concrete + 1).arg(q(result.call.reason).toHtmlEscaped())
                                   : tr("<b>No retrace</b>: %1 (#%2)").arg(q(result.call.reason).toHtmlEscaped()).arg(result.concrete + 1);
        if (!function_->function().warning().empty())
            html += QStringLiteral("<br><span style='color:#c0392b'>⚠ %1</span>").arg(q(function_->function().warning()).toHtmlEscaped());
        const QString entry = result.call.traced
                                  ? tr("%1. %2(%3) = %4: traced #%5, %6")
                                  : tr("%1. %2(%3) = %4: reused #%5, %6");
        auto* logged = new QListWidgetItem(entry.arg(callCount_)
                                               .arg(name, q(result.call.signature), value)
                                               .arg(result.concrete + 1)
                                               .arg(q(result.call.reason)),
                                           log_);
        logged->setData(Qt::UserRole, result.call.traced);
        log_->scrollToItem(logged);
        refreshList();
        if (QTreeWidgetItem* item = list_->topLevelItem(result.concrete))
            list_->setCurrentItem(item);
        explain(html);
        return true;
    } catch (const TraceError& e) {
        refreshList();
        explain(QStringLiteral("<span style='color:#c0392b'>%1</span>").arg(e.message.toHtmlEscaped()));
        return false;
    }
}

void TracePanel::refreshList()
{
    list_->clear();
    const bool any = function_ && function_->function().traceCount() > 0;
    if (function_) {
        const auto& concretes = function_->function().concreteFunctions();
        for (std::size_t i = 0; i < concretes.size(); ++i) {
            const ConcreteFunction& cf = *concretes[i];
            auto* item = new QTreeWidgetItem(list_);
            item->setText(0, QString::number(i + 1));
            item->setText(1, q(cf.signature));
            item->setText(2, QStringLiteral("%1 → %2").arg(cf.traced.nodes.size()).arg(cf.optimized.nodes.size()));
            item->setText(3, QString::number(cf.callCount));
            item->setToolTip(1, q(cf.signature));
            item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
            item->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
        }
    }
    for (QPushButton* b : {open_, openBackward_, export_, reset_})
        b->setEnabled(any);
    showPasses();
}

int TracePanel::selectedIndex() const
{
    QTreeWidgetItem* item = list_->currentItem();
    return item ? list_->indexOfTopLevelItem(item) : -1;
}

void TracePanel::showPasses()
{
    const int index = selectedIndex();
    if (!function_ || index < 0) {
        passes_->setText(tr("Passes: select a concrete function."));
        return;
    }
    const ConcreteFunction& cf = *function_->function().concreteFunctions()[static_cast<std::size_t>(index)];
    QStringList parts;
    for (const PassReport& pass : cf.passes)
        parts << QStringLiteral("%1 %2").arg(q(pass.verb)).arg(pass.changed);
    passes_->setText(tr("#%1: %2 nodes traced, %3 after the passes (%4).")
                         .arg(index + 1)
                         .arg(cf.traced.nodes.size())
                         .arg(cf.optimized.nodes.size())
                         .arg(parts.join(QStringLiteral(", "))));
}

TracedGraphWindow* TracePanel::open(int index, TracedGraphWindow::Which which)
{
    if (!function_ || index < 0 || index >= function_->function().traceCount())
        return nullptr;
    const ConcreteFunction& cf = *function_->function().concreteFunctions()[static_cast<std::size_t>(index)];
    if (window_)
        window_->close();
    try {
        window_ = new TracedGraphWindow(cf, q(function_->function().name()), function_->resultName(), this);
    } catch (const std::exception& e) {
        explain(QStringLiteral("<span style='color:#c0392b'>%1</span>").arg(QString::fromStdString(e.what()).toHtmlEscaped()));
        return nullptr;
    }
    window_->setAttribute(Qt::WA_DeleteOnClose);
    window_->show(which);
    return window_;
}

bool TracePanel::exportConcrete(int index, TracedGraphWindow::Which which, const QString& fileName, QString* error)
{
    auto fail = [&](const QString& why) {
        if (error)
            *error = why;
        return false;
    };
    if (!function_ || index < 0 || index >= function_->function().traceCount())
        return fail(tr("there is no concrete function #%1").arg(index + 1));
    if (!isTracedGraphFileName(fileName))
        return fail(tr("'%1': the file name must end in .png, .svg, .pdf or .dot").arg(fileName));
    const ConcreteFunction& cf = *function_->function().concreteFunctions()[static_cast<std::size_t>(index)];
    const QString name = function_->resultName();
    const bool forward = which == TracedGraphWindow::Which::Forward;
    try {
        const ConcreteView view(forward ? concreteDocument(cf, name) : backwardDocument(cf, name), EditorStyle::light());
        const std::string title = function_->function().name() + "(" + cf.signature + ")";
        const std::string dot = forward ? toDot(cf.optimized, title) : toDot(cf.backwardGraph(), "gradient of " + title);
        return exportTracedGraph(view, dot, fileName, 2.0, error);
    } catch (const std::exception& e) {
        return fail(QString::fromStdString(e.what()));
    }
}

void TracePanel::exportInteractive()
{
    const int index = selectedIndex();
    if (index < 0)
        return;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Concrete Function"), QStringLiteral("concrete-%1.svg").arg(index + 1),
        tr("SVG drawing (*.svg);;PNG image (*.png);;PDF document (*.pdf);;Graphviz DOT (*.dot)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportConcrete(index, TracedGraphWindow::Which::Forward, path, &error))
        QMessageBox::warning(this, tr("Export Concrete Function"), error);
}

} // namespace gs
