#pragma once

#include "engine/core/Tensor.h"

#include <optional>
#include <span>
#include <string>

namespace gs {

// Numeric provenance: where a NaN or an infinity is born, and why, in words a class can follow.
// A NaN is born where the output has a NaN and no input has one (inf / inf, 0 * inf, log(-1));
// an infinity is born where the output is infinite and every input is finite (exp(100) in
// float32, 1 / 0).

/// The reason if `op` gave birth to a NaN or an infinity in its forward output, else "".
std::string explainForwardNonFinite(const std::string& op, std::span<const Tensor> inputs, const Tensor& output);

/// The reason if a backward step produced a non-finite contribution for input `input` from finite
/// upstream gradient and forward values, else "".
std::string explainBackwardNonFinite(const std::string& op, std::span<const Tensor> inputs, const Tensor& output,
                                     const Tensor& upstream, std::size_t input, const Tensor& contribution,
                                     const std::optional<Tensor>& local);

/// The reason if adding finite parts gave a non-finite sum, else "".
std::string explainSumNonFinite(std::span<const Tensor> parts, const Tensor& sum);

} // namespace gs
