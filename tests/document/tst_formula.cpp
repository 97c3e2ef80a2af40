// The formula language: what text becomes which graph, how it is written back, and how mistakes
// are reported (line, column, caret).
#include "document/FormulaReader.h"
#include "document/FormulaWriter.h"
#include "document/GraphData.h"

#include <QTest>

using namespace gs;

namespace {

QString errorText(const FormulaResult& r) { return r.error ? r.error->formatted() : QString(); }

GraphData read(const QString& text)
{
    FormulaResult r = readFormula(text);
    if (!r.ok())
        qWarning("%s", qPrintable(errorText(r)));
    return r.data;
}

/// The target's expression as a Lisp-like tree: (add (mul 3 w1) w2).
QString tree(const GraphData& g, NodeId id)
{
    const Node& n = *g.node(id);
    switch (n.kind) {
    case NodeKind::Constant: return n.label.isEmpty() ? n.value->text() : n.label;
    case NodeKind::Variable:
    case NodeKind::Input:
    case NodeKind::Parameter: return n.label;
    case NodeKind::Upstream: return QStringLiteral("dy");
    case NodeKind::CustomGradient:
    case NodeKind::Op: break;
    }
    QString s = u'(' + (n.kind == NodeKind::Op ? n.op : QStringLiteral("custom"));
    for (int p = 0; p < n.ports; ++p) {
        const Connection* c = g.connectionInto(id, p);
        s += u' ' + (c ? tree(g, c->from) : QStringLiteral("_"));
    }
    for (const auto& [name, value] : n.attrs.items())
        s += QStringLiteral(" %1=%2").arg(QString::fromStdString(name), QString::fromStdString(formatAttrValue(value)));
    return s + u')';
}

QString targetTree(const QString& text)
{
    const GraphData g = read(text);
    return g.target.valid() ? tree(g, g.target) : QStringLiteral("<none>");
}

} // namespace

class TestFormula : public QObject {
    Q_OBJECT
private slots:
    void expressionsBecomeTrees_data()
    {
        QTest::addColumn<QString>("formula");
        QTest::addColumn<QString>("expected");
        QTest::newRow("book f") << "3*w1**2 + stop_gradient(2*w1*w2)"
                                << "(add (mul 3.0 (pow w1 2.0)) (stop_gradient (mul (mul 2.0 w1) w2)))";
        QTest::newRow("softplus") << "log(exp(x) + 1)" << "(log (add (exp x) 1.0))";
        QTest::newRow("unary minus below power") << "-x**2" << "(neg (pow x 2.0))";
        QTest::newRow("power is right associative") << "a**b**c" << "(pow a (pow b c))";
        QTest::newRow("signed exponent") << "2**-x" << "(pow 2.0 (neg x))";
        QTest::newRow("minus is left associative") << "a - b - c" << "(sub (sub a b) c)";
        QTest::newRow("parentheses") << "a - (b - c)" << "(sub a (sub b c))";
        QTest::newRow("negative literal") << "x * -3" << "(mul x -3.0)";
        QTest::newRow("negated literal in parentheses") << "-(3)" << "(neg 3.0)";
        QTest::newRow("matmul") << "a @ b + c" << "(add (matmul a b) c)";
        QTest::newRow("where with comparison")
            << "where(x > 30, x, log(exp(x)+1))" << "(where (greater x 30.0) x (log (add (exp x) 1.0)))";
        QTest::newRow("keyword attribute") << "reduce_sum(x, axis=0)" << "(reduce_sum x axis=0)";
        QTest::newRow("positional attribute") << "reduce_mean(x, 1)" << "(reduce_mean x axis=1)";
        QTest::newRow("float attribute") << "elu(x, alpha=1)" << "(elu x alpha=1.0)";
        QTest::newRow("bool attribute") << "reduce_sum(x, axis=-1, keepdims=True)" << "(reduce_sum x axis=-1 keepdims=True)";
        QTest::newRow("list literal stacks") << "[f1, f2, f3]" << "(stack f1 f2 f3)";
        QTest::newRow("add_n of a list") << "add_n([a, b])" << "(add_n a b)";
        QTest::newRow("numeric list is a constant") << "x * [1, 2]" << "(mul x [1.0, 2.0])";
        QTest::newRow("tf prefixes") << "tf.math.log(tf.exp(z) + 1.0)" << "(log (add (exp z) 1.0))";
        QTest::newRow("tf aliases") << "tf.multiply(a, tf.negative(b))" << "(mul a (neg b))";
        QTest::newRow("tf.nn and tf.math spellings")
            << "tf.nn.softmax(tf.math.divide_no_nan(a, b), axis=0) + "
               "tf.nn.swish(tf.math.div_no_nan(a, b))"
            << "(add (softmax (divide_no_nan a b) axis=0) (silu (divide_no_nan a b)))";
        QTest::newRow("tf.linalg spellings")
            << "tf.linalg.det(tf.linalg.inv(m)) * tf.linalg.trace(tf.linalg.diag(v))"
            << "(mul (matrix_determinant (matrix_inverse m)) (trace (diag v)))";
        QTest::newRow("tf losses")
            << "tf.nn.sigmoid_cross_entropy_with_logits(labels=z, logits=x) + tf.nn.l2_loss(x)"
            << "(add (sigmoid_cross_entropy_with_logits z x) (l2_loss x))";
        QTest::newRow("tf.clip_by_norm and tf.math.reduce_min")
            << "tf.clip_by_norm(t, 1.0) * tf.math.reduce_min(t, axis=1)"
            << "(mul (clip_by_norm t 1.0) (reduce_min t axis=1))";
        QTest::newRow("inputs by keyword") << "where(condition=c > 0, x=a, y=b)" << "(where (greater c 0.0) a b)";
        QTest::newRow("cast dtype name") << "cast(x, dtype=float64)" << "(cast x dtype='float64')";
        QTest::newRow("reshape dims") << "reshape(x, shape=[2, -1])" << "(reshape x shape=[2, -1])";
        QTest::newRow("inf and nan") << "x + inf - nan" << "(sub (add x inf) nan)";
        QTest::newRow("return") << "return 2 * x" << "(mul 2.0 x)";
        QTest::newRow("not equal") << "where(x != 0, x, y)" << "(where (not_equal x 0.0) x y)";
        QTest::newRow("// and % bind like * and /, from the left")
            << "a // b % c * d" << "(mul (floormod (floordiv a b) c) d)";
        QTest::newRow("// binds tighter than +") << "a + b // c" << "(add a (floordiv b c))";
        QTest::newRow("% binds looser than unary minus") << "-a % b" << "(floormod (neg a) b)";
        QTest::newRow("% binds looser than **") << "a ** 2 % b" << "(floormod (pow a 2.0) b)";
        QTest::newRow("tf.math names") << "tf.math.floormod(a, tf.math.floordiv(b, 2)) + tf.math.mod(a, b)"
                                      << "(add (floormod a (floordiv b 2.0)) (floormod a b))";
    }
    void expressionsBecomeTrees()
    {
        QFETCH(QString, formula);
        QFETCH(QString, expected);
        QCOMPARE(targetTree(formula), expected);
    }

