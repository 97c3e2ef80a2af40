// fuzz_runfile: runSpecFromJson(): training run files. The promises checked are in ReaderChecks.cpp (docs/fuzzing.md).
#include "fuzz/FuzzSupport.h"

GRADSCOPE_FUZZ_TARGET(RunFile)
