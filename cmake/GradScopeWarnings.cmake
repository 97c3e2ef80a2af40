# gradscope_set_warnings(<target>)
#
# Turns on the warning set every GradScope target is held to. PRIVATE, so consumers of a library
# (and third-party headers they include) are not affected.
function(gradscope_set_warnings target)
    if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
        target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
    elseif(MSVC)
        target_compile_options(${target} PRIVATE /W4)
    endif()
endfunction()
