// Reading .gscope files defensively: every value is checked for its type, range and references
// before it is used, sizes are bounded, and the first problem is reported with its JSON path.
#include "document/DocumentFile.h"

#include "document/JsonFields.h"
#include "document/LessonJson.h"
#include "document/OpCatalog.h"
#include "document/TensorJson.h"
#include "engine/ops/OpDef.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <climits>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

namespace gs {

using detail::fail;
using detail::Failure;
using detail::Fields;
using detail::item;
using detail::typeName;

namespace {

class Reader {
public:
    GraphData read(const QJsonValue& root)
    {
        const Fields file(root, QStringLiteral("$"));
        if (file.string("format", 64, QString()) != u"gradscope")
            fail(file.at("format"), QStringLiteral("expected \"gradscope\": this is not a GradScope document"));
        const int version = file.integer("version", 1, 1'000'000);
        if (version > documentFormatVersion)
            fail(file.at("version"), QStringLiteral("the file was written by a newer GradScope (format version %1); "
                                                    "this one reads version %2")
                                         .arg(version)
                                         .arg(documentFormatVersion));
        if (file.has("lesson")) {
            const Fields lesson(file.value("lesson"), file.at("lesson"));
            data_.lesson.title = lesson.string("title", documentlimits::nameLength * 4, QString());
            data_.lesson.notes = lesson.string("notes", documentlimits::textLength, QString());
        }
        const Fields graph(file.value("graph"), file.at("graph"));
        groups(graph);
        nodes(graph);
        connections(graph);
        comments(graph);
        if (graph.has("target")) {
            data_.target = NodeId{graph.integer("target", 0, INT_MAX)};
            const Node* t = data_.node(data_.target);
            if (data_.target.valid() && (!t || t->scope.valid()))
                fail(graph.at("target"), QStringLiteral("no top-level node %1").arg(data_.target.value));
        }
        if (file.has("values"))
            values(file);
        if (file.has("view")) {
            const Fields view(file.value("view"), file.at("view"));
            view_ = SavedView{view.number("zoom", 0.001, 1000.0), view.point("centre")};
        }
        if (file.has("lesson")) // after the graph: steps name its nodes
            data_.lesson.steps = detail::readLessonSteps(Fields(file.value("lesson"), file.at("lesson")), data_,
                                                         [this](const QJsonValue& json, const QString& path) { return *tensor(json, path); });
        return std::move(data_);
    }

    std::optional<SavedView> view() const { return view_; }

private:
    std::optional<SavedView> view_;

    std::optional<TensorValue> tensor(const QJsonValue& json, const QString& path)
    {
        TensorJsonError error;
        auto value = tensorFromJson(json, &error, documentlimits::tensorElements);
        if (!value)
            fail(path + error.where, error.message);
        elements_ += static_cast<std::int64_t>(value->values.size());
        if (elements_ > documentlimits::totalElements)
            fail(path, QStringLiteral("the file holds more than %1 tensor elements").arg(documentlimits::totalElements));
        return value;
    }

    std::optional<DType> dtype(const Fields& f) const
    {
        if (!f.has("dtype"))
            return std::nullopt;
        auto t = dtypeNamed(f.string("dtype", 16));
        if (!t)
            fail(f.at("dtype"), QStringLiteral("expected \"float32\" or \"float64\" (or \"int32\", \"int64\")"));
        return t;
    }

    void groups(const Fields& graph)
    {
        const QString path = graph.at("groups");
        const QJsonArray list = graph.array("groups", documentlimits::groups, false);
        std::unordered_map<GroupId, QString> parentPath;
        for (qsizetype i = 0; i < list.size(); ++i) {
            const Fields f(list[i], item(path, i));
            Group g;
            g.id = GroupId{f.integer("id", 1, INT_MAX)};
            if (data_.groups.count(g.id))
                fail(f.at("id"), QStringLiteral("group %1 appears twice").arg(g.id.value));
            g.name = f.string("name", documentlimits::nameLength, QString());
            g.parent = GroupId{f.integer("parent", 0, INT_MAX, 0)};
            parentPath[g.id] = f.at("parent");
            data_.groups.emplace(g.id, g);
        }
        for (const auto& [id, g] : data_.groups) {
            if (g.parent.valid() && !data_.groups.count(g.parent))
                fail(parentPath[id], QStringLiteral("no group %1").arg(g.parent.value));
            GroupId p = g.parent;
            for (std::size_t steps = 0; p.valid(); ++steps) {
                if (p == id || steps > data_.groups.size())
                    fail(parentPath[id], QStringLiteral("group %1 is inside itself").arg(id.value));
                p = data_.groups.at(p).parent;
            }
        }
    }

