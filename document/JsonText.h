#pragma once

#include "engine/core/Tensor.h"

#include <QString>

#include <optional>
#include <vector>

namespace gs {

/// Writes compact JSON text with keys in the order given (QJsonObject sorts them) and numbers
/// written exactly as wanted: tensors print their elements with the shortest text that reads back
/// to the same value in their dtype (36.0, not 36.00000762939453), and NaN and the infinities,
/// which JSON cannot hold, as the strings "NaN", "Infinity" and "-Infinity".
class JsonText {
public:
    JsonText& beginObject();
    JsonText& endObject();
    JsonText& beginArray();
    JsonText& endArray();
    JsonText& key(const QString& name);
    JsonText& string(const QString& value);
    JsonText& number(double value, DType dtype = DType::Float64);
    JsonText& integer(long long value);
    JsonText& boolean(bool value);
    JsonText& null();
    /// A scalar as a number, a vector as a list, a matrix as a list of rows; None as null.
    JsonText& tensor(const std::optional<Tensor>& value);
    /// Inserts text that is already JSON.
    JsonText& raw(const QString& json);

    const QString& text() const { return text_; }

    static QString quoted(const QString& value);

private:
    void separate();
    QString text_;
    std::vector<bool> first_; ///< per open container: nothing written in it yet
    bool afterKey_ = false;
};

} // namespace gs
