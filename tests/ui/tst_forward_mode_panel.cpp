// The Forward Mode panel (issue 17, part 2): a direction typed over the sources, the tangent
// drawn on the wires as gradients are in reverse mode, the book's 36 and 10, forward mode
// replayed op by op with the panel's buttons, the passes and ops of each mode, and nothing
// computed while the panel is hidden. Driven with real mouse clicks and key presses.
#include "EditorTestSupport.h"

#include "ui/editor/EdgeItem.h"
#include "ui/panels/FormulaBar.h"
#include "ui/panels/ForwardModePanel.h"
#include "ui/render/EdgeGeometry.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>

namespace {

/// Types `text` into a line edit as a user does: click, select all, type, Enter.
void typeInto(QLineEdit* edit, const QString& text)
{
    QTest::mouseClick(edit, Qt::LeftButton, {}, edit->rect().center());
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

void click(QPushButton* button) { QTest::mouseClick(button, Qt::LeftButton, {}, button->rect().center()); }

} // namespace

class TestForwardModePanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { testing::useTestSettings("tst_forward_mode_panel"); }
    void init()
    {
        e = {};
        QVERIFY(e.open());
        QVERIFY(e.ws->formulaBar()->apply(
            QStringLiteral("w1 = Variable(5.0)\nw2 = Variable(3.0)\nf = 3 * w1 ** 2 + 2 * w1 * w2")));
        dock_ = e.window->findChild<QDockWidget*>(QStringLiteral("forwardModeDock"));
        QVERIFY(dock_);
    }

    void hiddenByDefaultAndOffWhileHidden()
    {
        QVERIFY(!dock_->isVisible());
        QVERIFY(!e.session->tangents().has_value());
        QVERIFY(!e.session->evaluation().forward.requested);
        dock_->toggleViewAction()->trigger();
        QTRY_VERIFY(e.ws->forwardModePanel()->isVisible());
        QTRY_VERIFY(e.session->evaluation().forward.requested);
        dock_->toggleViewAction()->trigger();
        QTRY_VERIFY(!e.ws->forwardModePanel()->isVisible());
        QTRY_VERIFY(!e.session->evaluation().forward.requested);
    }

    void tangentsFlowAlongTheWires()
    {
        gs::ForwardModePanel* panel = e.ws->forwardModePanel();
        dock_->toggleViewAction()->trigger();
        QTRY_VERIFY(panel->isVisible());
        // The first source along 1, the other 0: the book's 36.
        QTRY_VERIFY2(panel->jvpLabel()->text().contains("= 36.0"), qPrintable(panel->jvpLabel()->text()));
        QVERIFY2(panel->jvpLabel()->text().contains("reverse mode agrees: gradient · direction = 36.0"),
                 qPrintable(panel->jvpLabel()->text()));
        // On the wire from w1 into the graph: its tangent, 1.0.
        const gs::NodeId w1 = e.node("w1");
        const gs::NodeId w2 = e.node("w2");
        const gs::NodeId f = e.node("f");
        QString w1Wire;
        for (const auto& [id, c] : e.data().connections)
            if (c.from == w1)
                w1Wire = e.scene->edgeItem(id)->geometry().labelText;
        QCOMPARE(w1Wire, QStringLiteral("ṫ 1.0"));
        // Into f (the add), the two terms' tangents: d(3 w1^2) = 30, d(2 w1 w2) = 6.
        QStringList intoF;
        for (const auto& [id, c] : e.data().connections)
            if (c.to == f)
                intoF << e.scene->edgeItem(id)->geometry().labelText;
        intoF.sort();
        QCOMPARE(intoF, (QStringList{"ṫ 30.0", "ṫ 6.0"}));

        // Along w2 instead, typed: the book's 10.
        typeInto(panel->tangentEdit(0), QStringLiteral("0"));
        typeInto(panel->tangentEdit(1), QStringLiteral("1"));
        QTRY_VERIFY2(panel->jvpLabel()->text().contains("= 10.0"), qPrintable(panel->jvpLabel()->text()));
        for (const auto& [id, c] : e.data().connections)
            if (c.from == w2)
                QCOMPARE(e.scene->edgeItem(id)->geometry().labelText, QStringLiteral("ṫ 1.0"));
        // A mistake is named, and the last good direction stays.
        typeInto(panel->tangentEdit(0), QStringLiteral("abc"));
        QLabel* status = panel->findChild<QLabel*>(QStringLiteral("forwardModeStatus"));
        QTRY_VERIFY2(status->text().contains("tangent of w1"), qPrintable(status->text()));
        QVERIFY(panel->jvpLabel()->text().contains("= 10.0"));
        // The wrong box is marked, the right one is not; correcting it clears the mark.
        QVERIFY(panel->tangentEdit(0)->property("invalid").toBool());
        QVERIFY(!panel->tangentEdit(1)->property("invalid").toBool());
        const QImage marked = panel->tangentEdit(0)->grab().toImage();
        int vermillion = 0;
        for (int x = 0; x < marked.width(); ++x)
            vermillion += marked.pixelColor(x, marked.height() / 2).red() > 180 && marked.pixelColor(x, marked.height() / 2).blue() < 60 ? 1 : 0;
        QVERIFY2(vermillion > 0, "the invalid tangent box has no red border");
        typeInto(panel->tangentEdit(0), QStringLiteral("0"));
        QTRY_VERIFY(!panel->tangentEdit(0)->property("invalid").toBool());
        QVERIFY(panel->tangentEdit(0)->styleSheet().isEmpty());
        if (qEnvironmentVariableIsSet("GRADSCOPE_GRAB"))
            e.window->grab().save(qEnvironmentVariable("GRADSCOPE_GRAB"));
    }

