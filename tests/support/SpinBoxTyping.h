#pragma once
// Typing into a spin box as a user does: select what is there, type, press Return.

#include <QAbstractSpinBox>
#include <QString>
#include <QTest>

namespace testing {

inline void typeInto(QAbstractSpinBox* box, const QString& text)
{
    box->setFocus();
    QTest::keyClick(box, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(box, text);
    QTest::keyClick(box, Qt::Key_Return);
}

} // namespace testing
