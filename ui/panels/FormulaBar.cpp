#include "ui/panels/FormulaBar.h"

#include "document/FormulaError.h"
#include "document/FormulaReader.h"
#include "document/FormulaWriter.h"
#include "document/GraphDocument.h"
#include "document/commands/DocumentCommands.h"
#include "document/python/PythonReader.h"
#include "ui/editor/EditorSession.h"
#include "ui/editor/PythonTape.h"

#include <QFontDatabase>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBlock>
#include <QUndoStack>
#include <QVBoxLayout>

namespace gs {

namespace {

/// Okabe-Ito vermillion, as everywhere else an error is marked.
const QColor errorColor(0xD5, 0x5E, 0x00);

/// The text area, which can keep a strip at its bottom free of text for the error.
class FormulaEdit : public QPlainTextEdit {
public:
    using QPlainTextEdit::QPlainTextEdit;
    using QAbstractScrollArea::setViewportMargins;
};

QColor mixed(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

/// The characters an error is about, underlined in the text; an error past the end of a line
/// (an expression missing after '+') marks the line's last character.
QTextEdit::ExtraSelection errorMark(QPlainTextEdit* edit, const FormulaError& error)
{
    QTextEdit::ExtraSelection mark;
    const QTextBlock block = edit->document()->findBlockByNumber(error.line - 1);
    const int lineLength = block.length() - 1;
    int from = std::clamp(error.column - 1, 0, lineLength);
    int length = std::max(1, error.length);
    if (from == lineLength && from > 0) {
        from -= 1;
        length = 1;
    }
    mark.cursor = QTextCursor(block);
    mark.cursor.setPosition(block.position() + from);
    mark.cursor.setPosition(block.position() + std::min(from + length, lineLength), QTextCursor::KeepAnchor);
    mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    mark.format.setUnderlineColor(errorColor);
    return mark;
}

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
    , edit_(new FormulaEdit(this))
    , applyButton_(new QPushButton(tr("Apply"), this))
    , error_(new QLabel(edit_)) // inside the text area, out of every layout
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
    error_->setTextFormat(Qt::PlainText);
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

    connect(applyButton_, &QPushButton::clicked, this, [this] { apply(edit_->toPlainText()); });
    connect(edit_, &QPlainTextEdit::textChanged, this, [this] {
        if (!edit_->hasFocus())
            return;
        // Typed back to the graph's formula (by hand or by undo): nothing is being edited.
        editing_ = edit_->toPlainText() != shown_;
        hideError(); // it described text that is no longer there
    });
    connect(edit_, &QPlainTextEdit::undoAvailable, this, &FormulaBar::typingHistoryChanged);
    connect(edit_, &QPlainTextEdit::redoAvailable, this, &FormulaBar::typingHistoryChanged);
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
    hideError();
    const FormulaText formula = writeFormula(session_->data());
    shown_ = formula.ok() ? formula.text.trimmed() : QString();
    {
        // setPlainText() also forgets the typing's undo history: what is undone next is the document.
        const QSignalBlocker block(edit_);
        edit_->setPlainText(shown_);
        edit_->moveCursor(QTextCursor::End); // where typing goes on: the target's line
    }
    emit typingHistoryChanged(); // undoAvailable() was blocked
    if (formula.ok()) {
        edit_->setToolTip(QString());
    } else {
        edit_->setToolTip(tr("The graph cannot be written as a formula yet: %1").arg(formula.error));
        if (!session_->data().nodes.empty())
            showError(tr("(no formula: %1)").arg(formula.error));
    }
}

bool FormulaBar::undoesTyping() const { return typingHere_ && edit_->document()->isUndoAvailable(); }

bool FormulaBar::redoesTyping() const { return typingHere_ && edit_->document()->isRedoAvailable(); }

void FormulaBar::showError(const QString& text, const FormulaError* where)
{
    errorText_ = text;
    error_->setToolTip(text);
    QList<QTextEdit::ExtraSelection> marks;
    if (where && where->line > 0)
        marks << errorMark(edit_, *where);
    edit_->setExtraSelections(marks);
    error_->show();
    placeError();
}

void FormulaBar::hideError()
{
    if (errorText_.isEmpty() && error_->isHidden())
        return;
    errorText_.clear();
    error_->hide();
    edit_->setExtraSelections({});
    placeError();
}

void FormulaBar::placeError()
{
    auto* edit = static_cast<FormulaEdit*>(edit_);
    if (error_->isHidden()) {
        edit->setViewportMargins(0, 0, 0, 0);
        return;
    }
    // Prose in the window's font (the text area's monospace is wider), in the text's own
    // colours, tinted: readable in every theme.
    QFont prose = font();
    prose.setFamily(prose.family()); // set, not inherited from the monospace text area
    prose.setPointSizeF(prose.pointSizeF());
    error_->setFont(prose);
    const QPalette palette = edit_->palette();
    error_->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; border-top: 1px solid %3; padding: 1px 6px; }")
                              .arg(mixed(palette.color(QPalette::Base), errorColor, 0.16).name(),
                                   palette.color(QPalette::Text).name(), errorColor.name()));
    // One line along the bottom of the text area, which keeps its size: the text scrolls above it.
    QRect inside = edit_->contentsRect();
    if (const QScrollBar* bar = edit_->verticalScrollBar(); bar->isVisible())
        inside.setRight(bar->mapTo(edit_, QPoint(0, 0)).x() - 1); // the scroll bar's arrow stays usable
    const int height = error_->fontMetrics().height() + 4;
    error_->setGeometry(inside.left(), inside.bottom() + 1 - height, inside.width(), height);
    const QString warning = QStringLiteral("\u26A0 ") + errorText_;
    error_->setText(error_->fontMetrics().elidedText(warning, Qt::ElideRight, inside.width() - 14));
    edit->setViewportMargins(0, 0, 0, height);
}

