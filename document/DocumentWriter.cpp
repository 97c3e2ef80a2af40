#include "document/DocumentFile.h"

#include "document/LessonJson.h"
#include "document/TensorJson.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace gs {

namespace {

QJsonValue attrToJson(const AttrValue& value)
{
    struct Visitor {
        QJsonValue operator()(double d) const { return d; }
        QJsonValue operator()(std::int64_t i) const { return static_cast<qint64>(i); }
        QJsonValue operator()(bool b) const { return b; }
        QJsonValue operator()(const std::string& s) const { return QString::fromStdString(s); }
        QJsonValue operator()(const std::vector<std::int64_t>& dims) const
        {
            QJsonArray a;
            for (std::int64_t d : dims)
                a.append(static_cast<qint64>(d));
            return a;
        }
    };
    return std::visit(Visitor{}, value);
}

QJsonArray point(QPointF p) { return QJsonArray{p.x(), p.y()}; }

QJsonObject nodeToJson(const Node& n)
{
    QJsonObject o;
    o["id"] = n.id.value;
    o["kind"] = nodeKindName(n.kind);
    if (!n.label.isEmpty())
        o["label"] = n.label;
    o["position"] = point(n.position);
    if (n.group.valid())
        o["group"] = n.group.value;
    if (n.scope.valid())
        o["scope"] = n.scope.value;
    switch (n.kind) {
    case NodeKind::Op: {
        o["op"] = n.op;
        o["ports"] = n.ports;
        QJsonObject attrs;
        for (const auto& [name, value] : n.attrs.items())
            attrs[QString::fromStdString(name)] = attrToJson(value);
        if (!attrs.isEmpty())
            o["attrs"] = attrs;
        break;
    }
    case NodeKind::Variable: o["trainable"] = n.trainable; break;
    case NodeKind::CustomGradient: o["inputs"] = GraphData::customInputs(n); break;
    case NodeKind::Parameter: o["index"] = n.index; break;
    case NodeKind::Constant:
    case NodeKind::Input:
    case NodeKind::Upstream: break;
    }
    if (n.value) {
        o["value"] = tensorToJson(*n.value);
        if (n.value->dtype)
            o["dtype"] = QString::fromLatin1(dtypeName(*n.value->dtype).data());
    }
    return o;
}

} // namespace

QByteArray documentToJson(const GraphData& data, const std::optional<SavedView>& view)
{
    QJsonArray nodes;
    for (const auto& [id, n] : data.nodes)
        nodes.append(nodeToJson(n));
    QJsonArray connections;
    for (const auto& [id, c] : data.connections)
        connections.append(QJsonObject{{"id", c.id.value}, {"from", c.from.value}, {"to", c.to.value}, {"port", c.port}});
    QJsonArray groups;
    for (const auto& [id, g] : data.groups) {
        QJsonObject o{{"id", g.id.value}, {"name", g.name}};
        if (g.parent.valid())
            o["parent"] = g.parent.value;
        groups.append(o);
    }
    QJsonArray comments;
    for (const auto& [id, c] : data.comments) {
        QJsonObject o{{"id", c.id.value}, {"text", c.text}, {"position", point(c.position)}};
        if (c.group.valid())
            o["group"] = c.group.value;
        comments.append(o);
    }
    QJsonObject graph{{"nodes", nodes}, {"connections", connections}};
    if (!groups.isEmpty())
        graph["groups"] = groups;
    if (!comments.isEmpty())
        graph["comments"] = comments;
    if (data.target.valid())
        graph["target"] = data.target.value;

    // Version 1 readers would silently drop steps, so only a lesson with steps is written as version 2.
    const int version = data.lesson.steps.empty() ? 1 : documentFormatVersion;
    QJsonObject root{{"format", QStringLiteral("gradscope")}, {"version", version}, {"graph", graph}};
    QJsonObject lesson{{"title", data.lesson.title}, {"notes", data.lesson.notes}};
    if (!data.lesson.steps.empty())
        lesson["steps"] = detail::lessonStepsToJson(data.lesson.steps);
    root["lesson"] = lesson;
    if (!data.savedValues.isEmpty()) {
        QJsonObject values;
        for (auto it = data.savedValues.cbegin(); it != data.savedValues.cend(); ++it)
            values[it.key()] = it.value().dtype ? QJsonValue(QJsonObject{{"value", tensorToJson(it.value())},
                                                                          {"dtype", QString::fromLatin1(dtypeName(*it.value().dtype).data())}})
                                                : tensorToJson(it.value());
        root["values"] = values;
    }
    if (view)
        root["view"] = QJsonObject{{"zoom", view->zoom}, {"centre", point(view->centre)}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool saveFileAtomically(const QByteArray& bytes, const QString& fileName, QString* error)
{
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = QStringLiteral("cannot write '%1': %2").arg(fileName, file.errorString());
        return false;
    }
    return true;
}

bool saveDocument(const GraphData& data, const QString& fileName, QString* error, const std::optional<SavedView>& view)
{
    return saveFileAtomically(documentToJson(data, view), fileName, error);
}

} // namespace gs
