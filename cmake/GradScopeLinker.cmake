# GNU gold links the test programs (large static libraries with debug information) in half the
# time of the default BFD linker; it ships with binutils, so it is there wherever g++ is.
include(CheckLinkerFlag)
check_linker_flag(CXX "-fuse-ld=gold" GRADSCOPE_HAVE_GOLD)
if(GRADSCOPE_HAVE_GOLD)
    add_link_options(-fuse-ld=gold)
endif()
