// A long sum or product keeps the graph Python builds, ((x1 + x2) + x3) + ... (TensorFlow adds in
// that order, and float32 rounding depends on it), and the layout wraps it into rows read like
// text instead of a staircase far wider than the screen (issue 12, item 6).
#include "document/ChainWrap.h"
#include "document/Evaluation.h"
#include "document/FormulaReader.h"
#include "document/FormulaWriter.h"
#include "document/GraphLayout.h"
#include "ui/editor/EditorSession.h"
#include "ui/editor/GraphScene.h"
#include "ui/editor/NodeItem.h"
#include "ui/render/AutoLayout.h"
#include "ui/render/EditorStyle.h"
#include "ui/render/NodeContent.h"
#include "ui/render/NodeGeometry.h"
#include "ui/render/NodePainter.h"

#include <QImage>
#include <QPainter>
#include <QTest>
#include <QUndoStack>

#include <cmath>
#include <set>

using namespace gs;

namespace {

QString sumOf(int terms, const QString& op = QStringLiteral(" + "))
{
    QStringList names;
    for (int i = 1; i <= terms; ++i)
        names << QStringLiteral("x%1").arg(i);
    return names.join(op);
}

GraphData read(const QString& text)
{
    FormulaResult r = readFormula(text);
    if (!r.ok())
        qFatal("%s", qPrintable(r.error->message));
    return r.data;
}

/// The links of the chain ending at the target, from the first to the target.
std::vector<NodeId> chainLinks(const GraphData& data)
{
    const auto chains = longChains(data, ConnectionIndex(data));
    return chains.empty() ? std::vector<NodeId>{} : chains.front();
}

/// The nodes' boxes as the canvas draws them, after the layout the editor applies.
struct Laid {
    QUndoStack stack;
    EditorSession session{&stack};
    GraphScene scene{&session};

    explicit Laid(GraphData data)
    {
        const EditorStyle style = EditorStyle::light();
        scene.setEditorStyle(style);
        applyAutoLayout(data, style);
        session.load(data);
    }
    QRectF box(NodeId id) const
    {
        const NodeItem* item = scene.nodeItem(id);
        return item->geometry().core().translated(item->pos());
    }
    QRectF bounds() const
    {
        QRectF all;
        for (const auto& [id, n] : scene.data().nodes)
            all = all.united(box(id));
        return all;
    }
};

} // namespace

class TestChainLayout : public QObject {
    Q_OBJECT
private slots:
    void findsLongChainsOnlyWhereEachLinkFeedsTheNext()
    {
        const GraphData sum = read(sumOf(40));
        const auto links = chainLinks(sum);
        QCOMPARE(int(links.size()), 39);
        QCOMPARE(links.back(), sum.target);
        QCOMPARE(read(sumOf(40, QStringLiteral(" * "))).nodes.size(), std::size_t(79));
        QCOMPARE(int(chainLinks(read(sumOf(40, QStringLiteral(" * ")))).size()), 39);
        // Short chains are drawn as they are.
        QVERIFY(chainLinks(read(sumOf(7))).empty());
        // A link whose result is also used elsewhere ends the chain there: s is read twice.
        const GraphData split = read(QStringLiteral("s = ") + sumOf(5) + QStringLiteral("\ns * (s + x6 + x7 + x8)"));
        QVERIFY(chainLinks(split).empty());
        // Mixed ops are not one chain: a + b - c + d ...
        QVERIFY(chainLinks(read(QStringLiteral("x1 + x2 - x3 + x4 - x5 + x6 - x7 + x8 - x9 + x10"))).empty());
    }

    void theGraphKeepsPythonsLeftToRightOrder()
    {
        // The layout never regroups the sum: it reads back as the same left-associative formula.
        GraphData sum = read(sumOf(40));
        applyAutoLayout(sum, EditorStyle::light());
        const FormulaText text = writeFormula(sum);
        QVERIFY2(text.ok(), qPrintable(text.error));
        QCOMPARE(text.text.trimmed(), sumOf(40));
    }

    void aFortyTermSumIsABlockOfRowsNotAStaircase()
    {
        const GraphData sum = read(sumOf(40));
        Laid laid(sum);
        const QRectF all = laid.bounds();
        // About a projector's shape (it was 40 columns wide and 40 rows tall, at 10% zoom).
        QVERIFY2(all.width() / all.height() < 2.5 && all.height() / all.width() < 1.5,
                 qPrintable(QStringLiteral("%1 x %2").arg(all.width()).arg(all.height())));
        // No two boxes overlap.
        std::vector<NodeId> ids;
        for (const auto& [id, n] : sum.nodes)
            ids.push_back(id);
        for (std::size_t i = 0; i < ids.size(); ++i)
            for (std::size_t j = i + 1; j < ids.size(); ++j) {
                const QRectF shared = laid.box(ids[i]).intersected(laid.box(ids[j]));
                QVERIFY2(shared.width() <= 0.5 || shared.height() <= 0.5,
                         qPrintable(sum.displayName(ids[i]) + " overlaps " + sum.displayName(ids[j])));
            }
        // The links read like text: each is right of the one before on its row, or starts the
        // next row below it, at the left.
        const auto links = chainLinks(sum);
        std::set<double> rowStarts;
        for (std::size_t i = 1; i < links.size(); ++i) {
            const QRectF before = laid.box(links[i - 1]);
            const QRectF box = laid.box(links[i]);
            if (std::abs(box.center().y() - before.center().y()) < box.height() / 2)
                QVERIFY(box.left() > before.right());
            else {
                QVERIFY(box.top() > before.bottom());
                QVERIFY(box.right() < before.left());
                rowStarts.insert(box.left());
            }
        }
        QVERIFY(!rowStarts.empty());
        QCOMPARE(int(rowStarts.size()), 1); // every row starts at the same place
        // Each term sits below its link and left of it, so its wire climbs into the second port.
        for (std::size_t i = 1; i < links.size(); ++i) {
            const NodeId term = sum.connectionInto(links[i], 1)->from;
            QVERIFY(laid.box(term).top() > laid.box(links[i]).bottom() - 1);
            QVERIFY(laid.box(term).left() < laid.box(links[i]).left());
        }
    }

