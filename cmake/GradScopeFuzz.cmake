# GRADSCOPE_FUZZ: coverage-guided fuzzing of the input readers with libFuzzer (fuzz/,
# docs/fuzzing.md).
#
# Every target is compiled with -fsanitize=fuzzer-no-link, so libFuzzer sees the coverage of the
# readers and of the libraries they call; only the fuzz targets link libFuzzer itself
# (-fsanitize=fuzzer, in fuzz/CMakeLists.txt). Like the sanitizer flags, it must be included
# before any add_subdirectory(). Normally used with GRADSCOPE_SANITIZE (the "fuzz" preset).
if(GRADSCOPE_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "GRADSCOPE_FUZZ needs Clang (libFuzzer): configure with the \"fuzz\" preset "
                            "or -DCMAKE_CXX_COMPILER=clang++")
    endif()
    add_compile_options(-fsanitize=fuzzer-no-link)
    message(STATUS "GradScope: building the libFuzzer targets in fuzz/")
endif()
