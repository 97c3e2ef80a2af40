#pragma once

#include "document/DocumentIds.h"

#include <QWidget>

#include <vector>

class QCheckBox;
class QLabel;

namespace gs {

class EditorSession;

/// The Inspector's page for several selected nodes (as in Blender and Unreal): which nodes they
/// are, by their friendly names, and the one setting that several nodes share without ambiguity,
/// whether the selected variables are trainable (one undoable step for all of them). Labels,
/// values and attributes belong to one node each, so it says to select one node to edit them.
class SelectionSummary : public QWidget {
    Q_OBJECT
public:
    explicit SelectionSummary(EditorSession* session, QWidget* parent = nullptr);

    /// Shows `nodes` (two or more); "3 nodes selected" is the Inspector's heading.
    void setNodes(const std::vector<NodeId>& nodes);
    const std::vector<NodeId>& nodes() const { return nodes_; }
    static QString heading(std::size_t count);

    QLabel* namesLabel() const { return names_; }
    QCheckBox* trainableBox() const { return trainable_; }

private:
    std::vector<NodeId> variables() const;
    void setTrainable(bool on);

    EditorSession* session_;
    std::vector<NodeId> nodes_;
    QLabel* names_;
    QCheckBox* trainable_;
    QLabel* hint_;
};

} // namespace gs
