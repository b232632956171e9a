# Cross-building pram's userspace for arm64 with Debian's
# gcc-aarch64-linux-gnu against a sysroot of Debian arm64 packages
# (scripts/arm64-sysroot prints one; scripts/cross-arm64 uses this file).
#
#   cmake -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake \
#         -DPRAM_SYSROOT=$(scripts/arm64-sysroot) ...
# SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(PRAM_CROSS_TRIPLET aarch64-linux-gnu)
set(CMAKE_C_COMPILER ${PRAM_CROSS_TRIPLET}-gcc)

if(NOT PRAM_SYSROOT)
	message(FATAL_ERROR "set PRAM_SYSROOT to an arm64 sysroot (scripts/arm64-sysroot)")
endif()
set(CMAKE_SYSROOT ${PRAM_SYSROOT})
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES PRAM_SYSROOT)
set(CMAKE_FIND_ROOT_PATH ${PRAM_SYSROOT})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# The libraries' own dependencies (libmount's libblkid...) are looked up
# in the sysroot when linking.
set(CMAKE_EXE_LINKER_FLAGS_INIT
	"-Wl,-rpath-link,${PRAM_SYSROOT}/usr/lib/${PRAM_CROSS_TRIPLET}")
set(CMAKE_SHARED_LINKER_FLAGS_INIT ${CMAKE_EXE_LINKER_FLAGS_INIT})

set(ENV{PKG_CONFIG_SYSROOT_DIR} ${PRAM_SYSROOT})
set(ENV{PKG_CONFIG_LIBDIR}
	"${PRAM_SYSROOT}/usr/lib/${PRAM_CROSS_TRIPLET}/pkgconfig:${PRAM_SYSROOT}/usr/share/pkgconfig")