    void namesAndDeclarations()
    {
        const GraphData g = read("# the book's example\n"
                                 "w1 = Variable(5.0)\n"
                                 "w2 = Variable([[1, 2], [3, 4]], dtype=float64, trainable=False)\n"
                                 "x = constant(100.0)\n"
                                 "z = w1 * x  # an intermediate\n"
                                 "loss = z ** 2\n");
        const Node* w1 = g.node(g.findLabel("w1"));
        QVERIFY(w1);
        QCOMPARE(w1->kind, NodeKind::Variable);
        QVERIFY(w1->trainable);
        QCOMPARE(*w1->value, TensorValue::scalar(5.0));
        const Node* w2 = g.node(g.findLabel("w2"));
        QCOMPARE(w2->value->shape, Shape::matrix(2, 2));
        QCOMPARE(w2->value->values, (std::vector<double>{1, 2, 3, 4}));
        QCOMPARE(w2->value->dtype, std::optional<DType>(DType::Float64));
        QVERIFY(!w2->trainable);
        QCOMPARE(g.node(g.findLabel("x"))->kind, NodeKind::Constant);
        QCOMPARE(g.node(g.findLabel("z"))->op, QString("mul"));
        QCOMPARE(g.target, g.findLabel("loss"));
        QCOMPARE(tree(g, g.target), QString("(pow (mul w1 x) 2.0)"));
    }

    void undeclaredNamesAreVariablesWithoutValues()
    {
        const GraphData g = read("a * b + a");
        const Node* a = g.node(g.findLabel("a"));
        QVERIFY(a);
        QCOMPARE(a->kind, NodeKind::Variable);
        QVERIFY(a->trainable);
        QVERIFY(!a->value);
        QCOMPARE(g.outputsOf(a->id).size(), std::size_t(2));
    }

    void aliasOfANameIsAnIdentityNode()
    {
        const GraphData g = read("a = Variable(1.0)\nb = a\nb * 2");
        const Node* b = g.node(g.findLabel("b"));
        QCOMPARE(b->op, QString("identity"));
        QCOMPARE(tree(g, g.target), QString("(mul (identity a) 2.0)"));
    }

