#include "app/TestKeys.h"

#include "app/Console.h"

#include <QApplication>
#include <QKeyEvent>
#include <QKeySequence>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace gs {

namespace {

/// Where a key typed now goes: the focused widget, or a modal dialog, or the active window.
QWidget* keyTarget()
{
    if (QWidget* w = QApplication::focusWidget())
        return w;
    if (QWidget* w = QApplication::activeModalWidget())
        return w;
    return QApplication::activeWindow();
}

/// Sends one key press and release to `target`, as Qt Test does: a key event that was not typed
/// on a keyboard goes through the window's shortcuts first, exactly like one that was.
void sendKey(QPointer<QWidget> target, int key, Qt::KeyboardModifiers modifiers, const QString& text)
{
    QKeyEvent press(QEvent::KeyPress, key, modifiers, text);
    QCoreApplication::sendEvent(target, &press);
    if (!target)
        target = keyTarget(); // the press closed its dialog
    if (target) {
        QKeyEvent release(QEvent::KeyRelease, key, modifiers, text);
        QCoreApplication::sendEvent(target, &release);
    }
}

} // namespace

void playTestKeys(QMainWindow* window, const QString& script)
{
    auto steps = std::make_shared<QStringList>(script.split(u'\n', Qt::SkipEmptyParts));
    auto* timer = new QTimer(window);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, window, [window, steps, timer] {
        if (steps->isEmpty()) {
            printError(QStringLiteral("test keys played"));
            return;
        }
        const QString step = steps->first();
        const QString verb = step.section(u' ', 0, 0);
        const QString argument = step.section(u' ', 1);
        QWidget* target = keyTarget();
        if (verb != u"wait" && !target) {
            window->activateWindow();
            timer->start(50); // the same step again, once the activation has arrived
            return;
        }
        steps->removeFirst();
        int next = 150;
        if (verb == u"wait") {
            next = argument.toInt();
        } else if (verb == u"key") {
            const QKeyCombination combination = QKeySequence::fromString(argument, QKeySequence::PortableText)[0];
            sendKey(target, combination.key(), combination.keyboardModifiers(), {});
        } else if (verb == u"type") {
            for (const QChar c : argument) {
                const bool letter = c.isLetter() && c.unicode() < 128;
                const int key = letter ? Qt::Key_A + (c.toUpper().unicode() - u'A') : c.unicode();
                sendKey(keyTarget(), key, letter && c.isUpper() ? Qt::ShiftModifier : Qt::NoModifier, QString(c));
            }
        } else {
            printError(QStringLiteral("GRADSCOPE_TEST_KEYS: unknown step '%1'").arg(step));
        }
        timer->start(next);
    });
    timer->start(500);
}


} // namespace gs
