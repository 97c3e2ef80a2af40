#include "ui/panels/TapePanel.h"

#include "document/GraphDocument.h"
#include "document/NodeNames.h"
#include "ui/editor/EditorSession.h"
#include "ui/editor/GraphEditing.h"
#include "ui/panels/DerivativeMatrix.h"
#include "ui/panels/DerivativeTables.h"
#include "ui/render/ValueDisplay.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QFontDatabase>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QRadioButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace gs {

namespace {
constexpr int idRole = Qt::UserRole + 1;
}

TapePanel::TapePanel(EditorSession* session, GraphEditing* editing, QWidget* parent)
    : QWidget(parent)
    , session_(session)
    , editing_(editing)
    , forward_(new QRadioButton(tr("Forward"), this))
    , gradient_(new QRadioButton(tr("Gradients"), this))
    , dtype_(new QComboBox(this))
    , target_(new QComboBox(this))
    , sources_(new QTreeWidget(this))
    , reasons_(new QLabel(this))
    , status_(new QLabel(this))
    , jacobian_(new QCheckBox(tr("Jacobian"), this))
    , hessian_(new QCheckBox(tr("Hessian"), this))
    , jacobianMatrix_(new DerivativeMatrix(this))
    , hessianTitle_(new QLabel(this))
    , hessianMatrix_(new DerivativeMatrix(this))
    , derivatives_(new QLabel(this))
{
    jacobian_->setObjectName(QStringLiteral("jacobianBox"));
    hessian_->setObjectName(QStringLiteral("hessianBox"));
    derivatives_->setObjectName(QStringLiteral("derivatives"));
    jacobianMatrix_->setObjectName(QStringLiteral("jacobianMatrix"));
    hessianMatrix_->setObjectName(QStringLiteral("hessianMatrix"));
    hessianTitle_->setObjectName(QStringLiteral("hessianTitle"));
    // One line that never widens the dock: a word-wrapped label would make the dock's scroll area
    // lay the panel out at its preferred height, pushing the matrices below the fold at 1024x768.
    hessianTitle_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    jacobian_->setToolTip(tr("d target[i] / d source[j] for each source (tape.jacobian)"));
    hessian_->setToolTip(tr("Second derivatives between every two sources (a tape watching a tape)"));
    derivatives_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    derivatives_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    derivatives_->setWordWrap(true);
    forward_->setObjectName(QStringLiteral("forwardViewButton"));
    forward_->setToolTip(tr("The values flowing forward (Ctrl+1)"));
    gradient_->setToolTip(tr("The gradients flowing back (Ctrl+2)"));
    gradient_->setObjectName(QStringLiteral("gradientViewButton"));
    dtype_->setObjectName(QStringLiteral("dtypeBox"));
    target_->setObjectName(QStringLiteral("targetBox"));
    target_->setPlaceholderText(tr("no target: choose one"));
    sources_->setObjectName(QStringLiteral("sourceList"));
    reasons_->setObjectName(QStringLiteral("noneReasons"));
    auto* group = new QButtonGroup(this);
    group->addButton(forward_);
    group->addButton(gradient_);
    auto* views = new QHBoxLayout;
    views->addWidget(forward_);
    views->addWidget(gradient_);
    views->addStretch(1);

    dtype_->addItem(tr("as declared"));
    dtype_->addItem(QStringLiteral("float32"));
    dtype_->addItem(QStringLiteral("float64"));
    dtype_->setToolTip(tr("Run the whole graph in float32 or float64 (an overflow in float32 may vanish in float64)"));

    sources_->setColumnCount(2);
    sources_->setHeaderLabels({tr("source"), tr("gradient")});
    sources_->setRootIsDecorated(false);
    sources_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    sources_->setToolTip(tr("Tick the values the tape watches: their gradients are computed"));
    reasons_->setWordWrap(true);
    reasons_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    status_->setWordWrap(true);
    status_->setStyleSheet(QStringLiteral("color: #D55E00;"));

    auto* form = new QFormLayout;
    form->addRow(tr("View"), views);
    form->addRow(tr("dtype"), dtype_);
    form->addRow(tr("Target"), target_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Sources the tape watches:"), this));
    layout->addWidget(sources_, 1);
    layout->addWidget(reasons_);
    auto* more = new QHBoxLayout;
    more->addWidget(jacobian_);
    more->addWidget(hessian_);
    more->addStretch(1);
    layout->addLayout(more);
    layout->addWidget(jacobianMatrix_);
    layout->addWidget(hessianTitle_);
    layout->addWidget(hessianMatrix_);
    layout->addWidget(derivatives_);
    layout->addWidget(status_);

    connect(forward_, &QRadioButton::toggled, this, [this](bool on) {
        if (on && !refreshing_)
            session_->setViewMode(ViewMode::Forward);
    });
    connect(gradient_, &QRadioButton::toggled, this, [this](bool on) {
        if (on && !refreshing_)
            session_->setViewMode(ViewMode::Gradient);
    });
    connect(dtype_, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (refreshing_)
            return;
        session_->setDType(index == 1 ? std::optional(DType::Float32)
                           : index == 2 ? std::optional(DType::Float64)
                                        : std::nullopt);
    });
    // Both lists are rebuilt by the evaluation a change causes: act once their signals are done.
    connect(target_, &QComboBox::activated, this, [this](int index) {
        const NodeId id{target_->itemData(index).toInt()};
        QMetaObject::invokeMethod(this, [this, id] { editing_->setTarget(id); }, Qt::QueuedConnection);
    });
    connect(jacobian_, &QCheckBox::toggled, this, [this](bool on) {
        if (!refreshing_)
            session_->setJacobian(on);
    });
    connect(hessian_, &QCheckBox::toggled, this, [this](bool on) {
        if (!refreshing_)
            session_->setHessian(on);
    });
    connect(sources_, &QTreeWidget::itemChanged, this, &TapePanel::sourceToggled);
    connect(session_, &EditorSession::evaluated, this, &TapePanel::refresh);
    connect(session_, &EditorSession::settingsChanged, this, &TapePanel::refresh);
    connect(session_, &EditorSession::overlayChanged, this, [this] {
        if (hiddenShown_ != session_->concealment().gradients)
            refresh();
    });
    refresh();
}

