#include "engine/ops/OpRegistry.h"

#include "engine/core/EngineError.h"

#include <algorithm>

namespace gs {

// Declared here rather than in OpRegistry.h so that adding them did not rebuild every op file.
void registerIndexOps(OpRegistry& registry);

const std::string& OpDef::inputName(std::size_t i) const
{
    static const std::string fallback = "x";
    if (inputNames.empty())
        return fallback;
    return inputNames[std::min(i, inputNames.size() - 1)];
}

const OpRegistry& OpRegistry::instance()
{
    static const OpRegistry registry = [] {
        OpRegistry r;
        registerArithmeticOps(r);
        registerMathOps(r);
        registerActivationOps(r);
        registerComparisonOps(r);
        registerReductionOps(r);
        registerShapeOps(r);
        registerLinalgOps(r);
        registerGradientOps(r);
        registerTranscendentalOps(r);
        registerReciprocalOps(r);
        registerStableArithmeticOps(r);
        registerSmoothActivationOps(r);
        registerSoftmaxOps(r);
        registerLossOps(r);
        registerClippingOps(r);
        registerLogicalOps(r);
        registerCumulativeOps(r);
        registerStatisticalReductionOps(r);
        registerArrayOps(r);
        registerMatrixOps(r);
        registerIndexOps(r);
        return r;
    }();
    return registry;
}

const OpDef* OpRegistry::find(std::string_view name) const
{
    const auto it = byName_.find(name);
    return it == byName_.end() ? nullptr : it->second;
}

namespace {
std::size_t editDistance(std::string_view a, std::string_view b)
{
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}
} // namespace

const OpDef& OpRegistry::get(std::string_view name) const
{
    if (const OpDef* op = find(name))
        return *op;
    std::string best;
    std::size_t bestDistance = 3;
    for (const auto& op : ops_) {
        const std::size_t d = editDistance(name, op->name);
        if (d < bestDistance) {
            bestDistance = d;
            best = op->name;
        }
    }
    std::string message = "unknown op '" + std::string(name) + "'";
    if (!best.empty())
        message += " (did you mean '" + best + "'?)";
    throw EngineError(message);
}

void OpRegistry::add(OpDef def)
{
    if (find(def.name))
        throw EngineError("op '" + def.name + "' is registered twice");
    ops_.push_back(std::make_unique<OpDef>(std::move(def)));
    byName_.emplace(ops_.back()->name, ops_.back().get());
}

} // namespace gs