    void customGradientBuildsABody()
    {
        const GraphData g = read("x = Variable(100.0)\ncustom_gradient(log(exp(x) + 1), grad = dy / (1 + 1/exp(x)))");
        const Node* c = g.node(g.target);
        QCOMPARE(c->kind, NodeKind::CustomGradient);
        QCOMPARE(c->ports, 3);
        QCOMPARE(g.connectionInto(c->id, 0)->from, g.findLabel("x"));
        const Node* forward = g.node(g.connectionInto(c->id, 1)->from);
        QCOMPARE(forward->scope, c->id);
        QCOMPARE(tree(g, forward->id), QString("(log (add (exp x) 1.0))"));
        QCOMPARE(tree(g, g.connectionInto(c->id, 2)->from), QString("(div dy (add 1.0 (div 1.0 (exp x))))"));
    }

    void customGradientWithTwoInputs()
    {
        const GraphData g = read("custom_gradient(a * b, grad=[dy * b, None])");
        const Node* c = g.node(g.target);
        QCOMPARE(GraphData::customInputs(*c), 2);
        QCOMPARE(g.node(g.connectionInto(c->id, 0)->from)->label, QString("a"));
        QCOMPARE(g.node(g.connectionInto(c->id, 1)->from)->label, QString("b"));
        QVERIFY(g.connectionInto(c->id, 3));
        QVERIFY(!g.connectionInto(c->id, 4));
    }

    void roundTrips_data()
    {
        QTest::addColumn<QString>("formula");
        QTest::addColumn<QString>("written");
        QTest::newRow("book f") << "3*w1**2 + stop_gradient(2*w1*w2)" << "3 * w1 ** 2 + stop_gradient(2 * w1 * w2)\n";
        QTest::newRow("two lines") << "z = w1*w2\nloss = z**2" << "z = w1 * w2\nloss = z ** 2\n";
        QTest::newRow("declarations")
            << "w1 = Variable(5.0)\nw2 = Variable(3.0)\nf = 3 * w1 ** 2 + 2 * w1 * w2"
            << "w1 = Variable(5.0)\nw2 = Variable(3.0)\nf = 3 * w1 ** 2 + 2 * w1 * w2\n";
        QTest::newRow("minimal parentheses") << "(a - (b - c)) * ((-x) ** 2) / (d / e)"
                                             << "(a - (b - c)) * (-x) ** 2 / (d / e)\n";
        QTest::newRow("unary and power") << "-x**2 + 2**-x + -(3)" << "-x ** 2 + 2 ** -x + -(3)\n";
        QTest::newRow("comparisons in where") << "where(x > 30, x, log(exp(x) + 1))"
                                              << "where(x > 30, x, log(exp(x) + 1))\n";
        QTest::newRow("attributes") << "reduce_sum(x * [1, 2.5], axis=0, keepdims=True) + elu(y, alpha=1.0)"
                                    << "reduce_sum(x * [1, 2.5], axis=0, keepdims=True) + elu(y, alpha=1.0)\n";
        QTest::newRow("lists") << "add_n([a, b]) + reduce_sum([f1, f2]) + reduce_sum(stack([1, 2]))"
                               << "add_n([a, b]) + reduce_sum([f1, f2]) + reduce_sum(stack([1, 2]))\n";
        QTest::newRow("constants") << "x = constant(100.0)\ny = constant([[1, 2], [3, 4]], dtype=float64)\nx * y"
                                   << "x = constant(100.0)\ny = constant([[1.0, 2.0], [3.0, 4.0]], dtype=float64)\nx * y\n";
        QTest::newRow("custom gradient")
            << "x = Variable(100.0)\nz = custom_gradient(log(exp(x) + 1), grad = dy / (1 + 1/exp(x)))"
            << "x = Variable(100.0)\nz = custom_gradient(log(exp(x) + 1), grad=dy / (1 + 1 / exp(x)))\n";
        QTest::newRow("custom gradient, two inputs") << "custom_gradient(a * b, grad=[dy * b, None])"
                                                     << "custom_gradient(a * b, grad=[dy * b, None])\n";
        QTest::newRow("target not last") << "z = w * 2\nloss = z ** 2\nz" << "z = w * 2\nloss = z ** 2\nz\n";
        QTest::newRow("non-finite literals") << "x + inf - nan * -inf" << "x + inf - nan * -inf\n";
        QTest::newRow("alias") << "a = Variable(1.0)\nb = a\nb * 2" << "a = Variable(1.0)\nb = a\nb * 2\n";
        QTest::newRow("cast") << "cast(x, dtype='float64')" << "cast(x, dtype=float64)\n";
        QTest::newRow("inputs") << "x = Input()\ny = Input(2.0, dtype=float64)\nx * y"
                                << "x = Input()\ny = Input(2.0, dtype=float64)\nx * y\n";
        QTest::newRow("untrainable") << "v = Variable(1.5, trainable=False)\nv * 2"
                                     << "v = Variable(1.5, trainable=False)\nv * 2\n";
        QTest::newRow("dangling statement") << "a * b\nc + 1" << "a * b\nc + 1\n";
        QTest::newRow("!=, // and %") << "where(x != 0, x // 2, x % 2)" << "where(x != 0, x // 2, x % 2)\n";
        QTest::newRow("// and % parentheses") << "a // (b % c) + (a % b) // c * (-x % 3) - (a - b) % c"
                                              << "a // (b % c) + a % b // c * (-x % 3) - (a - b) % c\n";
        QTest::newRow("mod is %") << "mod(a, b)" << "a % b\n";
    }
    void roundTrips()
    {
        QFETCH(QString, formula);
        QFETCH(QString, written);
        const FormulaResult first = readFormula(formula);
        QVERIFY2(first.ok(), qPrintable(errorText(first)));
        const FormulaText text = writeFormula(first.data);
        QVERIFY2(text.ok(), qPrintable(text.error));
        QCOMPARE(text.text, written);
        const FormulaResult second = readFormula(text.text);
        QVERIFY2(second.ok(), qPrintable(errorText(second)));
        QVERIFY(second.data == first.data);
        QCOMPARE(writeFormula(second.data).text, written);
    }