    GroupId group(const Fields& f) const
    {
        const GroupId g{f.integer("group", 0, INT_MAX, 0)};
        if (g.valid() && !data_.groups.count(g))
            fail(f.at("group"), QStringLiteral("no group %1").arg(g.value));
        return g;
    }

    void nodes(const Fields& graph)
    {
        const QString path = graph.at("nodes");
        const QJsonArray list = graph.array("nodes", documentlimits::nodes, true);
        std::unordered_map<NodeId, QString> scopePath;
        for (qsizetype i = 0; i < list.size(); ++i) {
            const Fields f(list[i], item(path, i));
            Node n;
            n.id = NodeId{f.integer("id", 1, INT_MAX)};
            if (data_.nodes.count(n.id))
                fail(f.at("id"), QStringLiteral("node %1 appears twice").arg(n.id.value));
            const QString kind = f.string("kind", 32);
            const auto k = nodeKindNamed(kind);
            if (!k)
                fail(f.at("kind"), QStringLiteral("unknown kind \"%1\" (expected op, variable, constant, input, "
                                                  "custom_gradient, parameter or upstream)")
                                       .arg(kind));
            n.kind = *k;
            n.label = f.string("label", documentlimits::nameLength, QString());
            n.position = f.point("position");
            n.group = group(f);
            n.scope = NodeId{f.integer("scope", 0, INT_MAX, 0)};
            scopePath[n.id] = f.at("scope");
            kindFields(f, n);
            data_.nodes.emplace(n.id, std::move(n));
        }
        for (const auto& [id, n] : data_.nodes) {
            const bool bodyOnly = n.kind == NodeKind::Parameter || n.kind == NodeKind::Upstream;
            if (!n.scope.valid()) {
                if (bodyOnly)
                    fail(scopePath[id], QStringLiteral("a %1 node needs the scope of its custom gradient").arg(nodeKindName(n.kind)));
                continue;
            }
            const Node* owner = data_.node(n.scope);
            if (!owner || owner->kind != NodeKind::CustomGradient)
                fail(scopePath[id], QStringLiteral("node %1 is not a custom_gradient node").arg(n.scope.value));
            if (n.kind != NodeKind::Op && n.kind != NodeKind::Constant && !bodyOnly)
                fail(scopePath[id], QStringLiteral("a %1 node cannot be inside a custom gradient").arg(nodeKindName(n.kind)));
            if (n.kind == NodeKind::Parameter && n.index >= GraphData::customInputs(*owner))
                fail(scopePath[id].chopped(5) + QStringLiteral("index"),
                     QStringLiteral("custom gradient %1 has only %2 inputs").arg(owner->id.value).arg(GraphData::customInputs(*owner)));
        }
    }

    void kindFields(const Fields& f, Node& n)
    {
        switch (n.kind) {
        case NodeKind::Op: {
            n.op = f.string("op", 64);
            const OpDef* def = opcatalog::find(n.op);
            if (!def || QString::fromStdString(def->name) != n.op)
                fail(f.at("op"), opcatalog::unknownMessage(n.op).replace(QStringLiteral("function"), QStringLiteral("op")));
            n.ports = f.integer("ports", 0, 1000, opcatalog::defaultPorts(*def));
            const QString arity = opcatalog::portsError(*def, n.ports);
            if (!arity.isEmpty())
                fail(f.at("ports"), arity);
            if (f.has("attrs"))
                attrs(Fields(f.value("attrs"), f.at("attrs")), *def, n);
            break;
        }
        case NodeKind::Variable:
        case NodeKind::Constant:
        case NodeKind::Input:
            if (f.has("value"))
                n.value = tensor(f.value("value"), f.at("value"));
            else if (n.kind == NodeKind::Constant)
                fail(f.at("value"), QStringLiteral("is missing (a constant needs a value)"));
            if (auto t = dtype(f)) {
                if (!n.value)
                    fail(f.at("dtype"), QStringLiteral("a dtype needs a value to go with it"));
                n.value->dtype = t;
            }
            n.trainable = f.boolean("trainable", true);
            break;
        case NodeKind::CustomGradient: n.ports = 2 * f.integer("inputs", 1, documentlimits::customInputs) + 1; break;
        case NodeKind::Parameter: n.index = f.integer("index", 0, documentlimits::customInputs); break;
        case NodeKind::Upstream: break;
        }
    }

