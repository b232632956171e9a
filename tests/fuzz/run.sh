#!/bin/bash
# Build the libFuzzer target with clang (ASan + UBSan), make the seed
# corpus and fuzz for a bounded time. Any crash, leak, timeout or
# sanitizer report fails, and so does any input that once did
# (tests/fuzz/regress/, replayed first).
# usage: tests/fuzz/run.sh [SECONDS] [WORKDIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$here/../..
secs=${1:-60}
work=${2:-$top/build/fuzz}
mkdir -p "$work/corpus"
lib="$top/libpramhdr/src"
flags="-g -O1 -std=gnu11 -I$top/libpramhdr/include -I$top/tests/unit"
san="-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"
srcs=$(sed -n 's/^LIBPRAMHDR_SRCS *= *//p' "$top/libpramhdr/Makefile.libpramhdr")
clang $flags $san -o "$work/fuzz_chain" "$here/fuzz_chain.c" \
	$(printf "$lib/%s " $srcs) -lelf -pthread
clang $flags -o "$work/mkseeds" "$here/mkseeds.c" "$top/tests/unit/imgwriter.c" \
	"$lib"/crc32c.c
"$work/mkseeds" "$work/seeds"
cd "$work"
rm -f crash-* leak-* timeout-* oom-* slow-unit-*
# Inputs that crashed the reader once.
shopt -s nullglob
regress=("$here"/regress/*)
[ ${#regress[@]} -eq 0 ] || ./fuzz_chain -runs=0 -timeout=10 "${regress[@]}" >regress.log 2>&1 || {
	tail -40 regress.log
	echo "fuzz: a regression input fails again" >&2
	exit 1
}
status=0
./fuzz_chain -max_total_time="$secs" -max_len=262144 -timeout=10 -print_final_stats=1 \
	-artifact_prefix="$work/" corpus seeds >fuzz.log 2>&1 || status=$?
tail -25 fuzz.log
artifacts=$(echo crash-* leak-* timeout-* oom-*)
if [ $status -ne 0 ] || [ -n "$artifacts" ]; then
	grep -m1 -A30 'ERROR\|runtime error' fuzz.log || true
	echo "fuzz: the reader failed (status $status); reproduce with:" >&2
	for a in $artifacts; do echo "  $work/fuzz_chain $work/$a" >&2; done
	exit 1
fi
