#include "engine/ops/Attrs.h"

#include "engine/core/DType.h"
#include "engine/core/Tensor.h"

namespace gs {

void Attrs::set(const std::string& name, AttrValue value)
{
    for (auto& [key, v] : items_)
        if (key == name) {
            v = std::move(value);
            return;
        }
    items_.emplace_back(name, std::move(value));
}

const AttrValue* Attrs::find(const std::string& name) const
{
    for (const auto& [key, v] : items_)
        if (key == name)
            return &v;
    return nullptr;
}

double Attrs::number(const std::string& name, double fallback) const
{
    const AttrValue* v = find(name);
    if (!v)
        return fallback;
    if (auto d = std::get_if<double>(v))
        return *d;
    if (auto i = std::get_if<std::int64_t>(v))
        return static_cast<double>(*i);
    return fallback;
}

std::int64_t Attrs::integer(const std::string& name, std::int64_t fallback) const
{
    const AttrValue* v = find(name);
    if (!v)
        return fallback;
    if (auto i = std::get_if<std::int64_t>(v))
        return *i;
    if (auto d = std::get_if<double>(v))
        return static_cast<std::int64_t>(*d);
    return fallback;
}

bool Attrs::flag(const std::string& name, bool fallback) const
{
    const AttrValue* v = find(name);
    if (!v)
        return fallback;
    if (auto b = std::get_if<bool>(v))
        return *b;
    return fallback;
}

std::vector<std::int64_t> Attrs::dims(const std::string& name) const
{
    const AttrValue* v = find(name);
    if (!v)
        return {};
    if (auto d = std::get_if<std::vector<std::int64_t>>(v))
        return *d;
    if (auto i = std::get_if<std::int64_t>(v))
        return {*i};
    return {};
}

std::string formatAttrValue(const AttrValue& value)
{
    struct Visitor {
        std::string operator()(double d) const { return formatNumber(d, DType::Float64); }
        std::string operator()(std::int64_t i) const { return std::to_string(i); }
        std::string operator()(bool b) const { return b ? "True" : "False"; }
        std::string operator()(const std::string& s) const { return "'" + s + "'"; }
        std::string operator()(const std::vector<std::int64_t>& dims) const
        {
            std::string s = "[";
            for (std::size_t i = 0; i < dims.size(); ++i)
                s += (i ? ", " : "") + std::to_string(dims[i]);
            return s + "]";
        }
    };
    return std::visit(Visitor{}, value);
}

} // namespace gs