    void attrs(const Fields& f, const OpDef& def, Node& n)
    {
        for (const AttrSpec& spec : def.attrs) {
            const QString name = QString::fromStdString(spec.name);
            if (!f.has(name))
                continue;
            const QJsonValue v = f.value(name);
            AttrValue given;
            if (v.isBool())
                given = v.toBool();
            else if (v.isString())
                given = v.toString().left(64).toStdString();
            else if (v.isDouble()) {
                const double d = v.toDouble();
                if (std::floor(d) == d && std::abs(d) < 1e15)
                    given = static_cast<std::int64_t>(d);
                else
                    given = d;
            } else if (v.isArray() && v.toArray().size() <= 16) {
                std::vector<std::int64_t> dims;
                for (const QJsonValue& x : v.toArray()) {
                    if (!x.isDouble() || std::floor(x.toDouble()) != x.toDouble() || std::abs(x.toDouble()) > 1e9)
                        fail(f.at(name), QStringLiteral("expected a list of integers"));
                    dims.push_back(static_cast<std::int64_t>(x.toDouble()));
                }
                given = dims;
            } else {
                fail(f.at(name), QStringLiteral("expected a number, a boolean, a string or a short list of integers, found %1")
                                     .arg(typeName(v)));
            }
            const opcatalog::AttrResult r = opcatalog::coerceAttr(def, name, given);
            if (!r.value)
                fail(f.at(name), r.error);
            n.attrs.set(spec.name, *r.value);
        }
        for (const QString& key : f.keysOf())
            if (!opcatalog::hasAttr(def, key))
                fail(f.at(key), QStringLiteral("%1 has no attribute '%2' (its attributes: %3)")
                                    .arg(QString::fromStdString(def.name), key, opcatalog::attrNames(def)));
    }

    void connections(const Fields& graph)
    {
        const QString path = graph.at("connections");
        const QJsonArray list = graph.array("connections", documentlimits::connections, false);
        std::unordered_set<qint64> taken;
        std::unordered_map<ConnectionId, qsizetype> index;
        for (qsizetype i = 0; i < list.size(); ++i) {
            const Fields f(list[i], item(path, i));
            Connection c;
            c.id = ConnectionId{f.integer("id", 1, INT_MAX, static_cast<int>(i) + 1)};
            if (data_.connections.count(c.id))
                fail(f.at("id"), QStringLiteral("connection %1 appears twice").arg(c.id.value));
            c.from = NodeId{f.integer("from", 1, INT_MAX)};
            c.to = NodeId{f.integer("to", 1, INT_MAX)};
            c.port = f.integer("port", 0, 1000);
            const Node* from = data_.node(c.from);
            const Node* to = data_.node(c.to);
            if (!from)
                fail(f.at("from"), QStringLiteral("no node %1").arg(c.from.value));
            if (!to)
                fail(f.at("to"), QStringLiteral("no node %1").arg(c.to.value));
            if (c.port >= to->ports)
                fail(f.at("port"), QStringLiteral("%1 has %2 input port%3").arg(data_.displayName(c.to)).arg(to->ports).arg(to->ports == 1 ? "" : "s"));
            if (!taken.insert(qint64(c.to.value) * 2048 + c.port).second)
                fail(f.at("port"), QStringLiteral("input '%1' of %2 is connected twice").arg(data_.portName(*to, c.port), data_.displayName(c.to)));
            const bool intoBody = to->kind == NodeKind::CustomGradient && c.port >= GraphData::customInputs(*to);
            if (from->scope != (intoBody ? c.to : to->scope))
                fail(item(path, i), QStringLiteral("connects %1 and %2, which are in different scopes")
                                        .arg(data_.displayName(c.from), data_.displayName(c.to)));
            data_.connections.emplace(c.id, c);
            index[c.id] = i;
        }
        if (const Connection* c = data_.connectionOnCycle())
            fail(item(path, index.at(c->id)), QStringLiteral("this connection (%1 -> %2) is part of a cycle")
                                                  .arg(data_.displayName(c->from), data_.displayName(c->to)));
    }