bool FormulaBar::apply(const QString& text)
{
    // The book's code pasted as it is (def, with tf.GradientTape(), ...) reads as Python.
    FormulaResult result;
    std::optional<PythonRequest> request;
    if (looksLikePython(text)) {
        PythonReadResult python = readPython(text);
        result.data = std::move(python.program.data);
        result.error = std::move(python.error);
        request = python.program.request;
    } else {
        result = readFormula(text);
    }
    if (!result.ok()) {
        showError(result.error->headline(), &*result.error);
        return false;
    }
    keepValues(session_->data(), result.data);
    result.data.lesson = session_->data().lesson;
    if (layout_)
        layout_(result.data);
    editing_ = false;
    hideError();
    session_->undoStack()->push(new ReplaceDocumentCommand(session_->document(), std::move(result.data), tr("Formula")));
    if (request && request->fromGradient)
        applyPythonRequest(*session_, *request);
    emit applied();
    revert();
    return true;
}

bool FormulaBar::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == edit_ && event->type() == QEvent::ShortcutOverride) {
        // With no typing to undo (or redo), the keys go on to the window's Undo (Redo): the
        // document's. The text area would otherwise take them and do nothing.
        const auto* key = static_cast<QKeyEvent*>(event);
        if ((key->matches(QKeySequence::Undo) && !edit_->document()->isUndoAvailable())
            || (key->matches(QKeySequence::Redo) && !edit_->document()->isRedoAvailable())) {
            event->ignore();
            return true;
        }
    }
    if (watched == edit_ && (event->type() == QEvent::FocusIn || event->type() == QEvent::FocusOut)) {
        // A menu opened with the mouse or Alt, or another window in front for a moment, takes the
        // focus without ending the editing: Edit > Undo still means the typing.
        const Qt::FocusReason reason = static_cast<QFocusEvent*>(event)->reason();
        const bool away = reason == Qt::PopupFocusReason || reason == Qt::MenuBarFocusReason
                          || reason == Qt::ActiveWindowFocusReason;
        if (event->type() == QEvent::FocusIn || !away) {
            typingHere_ = event->type() == QEvent::FocusIn;
            emit typingHistoryChanged();
        }
    }
    if (watched == edit_ && (event->type() == QEvent::Resize || event->type() == QEvent::PaletteChange)
        && !error_->isHidden())
        placeError();
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
