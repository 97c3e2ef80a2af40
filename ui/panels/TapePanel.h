#pragma once

#include "document/GraphData.h"

#include <QWidget>

#include <map>

class QCheckBox;
class QComboBox;
class QLabel;
class QRadioButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace gs {

class DerivativeMatrix;
class EditorSession;
class GraphEditing;

/// The gradient tape's settings and its answer: which view the graph shows (forward values or
/// gradients), the dtype everything runs in, the target, the sources the tape watches (each
/// with its gradient, or None and the reason), as in the book's `tape.gradient(z, [w1, w2])`;
/// and, when asked, the Jacobian and the Hessian as matrices headed by the sources' names.
class TapePanel : public QWidget {
    Q_OBJECT
public:
    TapePanel(EditorSession* session, GraphEditing* editing, QWidget* parent = nullptr);

    QRadioButton* forwardButton() const { return forward_; }
    QRadioButton* gradientButton() const { return gradient_; }
    QComboBox* dtypeBox() const { return dtype_; }
    QComboBox* targetBox() const { return target_; }
    QTreeWidget* sourceList() const { return sources_; }
    QLabel* noneReasons() const { return reasons_; }
    QCheckBox* jacobianBox() const { return jacobian_; }
    QCheckBox* hessianBox() const { return hessian_; }
    DerivativeMatrix* jacobianMatrix() const { return jacobianMatrix_; }
    DerivativeMatrix* hessianMatrix() const { return hessianMatrix_; }
    QLabel* hessianTitle() const { return hessianTitle_; }
    /// Why the Jacobian or the Hessian could not be computed (empty and hidden when they could).
    QLabel* derivatives() const { return derivatives_; }

private:
    void refresh();
    void showDerivatives();
    void sourceToggled(QTreeWidgetItem* item);

    EditorSession* session_;
    GraphEditing* editing_;
    QRadioButton* forward_;
    QRadioButton* gradient_;
    QComboBox* dtype_;
    QComboBox* target_;
    QTreeWidget* sources_;
    QLabel* reasons_;
    QLabel* status_;
    QCheckBox* jacobian_;
    QCheckBox* hessian_;
    DerivativeMatrix* jacobianMatrix_;
    QLabel* hessianTitle_;
    DerivativeMatrix* hessianMatrix_;
    QLabel* derivatives_;
    std::map<NodeId, Node> namedNodes_; ///< what the target list was named from
    std::map<ConnectionId, Connection> namedConnections_;
    bool refreshing_ = false;
    bool hiddenShown_ = false; ///< whether the table shows concealed gradients as "?"
};

} // namespace gs
