// The .gscope file format: what is written reads back into the same document, and damaged or
// hostile files give a clear error naming the problem and its place, never a crash or a hang.
#include "document/DocumentFile.h"
#include "document/FormulaReader.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace gs;

namespace {

GraphData richDocument()
{
    FormulaResult r = readFormula("w1 = Variable(5.0)\n"
                                  "m = Variable([[1, 2], [3, 4]], dtype=float64, trainable=False)\n"
                                  "x = Input()\n"
                                  "c = constant([nan, inf, -inf])\n"
                                  "s = reduce_sum(x * c, axis=0, keepdims=True) + elu(w1, alpha=0.5)\n"
                                  "r = reshape(m, shape=[4]) + cast(w1, dtype=float64)\n"
                                  "z = custom_gradient(log(exp(w1) + 1), grad=dy / (1 + 1 / exp(w1)))\n"
                                  "add_n([z, s, stop_gradient(z)])\n");
    if (!r.ok())
        qFatal("%s", qPrintable(r.error->formatted()));
    GraphData g = r.data;
    g.groups.emplace(GroupId{1}, Group{GroupId{1}, "layer \"one\"", {}});
    g.groups.emplace(GroupId{2}, Group{GroupId{2}, "inner", GroupId{1}});
    g.node(g.findLabel("w1"))->group = GroupId{2};
    g.comments.emplace(CommentId{3}, Comment{CommentId{3}, "softplus:\nthe book's example", QPointF(-20.5, 40), GroupId{1}});
    g.lesson = LessonInfo{"Chapter 12", "Gradients, stop_gradient and custom gradients.", {}};
    g.savedValues.insert("w1", TensorValue::scalar(2.5));
    g.savedValues.insert("m", TensorValue{Shape::matrix(1, 2), {1, 2}, DType::Float64});
    return g;
}

/// JSON written with single quotes, to keep the tests readable.
QByteArray j(const char* text) { return QByteArray(text).replace('\'', '"'); }

QByteArray minimal(const QByteArray& graph)
{
    return j("{'format': 'gradscope', 'version': 1, 'graph': ") + graph + "}";
}

QByteArray node(const QByteArray& fields) { return minimal(j("{'nodes': [") + fields + "]}"); }

} // namespace

class TestDocumentFile : public QObject {
    Q_OBJECT
private slots:
    void roundTrip()
    {
        const GraphData g = richDocument();
        const QByteArray bytes = documentToJson(g);
        const DocumentReadResult read = documentFromJson(bytes);
        QVERIFY2(read.ok(), qPrintable(read.error ? read.error->text() : QString()));
        QVERIFY(read.data == g);
        QCOMPARE(documentToJson(read.data), bytes);
    }

    void fileHasAVersionAndLesson()
    {
        const QByteArray bytes = documentToJson(richDocument());
        QVERIFY(bytes.contains("\"format\": \"gradscope\""));
        QVERIFY(bytes.contains("\"version\": 1"));
        QVERIFY(bytes.contains("\"title\": \"Chapter 12\""));
        QVERIFY(bytes.contains("\"NaN\""));
    }

    void saveAndLoad()
    {
        QTemporaryDir dir;
        const QString name = dir.filePath("lesson.gscope");
        QString error;
        QVERIFY2(saveDocument(richDocument(), name, &error), qPrintable(error));
        const DocumentReadResult read = loadDocument(name);
        QVERIFY(read.ok());
        QVERIFY(read.data == richDocument());
    }

