#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace gs {

/// An op attribute value: a number, an integer (axis), a flag, a name or a list of dims.
using AttrValue = std::variant<double, std::int64_t, bool, std::string, std::vector<std::int64_t>>;

/// Attributes of one op call, by name. Small and ordered; most calls have none, which costs no
/// allocation.
class Attrs {
public:
    Attrs() = default;
    Attrs(std::initializer_list<std::pair<std::string, AttrValue>> items) : items_(items) {}

    void set(const std::string& name, AttrValue value);
    bool has(const std::string& name) const { return find(name) != nullptr; }
    const AttrValue* find(const std::string& name) const;
    bool empty() const { return items_.empty(); }
    const std::vector<std::pair<std::string, AttrValue>>& items() const { return items_; }

    /// Typed reads with a default; an integer attribute reads as a number and vice versa.
    double number(const std::string& name, double fallback) const;
    std::int64_t integer(const std::string& name, std::int64_t fallback) const;
    bool flag(const std::string& name, bool fallback) const;
    std::vector<std::int64_t> dims(const std::string& name) const;

    friend bool operator==(const Attrs& a, const Attrs& b) { return a.items_ == b.items_; }

private:
    std::vector<std::pair<std::string, AttrValue>> items_;
};

/// `axis=0, keepdims=True`: the Python-like rendering used in event logs and formulas.
std::string formatAttrValue(const AttrValue& value);

} // namespace gs
