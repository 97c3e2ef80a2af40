// The editor's panels and window: inspector, tape, steps, formula bar, plot, examples, files.
#include "EditorTestSupport.h"

#include "document/Evaluation.h"
#include "document/GraphDocument.h"
#include "ui/files/Autosave.h"
#include "ui/files/DocumentFiles.h"
#include "ui/editor/EdgeItem.h"
#include "ui/files/Examples.h"
#include "ui/editor/GraphEditing.h"
#include "ui/Theme.h"
#include "ui/panels/FormulaBar.h"
#include "ui/panels/DerivativeMatrix.h"
#include "ui/panels/InspectorPanel.h"
#include "ui/panels/PlotPanel.h"
#include "ui/panels/StepPanel.h"
#include "ui/panels/TapePanel.h"
#include "ui/render/ValueDisplay.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QSettings>
#include <QSlider>
#include <QTemporaryDir>
#include <QUndoStack>

using testing::Editor;

namespace {

const gs::Example& example(const char* resource)
{
    const gs::Example* e = gs::exampleFor(QString::fromLatin1(resource));
    if (!e)
        qFatal("no example %s", resource);
    return *e;
}

double gradientOf(const gs::EditorSession* s, gs::NodeId id)
{
    for (const gs::SourceGradient& g : s->evaluation().gradients)
        if (g.node == id && g.gradient)
            return g.gradient->item();
    return NAN;
}

} // namespace

