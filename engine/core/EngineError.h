#pragma once

#include <stdexcept>
#include <string>

namespace gs {

/// Every error the engine reports to its caller. The message names the op, the argument and the
/// shapes involved, so the UI can show it as it is.
class EngineError : public std::runtime_error {
public:
    explicit EngineError(const std::string& message) : std::runtime_error(message) {}
};

} // namespace gs
