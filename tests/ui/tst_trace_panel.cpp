// The trace panel driven as a user drives it: typing calls and pressing Enter, clicking the
// concrete functions and the buttons, opening traced graphs and exporting them.
#include "EditorTestSupport.h"

#include "document/ConcreteDocument.h"
#include "document/DocumentFunction.h"
#include "document/FormulaReader.h"
#include "ui/panels/PictureWidget.h"
#include "ui/panels/TracePanel.h"
#include "ui/render/ConcreteView.h"
#include "ui/render/NodeContent.h"

#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QListWidget>
#include <QTreeWidget>

using namespace gs;

namespace {

/// Pictures of what the test sees, for a person to look at: set GRADSCOPE_TRACE_SHOTS=DIR.
void shoot(QWidget* widget, const char* name)
{
    QCoreApplication::processEvents(); // pending layout requests, as on screen
    const QString dir = qEnvironmentVariable("GRADSCOPE_TRACE_SHOTS");
    if (!dir.isEmpty())
        widget->grab().save(dir + u'/' + QLatin1StringView(name) + QStringLiteral(".png"));
}

} // namespace

class TestTracePanel : public QObject {
    Q_OBJECT

    testing::Editor e;
    TracePanel* panel = nullptr;

    /// Types a call into the arguments field and presses Enter, as a user does.
    void type(const char* arguments)
    {
        QLineEdit* edit = panel->argumentsEdit();
        edit->setFocus();
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, QString::fromUtf8(arguments));
        QTest::keyClick(edit, Qt::Key_Return);
    }

    QString explanation() const { return panel->explanation()->text(); }
    int rows() const { return panel->concreteList()->topLevelItemCount(); }
    QString cell(int row, int column) const { return panel->concreteList()->topLevelItem(row)->text(column); }

    void load(const char* formula)
    {
        FormulaResult r = readFormula(QString::fromUtf8(formula));
        QVERIFY(r.ok());
        e.session->load(r.data);
    }

