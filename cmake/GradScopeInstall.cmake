# Install layout (FHS via GNUInstallDirs): the program, its manual page, its desktop integration
# files, and from packaging/debian/ the copyright and changelog (in /usr/share/doc/gradscope) and
# the lintian overrides.
#
# Included from the top-level CMakeLists.txt after every target exists.
include(GNUInstallDirs)

# Directories the install creates (and cpack puts in its packages) are 0755 whatever the umask.
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE
    GROUP_READ GROUP_EXECUTE
    WORLD_READ WORLD_EXECUTE)

set(_gradscope_installers "${PROJECT_SOURCE_DIR}/installers")
set(_gradscope_debian "${PROJECT_SOURCE_DIR}/packaging/debian")
# Debian's place for the copyright and changelog: named after the package, not the project.
set(_gradscope_docdir "${CMAKE_INSTALL_DATAROOTDIR}/doc/gradscope")

# --- The Debian changelog: its newest entry is this version; its date dates the man page ----------
# The entry's version is UPSTREAM-REVISION (0.1.0-1): the project's version, then the revision of
# its Debian packaging, which the package's version takes (GradScopePackaging.cmake).
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_gradscope_debian}/changelog")
file(STRINGS "${_gradscope_debian}/changelog" _gradscope_changelog_top LIMIT_COUNT 1)
if(NOT _gradscope_changelog_top MATCHES "^gradscope \\(([^)]+)-([0-9][^-)]*)\\) ")
    message(FATAL_ERROR "packaging/debian/changelog: the first line is not a Debian changelog "
                        "entry for gradscope UPSTREAM-REVISION: '${_gradscope_changelog_top}'")
endif()
if(NOT CMAKE_MATCH_1 STREQUAL PROJECT_VERSION)
    message(FATAL_ERROR "packaging/debian/changelog: the newest entry is for version "
                        "${CMAKE_MATCH_1}-${CMAKE_MATCH_2}, but the project is ${PROJECT_VERSION}: "
                        "add an entry for ${PROJECT_VERSION}-1 (dch -v ${PROJECT_VERSION}-1, or by "
                        "hand)")
endif()
set(GRADSCOPE_DEBIAN_REVISION "${CMAKE_MATCH_2}")
file(STRINGS "${_gradscope_debian}/changelog" _gradscope_changelog_trailer
    REGEX "^ -- .+>  .+$" LIMIT_COUNT 1)
unset(GRADSCOPE_RELEASE_EPOCH)
if(_gradscope_changelog_trailer MATCHES ">  (.+)$")
    execute_process(COMMAND date -u -d "${CMAKE_MATCH_1}" +%s
        OUTPUT_VARIABLE GRADSCOPE_RELEASE_EPOCH OUTPUT_STRIP_TRAILING_WHITESPACE
        ERROR_QUIET)
endif()

# Compressed with gzip -9n (maximum compression, no name or time stamp), as Debian wants.
find_program(GZIP_EXECUTABLE gzip REQUIRED)
set(_gradscope_changelog_gz "${PROJECT_BINARY_DIR}/packaging/changelog.Debian.gz")
add_custom_command(
    OUTPUT "${_gradscope_changelog_gz}"
    COMMAND "${CMAKE_COMMAND}" -E copy "${_gradscope_debian}/changelog" changelog.Debian
    COMMAND "${GZIP_EXECUTABLE}" -9nf changelog.Debian
    DEPENDS "${_gradscope_debian}/changelog"
    WORKING_DIRECTORY "${PROJECT_BINARY_DIR}/packaging"
    COMMENT "Compressing the Debian changelog"
    VERBATIM)
file(MAKE_DIRECTORY "${PROJECT_BINARY_DIR}/packaging")
add_custom_target(gradscope_changelog ALL DEPENDS "${_gradscope_changelog_gz}")

# --- The manual page (help2man) -------------------------------------------------------------------
include(GradScopeManPage)

# --- Install rules --------------------------------------------------------------------------------
install(TARGETS gradscope
    RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")

if(GRADSCOPE_MANPAGE_FILE)
    install(FILES "${GRADSCOPE_MANPAGE_FILE}"
        DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
endif()

install(FILES "${_gradscope_installers}/gradscope.desktop"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/applications")

install(FILES "${PROJECT_SOURCE_DIR}/resources/icons/gradscope.svg"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps")

install(FILES "${_gradscope_installers}/io.github.gradscope.GradScope.metainfo.xml"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo")

install(FILES "${_gradscope_installers}/gradscope-mime.xml"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/mime/packages"
    RENAME gradscope.xml)

# The licence as Debian expects it: a machine-readable copyright file pointing to
# /usr/share/common-licenses/GPL-3 (the full text is LICENSE at the root of the sources).
install(FILES "${_gradscope_debian}/copyright" "${_gradscope_changelog_gz}"
    DESTINATION "${_gradscope_docdir}")

# lintian's overrides, for the tags that are false positives here (each says why).
install(FILES "${_gradscope_debian}/gradscope.lintian-overrides"
    DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/lintian/overrides"
    RENAME gradscope)
