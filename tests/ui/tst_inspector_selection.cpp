// The Inspector with several nodes selected on the canvas: how many, which, and what they share.
#include "EditorTestSupport.h"

#include "document/GraphDocument.h"
#include "document/NodeNames.h"
#include "document/commands/NodeCommands.h"
#include "ui/panels/InspectorPanel.h"
#include "ui/panels/SelectionSummary.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QUndoStack>

using testing::Editor;

class TestInspectorSelection : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { testing::useTestSettings("tst_inspector_selection"); }
    void init() { QVERIFY(e.open()); }
    void cleanup() { e.window.reset(); }

    void threeSelectedNodesAreCountedAndNamed()
    {
        gs::InspectorPanel* inspector = e.ws->inspector();
        const gs::NodeId w1 = e.node("w1");
        const gs::NodeId w2 = e.node("w2");
        const gs::NodeId pow = e.op("pow");
        QVERIFY(w1.valid() && w2.valid() && pow.valid());

        // Click one, Ctrl+click two more, as a user selects.
        e.click(e.header(w1));
        QCOMPARE(inspector->heading()->text(), QStringLiteral("w1"));
        QVERIFY(inspector->labelField()->isVisible());
        e.click(e.header(w2), Qt::ControlModifier);
        QCOMPARE(inspector->heading()->text(), QStringLiteral("2 nodes selected"));
        e.click(e.header(pow), Qt::ControlModifier);
        QCOMPARE(e.scene->selectedNodes().size(), std::size_t(3));
        QCOMPARE(inspector->heading()->text(), QStringLiteral("3 nodes selected"));

        // Each by its friendly name, never by an id like "pow#4".
        const QString names = inspector->selectionSummary()->namesLabel()->text();
        for (gs::NodeId id : {w1, w2, pow})
            QVERIFY2(names.contains(gs::friendlyName(e.data(), id)), qPrintable(names));
        QVERIFY2(!names.contains(u'#'), qPrintable(names));
        QVERIFY(inspector->selectionSummary()->isVisible());
        QVERIFY(!inspector->labelField()->isVisible());
        QVERIFY(!inspector->valueField()->isVisible());
        QVERIFY(inspector->findChild<QLabel*>("inspectorSelectOne")->isVisible());

        // Back to one node: its own page again.
        e.click(e.header(w2));
        QCOMPARE(inspector->heading()->text(), QStringLiteral("w2"));
        QVERIFY(!inspector->selectionSummary()->isVisible());
        QVERIFY(inspector->labelField()->isVisible());
    }

    void trainableIsSetOnAllSelectedVariablesInOneStep()
    {
        const gs::NodeId w1 = e.node("w1");
        const gs::NodeId w2 = e.node("w2");
        e.click(e.header(w1));
        e.click(e.header(w2), Qt::ControlModifier);
        QCheckBox* box = e.ws->inspector()->selectionSummary()->trainableBox();
        QVERIFY(box->isVisible());
        const bool before = e.data().node(w1)->trainable;
        QCOMPARE(e.data().node(w2)->trainable, before);
        QCOMPARE(box->checkState(), before ? Qt::Checked : Qt::Unchecked);

        const int commands = e.session->undoStack()->count();
        QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(box->height() / 2, box->height() / 2));
        QCOMPARE(e.data().node(w1)->trainable, !before);
        QCOMPARE(e.data().node(w2)->trainable, !before);
        QCOMPARE(e.session->undoStack()->count(), commands + 1);
        QCOMPARE(box->checkState(), before ? Qt::Unchecked : Qt::Checked);

        // One undo restores both.
        e.session->undoStack()->undo();
        QCOMPARE(e.data().node(w1)->trainable, before);
        QCOMPARE(e.data().node(w2)->trainable, before);
        QCOMPARE(box->checkState(), before ? Qt::Checked : Qt::Unchecked);

        // Mixed: the box says so, and a click makes them all trainable.
        gs::Node w1After = *e.data().node(w1);
        w1After.trainable = true;
        gs::Node w2After = *e.data().node(w2);
        w2After.trainable = false;
        e.session->undoStack()->push(new gs::EditNodeCommand(e.session->document(), w1After, "t"));
        e.session->undoStack()->push(new gs::EditNodeCommand(e.session->document(), w2After, "t"));
        QCOMPARE(box->checkState(), Qt::PartiallyChecked);
        QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(box->height() / 2, box->height() / 2));
        QVERIFY(e.data().node(w1)->trainable);
        QVERIFY(e.data().node(w2)->trainable);
        QCOMPARE(box->checkState(), Qt::Checked);
    }

private:
    Editor e;
};

QTEST_MAIN(TestInspectorSelection)
#include "tst_inspector_selection.moc"
