#pragma once

// Internal to the document layer: the machinery behind writeTensorFlow() (TensorFlowWriter.h),
// split over TensorFlowWriter.cpp (the program's parts) and TensorFlowExpressions.cpp
// (expressions, statements, custom gradient functions and names).
//
// Note [TensorFlow code]
// The program must compute exactly what evaluate() computes, in TensorFlow:
// - Every variable, constant and input is declared with an explicit dtype (the one evaluate()
//   gives it), so no Python number decides a dtype on its own. An unnamed constant is written
//   where it is used: a bare number beside a tensor (`3 * w1 ** 2`: TensorFlow converts it to the
//   tensor's dtype, as the engine does), a float argument in a float32 document (`tf.maximum(x,
//   0.0)`), and `tf.constant(..., dtype=...)` wherever it would otherwise be a Python value
//   (both operands of an operator, a float64 document), so that no arithmetic happens in Python.
// - Sources the tape does not watch by itself (constants, inputs, non-trainable variables) are
//   watched inside the tape block; a source computed inside the graph function is watched where it
//   is made, and returned with the target.
// - A custom gradient's `grad` recomputes what it needs from the inputs, as the engine's gradient
//   body does, instead of closing over forward values, so that an outer tape (a Hessian) sees the
//   same operations.
// - The Hessian differentiates each first-order gradient with the outer tape's `jacobian`, as the
//   engine does; a row whose gradient is None is None (TensorFlow cannot differentiate None).
#include "document/Evaluation.h"
#include "document/GraphData.h"

#include <QSet>
#include <QStringList>

#include <functional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace gs::tensorflow {

/// Thrown inside the writer for documents that have no program; caught by writeTensorFlow().
struct Failure {
    QString message;
};

/// Python's binding strength, loosest first (the formula language's, see FormulaInfix.h).
enum Precedence { Compare = 1, Sum = 2, Product = 3, Unary = 4, Power = 5, Atom = 6 };

inline const QString indentUnit = QStringLiteral("    ");

/// A written expression. An unnamed constant without a dtype keeps its value (`literal`) until
/// the place it goes decides how to write it (see note [TensorFlow code]).
struct Code {
    QString text;
    int precedence = Atom;
    const TensorValue* literal = nullptr;
};

/// One namespace of Python names: user labels kept where they are valid and free, adjusted
/// otherwise (`my value` becomes `my_value`, a second `x` becomes `x_2`), fresh names t1, t2, ...
class Names {
public:
    explicit Names(const QSet<QString>& labels, QSet<QString> taken = {});
    QString reserve(QString wanted);
    QString fresh();
    const QSet<QString>& taken() const { return taken_; }

private:
    const QSet<QString>& labels_;
    QSet<QString> taken_;
    int temp_ = 0;
};

/// The body of one Python function: its nodes in order, and the names it knows (parameters, and
/// the nodes that get a statement of their own); every other node is inlined where it is used.
struct Block {
    std::vector<NodeId> order;
    std::unordered_map<NodeId, QString> names;
    std::unordered_set<NodeId> statements;
};

class Program {
public:
    Program(const GraphData& g, const EvaluationOptions& o);
    QString run();

private:
    const Node& node(NodeId id) const { return *g_.node(id); }

    // --- the program (TensorFlowWriter.cpp) ----------------------------------------------------
    void chooseSources();
    /// Variables and inputs, and constants with a label or watched as sources: declared at the
    /// top and passed to the graph function.
    bool isDeclared(NodeId id) const;
    void chooseNames();
    QString sourceName(NodeId id) const;
    /// For each source, whether its first-order gradient is None (what the Hessian must skip).
    std::vector<bool> firstOrderNone() const;
    QString declaration(NodeId id);
    QStringList graphFunction();
    QStringList tapes() const;
    bool persistent() const { return o_.jacobian && !sources_.empty(); }
    QStringList tapeBlock() const;
    QString sourceList() const;
    QString gradientLine() const;
    QStringList resultLines() const;

    // --- expressions and functions (TensorFlowExpressions.cpp) ------------------------------------
    /// The value a declared node starts with: given in the options, saved, or its own.
    const TensorValue* valueOf(const Node& n) const;
    /// `5.0`, `[1.0, 2.0]`, `[[1, 2], [3, 4]]`; floats with a point when `asFloat`; np.nan, np.inf.
    QString valueText(const TensorValue& value, DType dtype, bool asFloat);
    QString number(double v, bool asFloat);
    static QString dtypeText(DType dtype);
    QString tensorLiteral(const TensorValue& value, DType dtype);
    /// An expression where a tensor is needed, as an argument of a call, beside a tensor operand.
    Code tensor(const Code& code);
    Code argument(const Code& code);
    Code operand(const Code& code);
    static QString parenthesized(const Code& code, int required);

    /// Names the nodes of `block` that need a statement: labelled ones, `mustName`, values used
    /// more than once, and expressions nested too deeply to inline. `roots` are what it returns;
    /// `returned`, when it is used nowhere else, is returned as an expression whatever its label
    /// (the graph function's target, whose label names the result the function is assigned to).
    void plan(Block& block, const std::vector<NodeId>& roots, const std::unordered_set<NodeId>& mustName,
              const std::function<QString(NodeId)>& nameOf, NodeId returned = {});
    /// The statements of `block`, each followed by the lines `after` gives for its node.
    QStringList statements(const Block& block, const QString& indent,
                           const std::function<QStringList(NodeId)>& after = {});
    Code expression(NodeId id, const Block& block);
    Code definition(NodeId id, const Block& block);
    Code operation(NodeId id, const Block& block);
    QString call(const Node& n, const std::vector<Code>& inputs);
    QStringList customFunction(NodeId id);

    const GraphData& g_;
    const ConnectionIndex index_;
    const EvaluationOptions& o_;
    QSet<QString> labels_; ///< every label in the document (a fresh name must not read as one)
    Names names_;          ///< the program's top level
    DType literalDType_ = DType::Float32;
    bool numpy_ = false;   ///< np.nan or np.inf is written

    NodeId target_;
    std::vector<NodeId> sources_;
    std::vector<NodeId> declared_;        ///< declared at the top, in order
    std::vector<NodeId> parameters_;      ///< the declared values the graph function uses
    std::vector<NodeId> computed_;        ///< the graph function's nodes, in order
    std::vector<NodeId> computedSources_; ///< sources the graph function computes
    Block top_;                           ///< the graph function's body
    std::unordered_map<NodeId, QString> labelled_;
    std::unordered_map<NodeId, QString> customNames_;
    QString function_;
    QString result_;
    QString tape_;
    QString outerTape_;
    QStringList gradientNames_;
    QStringList jacobianNames_;
    std::vector<QStringList> hessianNames_;
    std::vector<bool> noneGradients_;
};

} // namespace gs::tensorflow
