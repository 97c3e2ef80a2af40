// fuzz_inputs: inputsFromJson(): eval --inputs files. The promises checked are in ReaderChecks.cpp (docs/fuzzing.md).
#include "fuzz/FuzzSupport.h"

GRADSCOPE_FUZZ_TARGET(Inputs)
