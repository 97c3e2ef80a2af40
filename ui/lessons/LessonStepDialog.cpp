#include "ui/lessons/LessonStepDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace gs {

LessonStepDialog::LessonStepDialog(const QString& text, const QString& question, QWidget* parent)
    : QDialog(parent)
    , source_(new QPlainTextEdit(text, this))
    , preview_(new QTextBrowser(this))
    , question_(new QLineEdit(question, this))
{
    setWindowTitle(tr("Edit Lesson Step"));
    source_->setObjectName(QStringLiteral("stepSource"));
    question_->setObjectName(QStringLiteral("stepQuestion"));
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(source_);
    splitter->addWidget(preview_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto* form = new QFormLayout;
    form->addRow(tr("Question (answered by the next step):"), question_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(source_, &QPlainTextEdit::textChanged, this, [this] { preview_->setHtml(source_->toPlainText()); });
    preview_->setHtml(text);
    resize(760, 420);
}

QString LessonStepDialog::text() const { return source_->toPlainText(); }

QString LessonStepDialog::question() const { return question_->text(); }

bool LessonStepDialog::ask(QWidget* parent, QString& text, QString& question)
{
    LessonStepDialog dialog(text, question, parent);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    text = dialog.text();
    question = dialog.question();
    return true;
}

} // namespace gs