void TapePanel::refresh()
{
    refreshing_ = true;
    const GraphData& data = session_->data();
    const Evaluation& ev = session_->evaluation();
    forward_->setChecked(session_->viewMode() == ViewMode::Forward);
    gradient_->setChecked(session_->viewMode() == ViewMode::Gradient);
    dtype_->setCurrentIndex(!session_->dtype() ? 0 : *session_->dtype() == DType::Float64 ? 2 : 1);
    dtype_->setItemText(0, tr("as declared (%1)").arg(QLatin1StringView(dtypeName(documentDType(data)).data())));

    // Named as students read them elsewhere: by label, else by what they compute. Naming every
    // node of a large graph costs more than an evaluation, so the list is remade only when the
    // graph itself changed, not after every evaluation.
    const NodeNamer names(data);
    if (namedNodes_ != data.nodes || namedConnections_ != data.connections || target_->count() == 0) {
        namedNodes_ = data.nodes;
        namedConnections_ = data.connections;
        target_->clear();
        for (NodeId id : data.topologicalOrder({}))
            target_->addItem(names.name(id), id.value);
    }
    // No target (none chosen yet, or it was deleted): the box says so, as the answer does,
    // instead of showing the first node as if it were the target.
    target_->setCurrentIndex(data.target.valid() ? target_->findData(data.target.value) : -1);

    const std::vector<NodeId> watched = session_->watchedSources();
    const bool hidden = session_->concealment().gradients;
    sources_->clear();
    QStringList reasons;
    const QString target = data.target.valid() ? derivativeName(data, data.target) : tr("the target");
    for (const auto& [id, n] : data.nodes) {
        // Variables and inputs, and constants with a name (literals like the 3 in 3 * w1 are noise).
        if (n.scope.valid() || (n.kind != NodeKind::Variable && n.kind != NodeKind::Input && n.kind != NodeKind::Constant))
            continue;
        if (n.kind == NodeKind::Constant && n.label.isEmpty() && std::find(watched.begin(), watched.end(), id) == watched.end())
            continue;
        auto* item = new QTreeWidgetItem(sources_, QStringList{names.name(id)});
        item->setData(0, idRole, id.value);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        const bool on = std::find(watched.begin(), watched.end(), id) != watched.end();
        item->setCheckState(0, on ? Qt::Checked : Qt::Unchecked);
        for (const SourceGradient& g : ev.gradients) {
            if (g.node != id)
                continue;
            if (hidden) {
                item->setText(1, concealedText());
                item->setToolTip(1, tr("Hidden until the question is revealed (Space)"));
                continue;
            }
            item->setText(1, g.gradient ? compactTensor(*g.gradient, 4) : QStringLiteral("None"));
            if (!g.gradient) {
                item->setToolTip(1, g.noneReason);
                reasons << tr("∂%1/∂%2 is None: %3").arg(target, derivativeName(data, id), g.noneReason);
            }
        }
    }
    reasons_->setText(reasons.join(u'\n'));
    reasons_->setVisible(!reasons.isEmpty());
    QString problem = ev.error;
    if (problem.isEmpty() && !ev.gradientError.isEmpty())
        problem = tr("the backward pass failed: %1").arg(ev.gradientError);
    status_->setText(problem);
    status_->setVisible(!problem.isEmpty());
    jacobian_->setChecked(session_->jacobian());
    hessian_->setChecked(session_->hessian());
    showDerivatives();
    hiddenShown_ = hidden;
    refreshing_ = false;
}

