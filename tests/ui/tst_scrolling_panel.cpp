// A dock's panel in its scroll area is sized as a layout would size it: to the dock, and never
// below what its parts need at least at the dock's width. With word-wrapped text in the panel,
// Qt's own resizing took the panel's preferred height for its width as its minimum, so the
// lesson's reading part claimed its whole text, the panel scrolled in a dock it fitted, and Next
// went out of sight at 1024x768.
#include "ui/ScrollingPanel.h"

#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBrowser>
#include <QTest>
#include <QVBoxLayout>

namespace {

struct Panel {
    QWidget* widget = new QWidget;
    QLabel* question = new QLabel;
    QPushButton* next = new QPushButton(QStringLiteral("Next"));

    Panel()
    {
        widget->setObjectName(QStringLiteral("panel"));
        question->setWordWrap(true);
        question->setText(QStringLiteral("What will tape.gradient(f, [w1, w2]) give now, with the valve between "
                                         "w2 and f? (the answer is hidden until you reveal it)"));
        auto* layout = new QVBoxLayout(widget);
        // The reading part: it would like more room than the dock has, and can do with 40 pixels
        // (it scrolls its own text).
        auto* reading = new QTextBrowser;
        reading->setText(QStringLiteral("Forward, stop_gradient is the identity. ").repeated(20));
        reading->setMinimumHeight(40);
        layout->addWidget(reading, 1);
        layout->addWidget(question);
        layout->addWidget(next);
    }
};

bool inView(const QScrollArea& scroll, const QWidget& w)
{
    return scroll.viewport()->rect().contains(QRect(w.mapTo(scroll.viewport(), QPoint(0, 0)), w.size()));
}

} // namespace

class TestScrollingPanel : public QObject {
    Q_OBJECT
private slots:
    void aWrappedQuestionDoesNotMakeTheDockScroll()
    {
        Panel panel;
        std::unique_ptr<QScrollArea> scroll(gs::scrollingPanel(panel.widget));
        scroll->resize(260, 200); // a dock in the right column on a projector
        scroll->show();
        QVERIFY(QTest::qWaitForWindowExposed(scroll.get()));
        QCoreApplication::processEvents();
        QCOMPARE(scroll->objectName(), QStringLiteral("panelScroll"));
        QCOMPARE(scroll->verticalScrollBar()->maximum(), 0);
        QCOMPARE(scroll->horizontalScrollBar()->maximum(), 0);
        QVERIFY(inView(*scroll, *panel.next));
        // The panel fills the dock; the question keeps all its lines.
        QCOMPARE(panel.widget->size(), scroll->viewport()->size());
        QVERIFY(panel.question->height() >= panel.question->heightForWidth(panel.question->width()));
    }

    void aDockTooShortScrollsInsteadOfSqueezing()
    {
        Panel panel;
        std::unique_ptr<QScrollArea> scroll(gs::scrollingPanel(panel.widget));
        scroll->resize(260, 70);
        scroll->show();
        QVERIFY(QTest::qWaitForWindowExposed(scroll.get()));
        QCoreApplication::processEvents();
        QVERIFY(scroll->verticalScrollBar()->maximum() > 0);
        // Scrolled to the end, Next is there, and the question was not cut.
        scroll->verticalScrollBar()->setValue(scroll->verticalScrollBar()->maximum());
        QCoreApplication::processEvents();
        QVERIFY(inView(*scroll, *panel.next));
        QVERIFY(panel.question->height() >= panel.question->heightForWidth(panel.question->width()));
    }

    void longerTextGrowsThePanel()
    {
        // A new step's text: the panel is sized again for it.
        Panel panel;
        std::unique_ptr<QScrollArea> scroll(gs::scrollingPanel(panel.widget));
        scroll->resize(260, 200);
        scroll->show();
        QVERIFY(QTest::qWaitForWindowExposed(scroll.get()));
        panel.question->setText(panel.question->text().repeated(6));
        QTRY_VERIFY(scroll->verticalScrollBar()->maximum() > 0);
        QVERIFY(panel.question->height() >= panel.question->heightForWidth(panel.question->width()));
    }
};

QTEST_MAIN(TestScrollingPanel)
#include "tst_scrolling_panel.moc"
