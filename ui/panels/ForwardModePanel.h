#pragma once

#include "document/DocumentIds.h"

#include <QPointer>
#include <QString>
#include <QWidget>

#include <map>
#include <vector>

class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace gs {

class EditorSession;

/// Forward mode beside reverse mode (tf.autodiff.ForwardAccumulator): the user picks a tangent
/// for each source (a direction); the tangent flows forward along the wires with the values,
/// drawn in purple in the Forward view; the directional derivative of the target is shown beside
/// the gradient's dot product with the direction; Step replays forward mode op by op in forward
/// order; a table compares the passes and ops each mode needs for the whole Jacobian. Forward
/// mode runs only while the panel is visible.
class ForwardModePanel : public QWidget {
    Q_OBJECT
public:
    explicit ForwardModePanel(EditorSession* session, QWidget* parent = nullptr);

    /// The tangent box of source `index` (in the evaluation's order), or nullptr.
    QLineEdit* tangentEdit(int index) const;
    QLabel* jvpLabel() const { return jvp_; }
    QTableWidget* costTable() const { return cost_; }
    QLabel* stepLabel() const { return stepText_; }
    QPushButton* nextButton() const { return next_; }
    QPushButton* backButton() const { return back_; }
    QPushButton* allButton() const { return all_; }

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    /// Sends the direction typed in the boxes to the session (forward mode on).
    void apply();
    /// One row per source, keeping what was typed for sources that stay.
    void fillSources();
    void showResults();
    void step(int delta);

    QPointer<EditorSession> session_;
    QLabel* intro_;
    QWidget* sourcesBox_;
    QFormLayout* sourcesForm_;
    QLabel* jvp_;
    QTableWidget* cost_;
    QLabel* verdict_;
    QPushButton* back_;
    QPushButton* next_;
    QPushButton* all_;
    QLabel* stepText_;
    QLabel* status_;
    std::vector<NodeId> sources_;
    std::vector<QLineEdit*> edits_;
    std::map<int, QString> typed_; ///< node id -> tangent text, kept while the panel lives
};

} // namespace gs
