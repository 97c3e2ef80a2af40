#include "ui/panels/ForwardModePanel.h"

#include "document/Evaluation.h"
#include "document/GraphDocument.h"
#include "document/NodeNames.h"
#include "ui/editor/EditorSession.h"
#include "ui/editor/ValueParsing.h"
#include "ui/render/EdgePainter.h"
#include "ui/render/EditorStyle.h"
#include "ui/render/GraphOverlay.h"
#include "ui/render/ValueDisplay.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHideEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShowEvent>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace gs {

namespace {

enum CostColumn { PassesColumn, OpsColumn, TotalColumn, CostColumns };

QString tensorText(const std::optional<Tensor>& t) { return t ? compactTensor(*t, 6) : QStringLiteral("None"); }

/// sum over the sources of gradient . tangent: reverse mode's answer to the same question (None
/// gradients count as zeros), or nullopt when it cannot be put beside the JVP.
std::optional<double> gradientDotDirection(const Evaluation& e)
{
    if (!e.value || e.value->size() != 1 || e.gradients.size() != e.forward.tangents.size())
        return std::nullopt;
    double sum = 0;
    for (std::size_t i = 0; i < e.gradients.size(); ++i) {
        if (!e.gradients[i].gradient || !e.forward.tangents[i])
            continue;
        const std::vector<double> g = e.gradients[i].gradient->toDoubles();
        const std::vector<double> v = e.forward.tangents[i]->toDoubles();
        if (g.size() != v.size())
            return std::nullopt;
        for (std::size_t k = 0; k < g.size(); ++k)
            sum += g[k] * v[k];
    }
    return sum;
}

} // namespace

ForwardModePanel::ForwardModePanel(EditorSession* session, QWidget* parent)
    : QWidget(parent),
      session_(session),
      intro_(new QLabel),
      sourcesBox_(new QWidget),
      sourcesForm_(new QFormLayout(sourcesBox_)),
      jvp_(new QLabel),
      cost_(new QTableWidget(2, CostColumns)),
      verdict_(new QLabel),
      back_(new QPushButton(tr("◀"))),
      next_(new QPushButton(tr("Step ▶"))),
      all_(new QPushButton(tr("All"))),
      stepText_(new QLabel),
      status_(new QLabel)
{
    setObjectName(QStringLiteral("forwardModePanel"));
    intro_->setWordWrap(true);
    intro_->setText(tr("Forward mode, as TensorFlow's ForwardAccumulator: give each source a tangent, a direction. "
                       "The tangent ṫ flows forward along the wires with the values (purple, in the Forward view); "
                       "the target's is its derivative along that direction."));
    intro_->setToolTip(QStringLiteral("tf.autodiff.ForwardAccumulator(primals, tangents)"));
    sourcesBox_->setObjectName(QStringLiteral("forwardModeSources"));
    sourcesForm_->setContentsMargins(0, 0, 0, 0);
    jvp_->setObjectName(QStringLiteral("forwardModeJvp"));
    jvp_->setWordWrap(true);
    jvp_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    cost_->setObjectName(QStringLiteral("forwardModeCost"));
    cost_->setHorizontalHeaderLabels({tr("passes"), tr("ops/pass"), tr("op steps")});
    cost_->setVerticalHeaderLabels({tr("forward"), tr("reverse")});
    cost_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    cost_->setSelectionMode(QAbstractItemView::NoSelection);
    cost_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    cost_->horizontalHeader()->setMinimumSectionSize(20);
    cost_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    cost_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    cost_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // As narrow as the dock (the columns share its width), as tall as its two rows.
    cost_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    cost_->setMinimumWidth(150);
    cost_->setFixedHeight(cost_->horizontalHeader()->sizeHint().height() + 2 * cost_->verticalHeader()->defaultSectionSize()
                          + 2 * cost_->frameWidth());
    cost_->setToolTip(tr("For the whole Jacobian d target / d sources: one forward pass per input element gives one "
                         "column, one reverse pass per output element gives one row. Both go through the ops on a "
                         "path from the sources to the target."));
    verdict_->setObjectName(QStringLiteral("forwardModeVerdict"));
    verdict_->setWordWrap(true);

    for (QPushButton* b : {back_, next_, all_})
        b->setMinimumWidth(36); // the three fit a narrow dock
    back_->setObjectName(QStringLiteral("forwardStepBack"));
    next_->setObjectName(QStringLiteral("forwardStepNext"));
    all_->setObjectName(QStringLiteral("forwardStepAll"));
    back_->setToolTip(tr("Forward mode one op back"));
    next_->setToolTip(tr("Replay forward mode: push the tangent through the next op, in forward order"));
    all_->setToolTip(tr("Show every tangent"));
    stepText_->setObjectName(QStringLiteral("forwardStepText"));
    stepText_->setWordWrap(true);
    stepText_->setMinimumHeight(stepText_->fontMetrics().lineSpacing() * 3); // the step's text changes length
    status_->setObjectName(QStringLiteral("forwardModeStatus"));
    status_->setWordWrap(true);

    auto* steps = new QHBoxLayout;
    steps->addWidget(back_);
    steps->addWidget(next_);
    steps->addWidget(all_);
    steps->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro_);
    layout->addWidget(sourcesBox_);
    layout->addWidget(jvp_);
    layout->addLayout(steps);
    layout->addWidget(stepText_);
    layout->addWidget(cost_);
    layout->addWidget(verdict_);
    layout->addWidget(status_);
    layout->addStretch(1);

    connect(back_, &QPushButton::clicked, this, [this] { step(-1); });
    connect(next_, &QPushButton::clicked, this, [this] { step(+1); });
    connect(all_, &QPushButton::clicked, this, [this] {
        if (session_)
            session_->setTangentStep(-1);
    });
    connect(session_, &EditorSession::evaluated, this, [this] {
        fillSources();
        showResults();
    });
    connect(session_, &EditorSession::overlayChanged, this, &ForwardModePanel::showResults);
    connect(session_->document(), &GraphDocument::documentReset, this, [this] { typed_.clear(); });
    fillSources();
    showResults();
}

