#pragma once

// Internal to the document layer: lesson steps in .gscope JSON (`lesson.steps`), for
// DocumentReader.cpp and DocumentWriter.cpp.
#include "document/JsonFields.h"
#include "document/LessonStep.h"

#include <functional>
#include <vector>

namespace gs::detail {

/// Reads a tensor at a JSON path, counting it against the file's limits.
using TensorRead = std::function<TensorValue(const QJsonValue& json, const QString& path)>;

/// Reads `lesson.steps`, checking types and sizes, that every formula reads, and that every label
/// a step names exists in the graph in effect at that step (`graph` is the document's own graph).
std::vector<LessonStep> readLessonSteps(const Fields& lesson, const GraphData& graph, const TensorRead& tensor);

QJsonArray lessonStepsToJson(const std::vector<LessonStep>& steps);

} // namespace gs::detail
