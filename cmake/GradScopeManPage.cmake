# The manual page gradscope.1.gz, generated at build time by help2man from `gradscope --help` and
# `gradscope --version` (both work without a display) and packaging/gradscope.h2m (the synopsis
# and the copyright), then compressed with gzip -9n as Debian wants. The page is dated with the
# newest entry of packaging/debian/changelog (through SOURCE_DATE_EPOCH), so rebuilding gives the
# same file.
#
# Included from GradScopeInstall.cmake, which installs the page. Sets GRADSCOPE_MANPAGE_FILE to
# the generated file when the page is built.
#
# GRADSCOPE_MANPAGE (ON, but OFF in sanitizer builds, which are never packaged and whose leak
# checker could fail `gradscope --help`) turns it on. help2man is then a build dependency
# (installers/install-deps.sh installs it); without it configuring stops with what to do.
if(GRADSCOPE_SANITIZE)
    set(_gradscope_manpage_default OFF)
else()
    set(_gradscope_manpage_default ON)
endif()
option(GRADSCOPE_MANPAGE
    "Generate the manual page gradscope.1 with help2man (needed by the Debian package)"
    ${_gradscope_manpage_default})

unset(GRADSCOPE_MANPAGE_FILE)
if(NOT GRADSCOPE_MANPAGE OR NOT TARGET gradscope)
    message(STATUS "GradScope: manual page not generated (GRADSCOPE_MANPAGE=${GRADSCOPE_MANPAGE})")
    return()
endif()
if(CMAKE_CROSSCOMPILING AND NOT CMAKE_CROSSCOMPILING_EMULATOR)
    message(STATUS "GradScope: manual page not generated: cross-compiled gradscope cannot run here")
    return()
endif()

find_program(HELP2MAN_EXECUTABLE help2man)
find_program(GZIP_EXECUTABLE gzip)
if(NOT HELP2MAN_EXECUTABLE OR NOT GZIP_EXECUTABLE)
    message(FATAL_ERROR
        "help2man and gzip are needed to generate the manual page gradscope.1 from "
        "`gradscope --help`; help2man was not found. Install it with installers/install-deps.sh "
        "(or: apt-get install help2man), or configure with -DGRADSCOPE_MANPAGE=OFF to build "
        "without the manual page (the Debian package then lacks it and fails lintian).")
endif()

set(_gradscope_man_dir "${PROJECT_BINARY_DIR}/man")
set(GRADSCOPE_MANPAGE_FILE "${_gradscope_man_dir}/gradscope.1.gz")
file(MAKE_DIRECTORY "${_gradscope_man_dir}")

set(_gradscope_man_env QT_QPA_PLATFORM=offscreen)
if(GRADSCOPE_RELEASE_EPOCH)
    list(APPEND _gradscope_man_env "SOURCE_DATE_EPOCH=${GRADSCOPE_RELEASE_EPOCH}")
endif()

add_custom_command(
    OUTPUT "${GRADSCOPE_MANPAGE_FILE}"
    COMMAND "${CMAKE_COMMAND}" -E env ${_gradscope_man_env}
            "${HELP2MAN_EXECUTABLE}"
            --no-info
            --section=1
            "--name=visualise automatic differentiation as an editable graph"
            "--source=GradScope ${PROJECT_VERSION}"
            "--manual=User Commands"
            "--include=${PROJECT_SOURCE_DIR}/packaging/gradscope.h2m"
            --output=gradscope.1
            "$<TARGET_FILE:gradscope>"
    COMMAND "${GZIP_EXECUTABLE}" -9nf gradscope.1
    DEPENDS gradscope "${PROJECT_SOURCE_DIR}/packaging/gradscope.h2m"
    WORKING_DIRECTORY "${_gradscope_man_dir}"
    COMMENT "Generating the manual page gradscope.1.gz with help2man"
    VERBATIM)
add_custom_target(gradscope_manpage ALL DEPENDS "${GRADSCOPE_MANPAGE_FILE}")
