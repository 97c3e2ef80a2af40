#pragma once

#include <QString>

#include <vector>

namespace gs {

class DocumentFunction;
struct PassReport;
struct TraceCallResult;

/// The calls of a traced document and its concrete functions as one JSON object (see
/// docs/command-line.md, `gradscope trace --json`): calls (signature, traced, reason, value),
/// concrete_functions (signature, calls, nodes before and after the passes, what each pass did),
/// trace_count, and TensorFlow's retracing warning when there is one.
QString traceJson(const DocumentFunction& function, const std::vector<TraceCallResult>& calls);

/// The same for people.
QString traceTable(const DocumentFunction& function, const std::vector<TraceCallResult>& calls);

/// "folded 2", "pruned 1, 9 → 7 nodes": one pass in a few words, for the table and the panel.
QString passSummary(const PassReport& pass);

} // namespace gs
