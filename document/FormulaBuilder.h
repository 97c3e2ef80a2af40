#pragma once

// Internal to the document layer: turns a parsed formula (FormulaAst.h) into a document, for
// readFormula() (FormulaReader.h). FormulaBuilder.cpp builds statements, names, literals and
// operators; FormulaCalls.cpp builds calls: declarations, ops by name and custom gradients.
#include "document/FormulaAst.h"
#include "document/GraphData.h"
#include "engine/ops/OpDef.h"

#include <QHash>
#include <QSet>

#include <cmath>

namespace gs::detail {

inline bool isCall(const Expr& e, const char* name)
{
    return e.kind == Expr::Kind::Call
           && (e.text == QLatin1StringView(name) || e.text == QLatin1StringView("tf.") + QLatin1StringView(name));
}

inline bool isName(const Expr& e, const char* name)
{
    return e.kind == Expr::Kind::Name && e.text == QLatin1StringView(name);
}

/// inf and nan (also math.inf, np.nan, ...) are numbers, not names.
inline std::optional<double> specialNumber(const QString& name)
{
    if (name == u"inf" || name == u"math.inf" || name == u"np.inf")
        return INFINITY;
    if (name == u"nan" || name == u"math.nan" || name == u"np.nan")
        return NAN;
    return std::nullopt;
}

/// Builds one document from one program; throws FormulaException at the first problem.
class FormulaBuilder {
public:
    GraphData run(const FormulaProgram& program);

private:
    struct Body {
        NodeId custom;
        QHash<QString, NodeId> params;
        std::vector<NodeId> outer; ///< the outer node behind each parameter, by index
        bool inGrad = false;
        NodeId upstream;
    };

    [[noreturn]] void fail(const SourceSpan& span, const QString& message) const
    {
        throw FormulaException{span, message};
    }

    NodeId addNode(Node n, const SourceSpan& span);
    void connect(NodeId from, NodeId to, PortIndex port);
    NodeId constant(TensorValue value, const SourceSpan& span);

    // --- statements (FormulaBuilder.cpp) ---------------------------------------------------------
    NodeId statement(const Statement& s);
    void checkAssignable(const QString& name, const SourceSpan& span) const;

    // --- expressions (FormulaBuilder.cpp) --------------------------------------------------------
    NodeId build(const Expr& e);
    NodeId op(const QString& name, const std::vector<NodeId>& inputs, const SourceSpan& span, Attrs attrs = {});
    NodeId name(const Expr& e);
    NodeId bodyName(const Expr& e);
    NodeId paramNode(int index) const;
    NodeId list(const Expr& e);
    /// A number, or a list (of lists) of numbers, as a tensor; nullopt when `e` is not a literal.
    std::optional<TensorValue> literal(const Expr& e) const;
    static std::optional<double> scalarLiteral(const Expr& e);

    // --- calls (FormulaCalls.cpp) ----------------------------------------------------------------
    NodeId call(const Expr& e);
    NodeId declaration(const Expr& e, NodeKind kind);
    AttrValue attrValue(const Expr& e) const;
    void setAttr(const OpDef& def, Attrs& attrs, const QString& name, const Expr& value, const SourceSpan& span) const;
    NodeId opCall(const OpDef& def, const Expr& e);
    static QString arityText(const OpDef& def);
    NodeId customGradient(const Expr& e);

    GraphData g_;
    QHash<QString, NodeId> names_;
    QHash<QString, int> definedOn_;
    QSet<QString> implicit_;
    Body* body_ = nullptr;
};

} // namespace gs::detail
