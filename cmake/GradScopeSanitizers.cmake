# GRADSCOPE_SANITIZE: AddressSanitizer + UndefinedBehaviorSanitizer for every target of the build.
#
# Applied with add_compile_options()/add_link_options(), so it must be included before any
# add_subdirectory(). Undefined behaviour aborts the test instead of printing and carrying on.
if(GRADSCOPE_SANITIZE)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
        message(FATAL_ERROR "GRADSCOPE_SANITIZE needs GCC or Clang")
    endif()
    set(_gradscope_sanitizer_flags
        -fsanitize=address,undefined
        -fno-omit-frame-pointer
        -fno-sanitize-recover=undefined)
    add_compile_options(${_gradscope_sanitizer_flags})
    add_link_options(${_gradscope_sanitizer_flags})
    message(STATUS "GradScope: building with AddressSanitizer and UndefinedBehaviorSanitizer")
endif()
