#include "document/DotExport.h"

#include "document/Evaluation.h"

#include <QStringList>

namespace gs {

namespace {

QString quoted(const QString& text)
{
    QString s = QStringLiteral("\"");
    for (QChar c : text) {
        if (c == u'"' || c == u'\\')
            s += u'\\';
        if (c == u'\n')
            s += QStringLiteral("\\n");
        else if (c.unicode() >= 0x20)
            s += c;
    }
    return s + u'"';
}

QString shortened(const QString& text, qsizetype length = 40)
{
    return text.size() <= length ? text : text.left(length - 3) + QStringLiteral("...");
}

QString fillColor(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Variable: return QStringLiteral("#dbeafe");
    case NodeKind::Constant: return QStringLiteral("#f3f4f6");
    case NodeKind::Input: return QStringLiteral("#dcfce7");
    case NodeKind::CustomGradient: return QStringLiteral("#fef3c7");
    case NodeKind::Parameter:
    case NodeKind::Upstream: return QStringLiteral("#fde68a");
    case NodeKind::Op: break;
    }
    return QStringLiteral("#ffffff");
}

QString tensorText(const Tensor& t) { return shortened(QString::fromStdString(t.str()).replace(u'\n', u' ')); }

class DotWriter {
public:
    DotWriter(const GraphData& g, const Evaluation* e)
        : g_(g)
        , e_(e)
    {
    }

    QString run()
    {
        out_ = QStringLiteral("digraph gradscope {\n"
                              "  rankdir=LR;\n"
                              "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"DejaVu Sans\"];\n"
                              "  edge [fontname=\"DejaVu Sans\", fontsize=10];\n");
        for (const auto& [id, n] : g_.nodes)
            if (!n.scope.valid() && !n.group.valid())
                node(n, 1);
        for (const auto& [id, group] : g_.groups)
            if (!group.parent.valid())
                cluster(group, 1);
        for (const auto& [id, n] : g_.nodes)
            if (n.kind == NodeKind::CustomGradient)
                body(n);
        for (const auto& [id, c] : g_.comments)
            if (!c.group.valid())
                comment(c, 1);
        for (const auto& [id, c] : g_.connections)
            edge(c);
        return out_ + QStringLiteral("}\n");
    }

private:
    static QString indent(int depth) { return QString(2 * depth, u' '); }

    void node(const Node& n, int depth)
    {
        QStringList lines;
        if (!n.label.isEmpty() && n.kind != NodeKind::Upstream)
            lines << n.label;
        switch (n.kind) {
        case NodeKind::Op: {
            QString op = n.op;
            QStringList attrs;
            for (const auto& [name, value] : n.attrs.items())
                attrs << QString::fromStdString(name + "=" + formatAttrValue(value));
            if (!attrs.isEmpty())
                op += u'(' + attrs.join(QStringLiteral(", ")) + u')';
            lines << op;
            break;
        }
        case NodeKind::Upstream: lines << QStringLiteral("dy (upstream gradient)"); break;
        case NodeKind::Parameter: lines << QStringLiteral("input %1").arg(n.index); break;
        default: lines << nodeKindName(n.kind);
        }
        if (n.value && !e_)
            lines << shortened(n.value->text());
        QString color = fillColor(n.kind);
        if (e_) {
            if (const NodeResult* r = e_->node(n.id)) {
                if (r->value) {
                    lines << QStringLiteral("value %1").arg(tensorText(*r->value));
                    if (!r->value->allFinite())
                        color = QStringLiteral("#fecaca");
                }
                if (r->adjoint)
                    lines << QStringLiteral("grad %1").arg(tensorText(*r->adjoint));
                if (!r->error.isEmpty()) {
                    lines << shortened(r->error, 60);
                    color = QStringLiteral("#fca5a5");
                }
            }
        }
        QString attrs = QStringLiteral("label=%1, fillcolor=%2").arg(quoted(lines.join(u'\n')), quoted(color));
        if (n.id == g_.target)
            attrs += QStringLiteral(", peripheries=2");
        out_ += indent(depth) + QStringLiteral("n%1 [%2];\n").arg(n.id.value).arg(attrs);
    }

    void cluster(const Group& group, int depth)
    {
        if (depth > 32)
            return;
        out_ += indent(depth) + QStringLiteral("subgraph cluster_g%1 {\n").arg(group.id.value);
        out_ += indent(depth + 1) + QStringLiteral("label=%1; style=rounded; color=\"#9ca3af\";\n").arg(quoted(group.name));
        for (const auto& [id, n] : g_.nodes)
            if (!n.scope.valid() && n.group == group.id)
                node(n, depth + 1);
        for (const auto& [id, c] : g_.comments)
            if (c.group == group.id)
                comment(c, depth + 1);
        for (const auto& [id, child] : g_.groups)
            if (child.parent == group.id)
                cluster(child, depth + 1);
        out_ += indent(depth) + QStringLiteral("}\n");
    }

    void body(const Node& custom)
    {
        out_ += indent(1) + QStringLiteral("subgraph cluster_body%1 {\n").arg(custom.id.value);
        out_ += indent(2) + QStringLiteral("label=%1; style=dashed; color=\"#d97706\";\n")
                                .arg(quoted(QStringLiteral("body of ") + g_.displayName(custom.id)));
        for (const auto& [id, n] : g_.nodes)
            if (n.scope == custom.id)
                node(n, 2);
        out_ += indent(1) + QStringLiteral("}\n");
    }

    void comment(const Comment& c, int depth)
    {
        out_ += indent(depth) + QStringLiteral("c%1 [shape=note, style=filled, fillcolor=\"#fffbeb\", label=%2];\n")
                                    .arg(c.id.value)
                                    .arg(quoted(shortened(c.text, 200)));
    }

    void edge(const Connection& c)
    {
        const Node* to = g_.node(c.to);
        QString attrs = QStringLiteral("label=%1").arg(quoted(to ? g_.portName(*to, c.port) : QString()));
        if (e_) {
            auto it = e_->connections.find(c.id);
            if (it != e_->connections.end()) {
                if (it->second.cut)
                    attrs += QStringLiteral(", style=dashed, color=\"#dc2626\"");
                else if (it->second.gradient)
                    attrs = QStringLiteral("label=%1").arg(quoted(g_.portName(*to, c.port) + QStringLiteral("\ngrad ")
                                                                  + tensorText(*it->second.gradient)));
            }
        }
        out_ += indent(1) + QStringLiteral("n%1 -> n%2 [%3];\n").arg(c.from.value).arg(c.to.value).arg(attrs);
    }

    const GraphData& g_;
    const Evaluation* e_;
    QString out_;
};

} // namespace

QString exportDot(const GraphData& data, const Evaluation* evaluation) { return DotWriter(data, evaluation).run(); }

} // namespace gs
