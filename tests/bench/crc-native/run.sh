#!/bin/bash
# Build the kernel's CRC32C code for userspace, from the pinned Debian
# source (kernel/fetch-source.sh), and print its native throughput next
# to a plain read (bench.c). x86_64 only: crc_pcl is x86 assembly.
# usage: tests/bench/crc-native/run.sh [WORKDIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$here/../../..
work=${1:-$top/build/crc-native}
src=$("$top/kernel/fetch-source.sh")
mkdir -p "$work"

# lib/crc32.c's tables, generated as the kernel build generates them, for
# a 64-bit kernel with the default slice-by-8 (as the test kernels have).
mkdir -p "$work/lib" "$work/include/generated" "$work/include/linux"
printf '#define CONFIG_64BIT 1\n#define CONFIG_CRC32_SLICEBY8 1\n' \
	>"$work/include/generated/autoconf.h"
cp "$src/lib/gen_crc32table.c" "$src/lib/crc32defs.h" "$work/lib/"
cp "$src/include/linux/crc32poly.h" "$work/include/linux/"
gcc -O2 -o "$work/gen_crc32table" "$work/lib/gen_crc32table.c"
"$work/gen_crc32table" >"$work/crc32table.h"
flags="-O2 -I$here/shim -I$work/include -I$work/lib -I$work
	-include $work/include/generated/autoconf.h"
gcc $flags -c -o "$work/crc32.o" "$src/lib/crc32.c"
gcc -I"$here/shim" -Wa,--noexecstack -c -o "$work/crc_pcl.o" "$src/arch/x86/crypto/crc32c-pcl-intel-asm_64.S"
lib=$top/libpramhdr/src
gcc -O3 -march=x86-64-v2 -std=gnu11 -Wall -Wextra -Werror -pthread -no-pie -I"$top/libpramhdr/include" \
	-o "$work/crc-native" "$here/bench.c" "$work/crc32.o" "$work/crc_pcl.o" \
	"$lib/crc32c.c"
"$work/crc-native"