QLineEdit* ForwardModePanel::tangentEdit(int index) const
{
    return index >= 0 && index < static_cast<int>(edits_.size()) ? edits_[static_cast<std::size_t>(index)] : nullptr;
}

void ForwardModePanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!event->spontaneous())
        apply();
}

void ForwardModePanel::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    // Forward mode costs an evaluation of its own: none for a panel nobody sees.
    // (Not when the whole window goes: closing it needs no evaluation.)
    if (!event->spontaneous() && session_ && session_->tangents() && window()->isVisible())
        session_->setTangents(std::nullopt);
}

void ForwardModePanel::fillSources()
{
    if (!session_)
        return;
    const std::vector<NodeId> sources = session_->watchedSources();
    if (sources == sources_ && edits_.size() == sources.size())
        return;
    // New sources (another graph, other watched ones): their direction is sent once the rows are
    // made, after the evaluation that showed them is done.
    if (isVisible() && session_->tangents())
        QTimer::singleShot(0, this, &ForwardModePanel::apply);
    sources_ = sources;
    while (sourcesForm_->rowCount() > 0)
        sourcesForm_->removeRow(0);
    edits_.clear();
    const GraphData& data = session_->data();
    for (std::size_t i = 0; i < sources_.size(); ++i) {
        const NodeId id = sources_[i];
        auto* edit = new QLineEdit;
        edit->setObjectName(QStringLiteral("forwardTangent%1").arg(i));
        // The first source along 1, the others 0: the first column of the Jacobian (the book's 36).
        const auto typed = typed_.find(id.value);
        edit->setText(typed != typed_.end() ? typed->second : i == 0 ? QStringLiteral("1.0") : QStringLiteral("0.0"));
        edit->setToolTip(tr("The tangent of %1: a number, or a list such as [1, 0] for a vector").arg(friendlyName(data, id)));
        connect(edit, &QLineEdit::editingFinished, this, [this, id, edit] {
            typed_[id.value] = edit->text();
            apply();
        });
        edits_.push_back(edit);
        sourcesForm_->addRow(QStringLiteral("ṫ %1").arg(friendlyName(data, id)), edit);
    }
}

