// The Gradient Check panel (issue 17, part 1): the book's finite difference beside the tape's
// gradient for any node, coloured and worded by agreement, and the error against eps in float32
// and float64 with the best step marked; driven through its own controls and the canvas.
#include "EditorTestSupport.h"

#include "ui/MainWindow.h"
#include "ui/panels/FormulaBar.h"
#include "ui/panels/GradientCheckPanel.h"
#include "ui/workspace/Workspace.h"

#include <qcustomplot.h>

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QMenu>
#include <QTableWidget>
#include <QTest>

namespace {

QString cell(QTableWidget* table, int row, int column) { return table->item(row, column)->text(); }

} // namespace

class TestGradientCheckPanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { testing::useTestSettings("tst_gradient_check_panel"); }
    void init()
    {
        e = {};
        QVERIFY(e.open());
        QVERIFY(e.ws->formulaBar()->apply(
            QStringLiteral("w1 = Variable(5.0)\nw2 = Variable(3.0)\nf = 3 * w1 ** 2 + 2 * w1 * w2")));
        dock_ = e.window->findChild<QDockWidget*>(QStringLiteral("gradientCheckDock"));
        QVERIFY(dock_);
        if (QTest::currentTestFunction() != QByteArray("viewPanelsBringsItToTheFront")) {
            dock_->toggleViewAction()->trigger();
            QTRY_VERIFY(e.ws->gradientCheckPanel()->isVisible());
        }
    }

    void viewPanelsBringsItToTheFront()
    {
        auto* dock = e.window->findChild<QDockWidget*>(QStringLiteral("gradientCheckDock"));
        QVERIFY(dock);
        QVERIFY(!dock->isVisible()); // not in the default layout
        dock->toggleViewAction()->trigger();
        QTRY_VERIFY(dock->isVisible());
        QTRY_VERIFY(!dock->visibleRegion().isEmpty()); // in front of the panels tabbed with it
    }

    void aHiddenPanelChecksNothingUntilShown()
    {
        // The check runs the graph about a hundred times: not for a panel nobody sees.
        gs::GradientCheckPanel* panel = e.ws->gradientCheckPanel();
        dock_->toggleViewAction()->trigger();
        QTRY_VERIFY(!panel->isVisible());
        QVERIFY(e.ws->formulaBar()->apply(QStringLiteral("w1 = Variable(2.0)\nf = w1 ** 3")));
        panel->update();
        QVERIFY(panel->check().target != e.node("f")); // not checked while hidden
        dock_->toggleViewAction()->trigger();
        QTRY_COMPARE(panel->check().target, e.node("f")); // caught up when shown
        QCOMPARE(panel->table()->rowCount(), 1);
    }

    void theBooksCheckInFloat64()
    {
        gs::GradientCheckPanel* panel = e.ws->gradientCheckPanel();
        e.session->setDType(gs::DType::Float64);
        panel->update();
        QTableWidget* table = panel->table();
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(cell(table, 0, 0), QStringLiteral("w1"));
        QCOMPARE(cell(table, 0, 1), QStringLiteral("36.0"));
        QCOMPARE(cell(table, 0, 2), QStringLiteral("36.000003007075065"));
        QCOMPARE(cell(table, 0, 5), QStringLiteral("agree"));
        QCOMPARE(cell(table, 1, 2), QStringLiteral("10.000000003174137"));
        // The same step in float32 is too small: the word and the colour say so.
        e.session->setDType(gs::DType::Float32);
        panel->update();
        QCOMPARE(cell(table, 1, 5), QStringLiteral("disagree"));
        QVERIFY(table->item(1, 5)->foreground().color() != table->item(0, 0)->foreground().color());
        // A step float32 resolves, centrally: they agree.
        panel->epsBox()->setCurrentText(QStringLiteral("1e-2"));
        panel->differenceBox()->setCurrentIndex(1);
        emit panel->differenceBox()->activated(1);
        QCOMPARE(cell(table, 0, 5), QStringLiteral("agree"));
        QCOMPARE(panel->check().difference, gs::Difference::Central);
    }

    void theErrorAgainstEpsIsPlottedWithTheBestStep()
    {
        gs::GradientCheckPanel* panel = e.ws->gradientCheckPanel();
        panel->update();
        QCOMPARE(panel->plot()->graphCount(), 2);
        QCOMPARE(panel->plot()->graph(0)->name(), QStringLiteral("float32"));
        QVERIFY(panel->plot()->graph(0)->dataCount() > 15);
        QVERIFY(panel->plot()->graph(1)->dataCount() > 15);
        const auto best32 = panel->best(gs::DType::Float32);
        const auto best64 = panel->best(gs::DType::Float64);
        QVERIFY(best32 && best64);
        QVERIFY(best64->eps < best32->eps); // float64 resolves smaller steps
        QVERIFY(best64->absError < best32->absError);
        // The marks name the best steps.
        int marks = 0;
        for (int i = 0; i < panel->plot()->itemCount(); ++i)
            if (auto* text = qobject_cast<QCPItemText*>(panel->plot()->item(i)))
                marks += text->text().startsWith(QStringLiteral("best"));
        QCOMPARE(marks, 2);
    }

    void anyNodeCanBeChecked()
    {
        // Choosing a node on the canvas checks d(node) / d sources: pow = w1 ** 2, d/dw1 = 10.
        gs::GradientCheckPanel* panel = e.ws->gradientCheckPanel();
        const gs::NodeId pow = e.op("pow");
        QVERIFY(pow.valid());
        e.click(e.header(pow));
        panel->update();
        QCOMPARE(panel->check().target, pow);
        QCOMPARE(panel->ofBox()->currentData().toInt(), pow.value);
        QCOMPARE(cell(panel->table(), 0, 1), QStringLiteral("10.0"));
        // w2 does not reach pow: None, compared with zero, and the tooltip says why.
        QCOMPARE(cell(panel->table(), 1, 1), QStringLiteral("None"));
        QCOMPARE(cell(panel->table(), 1, 2), QStringLiteral("0.0"));
        QVERIFY(panel->table()->item(1, 1)->toolTip().contains(QStringLiteral("None")));
        // Back to the target from the box.
        panel->ofBox()->setCurrentIndex(0);
        emit panel->ofBox()->activated(0);
        QCOMPARE(panel->check().target, e.node("f"));
    }

    void aBadStepIsExplained()
    {
        gs::GradientCheckPanel* panel = e.ws->gradientCheckPanel();
        panel->epsBox()->setCurrentText(QStringLiteral("tiny"));
        panel->update();
        QVERIFY(!panel->check().ok());
        QCOMPARE(panel->table()->rowCount(), 0);
        QCOMPARE(panel->plot()->graphCount(), 0);
    }

private:
    testing::Editor e;
    QDockWidget* dock_ = nullptr;
};

QTEST_MAIN(TestGradientCheckPanel)
#include "tst_gradient_check_panel.moc"
