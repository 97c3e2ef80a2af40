# Precompiled headers. One concept per file means many small files, and most of each file's
# compile time went into parsing the same Qt and Eigen headers again; each library now parses
# them once. GRADSCOPE_PCH=OFF checks that every file still includes what it uses.
option(GRADSCOPE_PCH "Precompile the common Qt and Eigen headers of each library" ON)

function(gradscope_precompile target)
    if(GRADSCOPE_PCH)
        target_precompile_headers(${target} PRIVATE ${ARGN})
    endif()
endfunction()

# The widget tests share one set of precompiled headers (Qt Test and Widgets), built once by this
# object library in the folder that calls it; gradscope_add_test() reuses it there.
function(gradscope_add_test_pch)
    if(NOT GRADSCOPE_PCH)
        return()
    endif()
    file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/test_pch.cpp" "// the precompiled headers of the tests\n")
    add_library(gradscope_test_pch OBJECT "${CMAKE_CURRENT_BINARY_DIR}/test_pch.cpp")
    target_link_libraries(gradscope_test_pch PRIVATE Qt6::Test Qt6::Widgets gradscope_engine)
    gradscope_set_warnings(gradscope_test_pch)
    target_precompile_headers(gradscope_test_pch PRIVATE <QtTest/QtTest> <QtWidgets/QtWidgets> <Eigen/Core>)
    set(GRADSCOPE_TEST_PCH_DIR "${CMAKE_CURRENT_SOURCE_DIR}" PARENT_SCOPE)
endfunction()
