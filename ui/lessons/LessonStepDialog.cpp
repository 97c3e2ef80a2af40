#include "ui/lessons/LessonStepDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace gs {

LessonStepDialog::LessonStepDialog(const QString& text, const QString& question, const QStringList& conceal, QWidget* parent)
    : QDialog(parent)
    , source_(new QPlainTextEdit(text, this))
    , preview_(new QTextBrowser(this))
    , question_(new QLineEdit(question, this))
    , gradients_(new QCheckBox(tr("the gradients"), this))
    , values_(new QCheckBox(tr("the values computed from the inputs"), this))
{
    gradients_->setObjectName(QStringLiteral("concealGradients"));
    values_->setObjectName(QStringLiteral("concealValues"));
    gradients_->setChecked(conceal.contains(QStringLiteral("gradients")));
    values_->setChecked(conceal.contains(QStringLiteral("values")));
    gradients_->setToolTip(tr("On the wires, in the answer and in the tape's table, until Space or the next step"));
    setWindowTitle(tr("Edit Lesson Step"));
    source_->setObjectName(QStringLiteral("stepSource"));
    question_->setObjectName(QStringLiteral("stepQuestion"));
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(source_);
    splitter->addWidget(preview_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto* form = new QFormLayout;
    form->addRow(tr("Question (answered by the next step):"), question_);
    auto* hidden = new QHBoxLayout;
    hidden->addWidget(gradients_);
    hidden->addWidget(values_);
    hidden->addStretch();
    form->addRow(tr("Hide until revealed:"), hidden);
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

QStringList LessonStepDialog::conceal() const
{
    QStringList parts;
    if (gradients_->isChecked())
        parts << QStringLiteral("gradients");
    if (values_->isChecked())
        parts << QStringLiteral("values");
    return parts;
}

bool LessonStepDialog::ask(QWidget* parent, QString& text, QString& question, QStringList& conceal)
{
    LessonStepDialog dialog(text, question, conceal, parent);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    text = dialog.text();
    question = dialog.question();
    conceal = dialog.conceal();
    return true;
}

} // namespace gs
