// fuzz_csv: nn::parseCsv() and splitTable(): CSV tables. The promises checked are in ReaderChecks.cpp (docs/fuzzing.md).
#include "fuzz/FuzzSupport.h"

GRADSCOPE_FUZZ_TARGET(Csv)