void ForwardModePanel::apply()
{
    if (!session_ || !isVisible())
        return;
    fillSources();
    std::unordered_map<NodeId, TensorValue> tangents;
    QStringList bad;
    for (std::size_t i = 0; i < sources_.size() && i < edits_.size(); ++i) {
        const std::optional<TensorValue> value = parseTensorValue(edits_[i]->text());
        // The box itself says what is wrong, so the student sees which tangent to fix.
        edits_[i]->setProperty("invalid", !value);
        edits_[i]->setStyleSheet(value ? QString() : QStringLiteral("QLineEdit { border: 2px solid #D55E00; }"));
        if (!value) {
            bad << friendlyName(session_->data(), sources_[i]);
            continue;
        }
        tangents[sources_[i]] = *value;
    }
    if (!bad.isEmpty()) {
        status_->setText(tr("Not a number or a list of numbers: the tangent of %1").arg(bad.join(QStringLiteral(", "))));
        return;
    }
    // Tangents are drawn in the Forward view, where the values flow.
    session_->setViewMode(ViewMode::Forward);
    session_->setTangents(std::move(tangents));
}

void ForwardModePanel::step(int delta)
{
    if (!session_ || !session_->tangents())
        return;
    session_->setViewMode(ViewMode::Forward);
    session_->setStep(-1); // the backward replay steps aside
    const int count = session_->tangentStepCount();
    const int at = session_->tangentStep() < 0 ? (delta > 0 ? 0 : count) : session_->tangentStep();
    session_->setTangentStep(std::clamp(at + delta, 0, count));
}

void ForwardModePanel::showResults()
{
    if (!session_)
        return;
    const Evaluation& e = session_->evaluation();
    const ForwardModeResult& f = e.forward;
    const GraphData& data = session_->data();
    const bool on = f.requested;
    for (QPushButton* b : {back_, next_, all_})
        b->setEnabled(on && f.ok() && !f.steps.empty());
    if (!on) {
        jvp_->setText(tr("Forward mode runs while this panel is shown."));
        stepText_->clear();
        status_->clear();
        return;
    }
    if (!e.ok()) {
        jvp_->setText(e.error);
        status_->clear();
        return;
    }
    if (!f.ok()) {
        jvp_->setText(QString());
        status_->setText(f.error);
        return;
    }
    status_->clear();
    QStringList direction;
    for (std::size_t i = 0; i < f.sources.size() && i < f.tangents.size(); ++i)
        direction << tensorText(f.tangents[i]);
    const QString target = friendlyName(data, e.target);
    QString text = tr("jvp: d%1 along (%2) = %3").arg(target, direction.join(QStringLiteral(", ")), tensorText(f.jvp));
    if (!f.jvp)
        text += tr(" (%1 does not depend on the sources through differentiable ops)").arg(target);
    else if (const std::optional<double> dot = gradientDotDirection(e))
        text += tr("\nreverse mode agrees: gradient · direction = %1").arg(compactTensor(Tensor::scalar(*dot, e.value->dtype()), 1));
    jvp_->setText(text);

    const ModeCost& c = f.cost;
    const long long rows[2][3] = {{c.forwardPasses(), c.opsPerPass, c.forwardOps()},
                                  {c.reversePasses(), c.opsPerPass, c.reverseOps()}};
    for (int r = 0; r < 2; ++r)
        for (int col = 0; col < CostColumns; ++col) {
            auto* item = new QTableWidgetItem(QString::number(rows[r][col]));
            item->setTextAlignment(Qt::AlignCenter);
            cost_->setItem(r, col, item);
        }
    const QString whole = tr("The whole Jacobian of %1 (%2 output element%3, %4 input element%5): ")
                              .arg(target)
                              .arg(c.outputs)
                              .arg(c.outputs == 1 ? "" : "s")
                              .arg(c.inputs)
                              .arg(c.inputs == 1 ? "" : "s");
    verdict_->setText(whole + (c.inputs > c.outputs   ? tr("reverse mode wins, one pass per output (%1 < %2).").arg(c.outputs).arg(c.inputs)
                               : c.inputs < c.outputs ? tr("forward mode wins, one pass per input (%1 < %2).").arg(c.inputs).arg(c.outputs)
                                                      : tr("a tie: as many passes either way.")));

    const int at = session_->tangentStep();
    if (at < 0)
        stepText_->setText(tr("All %1 forward steps shown; Step replays them one op at a time.").arg(f.steps.size()));
    else if (at == 0)
        stepText_->setText(tr("Forward step 0 of %1: only the sources' tangents.").arg(f.steps.size()));
    else
        stepText_->setText(tr("Forward step %1 of %2: %3")
                               .arg(at)
                               .arg(f.steps.size())
                               .arg(describeForwardStep(data, e, static_cast<std::size_t>(at - 1))));
}

} // namespace gs
