#pragma once

#include <QWidget>

#include <memory>

namespace gs {

class GraphPicture;

/// Shows one GraphPicture at its natural size (put it in a QScrollArea to scroll), so that what
/// the window shows is exactly what an export of the same picture writes.
class PictureWidget : public QWidget {
    Q_OBJECT
public:
    explicit PictureWidget(QWidget* parent = nullptr);
    ~PictureWidget() override;

    /// Takes the picture (which refers to data that must outlive it).
    void setPicture(std::unique_ptr<GraphPicture> picture);
    const GraphPicture* picture() const { return picture_.get(); }

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    std::unique_ptr<GraphPicture> picture_;
};

} // namespace gs
