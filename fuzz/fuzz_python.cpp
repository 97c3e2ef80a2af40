// fuzz_python: readPython(): Python code. The promises checked are in ReaderChecks.cpp (docs/fuzzing.md).
#include "fuzz/FuzzSupport.h"

GRADSCOPE_FUZZ_TARGET(Python)