    void writerNamesSharedValues()
    {
        GraphData g = read("a * b");
        // An unlabelled value used twice needs a name in the formula.
        const NodeId mul = g.target;
        Node add;
        add.id = g.nextNodeId();
        add.op = "add";
        add.ports = 2;
        g.nodes.emplace(add.id, add);
        g.connections.emplace(ConnectionId{100}, Connection{ConnectionId{100}, mul, add.id, 0});
        g.connections.emplace(ConnectionId{101}, Connection{ConnectionId{101}, mul, add.id, 1});
        g.target = add.id;
        const FormulaText text = writeFormula(g);
        QCOMPARE(text.text, QString("t1 = a * b\nt1 + t1\n"));
    }

    void writerAdjustsLabelsThatAreNotNames()
    {
        GraphData g = read("a * b");
        g.node(g.findLabel("a"))->label = "my value";
        g.node(g.findLabel("b"))->label = "2nd";
        QCOMPARE(writeFormula(g).text, QString("my_value * _2nd\n"));
    }

    void writerBreaksDeepChains()
    {
        QString formula = "x0 = Variable(1.0)\n";
        QString expression = "x0";
        for (int i = 0; i < 90; ++i)
            expression = QStringLiteral("exp(%1)").arg(expression);
        const FormulaResult r = readFormula(formula + expression);
        QVERIFY(r.ok());
        const FormulaText text = writeFormula(r.data);
        QVERIFY2(text.ok(), qPrintable(text.error));
        QVERIFY(text.text.contains("t1 = "));
        const FormulaResult again = readFormula(text.text);
        QVERIFY2(again.ok(), qPrintable(errorText(again)));
        QCOMPARE(again.data.nodes.size(), r.data.nodes.size() + 0);
    }

