# Install layout (FHS via GNUInstallDirs): the program and its desktop integration files.
#
# Included from the top-level CMakeLists.txt after every target exists.
include(GNUInstallDirs)

set(_gradscope_installers "${PROJECT_SOURCE_DIR}/installers")

install(TARGETS gradscope
    RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")

install(FILES "${_gradscope_installers}/gradscope.desktop"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/applications")

install(FILES "${PROJECT_SOURCE_DIR}/resources/icons/gradscope.svg"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps")

install(FILES "${_gradscope_installers}/io.github.gradscope.GradScope.metainfo.xml"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo")

install(FILES "${_gradscope_installers}/gradscope-mime.xml"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/mime/packages"
    RENAME gradscope.xml)