    void comments(const Fields& graph)
    {
        const QString path = graph.at("comments");
        const QJsonArray list = graph.array("comments", documentlimits::comments, false);
        for (qsizetype i = 0; i < list.size(); ++i) {
            const Fields f(list[i], item(path, i));
            Comment c;
            c.id = CommentId{f.integer("id", 1, INT_MAX)};
            if (data_.comments.count(c.id))
                fail(f.at("id"), QStringLiteral("comment %1 appears twice").arg(c.id.value));
            c.text = f.string("text", documentlimits::textLength, QString());
            c.position = f.point("position");
            c.group = group(f);
            data_.comments.emplace(c.id, c);
        }
    }

    void values(const Fields& file)
    {
        const Fields values(file.value("values"), file.at("values"));
        const QStringList names = values.keysOf();
        if (names.size() > documentlimits::nodes)
            fail(file.at("values"), QStringLiteral("has more than %1 entries").arg(documentlimits::nodes));
        for (const QString& name : names) {
            if (name.size() > documentlimits::nameLength)
                fail(values.at(name.left(40)), QStringLiteral("the name is too long"));
            const QJsonValue v = values.value(name);
            if (v.isObject()) {
                const Fields f(v, values.at(name));
                auto value = tensor(f.value("value"), f.at("value"));
                value->dtype = dtype(f);
                data_.savedValues.insert(name, *value);
            } else {
                data_.savedValues.insert(name, *tensor(v, values.at(name)));
            }
        }
    }

    GraphData data_;
    std::int64_t elements_ = 0;
};

/// Line and column of a byte offset, for JSON syntax errors.
QString position(const QByteArray& bytes, int offset)
{
    int line = 1, column = 1;
    for (int i = 0; i < offset && i < bytes.size(); ++i) {
        if (bytes[i] == '\n') {
            ++line;
            column = 1;
        } else if ((bytes[i] & 0xC0) != 0x80) {
            ++column;
        }
    }
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

} // namespace

DocumentReadResult documentFromJson(const QByteArray& bytes)
{
    DocumentReadResult result;
    if (bytes.size() > documentlimits::fileBytes) {
        result.error = DocumentFileError{{}, QStringLiteral("the file is larger than %1 MB").arg(documentlimits::fileBytes >> 20)};
        return result;
    }
    if (bytes.trimmed().isEmpty()) {
        result.error = DocumentFileError{{}, QStringLiteral("the file is empty")};
        return result;
    }
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.error = DocumentFileError{position(bytes, parseError.offset),
                                         QStringLiteral("not valid JSON: %1").arg(parseError.errorString())};
        return result;
    }
    try {
        Reader reader;
        result.data = reader.read(json.isObject() ? QJsonValue(json.object()) : QJsonValue(json.array()));
        result.view = reader.view();
    } catch (const Failure& f) {
        result.error = f.error;
    }
    return result;
}

DocumentReadResult loadDocument(const QString& fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        DocumentReadResult result;
        result.error = DocumentFileError{{}, QStringLiteral("cannot open '%1': %2").arg(fileName, file.errorString())};
        return result;
    }
    if (file.size() > documentlimits::fileBytes) {
        DocumentReadResult result;
        result.error = DocumentFileError{{}, QStringLiteral("the file is larger than %1 MB").arg(documentlimits::fileBytes >> 20)};
        return result;
    }
    // Asks for the size found (plus one byte, so a file that grew past the limit meanwhile is still
    // caught by documentFromJson), not for the limit: QIODevice::read allocates what is asked.
    return documentFromJson(file.read(std::min(file.size(), documentlimits::fileBytes) + 1));
}

} // namespace gs
