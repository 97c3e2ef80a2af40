#pragma once

#include "document/TensorValue.h"
#include "engine/ops/Attrs.h"

#include <QString>

#include <optional>

namespace gs {

/// A value typed by the user: `5`, `-1.5e3`, `nan`, `-inf`, `[1, 2]`, `[[1, 2], [3, 4]]`.
std::optional<TensorValue> parseTensorValue(const QString& text);

/// An attribute typed by the user: `0` (an integer), `0.2` (a number), `True`, `[2, -1]`, or a
/// name (`float64`). Empty text is nullopt (the op's default).
std::optional<AttrValue> parseAttrValue(const QString& text);

} // namespace gs
