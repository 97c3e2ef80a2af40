#include "ui/panels/FormulaBar.h"

#include "document/FormulaReader.h"
#include "document/FormulaWriter.h"
#include "document/GraphDocument.h"
#include "document/commands/DocumentCommands.h"
#include "ui/editor/EditorSession.h"

#include <QFontDatabase>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace gs {

namespace {

/// Undeclared names in a new formula become variables without values: give them the values of
/// the variables with the same names in the old graph (and their trainable flags).
void keepValues(const GraphData& old, GraphData& next)
{
    for (auto& [id, n] : next.nodes) {
        if (n.kind != NodeKind::Variable || n.value || n.label.isEmpty() || n.scope.valid())
            continue;
        const NodeId before = old.findLabel(n.label);
        if (const Node* o = old.node(before); o && o->value) {
            n.value = o->value;
            n.trainable = o->trainable;
        }
    }
}

} // namespace

void FormulaBar::setVisibleLines(int lines)
{
    edit_->setFixedHeight(QFontMetrics(edit_->font()).lineSpacing() * lines + 12);
}

FormulaBar::FormulaBar(EditorSession* session, std::function<void(GraphData&)> layout, QWidget* parent)
    : QWidget(parent)
    , session_(session)
    , layout_(std::move(layout))
    , edit_(new QPlainTextEdit(this))
    , applyButton_(new QPushButton(tr("Apply"), this))
    , error_(new QLabel(this))
{
    edit_->setObjectName(QStringLiteral("formulaEdit"));
    applyButton_->setObjectName(QStringLiteral("formulaApply"));
    error_->setObjectName(QStringLiteral("formulaError"));
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(font().pointSizeF() * 1.15);
    edit_->setFont(mono);
    edit_->setPlaceholderText(tr("Type or paste a formula: f = 3*w1**2 + 2*w1*w2   (Enter applies, Shift+Enter: new line)"));
    edit_->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    edit_->setTabChangesFocus(true);
    setVisibleLines(4);
    edit_->installEventFilter(this);
    error_->setWordWrap(true);
    error_->setFont(mono);
    error_->setStyleSheet(QStringLiteral("color: #D55E00;"));
    error_->hide();
    applyButton_->setToolTip(tr("Replace the graph with this formula (Enter)"));

    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(tr("Formula"), this);
    label->setAlignment(Qt::AlignTop);
    row->addWidget(label);
    row->addWidget(edit_, 1);
    row->addWidget(applyButton_, 0, Qt::AlignTop);
    auto* layoutBox = new QVBoxLayout(this);
    layoutBox->setContentsMargins(6, 4, 6, 4);
    layoutBox->addLayout(row);
    layoutBox->addWidget(error_);

    connect(applyButton_, &QPushButton::clicked, this, [this] { apply(edit_->toPlainText()); });
    connect(edit_, &QPlainTextEdit::textChanged, this, [this] {
        if (edit_->hasFocus())
            editing_ = true;
    });
    connect(session_->document(), &GraphDocument::changed, this, [this] {
        if (!editing_)
            revert();
    });
    connect(session_->document(), &GraphDocument::documentReset, this, [this] {
        editing_ = false;
        revert();
    });
    revert();
}

void FormulaBar::revert()
{
    editing_ = false;
    error_->hide();
    const FormulaText formula = writeFormula(session_->data());
    const QSignalBlocker block(edit_);
    if (formula.ok()) {
        edit_->setPlainText(formula.text.trimmed());
        edit_->setToolTip(QString());
    } else {
        edit_->setPlainText(QString());
        edit_->setToolTip(tr("The graph cannot be written as a formula yet: %1").arg(formula.error));
        if (!session_->data().nodes.empty()) {
            error_->setText(tr("(no formula: %1)").arg(formula.error));
            error_->show();
        }
    }
}

bool FormulaBar::apply(const QString& text)
{
    FormulaResult result = readFormula(text);
    if (!result.ok()) {
        error_->setText(result.error->formatted());
        error_->show();
        return false;
    }
    keepValues(session_->data(), result.data);
    result.data.lesson = session_->data().lesson;
    if (layout_)
        layout_(result.data);
    editing_ = false;
    error_->hide();
    session_->undoStack()->push(new ReplaceDocumentCommand(session_->document(), std::move(result.data), tr("Formula")));
    emit applied();
    revert();
    return true;
}

bool FormulaBar::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == edit_ && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && !(key->modifiers() & Qt::ShiftModifier)) {
            apply(edit_->toPlainText());
            return true;
        }
        if (key->key() == Qt::Key_Escape) {
            revert();
            return true;
        }
    }
    if (watched == edit_ && event->type() == QEvent::FocusOut && !editing_)
        revert();
    return QWidget::eventFilter(watched, event);
}

} // namespace gs
