#pragma once

#include <QWidget>

class QLabel;

namespace gs {

/// The strip under the graph in presenter mode: the step's text (and its question), and a footer
/// that always shows where the lesson is ("step 2 of 3") and what Space does. The text is never
/// cut: it gets the largest font, up to the one for the screen, that lets all of it fit in the
/// height the strip may take.
class PresenterCaption : public QWidget {
    Q_OBJECT
public:
    explicit PresenterCaption(QWidget* parent = nullptr);

    /// `html`: the step's text and question; `progress`: "Lesson — step 2 of 3"; `hint`: what a
    /// key does now ("Space reveals the answer"), or "".
    void setContent(const QString& html, const QString& progress, const QString& hint);
    /// The font the text gets when there is room, and the most of the window's height it may take.
    void setSizing(double textPixels, double maxHeight);

    QLabel* text() const { return text_; }
    QLabel* progress() const { return progress_; }
    QLabel* hint() const { return hint_; }
    /// The text's font size chosen at the last fit, in pixels.
    int textPixels() const;
    /// Whether all of the text fits in the text area (it always should; tests check).
    bool textFits() const;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void fit();

    QLabel* text_;
    QLabel* progress_;
    QLabel* hint_;
    double preferredPixels_ = 26.0;
    double maxHeight_ = 300.0;
    bool fitting_ = false;
};

} // namespace gs
