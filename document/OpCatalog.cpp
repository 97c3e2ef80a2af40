#include "document/OpCatalog.h"

#include "document/TensorValue.h"

#include "engine/core/EngineError.h"
#include "engine/ops/OpRegistry.h"

#include <cmath>

namespace gs::opcatalog {

namespace {

/// TensorFlow names that differ from the engine's.
struct Alias {
    const char* from;
    const char* to;
};
constexpr Alias aliases[] = {
    {"multiply", "mul"}, {"subtract", "sub"}, {"divide", "div"},
    {"truediv", "div"},  {"negative", "neg"}, {"logistic", "sigmoid"},
    {"mod", "floormod"}, {"SqrtGrad", "sqrt_grad"}, {"ReluGrad", "relu_grad"},
    {"LeakyReluGrad", "leaky_relu_grad"},
    {"div_no_nan", "divide_no_nan"}, {"swish", "silu"}, {"inv", "matrix_inverse"},
    {"det", "matrix_determinant"}, {"matrix_diag", "diag"}, {"matrix_diag_part", "diag_part"},
    {"ReciprocalGrad", "reciprocal_grad"}, {"RsqrtGrad", "rsqrt_grad"},
};

/// Module prefixes a pasted formula may carry; the last component names the op.
constexpr const char* prefixes[] = {"tf.math.", "tf.nn.", "tf.linalg.", "tf.raw_ops.", "tf.keras.activations.",
                                    "keras.activations.", "tf.", "np.", "math."};

QString bareName(const QString& name)
{
    for (const char* prefix : prefixes) {
        const QLatin1StringView p(prefix);
        if (name.startsWith(p))
            return name.mid(p.size());
    }
    return name;
}

} // namespace

const OpDef* find(const QString& name)
{
    QString bare = bareName(name);
    if (bare.contains(u'.'))
        return nullptr;
    for (const Alias& a : aliases)
        if (bare == QLatin1StringView(a.from))
            bare = QString::fromLatin1(a.to);
    if (bare == u"custom_gradient")
        return nullptr;
    return OpRegistry::instance().find(bare.toStdString());
}

QString unknownMessage(const QString& name)
{
    try {
        OpRegistry::instance().get(bareName(name).toStdString());
    } catch (const EngineError& e) {
        QString message = QString::fromStdString(e.what());
        message.replace(QStringLiteral("unknown op"), QStringLiteral("unknown function"));
        return message.replace(QLatin1StringView("'") + bareName(name) + u'\'',
                               QLatin1StringView("'") + name + u'\'');
    }
    return QStringLiteral("unknown function '%1'").arg(name);
}

bool variadic(const OpDef& op) { return op.maxArity < 0; }

bool takesIndices(const OpDef& op, std::size_t port)
{
    if (port == 0)
        return op.name == "one_hot" || op.name == "sparse_softmax_cross_entropy_with_logits";
    return port == 1 && (op.name == "gather" || op.name == "unsorted_segment_sum");
}

int defaultPorts(const OpDef& op) { return variadic(op) ? std::max(op.minArity, 2) : op.maxArity; }

QString portsError(const OpDef& op, int ports)
{
    if (ports < op.minArity)
        return QStringLiteral("%1 needs at least %2 input%3, got %4")
            .arg(QString::fromStdString(op.name))
            .arg(op.minArity)
            .arg(op.minArity == 1 ? "" : "s")
            .arg(ports);
    if (!variadic(op) && ports > op.maxArity)
        return QStringLiteral("%1 takes at most %2 input%3, got %4")
            .arg(QString::fromStdString(op.name))
            .arg(op.maxArity)
            .arg(op.maxArity == 1 ? "" : "s")
            .arg(ports);
    return {};
}

bool hasAttr(const OpDef& op, const QString& name)
{
    for (const AttrSpec& spec : op.attrs)
        if (name == QString::fromStdString(spec.name))
            return true;
    return false;
}

QString attrNames(const OpDef& op)
{
    QStringList list;
    for (const AttrSpec& spec : op.attrs)
        list << QString::fromStdString(spec.name);
    return list.isEmpty() ? QStringLiteral("none") : list.join(QStringLiteral(", "));
}

AttrResult coerceAttr(const OpDef& op, const QString& name, const AttrValue& given)
{
    const AttrSpec* spec = nullptr;
    for (const AttrSpec& s : op.attrs)
        if (name == QString::fromStdString(s.name))
            spec = &s;
    const QString opName = QString::fromStdString(op.name);
    if (!spec)
        return {std::nullopt, QStringLiteral("%1 has no attribute '%2' (its attributes: %3)")
                                  .arg(opName, name, attrNames(op))};
    const QString shown = QString::fromStdString(formatAttrValue(given));
    auto fail = [&](const char* expected) {
        return AttrResult{std::nullopt, QStringLiteral("%1: attribute %2 must be %3, got %4")
                                            .arg(opName, name, QLatin1StringView(expected), shown)};
    };
    if (std::holds_alternative<double>(spec->defaultValue)) {
        if (auto d = std::get_if<double>(&given))
            return {*d, {}};
        if (auto i = std::get_if<std::int64_t>(&given))
            return {static_cast<double>(*i), {}};
        return fail("a number");
    }
    if (std::holds_alternative<std::int64_t>(spec->defaultValue)) {
        if (auto i = std::get_if<std::int64_t>(&given))
            return {*i, {}};
        if (auto d = std::get_if<double>(&given); d && std::isfinite(*d) && std::floor(*d) == *d
                                                  && std::abs(*d) < 1e9)
            return {static_cast<std::int64_t>(*d), {}};
        return fail("an integer");
    }
    if (std::holds_alternative<bool>(spec->defaultValue)) {
        if (auto b = std::get_if<bool>(&given))
            return {*b, {}};
        return fail("True or False");
    }
    if (std::holds_alternative<std::string>(spec->defaultValue)) {
        auto s = std::get_if<std::string>(&given);
        if (!s)
            return fail("a name");
        if (name == u"dtype") {
            const QString text = QString::fromStdString(*s);
            if (auto t = dtypeNamed(text))
                return {std::string(dtypeName(*t)), {}};
            if (text == u"bool" || text == u"tf.bool")
                return {std::string("bool"), {}};
            return fail("float32, float64, int32, int64 or bool");
        }
        return {*s, {}};
    }
    if (auto dims = std::get_if<std::vector<std::int64_t>>(&given)) {
        for (std::int64_t d : *dims)
            if (std::abs(d) > 1'000'000'000)
                return fail("a list of integers");
        return {*dims, {}};
    }
    if (auto i = std::get_if<std::int64_t>(&given))
        return {std::vector<std::int64_t>{*i}, {}};
    return fail("a list of integers");
}

} // namespace gs::opcatalog