class TestEditorPanels : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { testing::useTestSettings("tst_editor_panels"); }
    void init() { QVERIFY(e.open()); }
    void cleanup()
    {
        e.window.reset();
        QSettings().clear();
    }

    void inspectorEditsAValueAndDownstreamFollows()
    {
        const gs::NodeId w1 = e.node("w1");
        const gs::NodeId f = e.node("f");
        e.click(e.header(w1));
        gs::InspectorPanel* inspector = e.ws->inspector();
        QCOMPARE(inspector->node(), w1);
        QLineEdit* field = inspector->valueField();
        QVERIFY(field->isVisible());
        field->selectAll();
        QTest::keyClicks(field, QStringLiteral("7"));
        QTest::keyClick(field, Qt::Key_Return);
        // f = 3 * 49 + 2 * 7 * 3 = 189, df/dw1 = 6 * 7 + 2 * 3 = 48.
        QCOMPARE(e.session->evaluation().value->item(), 189.0);
        QCOMPARE(e.item(f)->content().secondary, QStringLiteral("value 189.0"));
        QCOMPARE(e.item(w1)->content().value.text, QStringLiteral("48.0"));
        QVERIFY(e.ws->formulaBar()->editor()->toPlainText().contains("w1 = Variable(7.0)"));
        QTest::keyClick(e.view, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(e.session->evaluation().value->item(), 105.0);
    }

    void theSliderPreviewsLiveAndCommitsOnce()
    {
        const gs::NodeId w1 = e.node("w1");
        e.click(e.header(w1));
        QSlider* slider = e.ws->inspector()->slider();
        QVERIFY(slider->isVisible());
        const int commands = e.session->undoStack()->count();
        slider->setSliderDown(true);
        slider->setSliderPosition(gs::InspectorPanel::sliderSteps * 3 / 4);
        const double previewed = e.ws->inspector()->sliderValue(slider->sliderPosition());
        QCOMPARE(e.session->overlay().node(w1).value->item(), previewed);
        QCOMPARE(e.session->undoStack()->count(), commands); // nothing committed while dragging
        slider->setSliderDown(false);
        QCOMPARE(e.session->undoStack()->count(), commands + 1);
        QCOMPARE(e.data().node(w1)->value->values.front(), previewed);
    }

    void gradientViewShowsTheEvaluationsGradientsOnTheWires()
    {
        gs::TapePanel* tape = e.ws->tapePanel();
        tape->forwardButton()->click();
        QCOMPARE(e.session->viewMode(), gs::ViewMode::Forward);
        tape->gradientButton()->click();
        QCOMPARE(e.session->viewMode(), gs::ViewMode::Gradient);
        int labelled = 0;
        for (const auto& [id, result] : e.session->evaluation().connections) {
            gs::EdgeItem* edge = e.scene->edgeItem(id);
            QVERIFY(edge);
            if (!result.gradient)
                continue;
            QCOMPARE(edge->look().label, gs::compactTensor(*result.gradient, 3));
            QVERIFY(edge->look().width >= e.scene->editorStyle().minWireWidth);
            ++labelled;
        }
        QVERIFY(labelled >= 6);
        // The largest gradient gets the thickest wire.
        double widest = 0;
        gs::ConnectionId widestId;
        for (const auto& [id, c] : e.data().connections)
            if (e.scene->edgeItem(id)->look().width > widest) {
                widest = e.scene->edgeItem(id)->look().width;
                widestId = id;
            }
        QCOMPARE(e.session->evaluation().connections.at(widestId).gradient->item(), 30.0);
    }

    // The Target box and the answer agree: with no target, the box shows none (not the first
    // node) and the answer says the graph has no target; choosing one in the box sets it.
    void theTargetBoxSaysWhenThereIsNoTarget()
    {
        auto* box = e.ws->tapePanel()->findChild<QComboBox*>(QStringLiteral("targetBox"));
        QVERIFY(box);
        QCOMPARE(box->currentText(), QStringLiteral("f"));
        gs::GraphData data = e.data();
        data.target = {};
        e.session->load(data);
        // In the window's words: how to choose one.
        QTRY_COMPARE(e.session->evaluation().error,
                     QStringLiteral("the graph has no target: right-click the node to differentiate and choose Make Target"));
        QTRY_COMPARE(box->currentIndex(), -1);
        QVERIFY(box->currentText().isEmpty());
        QVERIFY(!box->placeholderText().isEmpty());
        box->setCurrentIndex(box->findText(QStringLiteral("f")));
        emit box->activated(box->currentIndex());
        QTRY_VERIFY(e.session->evaluation().ok());
        QCOMPARE(e.data().target, e.node("f"));
    }

    void stopGradientCutIsOnTheRightWire()
    {
        QVERIFY(e.ws->files()->openExample(example(":/examples/stop-gradient.gscope")));
        const gs::NodeId stop = e.op("stop_gradient");
        const gs::Connection* into = e.data().connectionInto(stop, 0);
        QVERIFY(into);
        for (const auto& [id, c] : e.data().connections) {
            const gs::EdgeLook& look = e.scene->edgeItem(id)->look();
            QCOMPARE(look.valve, id == into->id);
        }
        QVERIFY(e.scene->edgeItem(into->id)->look().dashed);
        QVERIFY(e.session->overlay().node(e.node("w2")).blocked);
        QCOMPARE(e.item(e.node("w2"))->content().value.text, QStringLiteral("None"));
        QVERIFY(e.ws->tapePanel()->noneReasons()->text().contains("stop_gradient"));
        QCOMPARE(gradientOf(e.session, e.node("w1")), 30.0);
    }

    void nanBirthIsMarkedInFloat32AndGoneInFloat64()
    {
        QVERIFY(e.ws->files()->openExample(example(":/examples/softplus-naive.gscope")));
        const gs::NodeId exp = e.op("exp");
        QVERIFY(e.item(exp)->content().callout.join('\n').contains(QStringLiteral("exp(100.0) overflows float32 \u2192 inf")));
        QVERIFY(e.session->overlay().node(e.node("f")).valueNonfinite);
        QVERIFY(e.session->overlay().node(e.node("x")).adjointNonfinite);
        QComboBox* dtype = e.ws->tapePanel()->dtypeBox();
        dtype->setCurrentIndex(dtype->findText("float64"));
        QCOMPARE(e.session->evaluation().dtype, gs::DType::Float64);
        QVERIFY(e.item(exp)->content().callout.isEmpty());
        QVERIFY(!e.session->overlay().node(e.node("f")).valueNonfinite);
        QCOMPARE(gradientOf(e.session, e.node("x")), 1.0);
    }

    void stepModeWalksThroughTheEvents()
    {
        e.view->setFocus();
        QTest::keyClick(e.view, Qt::Key_T, Qt::ControlModifier);
        QCOMPARE(e.session->step(), 0);
        for (int i = 0; i < 7; ++i)
            QTest::keyClick(e.view, Qt::Key_Right);
        QCOMPARE(e.session->step(), 7);
        QCOMPARE(e.ws->stepPanel()->timeline()->value(), 7);
        const gs::ConnectionId fromW2 = e.data().outputsOf(e.node("w2")).front()->id;
        QCOMPARE(e.scene->edgeItem(fromW2)->look().label, QStringLiteral("1.0 × 10.0 = 10.0"));
        QVERIFY(e.ws->stepPanel()->description()->text().contains("backward"));
        QTest::keyClick(e.view, Qt::Key_Right, Qt::ShiftModifier);
        QCOMPARE(e.session->step(), e.session->stepCount());
        QVERIFY(e.item(e.node("w1"))->content().callout.join(' ').contains("6.0 + 30.0 = 36.0"));
        QTest::keyClick(e.view, Qt::Key_Left);
        QCOMPARE(e.session->step(), e.session->stepCount() - 1);
        e.ws->stepPanel()->timeline()->setValue(2);
        QCOMPARE(e.session->step(), 2);
        QVERIFY(e.session->overlay().node(e.node("f")).pending);
        QTest::keyClick(e.view, Qt::Key_T, Qt::ControlModifier);
        QCOMPARE(e.session->step(), -1);
    }

    void theFormulaBarBecomesTheGraph()
    {
        gs::FormulaBar* bar = e.ws->formulaBar();
        QVERIFY(bar->apply(QStringLiteral("y = Variable(2.0)\nz = y ** 3")));
        QCOMPARE(e.session->evaluation().value->item(), 8.0);
        QCOMPARE(gradientOf(e.session, e.node("y")), 12.0);
        QVERIFY(!bar->apply(QStringLiteral("z = y +")));
        QVERIFY(bar->errorLabel()->text().contains("line 1"));
        QTest::keyClick(e.view, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(gradientOf(e.session, e.node("w1")), 36.0);
        // Names the formula does not declare keep their values from the graph.
        QVERIFY(bar->apply(QStringLiteral("g = w1 * w2")));
        QCOMPARE(e.session->evaluation().value->item(), 15.0);
    }

    void jacobianAndHessianExamples()
    {
        QVERIFY(e.ws->files()->openExample(example(":/examples/jacobian.gscope")));
        const gs::Evaluation& ev = e.session->evaluation();
        QCOMPARE(ev.jacobian.size(), std::size_t(2));
        QCOMPARE(ev.jacobian[0]->toDoubles(), (std::vector<double>{40, 46, 50}));
        QCOMPARE(e.ws->tapePanel()->jacobianMatrix()->item(0, 0)->text(), QStringLiteral("[40.0, 46.0, 50.0]"));
        QVERIFY(e.ws->files()->openExample(example(":/examples/hessian.gscope")));
        const gs::Evaluation& h = e.session->evaluation();
        QCOMPARE(h.hessian.size(), std::size_t(2));
        QCOMPARE(h.hessian[0][0]->item(), 6.0);
        QCOMPARE(h.hessian[0][1]->item(), 2.0);
        QVERIFY(!h.hessian[1][1].has_value());
        QCOMPARE(e.ws->tapePanel()->hessianMatrix()->item(1, 1)->text(), QStringLiteral("None"));
    }

    void thePlotShadesWhereTheNaiveSoftplusGradientIsNan()
    {
        QVERIFY(e.ws->files()->openExample(example(":/examples/softplus-naive.gscope")));
        gs::PlotPanel* plot = e.ws->plotPanel();
        plot->update();
        const gs::FunctionSamples& s = plot->samples();
        QVERIFY(s.ok());
        QVERIFY(!s.nonfinite.empty());
        // exp overflows float32 just above x = 88.7.
        QVERIFY(s.nonfinite.front().from > 85 && s.nonfinite.front().from < 90);
        QVERIFY(s.nonfinite.front().what.contains("nan"));
        const gs::FunctionSamples& other = plot->comparisonSamples();
        QVERIFY(other.ok());
        QVERIFY(std::isfinite(other.df.back())); // the custom gradient stays finite
        QCOMPARE(other.df.back(), 1.0);
        QTemporaryDir dir;
        for (const char* name : {"plot.png", "plot.svg", "plot.pdf"}) {
            const QString path = dir.filePath(QString::fromLatin1(name));
            QVERIFY2(plot->exportTo(path, 2.0), name);
            QVERIFY(QFileInfo(path).size() > 1000);
        }
    }

    void thePlotFollowsTheDocument()
    {
        QVERIFY(e.ws->files()->openExample(example(":/examples/softplus-naive.gscope")));
        gs::PlotPanel* plot = e.ws->plotPanel();
        QCOMPARE(plot->inputBox()->currentText(), QStringLiteral("x"));
        QVERIFY(plot->compareBox()->currentIndex() > 0);
        // Another document: the last one's sweep, range and comparison do not carry over.
        e.ws->files()->askToSave = [](const QString&) { return gs::DocumentFiles::Answer::Discard; };
        e.ws->newDocument();
        // An empty document: empty axes, not the last plot's scale, legend and x.
        plot->update();
        QVERIFY(plot->plot()->xAxis->label().isEmpty());
        QVERIFY(!plot->plot()->legend->visible());
        QCOMPARE(plot->plot()->xAxis->range().lower, -5.0);
        QCOMPARE(plot->plot()->yAxis->range().upper, 1.0);
        QVERIFY(e.ws->formulaBar()->apply(QStringLiteral("u = Variable(2.0)\nv = Variable(3.0)\ny = u * v")));
        QCOMPARE(plot->inputBox()->currentText(), QStringLiteral("u"));
        QCOMPARE(plot->compareBox()->currentIndex(), 0);
        plot->update();
        QVERIFY(plot->samples().ok());
        QCOMPARE(plot->samples().x.front(), -5.0);
        // Sweeping v, then renaming it: the plot keeps sweeping it under its new name.
        plot->inputBox()->setCurrentIndex(plot->inputBox()->findText(QStringLiteral("v")));
        emit plot->inputBox()->activated(plot->inputBox()->currentIndex());
        gs::Node renamed = *e.data().node(e.node("v"));
        renamed.label = QStringLiteral("weight");
        QString error;
        QVERIFY(e.session->document()->setNode(renamed, &error));
        QCOMPARE(plot->inputBox()->currentText(), QStringLiteral("weight"));
    }

    void closingAsksAboutUnsavedChanges()
    {
        e.ws->editing()->setTarget(e.node("w1"));
        QVERIFY(e.window->isWindowModified());
        int asked = 0;
        e.ws->files()->askToSave = [&](const QString&) {
            ++asked;
            return gs::DocumentFiles::Answer::Cancel;
        };
        QVERIFY(!e.window->close());
        QCOMPARE(asked, 1);
        QVERIFY(e.window->isVisible());
        QTemporaryDir dir;
        const QString path = dir.filePath("saved.gscope");
        e.ws->files()->askToSave = [&](const QString&) {
            ++asked;
            return gs::DocumentFiles::Answer::Save;
        };
        e.ws->files()->askFileName = [&] { return path; };
        QVERIFY(e.window->close());
        QCOMPARE(asked, 2);
        QVERIFY(QFileInfo::exists(path));
    }

    void autosaveBringsBackACrashedSession()
    {
        e.ws->editing()->setTarget(e.node("w1"));
        gs::DocumentFiles* files = e.ws->files();
        files->autosaveNow();
        QVERIFY(files->autosave().exists());
        // The window goes away without closing normally (a crash), and a new one starts.
        e.window.reset();
        QVERIFY(e.open());
        QVERIFY(e.ws->files()->offerRestore(false));
        QCOMPARE(e.data().target, e.node("w1"));
        QVERIFY(e.window->isWindowModified());
        e.ws->files()->askToSave = [](const QString&) { return gs::DocumentFiles::Answer::Discard; };
        QVERIFY(e.window->close());
        QVERIFY(!e.ws->files()->autosave().exists());
    }

    void presenterZoomScalesFonts()
    {
        const double before = QApplication::font().pointSizeF();
        QTest::keyClick(e.view, Qt::Key_Equal, Qt::ControlModifier);
        QVERIFY(QApplication::font().pointSizeF() > before);
        QTest::keyClick(e.view, Qt::Key_0, Qt::ControlModifier);
        QCOMPARE(QApplication::font().pointSizeF(), before);
    }

    void docksAreRememberedAndThemesSwitch()
    {
        QDockWidget* plot = e.window->findChild<QDockWidget*>("plotDock");
        QVERIFY(plot && plot->isVisible());
        plot->close();
        e.ws->files()->askToSave = [](const QString&) { return gs::DocumentFiles::Answer::Discard; };
        QVERIFY(e.window->close());
        e.window.reset();
        QVERIFY(e.open());
        QVERIFY(!e.window->findChild<QDockWidget*>("plotDock")->isVisible());
        gs::applyTheme(gs::Theme::Dark);
        QCoreApplication::processEvents();
        QVERIFY(e.scene->editorStyle().dark);
        gs::applyTheme(gs::Theme::Light);
        QCoreApplication::processEvents();
        QVERIFY(!e.scene->editorStyle().dark);
        gs::applyTheme(gs::Theme::System);
    }

private:
    Editor e;
};

QTEST_MAIN(TestEditorPanels)
#include "tst_editor_panels.moc"
