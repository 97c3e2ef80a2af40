#pragma once

#include "document/TensorValue.h"

#include <QByteArray>
#include <QString>

#include <utility>
#include <vector>

namespace gs {

/// The values of an `eval --inputs` file (docs/command-line.md): a JSON object of names to tensors,
/// {"w1": 5.0, "x": [[1, 2], [3, 4]]}, each value as tensorFromJson() reads it.
struct InputsReadResult {
    std::vector<std::pair<QString, TensorValue>> values; ///< by name, in the object's (sorted) order
    QString error; ///< "'in.json' is not valid JSON: ...", "$.x[1]: expected a number, ..."
    bool ok() const { return error.isEmpty(); }
};

/// Reads the bytes of an inputs file; `fileName` is only for messages. Never throws. Which names
/// the document has is the caller's to check.
InputsReadResult inputsFromJson(const QByteArray& bytes, const QString& fileName);

/// Values as an inputs file (what inputsFromJson() reads back as the same values; dtypes are not
/// part of it).
QByteArray inputsToJson(const std::vector<std::pair<QString, TensorValue>>& values);

} // namespace gs
