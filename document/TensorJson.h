#pragma once

#include "document/TensorValue.h"

#include <QJsonValue>

namespace gs {

/// A tensor value as JSON: a number for a scalar, a list for a vector, a list of rows for a
/// matrix; NaN and the infinities as "NaN", "Infinity" and "-Infinity". The dtype is not part of
/// it (files store it next to the value).
QJsonValue tensorToJson(const TensorValue& value);

/// Reads what tensorToJson() writes (also "nan", "inf", "-inf"). On failure, returns nullopt and
/// sets `error` to what is wrong and `where` to its place below the value ("[1][0]").
struct TensorJsonError {
    QString where;
    QString message;
};
std::optional<TensorValue> tensorFromJson(const QJsonValue& json, TensorJsonError* error,
                                          std::int64_t maxElements = 1'000'000);

} // namespace gs
