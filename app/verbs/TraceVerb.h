#pragma once

#include <QStringList>

namespace gs {

/// `gradscope trace FORMULA_OR_FILE --call ARGS ... [--json] [--export DIR]`: the document as a
/// tf.function, called once per --call (app/verbs/TraceVerb.cpp).
int runTraceVerb(const QStringList& arguments);

} // namespace gs