void TapePanel::showDerivatives()
{
    const GraphData& data = session_->data();
    const Evaluation& ev = session_->evaluation();
    const bool hidden = session_->concealment().gradients;
    QStringList problems;
    const DerivativeTable jacobian = session_->jacobian() ? jacobianTable(data, ev, hidden) : DerivativeTable{};
    if (session_->jacobian() && !ev.jacobianError.isEmpty())
        problems << tr("Jacobian: %1").arg(ev.jacobianError);
    jacobianMatrix_->setTable(jacobian);
    jacobianMatrix_->setVisible(!jacobian.empty());

    const DerivativeTable hessian = session_->hessian() ? hessianTable(data, ev, hidden) : DerivativeTable{};
    if (session_->hessian() && !ev.hessianError.isEmpty())
        problems << tr("Hessian: %1").arg(ev.hessianError);
    const QString target = ev.target.valid() ? derivativeName(data, ev.target, 12) : QStringLiteral("f");
    // The matrix's headings are bare names: the title says what an entry is.
    hessianTitle_->setText(tr("Hessian ∂²%1 / ∂row ∂column").arg(target));
    hessianTitle_->setToolTip(tr("Row i holds the derivatives of the gradient ∂%1/∂(row i), taken by each source "
                                 "(a tape watching a tape)").arg(target));
    hessianMatrix_->setTable(hessian);
    hessianTitle_->setVisible(!hessian.empty());
    hessianMatrix_->setVisible(!hessian.empty());

    derivatives_->setText(problems.join(u'\n'));
    derivatives_->setVisible(!problems.isEmpty());
}

void TapePanel::sourceToggled(QTreeWidgetItem* item)
{
    if (refreshing_ || !item)
        return;
    const NodeId id{item->data(0, idRole).toInt()};
    const bool on = item->checkState(0) == Qt::Checked;
    QMetaObject::invokeMethod(this, [this, id, on] { editing_->setWatched(id, on); }, Qt::QueuedConnection);
}

} // namespace gs