    void failedSaveLeavesTheOldFile()
    {
        QTemporaryDir dir;
        QString error;
        QVERIFY(!saveDocument(richDocument(), dir.filePath("no/such/dir/x.gscope"), &error));
        QVERIFY2(error.startsWith("cannot write"), qPrintable(error));
        // A file where a directory should be: the save fails and the file is left as it was.
        const QString name = dir.filePath("keep.gscope");
        QVERIFY(saveDocument(GraphData{}, name));
        const QByteArray before = documentToJson(GraphData{});
        QVERIFY(!saveDocument(richDocument(), name + "/inside.gscope", &error));
        QVERIFY(loadDocument(name).data == GraphData{});
        QFile file(name);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"keep.gscope"});
    }

    void loadMissingFile()
    {
        const DocumentReadResult r = loadDocument("/nonexistent/file.gscope");
        QVERIFY(!r.ok());
        QVERIFY(r.error->text().startsWith("cannot open '/nonexistent/file.gscope'"));
    }

    void damagedFiles_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("error");
        const QByteArray valid = documentToJson(richDocument());
        QTest::newRow("empty") << QByteArray("  \n") << "the file is empty";
        QTest::newRow("truncated") << valid.left(valid.size() / 2) << "not valid JSON";
        QTest::newRow("syntax") << QByteArray("{\n  \"format\": \"gradscope\",\n  \"version\": 1 x\n}")
                                << "line 3, column 17: not valid JSON";
        QTest::newRow("not an object") << QByteArray("[1, 2]") << "$: expected an object, found a list";
        QTest::newRow("other format") << QByteArray(j("{'format': 'svg'}")) << "$.format: expected \"gradscope\"";
        QTest::newRow("newer version") << QByteArray(j("{'format': 'gradscope', 'version': 7, 'graph': {}}"))
                                       << "$.version: the file was written by a newer GradScope (format version 7)";
        QTest::newRow("version type") << QByteArray(j("{'format': 'gradscope', 'version': '1'}"))
                                      << "$.version: expected an integer, found a string";
        QTest::newRow("no graph") << QByteArray(j("{'format': 'gradscope', 'version': 1}")) << "$.graph: expected an object, found nothing";
        QTest::newRow("nodes type") << minimal(j("{'nodes': {}}")) << "$.graph.nodes: expected a list, found an object";
        QTest::newRow("node type") << minimal(j("{'nodes': [3]}")) << "$.graph.nodes[0]: expected an object, found a number";
        QTest::newRow("id type") << node(j("{'id': 'one', 'kind': 'variable'}")) << "$.graph.nodes[0].id: expected an integer, found a string";
        QTest::newRow("id fraction") << node(j("{'id': 1.5, 'kind': 'variable'}")) << "$.graph.nodes[0].id: expected an integer, found 1.5";
        QTest::newRow("huge id") << node(j("{'id': 1e300, 'kind': 'variable'}")) << "$.graph.nodes[0].id: 1e+300 is out of range";
        QTest::newRow("duplicate id") << node(j("{'id': 1, 'kind': 'variable'}, {'id': 1, 'kind': 'input'}"))
                                      << "$.graph.nodes[1].id: node 1 appears twice";
        QTest::newRow("kind") << node(j("{'id': 1, 'kind': 'widget'}")) << "$.graph.nodes[0].kind: unknown kind \"widget\"";
        QTest::newRow("unknown op") << node(j("{'id': 1, 'kind': 'op', 'op': 'fooo'}"))
                                    << "$.graph.nodes[0].op: unknown op 'fooo' (did you mean 'floor'?)";
        QTest::newRow("ports") << node(j("{'id': 1, 'kind': 'op', 'op': 'add', 'ports': 3}"))
                               << "$.graph.nodes[0].ports: add takes at most 2 inputs, got 3";
        QTest::newRow("attribute type") << node(j("{'id': 1, 'kind': 'op', 'op': 'reduce_sum', 'attrs': {'axis': 'rows'}}"))
                                        << "$.graph.nodes[0].attrs.axis: reduce_sum: attribute axis must be an integer";
        QTest::newRow("unknown attribute") << node(j("{'id': 1, 'kind': 'op', 'op': 'exp', 'attrs': {'axis': 0}}"))
                                           << "$.graph.nodes[0].attrs.axis: exp has no attribute 'axis'";
        QTest::newRow("value type") << node(j("{'id': 1, 'kind': 'constant', 'value': [1, 'a']}"))
                                    << "$.graph.nodes[0].value[1]: expected a number, found the string \"a\"";
        QTest::newRow("ragged") << node(j("{'id': 1, 'kind': 'constant', 'value': [[1, 2], [3]]}"))
                                << "$.graph.nodes[0].value[1]: this row has 1 numbers but row 0 has 2";
        QTest::newRow("rank 3") << node(j("{'id': 1, 'kind': 'constant', 'value': [[[1]]]}"))
                                << "$.graph.nodes[0].value[0][0]: tensors have at most 2 dimensions";
        QTest::newRow("constant without value") << node(j("{'id': 1, 'kind': 'constant'}"))
                                                << "$.graph.nodes[0].value: is missing";
        QTest::newRow("dtype") << node(j("{'id': 1, 'kind': 'constant', 'value': 1, 'dtype': 'int8'}"))
                               << "$.graph.nodes[0].dtype: expected \"float32\" or \"float64\"";
        QTest::newRow("position") << node(j("{'id': 1, 'kind': 'variable', 'position': [1]}"))
                                  << "$.graph.nodes[0].position: expected [x, y]";
        QTest::newRow("long label") << node(j("{'id': 1, 'kind': 'variable', 'label': '") + QByteArray(300, 'a') + "\"}")
                                    << "$.graph.nodes[0].label: is 300 characters long; at most 256 are allowed";
        QTest::newRow("parameter outside") << node(j("{'id': 1, 'kind': 'parameter', 'index': 0}"))
                                           << "$.graph.nodes[0].scope: a parameter node needs the scope";
        QTest::newRow("scope not custom") << node(j("{'id': 1, 'kind': 'variable'}, {'id': 2, 'kind': 'op', 'op': 'exp', 'scope': 1}"))
                                          << "$.graph.nodes[1].scope: node 1 is not a custom_gradient node";
        QTest::newRow("group missing") << node(j("{'id': 1, 'kind': 'variable', 'group': 4}")) << "$.graph.nodes[0].group: no group 4";
        QTest::newRow("group cycle") << minimal(j("{'nodes': [], 'groups': [{'id': 1, 'parent': 2}, {'id': 2, 'parent': 1}]}"))
                                     << "$.graph.groups[0].parent: group 1 is inside itself";
        const QByteArray twoNodes = j("{'id': 1, 'kind': 'op', 'op': 'exp'}, {'id': 2, 'kind': 'op', 'op': 'neg'}");
        QTest::newRow("missing node") << minimal(j("{'nodes': [") + twoNodes + j("], 'connections': [{'from': 1, 'to': 9, 'port': 0}]}"))
                                      << "$.graph.connections[0].to: no node 9";
        QTest::newRow("port range") << minimal(j("{'nodes': [") + twoNodes + j("], 'connections': [{'from': 1, 'to': 2, 'port': 1}]}"))
                                    << "$.graph.connections[0].port: neg#2 has 1 input port";
        QTest::newRow("port twice") << minimal(j("{'nodes': [") + twoNodes + j(", {'id': 3, 'kind': 'input'}], 'connections': [{'from': 1, 'to': 2, 'port': 0}, {'from': 3, 'to': 2, 'port': 0}]}"))
                                    << "$.graph.connections[1].port: input 'x' of neg#2 is connected twice";
        QTest::newRow("cycle") << minimal(j("{'nodes': [") + twoNodes + j("], 'connections': [{'from': 1, 'to': 2, 'port': 0}, {'from': 2, 'to': 1, 'port': 0}]}"))
                               << "$.graph.connections[0]: this connection (exp#1 -> neg#2) is part of a cycle";
        QTest::newRow("self loop") << minimal(j("{'nodes': [{'id': 1, 'kind': 'op', 'op': 'exp'}], 'connections': [{'from': 1, 'to': 1, 'port': 0}]}"))
                                   << "$.graph.connections[0]: this connection (exp#1 -> exp#1) is part of a cycle";
        QTest::newRow("target") << minimal(j("{'nodes': [], 'target': 5}")) << "$.graph.target: no top-level node 5";
        QTest::newRow("deep nesting") << QByteArray(100000, '[') << "not valid JSON";
        QTest::newRow("deep value") << node(j("{'id': 1, 'kind': 'constant', 'value': ") + QByteArray(500, '[') + "1" + QByteArray(500, ']') + "}")
                                    << "$.graph.nodes[0].value[0][0]: tensors have at most 2 dimensions";
        QTest::newRow("huge number") << node(j("{'id': 1, 'kind': 'constant', 'value': 1e999}")) << "not valid JSON: illegal number";
        QByteArray many = "[";
        for (int i = 0; i < 1'000'001; ++i)
            many += i ? ",0" : "0";
        QTest::newRow("huge tensor") << node(j("{'id': 1, 'kind': 'constant', 'value': ") + many + "]}")
                                     << "$.graph.nodes[0].value: more than 1000000 elements";
        QByteArray nodes;
        for (int i = 1; i <= 10001; ++i)
            nodes += (i > 1 ? "," : "") + QByteArray(j("{'id': ")) + QByteArray::number(i) + j(", 'kind': 'input'}");
        QTest::newRow("too many nodes") << minimal(j("{'nodes': [") + nodes + "]}")
                                        << "$.graph.nodes: has 10001 entries; at most 10000 are allowed";
        QTest::newRow("too large") << QByteArray(17 * 1024 * 1024, ' ') << "the file is larger than 16 MB";
    }
    void damagedFiles()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, error);
        const DocumentReadResult r = documentFromJson(bytes);
        QVERIFY(!r.ok());
        QVERIFY2(r.error->text().contains(error), qPrintable(r.error->text()));
        if (!r.error->where.isEmpty() && r.error->where.startsWith('$'))
            QVERIFY2(r.error->text().startsWith(error), qPrintable(r.error->text()));
        QVERIFY(r.data == GraphData{});
    }

    void randomDamageNeverCrashes()
    {
        const QByteArray valid = documentToJson(richDocument());
        QRandomGenerator random(20241125);
        int refused = 0;
        for (int i = 0; i < 2000; ++i) {
            QByteArray bytes = valid;
            const int edits = 1 + random.bounded(4);
            for (int k = 0; k < edits; ++k) {
                const int at = random.bounded(static_cast<int>(bytes.size()));
                switch (random.bounded(3)) {
                case 0: bytes[at] = static_cast<char>(random.bounded(32, 127)); break;
                case 1: bytes.remove(at, 1 + random.bounded(8)); break;
                default: bytes.insert(at, "0123456789[]{}\",:-"[random.bounded(18)]); break;
                }
            }
            const DocumentReadResult r = documentFromJson(bytes);
            if (!r.ok()) {
                ++refused;
                QVERIFY(!r.error->message.isEmpty());
            }
        }
        QVERIFY(refused > 1000);
    }
};

QTEST_GUILESS_MAIN(TestDocumentFile)
#include "tst_documentfile.moc"
