#pragma once

#include "document/DocumentIds.h"

#include <QPointer>
#include <QWidget>

#include <vector>

class QCheckBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;

namespace gs {

class EditorSession;
class GraphEditing;
class GraphScene;
class SelectionSummary;

/// The selected node in detail: its op, label, attributes, shape, dtype, value and gradient.
/// The label, the attributes and the value of a variable, constant or input can be edited by
/// typing (one command per edit), and a scalar value also with a slider that re-evaluates the
/// graph live while it moves and becomes one command when it is released. With several nodes
/// selected on the canvas it shows how many and which (see SelectionSummary).
class InspectorPanel : public QWidget {
    Q_OBJECT
public:
    InspectorPanel(EditorSession* session, GraphEditing* editing, QWidget* parent = nullptr);

    NodeId node() const { return node_; }
    void setNode(NodeId id);

    QLineEdit* valueField() const { return value_; }
    QSlider* slider() const { return slider_; }
    QLineEdit* labelField() const { return label_; }
    QLabel* heading() const { return heading_; }
    SelectionSummary* selectionSummary() const { return summary_; }

    /// The slider's range around the current value, and the value at a slider position.
    static constexpr int sliderSteps = 1000;
    double sliderValue(int position) const;

private:
    void rebuild();
    /// The canvas's selected nodes when there are two or more (the summary shows them), else none.
    std::vector<NodeId> severalSelected() const;
    void refreshValues();
    void commitLabel();
    void commitValue();
    void commitAttr(const QString& name, QLineEdit* field);
    void sliderMoved(int position);
    void sliderReleased();
    void setSliderRange(double centre);

    EditorSession* session_;
    GraphEditing* editing_;
    QPointer<GraphScene> scene_;
    NodeId node_;
    QLabel* heading_;
    QWidget* form_;
    QFormLayout* layout_;
    QLineEdit* label_;
    QLabel* kind_;
    std::vector<std::pair<QString, QLineEdit*>> attrs_;
    QLabel* type_;
    QLineEdit* value_;
    QLabel* valueText_;
    QSlider* slider_;
    QLabel* sliderRange_;
    QCheckBox* trainable_;
    QLabel* gradient_;
    QLabel* error_;
    QPushButton* makeTarget_;
    QCheckBox* watched_;
    QLabel* empty_;
    SelectionSummary* summary_;
    double sliderLow_ = -10;
    double sliderHigh_ = 10;
};

} // namespace gs