    void termsThatAreSmallTreesGoInTheBlockWithTheirLinks()
    {
        // f = w0 * x0 + w1 * x1 + ...: each product and its two inputs go below their link.
        QString formula;
        QStringList terms;
        for (int i = 0; i < 40; ++i) {
            formula += QStringLiteral("w%1 = Variable(%1.0)\nx%1 = constant(2.0)\n").arg(i);
            terms << QStringLiteral("w%1 * x%1").arg(i);
        }
        const GraphData sum = read(formula + QStringLiteral("f = ") + terms.join(QStringLiteral(" + ")));
        Laid laid(sum);
        const QRectF all = laid.bounds();
        QVERIFY2(all.width() / all.height() < 2.5 && all.height() / all.width() < 1.5,
                 qPrintable(QStringLiteral("%1 x %2").arg(all.width()).arg(all.height())));
        const auto links = chainLinks(sum);
        QCOMPARE(int(links.size()), 39);
        for (std::size_t i = 1; i < links.size(); ++i) {
            const NodeId product = sum.connectionInto(links[i], 1)->from;
            const QRectF link = laid.box(links[i]);
            QVERIFY(laid.box(product).top() > link.bottom() - 1);
            QVERIFY(laid.box(product).right() < link.left());
            for (const Connection* in : sum.inputsOf(product)) // its inputs just left of it
                QVERIFY(laid.box(in->from).right() < laid.box(product).left());
        }
    }

    void zoomedOutNodesStillShowTheirNames()
    {
        // Framed whole, a big graph is drawn as sketches; each keeps its name at a readable size
        // while the name fits, and drops it when it could not be read anyway.
        const EditorStyle style = EditorStyle::light();
        GraphData sum = read(sumOf(40));
        const Node& add = *sum.node(sum.target);
        const NodeGeometry g = NodeGeometry::compute(NodeContent::of(sum, add, {}, ViewMode::Forward, true), style);
        const auto inkAt = [&](double zoom, const QString& title) {
            QImage image((g.box.size() * zoom).toSize() + QSize(2, 2), QImage::Format_RGB32);
            image.fill(Qt::white);
            QPainter p(&image);
            p.scale(zoom, zoom);
            paintNodeSketch(p, add, g, {}, ViewMode::Forward, style, false, title, zoom);
            p.end();
            int dark = 0; // text pixels, below the header
            for (int y = int(g.headerHeight * zoom) + 2; y < image.height() - 2; ++y)
                for (int x = 2; x < image.width() - 2; ++x)
                    dark += qGray(image.pixel(x, y)) < 128;
            return dark;
        };
        QCOMPARE(inkAt(0.3, QString()), 0);
        QVERIFY(inkAt(0.3, QStringLiteral("add")) > 10);
        // Down to where half the box is 7 pixels tall; below, it is left out.
        const double smallest = 14.0 / g.box.height();
        QVERIFY(inkAt(smallest * 1.05, QStringLiteral("add")) > 0);
        QCOMPARE(inkAt(smallest * 0.9, QStringLiteral("add")), 0);
    }

    void theFormulaLayoutWrapsTooWithoutGraphviz()
    {
        // The layered layout a formula gets before the editor sees it (command line, files).
        GraphData sum = read(sumOf(40));
        std::set<double> columns;
        for (const auto& [id, n] : sum.nodes)
            columns.insert(n.position.x());
        QVERIFY2(int(columns.size()) <= chainRowLength(39) + 2, qPrintable(QString::number(columns.size())));
        // A constant sits just left of the op it feeds instead of at the far left.
        const GraphData book = read(QStringLiteral("w1 = Variable(5.0)\nw2 = Variable(3.0)\n3 * w1 ** 2 + 2 * w1 * w2"));
        for (const auto& [id, n] : book.nodes)
            if (n.kind == NodeKind::Constant)
                for (const Connection* out : book.outputsOf(id))
                    QVERIFY(book.node(out->to)->position.x() - n.position.x() < 200);
    }
};

QTEST_MAIN(TestChainLayout)
#include "tst_chain_layout.moc"
