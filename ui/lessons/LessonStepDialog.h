#pragma once

#include <QDialog>

class QLineEdit;
class QPlainTextEdit;
class QTextBrowser;

namespace gs {

/// Edits a step's text (rich text, written as HTML, with a live preview) and its question.
class LessonStepDialog : public QDialog {
    Q_OBJECT
public:
    LessonStepDialog(const QString& text, const QString& question, QWidget* parent = nullptr);

    QString text() const;
    QString question() const;

    /// Shows the dialog; false when cancelled, else `text` and `question` hold the new ones.
    static bool ask(QWidget* parent, QString& text, QString& question);

private:
    QPlainTextEdit* source_;
    QTextBrowser* preview_;
    QLineEdit* question_;
};

} // namespace gs
