#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace gs {

struct Evaluation;
struct GraphData;

/// One entry of a derivative matrix as the Gradient Tape dock shows it.
struct DerivativeCell {
    QString text;    ///< short enough for a narrow dock: "6.0", "[40.0, 46.0, 50.0]", "None", "?"
    QString toolTip; ///< the whole value, or why it is None, in words for students
    bool none = false;
};

/// The Jacobian or the Hessian laid out as a matrix with named rows and columns, ready for a
/// table. Headings are short (the dock is narrow); their tooltips say them in full.
struct DerivativeTable {
    QStringList rows;
    QStringList columns;
    QStringList rowToolTips;
    QStringList columnToolTips;
    std::vector<std::vector<DerivativeCell>> cells; ///< [row][column]

    bool empty() const { return cells.empty(); }
};

/// tape.jacobian(f, sources): one row per source, headed as the derivative it holds: "∂f/∂w1"
/// for a scalar target (no index: there is only one f), "∂f[i]/∂w1" when the target has
/// entries, "∂f/∂x[j]" when the source has. Empty when the evaluation has no Jacobian.
/// `concealed`: a lesson hides gradients until its question is revealed.
DerivativeTable jacobianTable(const GraphData& data, const Evaluation& ev, bool concealed);

/// The Hessian: row i holds the derivatives of the gradient ∂f/∂(source i), column j says by
/// which source, both headed by the sources' names. A None entry says why: that gradient does
/// not depend on source j, or is None itself. Empty when the evaluation has no Hessian.
DerivativeTable hessianTable(const GraphData& data, const Evaluation& ev, bool concealed);

} // namespace gs
