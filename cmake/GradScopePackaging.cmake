# CPack: a Debian package and a plain tarball, built offline from the build directory with
#   cpack -G DEB      or      cpack -G TGZ
# installers/check-deb.sh builds the Debian package, runs lintian on it (no error or warning
# allowed) and checks that it installs and runs.
#
# Included from the top-level CMakeLists.txt after GradScopeInstall.cmake.
set(CPACK_PACKAGE_NAME "gradscope")
set(CPACK_PACKAGE_VENDOR "GradScope developers")
set(CPACK_PACKAGE_CONTACT "GradScope maintainers <maintainers@gradscope.invalid>")
# The Debian synopsis: under 80 characters, not starting with the package name.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
# The Debian extended description, wrapped by hand (CPack does not wrap): every line under 80
# characters, an empty line between paragraphs.
set(CPACK_PACKAGE_DESCRIPTION [=[
GradScope shows reverse-mode automatic differentiation at work: a computation
is drawn as a graph of operations, with the values that flow forward and the
gradients that flow back on every node and wire.

It shows where stop_gradient cuts the flow and where a NaN or an infinity is
born, replays the tape one operation at a time, computes Jacobians and
Hessians, plots any output with its derivative, steps a custom training loop
with live loss curves and traces functions the way tf.function does. Built-in
lessons follow chapter 12 of the book Hands-On Machine Learning, with a
presenter mode and PDF handouts.

The commands eval, convert, export, train and trace run without a display.]=])
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "GradScope")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
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
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6svg6, fonts-dejavu-core, graphviz")
# The Debian revision (the "1" of 0.1.0-1) comes from the newest entry of packaging/debian/changelog
# (GradScopeInstall.cmake checks that its upstream part is the project's version).
set(CPACK_DEBIAN_PACKAGE_RELEASE "${GRADSCOPE_DEBIAN_REVISION}")
# The control files (md5sums, which CPack always writes) are 0644 and owned by root.
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# A program, not a library: no shlibs file to generate.
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)

include(CPack)
