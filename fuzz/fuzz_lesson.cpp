// fuzz_lesson: documentFromJson() and lessonFrame() on every step: lessons. The promises checked are in ReaderChecks.cpp (docs/fuzzing.md).
#include "fuzz/FuzzSupport.h"

GRADSCOPE_FUZZ_TARGET(Lesson)
