#pragma once

#include "engine/ops/OpRegistry.h"

namespace gs {

/// The registry entry named `name`, looked up once per call site:
/// `static const OpDef& op = opNamed("add");`.
inline const OpDef& opNamed(const char* name) { return OpRegistry::instance().get(name); }

} // namespace gs