    void theCostOfEachMode()
    {
        gs::ForwardModePanel* panel = e.ws->forwardModePanel();
        dock_->toggleViewAction()->trigger();
        QTRY_VERIFY(e.session->evaluation().forward.ok());
        QTableWidget* cost = panel->costTable();
        QCOMPARE(cost->item(0, 0)->text(), QStringLiteral("2")); // forward: a pass per input
        QCOMPARE(cost->item(1, 0)->text(), QStringLiteral("1")); // reverse: a pass per output
        QCOMPARE(cost->item(0, 2)->text(), QStringLiteral("10"));
        QCOMPARE(cost->item(1, 2)->text(), QStringLiteral("5"));
        QLabel* verdict = panel->findChild<QLabel*>(QStringLiteral("forwardModeVerdict"));
        QVERIFY2(verdict->text().contains("reverse mode wins"), qPrintable(verdict->text()));
    }

    void stepReplaysForwardModeInForwardOrder()
    {
        gs::ForwardModePanel* panel = e.ws->forwardModePanel();
        dock_->toggleViewAction()->trigger();
        QTRY_VERIFY(e.session->evaluation().forward.ok());
        const gs::NodeId f = e.node("f");
        const int count = e.session->tangentStepCount();
        QCOMPARE(count, 5);
        click(panel->nextButton());
        QCOMPARE(e.session->tangentStep(), 1);
        QVERIFY2(panel->stepLabel()->text().startsWith("Forward step 1 of 5"), qPrintable(panel->stepLabel()->text()));
        // Nothing has reached f yet: the wires into it carry no tangent.
        for (const auto& [id, c] : e.data().connections)
            if (c.to == f)
                QVERIFY2(!e.scene->edgeItem(id)->geometry().labelText.startsWith("ṫ"),
                         qPrintable(e.scene->edgeItem(id)->geometry().labelText));
        click(panel->nextButton());
        click(panel->nextButton());
        if (qEnvironmentVariableIsSet("GRADSCOPE_GRAB_STEP"))
            e.window->grab().save(qEnvironmentVariable("GRADSCOPE_GRAB_STEP"));
        for (int k = 3; k < count; ++k)
            click(panel->nextButton());
        QCOMPARE(e.session->tangentStep(), 5);
        QVERIFY2(panel->stepLabel()->text().contains("ṫ 36.0"), qPrintable(panel->stepLabel()->text()));
        QVERIFY(e.session->overlay().node(f).active);
        QCOMPARE(e.session->overlay().node(f).note, QStringLiteral("ṫ = 36.0"));
        click(panel->backButton());
        QCOMPARE(e.session->tangentStep(), 4);
        click(panel->allButton());
        QCOMPARE(e.session->tangentStep(), -1);
        for (const auto& [id, c] : e.data().connections)
            if (c.to == f)
                QVERIFY(e.scene->edgeItem(id)->geometry().labelText.startsWith("ṫ"));
    }

private:
    testing::Editor e;
    QDockWidget* dock_ = nullptr;
};

QTEST_MAIN(TestForwardModePanel)
#include "tst_forward_mode_panel.moc"
