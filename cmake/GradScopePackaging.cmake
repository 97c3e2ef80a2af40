# CPack: a Debian package and a plain tarball, built offline from the build directory with
#   cpack -G DEB      or      cpack -G TGZ
#
# Included from the top-level CMakeLists.txt after GradScopeInstall.cmake.
set(CPACK_PACKAGE_NAME "gradscope")
set(CPACK_PACKAGE_VENDOR "GradScope developers")
set(CPACK_PACKAGE_CONTACT "GradScope maintainers <maintainers@gradscope.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "GradScope is a desktop application that shows automatic differentiation at work: a \
computation is drawn as a graph of operations whose forward values and gradients can be \
inspected.")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "GradScope")
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_SOURCE_GENERATOR "TGZ")
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/" "/build/" "/\\\\.cache/")
set(CPACK_STRIP_FILES ON)

# Debian: library dependencies come from dpkg-shlibdeps; what is only loaded at run time is
# listed by hand (the xcb/wayland/offscreen platform plugins, the SVG icon engine plugin, and a
# font, without which every text is drawn as empty boxes).
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6svg6, fonts-dejavu-core")

include(CPack)
