#!/bin/bash
# Build the libFuzzer target with clang (ASan + UBSan), make the seed
# corpus and fuzz for a bounded time. Any crash, leak or sanitizer report
# fails. usage: tests/fuzz/run.sh [SECONDS] [WORKDIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$here/../..
secs=${1:-60}
work=${2:-$top/build/fuzz}
mkdir -p "$work/corpus"
lib="$top/libpramhdr/src"
flags="-g -O1 -std=gnu11 -I$top/libpramhdr/include -I$top/tests/unit"
san="-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"
clang $flags $san -o "$work/fuzz_chain" "$here/fuzz_chain.c" \
	"$lib"/source.c "$lib"/source_elf.c "$lib"/crc32c.c "$lib"/chain.c \
	"$lib"/stream.c "$lib"/shmem.c "$lib"/report.c -lelf
clang $flags -o "$work/mkseeds" "$here/mkseeds.c" "$top/tests/unit/imgwriter.c" \
	"$lib"/crc32c.c
"$work/mkseeds" "$work/seeds"
cd "$work"
./fuzz_chain -max_total_time="$secs" -max_len=262144 -print_final_stats=1 \
	-artifact_prefix="$work/" corpus seeds 2>&1 | tail -25
