// fuzz_trace_call: parseTraceArguments(): trace --call arguments. The promises checked are in ReaderChecks.cpp (docs/fuzzing.md).
#include "fuzz/FuzzSupport.h"

GRADSCOPE_FUZZ_TARGET(TraceCall)
