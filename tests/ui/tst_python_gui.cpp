// The book's Python in the window: pasted into the formula bar, opened with File > Open (or from
// the command line), dropped on the canvas.
#include "EditorTestSupport.h"

#include "ui/files/DocumentFiles.h"
#include "ui/panels/FormulaBar.h"

#include <QApplication>
#include <QClipboard>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSettings>
#include <QUrl>

using testing::Editor;

namespace {

QString dataFile(const char* name) { return QStringLiteral(PYTHON_DATA_DIR "/") + QLatin1StringView(name); }

const char* const bookCell = "def f(w1, w2):\n"
                             "    return 3 * w1 ** 2 + 2 * w1 * w2\n"
                             "\n"
                             "w1, w2 = tf.Variable(5.), tf.Variable(3.)\n"
                             "with tf.GradientTape() as tape:\n"
                             "    z = f(w1, w2)\n"
                             "\n"
                             "gradients = tape.gradient(z, [w1, w2])\n";

std::vector<double> gradients(const gs::EditorSession& session)
{
    std::vector<double> out;
    for (const gs::SourceGradient& g : session.evaluation().gradients)
        out.push_back(g.gradient ? g.gradient->item() : qQNaN());
    return out;
}

} // namespace

class TestPythonGui : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { testing::useTestSettings("tst_python_gui"); }
    void init() { QVERIFY(e.open()); }
    void cleanup()
    {
        e.window.reset();
        QSettings().clear();
    }

    void pastedIntoTheFormulaBar()
    {
        QPlainTextEdit* edit = e.ws->formulaBar()->editor();
        QApplication::clipboard()->setText(QString::fromLatin1(bookCell));
        QTest::keyClick(e.view, Qt::Key_L, Qt::ControlModifier);
        QVERIFY(edit->hasFocus());
        QTest::keyClick(edit, Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(edit->toPlainText(), QString::fromLatin1(bookCell));
        QVERIFY(e.ws->formulaBar()->apply(edit->toPlainText()));
        const gs::GraphData& g = e.data();
        QCOMPARE(g.node(g.target)->label, QString("z"));
        QCOMPARE(e.session->evaluation().value->item(), 105.0);
        QCOMPARE(gradients(*e.session), std::vector<double>({36.0, 10.0}));
    }

    void aMistakeInPastedCodeIsShownWithItsPlace()
    {
        const gs::GraphData before = e.data();
        QVERIFY(!e.ws->formulaBar()->apply(QStringLiteral("x = tf.Variable(1.)\nwhile x < 3:\n    x = x + 1\n")));
        QCOMPARE(e.data(), before);
    }

    void openedFromAFile()
    {
        QString error;
        QVERIFY2(e.ws->files()->openFile(dataFile("custom_softplus.py"), &error), qPrintable(error));
        const gs::GraphData& g = e.data();
        QCOMPARE(g.node(g.target)->kind, gs::NodeKind::CustomGradient);
        QCOMPARE(gradients(*e.session), std::vector<double>({1.0}));
        QVERIFY(!e.ws->files()->openFile(dataFile("non_persistent.py"), &error));
        QVERIFY2(error.contains("line 10, column 15: A non-persistent GradientTape"), qPrintable(error));
    }

    void theWindowsTapeIsTheCodes()
    {
        // The code watched two constants: they are the window's sources.
        QVERIFY(e.ws->files()->openFile(dataFile("watch_constants.py")));
        QCOMPARE(gradients(*e.session), std::vector<double>({36.0, 10.0}));
        // Nested tapes: the Hessian is shown.
        QVERIFY(e.ws->files()->openFile(dataFile("hessian.py")));
        QVERIFY(e.session->hessian());
        const auto& h = e.session->evaluation().hessian;
        QCOMPARE(h.size(), std::size_t(2));
        QCOMPARE(h[0][0]->item(), 6.0);
        QCOMPARE(h[0][1]->item(), 2.0);
        QVERIFY(!h[1][1]);
    }

    void droppedOnTheCanvas()
    {
        auto* mime = new QMimeData;
        mime->setUrls({QUrl::fromLocalFile(dataFile("stop_gradient.py"))});
        const QPoint at = e.view->viewport()->rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(e.view->viewport(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(e.view->viewport(), &drop);
        QVERIFY(drop.isAccepted());
        delete mime;
        const std::vector<double> g = gradients(*e.session);
        QCOMPARE(g.size(), std::size_t(2));
        QCOMPARE(g[0], 30.0);
        QVERIFY(std::isnan(g[1])); // None: stop_gradient
    }

private:
    Editor e;
};

QTEST_MAIN(TestPythonGui)
#include "tst_python_gui.moc"
