#pragma once

#include <QDialog>

class QCheckBox;
class QLineEdit;
class QPlainTextEdit;
class QTextBrowser;

namespace gs {

/// Edits a step's text (rich text, written as HTML, with a live preview), its question, and
/// what the question hides until the teacher reveals it (the gradients, the computed values).
class LessonStepDialog : public QDialog {
    Q_OBJECT
public:
    LessonStepDialog(const QString& text, const QString& question, const QStringList& conceal, QWidget* parent = nullptr);

    QString text() const;
    QString question() const;
    /// The parts ticked, as written in files (see concealableParts()).
    QStringList conceal() const;

    /// Shows the dialog; false when cancelled, else the arguments hold the new text, question
    /// and concealed parts.
    static bool ask(QWidget* parent, QString& text, QString& question, QStringList& conceal);

private:
    QPlainTextEdit* source_;
    QTextBrowser* preview_;
    QLineEdit* question_;
    QCheckBox* gradients_;
    QCheckBox* values_;
};

} // namespace gs
