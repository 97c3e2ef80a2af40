#include "ui/panels/DerivativeTables.h"

#include "document/Evaluation.h"
#include "document/NodeNames.h"
#include "ui/render/GraphOverlay.h"
#include "ui/render/ValueDisplay.h"

#include <QCoreApplication>

namespace gs {

namespace {

// Headings must fit a dock about 260 pixels wide with two columns of numbers beside them.
constexpr int headingLength = 12;
// A cell shows what fits its width; its tooltip the whole value, as far as one line can hold it.
constexpr int cellElements = 4;
constexpr int toolTipElements = 64;

QString tr(const char* text) { return QCoreApplication::translate("gs::DerivativeTables", text); }

DerivativeCell concealedCell()
{
    return {concealedText(), tr("Hidden until the question is revealed (Space)"), false};
}

DerivativeCell noneCell(const QString& why) { return {QStringLiteral("None"), tr("None: %1").arg(why), true}; }

DerivativeCell valueCell(const Tensor& t, const QString& name)
{
    return {compactTensor(t, cellElements), QStringLiteral("%1 = %2").arg(name, compactTensor(t, toolTipElements)), false};
}

int rankOf(const Evaluation& ev, NodeId id)
{
    const NodeResult* r = ev.node(id);
    return r && r->value ? r->value->rank() : 0;
}

} // namespace

DerivativeTable jacobianTable(const GraphData& data, const Evaluation& ev, bool concealed)
{
    DerivativeTable table;
    const std::size_t count = std::min(ev.jacobian.size(), ev.gradients.size());
    if (count == 0)
        return table;
    const QString target = derivativeName(data, ev.target, headingLength);
    const QString fullTarget = derivativeName(data, ev.target);
    // An index only where there is something to index: a scalar target has no f[i].
    const QString targetIndex = ev.value && ev.value->rank() > 0 ? QStringLiteral("[i]") : QString();
    QStringList sources;
    for (std::size_t j = 0; j < count; ++j)
        sources << friendlyName(data, ev.gradients[j].node);
    table.columns << tr("Jacobian");
    table.columnToolTips << tr("tape.jacobian(%1, [%2]): how each entry of %1 changes with each source")
                                .arg(friendlyName(data, ev.target), sources.join(QStringLiteral(", ")));
    for (std::size_t j = 0; j < count; ++j) {
        const SourceGradient& g = ev.gradients[j];
        const QString sourceIndex = rankOf(ev, g.node) > 0 ? QStringLiteral("[j]") : QString();
        auto heading = [&](const QString& f, const QString& w) {
            return QStringLiteral("∂%1%2/∂%3%4").arg(f, targetIndex, w, sourceIndex);
        };
        const QString full = heading(fullTarget, derivativeName(data, g.node));
        table.rows << heading(target, derivativeName(data, g.node, headingLength));
        table.rowToolTips << full;
        if (concealed)
            table.cells.push_back({concealedCell()});
        else if (const std::optional<Tensor>& entry = ev.jacobian[j])
            table.cells.push_back({valueCell(*entry, full)});
        else
            table.cells.push_back({noneCell(!g.noneReason.isEmpty()
                                                ? g.noneReason
                                                : tr("%1 does not depend on %2 (TensorFlow returns None, not 0)")
                                                      .arg(quotedName(data, ev.target), quotedName(data, g.node)))});
    }
    return table;
}

DerivativeTable hessianTable(const GraphData& data, const Evaluation& ev, bool concealed)
{
    DerivativeTable table;
    const std::size_t count = std::min(ev.hessian.size(), ev.gradients.size());
    if (count == 0)
        return table;
    const QString f = derivativeName(data, ev.target);
    for (std::size_t i = 0; i < count; ++i) {
        const NodeId id = ev.gradients[i].node;
        table.rows << friendlyName(data, id, headingLength);
        table.columns << friendlyName(data, id, headingLength);
        table.rowToolTips << tr("Row %1: the derivatives of ∂%2/∂%1").arg(derivativeName(data, id), f);
        table.columnToolTips << tr("Column %1: each row's gradient differentiated by %1").arg(derivativeName(data, id));
    }
    for (std::size_t i = 0; i < count; ++i) {
        const SourceGradient& g = ev.gradients[i];
        const QString wi = derivativeName(data, g.node);
        const QString gradient = QStringLiteral("∂%1/∂%2").arg(f, wi);
        std::vector<DerivativeCell> row;
        for (std::size_t j = 0; j < count && j < ev.hessian[i].size(); ++j) {
            const QString wj = derivativeName(data, ev.gradients[j].node);
            const QString name = i == j ? QStringLiteral("∂²%1/∂%2²").arg(f, wi) : QStringLiteral("∂²%1/∂%2∂%3").arg(f, wi, wj);
            if (concealed)
                row.push_back(concealedCell());
            else if (const std::optional<Tensor>& entry = ev.hessian[i][j])
                row.push_back(valueCell(*entry, name));
            else if (!g.gradient)
                // Nothing to differentiate: the whole row is None.
                row.push_back(noneCell(tr("the gradient %1 is None itself (%2), so it has no derivative by %3")
                                           .arg(gradient, g.noneReason.isEmpty() ? tr("no gradient reaches %1").arg(wi) : g.noneReason, wj)));
            else {
                // A gradient that never touches source j: a constant as far as j is concerned.
                // Its value, when short, makes that concrete ("10.0 whatever w2 is").
                const QString constant = g.gradient->rank() == 0
                                             ? tr(" (it is %1 whatever %2 is)").arg(compactTensor(*g.gradient), wj)
                                             : QString();
                row.push_back(noneCell(tr("the gradient %1 does not depend on %2%3, so its derivative is 0, "
                                          "but TensorFlow returns None, not 0")
                                           .arg(gradient, wj, constant)));
            }
        }
        table.cells.push_back(std::move(row));
    }
    return table;
}

} // namespace gs
