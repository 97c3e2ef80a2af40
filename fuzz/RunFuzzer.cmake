# cmake -D FUZZER=... -D CORPUS=... -D DICTIONARY=... -D WORK=... -D SECONDS=... -P RunFuzzer.cmake
#
# What the fuzz_<reader> CTest tests run: the fuzzer for SECONDS over a fresh copy of the seed
# corpus, so what it finds stays in the build tree (WORK/corpus, crashes in WORK/) and the corpus
# kept in the source tree only changes when someone adds to it. Any crash, leak, sanitizer report,
# input slower than 1 s or using more than 512 MB fails the test; the input is left in WORK.
foreach(variable FUZZER CORPUS DICTIONARY WORK SECONDS)
    if(NOT DEFINED ${variable})
        message(FATAL_ERROR "RunFuzzer.cmake: -D ${variable}=... is required")
    endif()
endforeach()

file(REMOVE_RECURSE "${WORK}/corpus")
file(MAKE_DIRECTORY "${WORK}/corpus")
file(GLOB seeds "${CORPUS}/*")
if(seeds)
    file(COPY ${seeds} DESTINATION "${WORK}/corpus")
endif()

set(arguments -max_total_time=${SECONDS} -rss_limit_mb=512 -timeout=1 -print_final_stats=1
              -artifact_prefix=${WORK}/)
if(EXISTS "${DICTIONARY}")
    list(APPEND arguments -dict=${DICTIONARY})
endif()
# -rss_limit_mb counts the whole process: AddressSanitizer's quarantine of freed memory (256 MB by
# default) alone made a run of fuzz_formula pass 512 MB while it read its corpus. A smaller one
# keeps the limit about the input.
# Added to what the caller set (CI sets detect_leaks=1), not only when nothing is set.
if(DEFINED ENV{ASAN_OPTIONS} AND NOT "$ENV{ASAN_OPTIONS}" STREQUAL "")
    set(ENV{ASAN_OPTIONS} "$ENV{ASAN_OPTIONS}:quarantine_size_mb=64")
else()
    set(ENV{ASAN_OPTIONS} "quarantine_size_mb=64")
endif()
execute_process(COMMAND "${FUZZER}" ${arguments} "${WORK}/corpus" RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "${FUZZER} found a problem (exit status ${result}); the input is in ${WORK}/")
endif()
