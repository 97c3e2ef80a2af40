# A faster linker than the default BFD one for the test programs (large static libraries with
# debug information): LLVM's lld when it is installed (installers/ installs it for the sanitizer
# build), else GNU gold, which ships with binutils. Clang's AddressSanitizer output also links
# cleanly with lld, where gold warns about every instrumented program.
include(CheckLinkerFlag)
check_linker_flag(CXX "-fuse-ld=lld" GRADSCOPE_HAVE_LLD)
if(GRADSCOPE_HAVE_LLD)
    add_link_options(-fuse-ld=lld)
else()
    check_linker_flag(CXX "-fuse-ld=gold" GRADSCOPE_HAVE_GOLD)
    if(GRADSCOPE_HAVE_GOLD)
        add_link_options(-fuse-ld=gold)
    endif()
endif()
