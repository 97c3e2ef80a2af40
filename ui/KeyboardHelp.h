#pragma once

class QDialog;
class QWidget;

namespace gs {

/// Help > Keyboard and Mouse (F1): the editor's guide, docs/editor.md compiled in, so that the
/// window and the documentation say the same thing. A non-modal window owned by `parent`.
QDialog* createKeyboardHelp(QWidget* parent);

} // namespace gs
