#pragma once

#include "engine/ops/OpDef.h"

#include <memory>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gs {

/// All ops by name. Built once, on first use, from the op family files; read-only afterwards, so it
/// is safe to read from any thread.
class OpRegistry {
public:
    static const OpRegistry& instance();

    /// The op, or nullptr when no op has that name.
    const OpDef* find(std::string_view name) const;
    /// The op; throws EngineError ("unknown op 'foo'", with the closest names) otherwise.
    const OpDef& get(std::string_view name) const;
    const std::vector<std::unique_ptr<OpDef>>& all() const { return ops_; }

    void add(OpDef def);

private:
    OpRegistry() = default;
    std::vector<std::unique_ptr<OpDef>> ops_;
    /// ops_ by name (keys view the OpDefs' own names): reductions and gradient rules look ops up
    /// by name on every call, and a linear scan of the registry was a visible cost (issue 16).
    std::unordered_map<std::string_view, const OpDef*> byName_;
};

// One registration function per op family (each in its own file under engine/ops/).
void registerArithmeticOps(OpRegistry& registry);
void registerMathOps(OpRegistry& registry);
void registerActivationOps(OpRegistry& registry);
void registerComparisonOps(OpRegistry& registry);
void registerReductionOps(OpRegistry& registry);
void registerShapeOps(OpRegistry& registry);
void registerLinalgOps(OpRegistry& registry);
void registerGradientOps(OpRegistry& registry);
void registerTranscendentalOps(OpRegistry& registry);
void registerReciprocalOps(OpRegistry& registry);
void registerStableArithmeticOps(OpRegistry& registry);
void registerSmoothActivationOps(OpRegistry& registry);
void registerSoftmaxOps(OpRegistry& registry);
void registerLossOps(OpRegistry& registry);
void registerClippingOps(OpRegistry& registry);
void registerLogicalOps(OpRegistry& registry);
void registerCumulativeOps(OpRegistry& registry);
void registerStatisticalReductionOps(OpRegistry& registry);
void registerArrayOps(OpRegistry& registry);
void registerMatrixOps(OpRegistry& registry);

} // namespace gs