private slots:
    void initTestCase() { testing::useTestSettings("tst_trace_panel"); }
    void init()
    {
        QVERIFY(e.open());
        QVERIFY(!QFontInfo(qApp->font()).family().isEmpty());
        panel = e.ws->tracePanel();
        QVERIFY(panel);
        auto* dock = e.window->findChild<QDockWidget*>(QStringLiteral("traceDock"));
        QVERIFY(dock);
        dock->show();
        dock->raise();
        QCoreApplication::processEvents();
        load("x ** 3");
    }
    void cleanup()
    {
        e.window.reset();
        QSettings().clear();
    }

    void callsRetraceByTensorFlowsRules()
    {
        QCOMPARE(rows(), 0);
        QVERIFY(!panel->openButton()->isEnabled());
        type("x=constant(10)");
        QCOMPARE(rows(), 1);
        QVERIFY2(explanation().contains("Traced"), qPrintable(explanation()));
        QVERIFY2(explanation().contains("first call"), qPrintable(explanation()));
        QVERIFY(explanation().contains("1000"));
        type("x=constant(20)");
        QCOMPARE(rows(), 1);
        QCOMPARE(cell(0, 3), QString("2"));
        QVERIFY2(explanation().contains("No retrace"), qPrintable(explanation()));
        type("x=constant([10, 20])");
        QCOMPARE(rows(), 2);
        QVERIFY2(explanation().contains("shape (2,)"), qPrintable(explanation()));
        type("x=10");
        type("x=20");
        QCOMPARE(rows(), 4);
        QCOMPARE(cell(3, 1), QString("x=20"));
        QVERIFY2(explanation().contains("plain number"), qPrintable(explanation()));
        // The plain number folds: 4 nodes traced (20, 3, the power and, as TensorFlow computes
        // 20 ** 3 in Python, the int32 constant 8000 the function returns), 1 after the passes.
        QCOMPARE(cell(3, 2), QString("4 → 1"));
        QCOMPARE(panel->concreteList()->currentItem(), panel->concreteList()->topLevelItem(3));
        QVERIFY2(panel->passes()->text().contains("folded 1"), qPrintable(panel->passes()->text()));
        // The log tells the whole story, call by call, not only the last one.
        QListWidget* log = panel->callLog();
        QCOMPARE(log->count(), 5);
        const QString log0 = log->item(0)->text();
        QVERIFY2(log0.startsWith("1. ") && log0.contains("= 1000") && log0.contains("traced #1"), qPrintable(log0));
        QVERIFY2(log->item(1)->text().contains("reused #1"), qPrintable(log->item(1)->text()));
        QVERIFY2(log->item(2)->text().contains("traced #2"), qPrintable(log->item(2)->text()));
        QVERIFY2(log->item(4)->text().contains("x=20") && log->item(4)->text().contains("traced #4"), qPrintable(log->item(4)->text()));
        // A new function (the graph changed) starts a new log.
        panel->reset();
        QCOMPARE(log->count(), 0);
        shoot(panel->window(), "window");
        shoot(panel, "panel");
    }

    void clickingARowShowsItsPasses()
    {
        type("x=constant(2.0)");
        type("x=5");
        QTreeWidget* list = panel->concreteList();
        const QRect first = list->visualItemRect(list->topLevelItem(0));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, first.center());
        QCOMPARE(list->currentItem(), list->topLevelItem(0));
        QVERIFY2(panel->passes()->text().startsWith("#1"), qPrintable(panel->passes()->text()));
        QVERIFY2(panel->passes()->text().contains("folded 0"), qPrintable(panel->passes()->text()));
    }

    void badCallsSayWhyAndChangeNothing()
    {
        type("x=constant(1.0)");
        type("x=constnt(2.0)");
        QCOMPARE(rows(), 1);
        QVERIFY2(explanation().contains("constnt"), qPrintable(explanation()));
        type("y=1");
        QVERIFY2(explanation().contains("'y' is not a value of the graph"), qPrintable(explanation()));
        QCOMPARE(rows(), 1);
        QCOMPARE(cell(0, 3), QString("1"));
    }

    void openShowsGhostsAndTheBackwardGraph()
    {
        type("x=4");
        QTest::mouseClick(panel->openButton(), Qt::LeftButton);
        TracedGraphWindow* w = panel->graphWindow();
        QVERIFY(w);
        QVERIFY(QTest::qWaitForWindowExposed(w));
        QCOMPARE(w->current(), TracedGraphWindow::Which::Forward);
        const ConcreteDocument& doc = w->view(TracedGraphWindow::Which::Forward).document;
        // pow(4, 3) folds: pow is ghosted beside the live constant 64, and its inputs are pruned.
        int ghosts = 0;
        for (const auto& [id, fate] : doc.fates)
            ghosts += doc.ghost(id) ? 1 : 0;
        QCOMPARE(ghosts, 3);
        QVERIFY(w->view(TracedGraphWindow::Which::Forward).overlay.node(doc.data.target).value);
        QCOMPARE(w->view(TracedGraphWindow::Which::Forward).overlay.node(doc.data.target).value->item(), 64.0);
        QVERIFY(w->picture(TracedGraphWindow::Which::Forward)->picture());
        shoot(w, "concrete");

        type("x=constant(3.0)");
        QTest::mouseClick(panel->openBackwardButton(), Qt::LeftButton);
        w = panel->graphWindow();
        QVERIFY(w);
        QCOMPARE(w->tabs()->currentIndex(), 1);
        const GraphData& backward = w->view(TracedGraphWindow::Which::Backward).data();
        const NodeId dx = backward.findLabel(QStringLiteral("d%1/dx").arg(panel->function()->resultName()));
        QVERIFY(dx.valid());
        QCOMPARE(w->view(TracedGraphWindow::Which::Backward).evaluation.node(dx)->value->item(), 27.0); // 3 x ** 2
        shoot(w, "backward");
    }

    // A traced graph's input stands for every call of its signature: it is drawn as a
    // placeholder with its TensorSpec, never as "= 2.0" as if the value were part of the graph.
    void inputsAreDrawnAsPlaceholders()
    {
        type("x=TensorSpec(shape=[3])");
        QTest::mouseClick(panel->openButton(), Qt::LeftButton);
        TracedGraphWindow* w = panel->graphWindow();
        QVERIFY(w);
        const ConcreteView& view = w->view(TracedGraphWindow::Which::Forward);
        const NodeId x = view.document.data.findLabel(QStringLiteral("x"));
        QVERIFY(x.valid());
        QCOMPARE(view.overlay.node(x).placeholder, QStringLiteral("(3,) float32"));
        const NodeContent content = NodeContent::of(view.document.data, *view.document.data.node(x), view.overlay.node(x), ViewMode::Forward);
        QCOMPARE(content.value.text, QStringLiteral("placeholder"));
        QVERIFY(content.valuePrefix.isEmpty());
        QCOMPARE(content.secondary, QStringLiteral("(3,) float32"));
        shoot(w, "placeholder");
    }

    void exportsEveryFormat()
    {
        type("x=constant(2.0)");
        QTemporaryDir dir;
        for (const char* name : {"g.png", "g.svg", "g.pdf", "g.dot", "b.svg", "b.dot"}) {
            const QString path = dir.filePath(QString::fromLatin1(name));
            const auto which = name[0] == 'b' ? TracedGraphWindow::Which::Backward : TracedGraphWindow::Which::Forward;
            QString error;
            QVERIFY2(panel->exportConcrete(0, which, path, &error), qPrintable(error));
            QVERIFY2(QFileInfo(path).size() > 50, name);
        }
        QFile dot(dir.filePath("g.dot"));
        QVERIFY(dot.open(QIODevice::ReadOnly));
        QVERIFY(dot.readAll().startsWith("digraph"));
        QString error;
        QVERIFY(!panel->exportConcrete(0, TracedGraphWindow::Which::Forward, dir.filePath("g.txt"), &error));
        QVERIFY(error.contains(".dot"));
        QVERIFY(!panel->exportConcrete(5, TracedGraphWindow::Which::Forward, dir.filePath("g.svg"), &error));
    }

    void editingTheGraphStartsANewFunction()
    {
        type("x=constant(1.0)");
        QCOMPARE(rows(), 1);
        load("x ** 2");
        QCOMPARE(rows(), 0);
        type("x=constant(3.0)");
        QVERIFY2(explanation().contains("= 9"), qPrintable(explanation()));
        QTest::mouseClick(panel->resetButton(), Qt::LeftButton);
        QCOMPARE(rows(), 0);
    }
};

QTEST_MAIN(TestTracePanel)
#include "tst_trace_panel.moc"