    void errorsSayWhere_data()
    {
        QTest::addColumn<QString>("formula");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        QTest::newRow("dangling operator") << "z = w1 * w2\nloss = z +" << 2 << 11 << "expected an expression after '+'";
        QTest::newRow("unknown function") << "sqr(x)" << 1 << 1 << "unknown function 'sqr' (did you mean 'sqrt'?)";
        QTest::newRow("unclosed") << "log(exp(x) + 1" << 1 << 4 << "'(' is never closed";
        QTest::newRow("mismatched") << "log(x]" << 1 << 4 << "'(' is closed by ']'";
        QTest::newRow("bad character") << "x $ y" << 1 << 3 << "unexpected character '$'";
        QTest::newRow("number then name") << "2x" << 1 << 1 << "a number cannot be followed by 'x'";
        QTest::newRow("two statements on a line") << "a b" << 1 << 3 << "expected the end of the statement";
        QTest::newRow("unknown attribute") << "elu(x, beta=2)" << 1 << 8 << "elu has no input or attribute 'beta'";
        QTest::newRow("attribute type") << "reduce_sum(x, axis=1.5)" << 1 << 15 << "attribute axis must be an integer";
        QTest::newRow("missing input") << "where(x > 0, x)" << 1 << 1 << "where is missing its input 'y'";
        QTest::newRow("too many inputs") << "exp(x, y, z)" << 1 << 8 << "exp takes x";
        QTest::newRow("redefinition") << "a = 1\na = 2" << 2 << 1 << "'a' is already defined on line 1";
        QTest::newRow("use before assignment") << "b = a * 2\na = 3" << 2 << 1 << "'a' is used on line 1 before it is assigned";
        QTest::newRow("chained comparison") << "a < b < c" << 1 << 7 << "chained comparisons";
        QTest::newRow("chained !=") << "a != b != c" << 1 << 8 << "chained comparisons";
        QTest::newRow("ragged matrix") << "Variable([[1, 2], [3]])" << 1 << 19 << "this row has 1 values but the first row has 2";
        QTest::newRow("rank 3") << "constant([[[1]]])" << 1 << 12 << "at most 2 dimensions";
        QTest::newRow("variable value") << "Variable(x)" << 1 << 10 << "must be a number or a list of numbers";
        QTest::newRow("dy in forward") << "custom_gradient(dy * x, grad=dy)" << 1 << 17 << "dy names the upstream gradient";
        QTest::newRow("unknown name in grad") << "custom_gradient(exp(x), grad=dy * y)" << 1 << 35 << "'y' is not one of them";
        QTest::newRow("grad list length") << "custom_gradient(a * b, grad=dy)" << 1 << 29 << "grad needs a list of 2 gradients";
        QTest::newRow("nested custom gradient")
            << "custom_gradient(custom_gradient(x, grad=dy), grad=dy)" << 1 << 17 << "cannot be used inside another";
        QTest::newRow("dtype as value") << "x * float64" << 1 << 5 << "float64 is a dtype";
        QTest::newRow("assign to dotted") << "tf.x = 3" << 1 << 1 << "cannot be assigned to";
        QTest::newRow("chained assignment") << "a = b = 3" << 1 << 7 << "one name per assignment";
        QTest::newRow("empty") << "# nothing here\n" << 0 << 0 << "the formula is empty";
        QTest::newRow("string value") << "x * 'a'" << 1 << 5 << "a string can only be an attribute value";
        QTest::newRow("unterminated string") << "cast(x, dtype='float64)" << 1 << 15 << "never closed";
        QTest::newRow("reserved name") << "True = 1" << 1 << 1 << "reserved name";
    }
    void errorsSayWhere()
    {
        QFETCH(QString, formula);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, message);
        const FormulaResult r = readFormula(formula);
        QVERIFY(!r.ok());
        QVERIFY2(r.error->message.contains(message), qPrintable(errorText(r)));
        QCOMPARE(r.error->line, line);
        QCOMPARE(r.error->column, column);
        QVERIFY(r.data.nodes.empty());
    }

    void errorShowsACaret()
    {
        const FormulaResult r = readFormula("z = w1 * w2\nloss = z +");
        QCOMPARE(r.error->formatted(), QString("line 2, column 11: expected an expression after '+', found the end of the line\n"
                                               "  loss = z +\n"
                                               "            ^"));
    }

    void limitsGiveClearErrors_data()
    {
        QTest::addColumn<QString>("formula");
        QTest::addColumn<QString>("message");
        QTest::newRow("deep brackets") << QString(5000, u'(') + "x" + QString(5000, u')') << "nested too deeply";
        QTest::newRow("deep calls") << QString("exp(").repeated(5000) + "x" + QString(")").repeated(5000) << "nested too deeply";
        QTest::newRow("many signs") << QString(100000, u'-') + "x" << "nested too deeply";
        QTest::newRow("deep lists") << QString(3000, u'[') + "1" + QString(3000, u']') << "nested too deeply";
        QTest::newRow("power tower") << QString("x**").repeated(3000) + "x" << "nested too deeply";
        QTest::newRow("long chain") << QString("x+").repeated(20000) + "x" << "too long to follow";
        QTest::newRow("too long") << QString("x+1\n").repeated(100000) << "the formula is too long";
    }
    void limitsGiveClearErrors()
    {
        QFETCH(QString, formula);
        QFETCH(QString, message);
        const FormulaResult r = readFormula(formula);
        QVERIFY(!r.ok());
        QVERIFY2(r.error->message.contains(message), qPrintable(r.error->message));
    }
};

QTEST_GUILESS_MAIN(TestFormula)
#include "tst_formula.moc"
