// The Gradient Tape dock's Jacobian and Hessian as matrices (issue "Editing without friction",
// point 10): headed by the sources' names, a scalar target's Jacobian without an index, and a
// None entry greyed with a tooltip that says why it is None.
#include "EditorTestSupport.h"

#include "document/Evaluation.h"
#include "ui/panels/DerivativeMatrix.h"
#include "ui/panels/FormulaBar.h"
#include "ui/panels/TapePanel.h"
#include "ui/render/EditorStyle.h"

#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QSettings>

using testing::Editor;

namespace {

QStringList headings(const QTableWidget* t, Qt::Orientation o)
{
    QStringList list;
    const int count = o == Qt::Horizontal ? t->columnCount() : t->rowCount();
    for (int i = 0; i < count; ++i)
        list << (o == Qt::Horizontal ? t->horizontalHeaderItem(i) : t->verticalHeaderItem(i))->text();
    return list;
}

QString cell(const QTableWidget* t, int row, int column)
{
    const QTableWidgetItem* i = t->item(row, column);
    return i ? i->text() : QString();
}

} // namespace

class TestTapeMatrix : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { testing::useTestSettings("tst_tape_matrix"); }
    void init()
    {
        QVERIFY(e.open());
        // The book's function, with both matrices asked for.
        QVERIFY(e.ws->formulaBar()->apply(
            QStringLiteral("w1 = Variable(5.0)\nw2 = Variable(3.0)\nf = 3 * w1 ** 2 + 2 * w1 * w2")));
        e.session->setJacobian(true);
        e.session->setHessian(true);
        QCOMPARE(e.session->evaluation().value->item(), 105.0);
        tape_ = e.ws->tapePanel();
    }
    void cleanup()
    {
        e.window.reset();
        QSettings().clear();
    }

    void theHessianIsAMatrixHeadedBySources()
    {
        const gs::DerivativeMatrix* h = tape_->hessianMatrix();
        QVERIFY(h->isVisibleTo(tape_));
        QCOMPARE(headings(h, Qt::Horizontal), (QStringList{"w1", "w2"}));
        QCOMPARE(headings(h, Qt::Vertical), (QStringList{"w1", "w2"}));
        QCOMPARE(cell(h, 0, 0), QStringLiteral("6.0"));
        QCOMPARE(cell(h, 0, 1), QStringLiteral("2.0"));
        QCOMPARE(cell(h, 1, 0), QStringLiteral("2.0"));
        QCOMPARE(cell(h, 1, 1), QStringLiteral("None"));
        QVERIFY(tape_->hessianTitle()->text().contains("∂²f"));
    }

    void aNoneEntrySaysWhyInGrey()
    {
        const QTableWidgetItem* none = tape_->hessianMatrix()->item(1, 1);
        const QString why = none->toolTip();
        QVERIFY2(why.startsWith("None"), qPrintable(why));
        // ∂f/∂w2 = 2·w1: it does not depend on w2.
        QVERIFY2(why.contains("∂f/∂w2") && why.contains("does not depend on w2"), qPrintable(why));
        QVERIFY2(why.contains("not 0"), qPrintable(why));
        const QColor muted = gs::EditorStyle::fromPalette(tape_->hessianMatrix()->palette()).mutedText;
        QCOMPARE(none->foreground().color(), muted);
        // A value's tooltip names the derivative it is.
        QVERIFY(tape_->hessianMatrix()->item(0, 1)->toolTip().contains("∂²f/∂w1∂w2 = 2.0"));
    }

    void aScalarTargetsJacobianHasNoIndex()
    {
        const gs::DerivativeMatrix* j = tape_->jacobianMatrix();
        QVERIFY(j->isVisibleTo(tape_));
        QCOMPARE(headings(j, Qt::Vertical), (QStringList{"∂f/∂w1", "∂f/∂w2"}));
        QCOMPARE(cell(j, 0, 0), QStringLiteral("36.0"));
        QCOMPARE(cell(j, 1, 0), QStringLiteral("10.0"));
        // A vector target keeps its index.
        QVERIFY(e.ws->formulaBar()->apply(QStringLiteral("w1 = Variable(5.0)\nw2 = Variable(3.0)\n"
                                                         "f = constant([1.0, 2.0]) * w1 * w2")));
        QCOMPARE(headings(tape_->jacobianMatrix(), Qt::Vertical), (QStringList{"∂f[i]/∂w1", "∂f[i]/∂w2"}));
        QCOMPARE(cell(tape_->jacobianMatrix(), 0, 0), QStringLiteral("[3.0, 6.0]"));
    }

    void bothFitANarrowDock()
    {
        // About 260 pixels wide at 1024x768: two columns of numbers without scrolling sideways.
        auto* dock = e.window->findChild<QDockWidget*>(QStringLiteral("tapeDock"));
        QVERIFY(dock);
        dock->setFloating(true);
        dock->resize(260, 700);
        QTest::qWait(50);
        for (const gs::DerivativeMatrix* m : {tape_->hessianMatrix(), tape_->jacobianMatrix()}) {
            QVERIFY(!m->horizontalScrollBar()->isVisible());
            QVERIFY(!m->verticalScrollBar()->isVisible());
            QVERIFY(m->width() <= 260);
            for (int c = 0; c < m->columnCount(); ++c)
                QVERIFY2(m->columnWidth(c) >= m->fontMetrics().horizontalAdvance("None") + 4,
                         qPrintable(QString::number(m->columnWidth(c))));
        }
    }

    void turningThemOffHidesThem()
    {
        e.session->setHessian(false);
        e.session->setJacobian(false);
        QVERIFY(!tape_->hessianMatrix()->isVisibleTo(tape_));
        QVERIFY(!tape_->hessianTitle()->isVisibleTo(tape_));
        QVERIFY(!tape_->jacobianMatrix()->isVisibleTo(tape_));
    }

private:
    Editor e;
    gs::TapePanel* tape_ = nullptr;
};

QTEST_MAIN(TestTapeMatrix)
#include "tst_tape_matrix.moc"
