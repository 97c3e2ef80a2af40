#pragma once

#include "engine/ops/Attrs.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace gs {

struct OpDef;

/// The registered ops as the document layer names them: TensorFlow spellings and module prefixes
/// (`tf.math.log`, `tf.multiply`, `tf.nn.relu`) resolve to the engine's names (`log`, `mul`,
/// `relu`), attributes are checked against each op's AttrSpecs, and arities become port counts.
namespace opcatalog {

/// The op a formula or file names, after removing a module prefix and applying aliases; nullptr
/// when there is none. custom_gradient is not an op here (it is a node kind of its own).
const OpDef* find(const QString& name);
/// "unknown function 'foo'", with the closest name when one is near.
QString unknownMessage(const QString& name);

/// The number of input ports a fresh node of `op` gets (its arity; 2 for variadic ops).
int defaultPorts(const OpDef& op);
/// Why `ports` is not a valid number of inputs for `op` ("" when it is).
QString portsError(const OpDef& op, int ports);
bool variadic(const OpDef& op);
/// Whether input `port` of `op` takes integer indices (gather's indices, one_hot's, the sparse
/// cross-entropy's labels): a plain number or list there is an int32, as TensorFlow converts it.
bool takesIndices(const OpDef& op, std::size_t port);
/// True when `name` is an attribute of `op`.
bool hasAttr(const OpDef& op, const QString& name);
/// "alpha, beta" or "none".
QString attrNames(const OpDef& op);

/// The value `given` converted to the type of attribute `name` of `op` (an integer where an axis
/// is expected, a list of integers for a shape, a dtype name for cast), or why it cannot be.
struct AttrResult {
    std::optional<AttrValue> value;
    QString error;
};
AttrResult coerceAttr(const OpDef& op, const QString& name, const AttrValue& given);

} // namespace opcatalog

} // namespace gs
