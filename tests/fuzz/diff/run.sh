#!/bin/bash
# Differential fuzzing of the two readers of preserved memory: the
# kernel's own checkers, taken from the patch series as it is and compiled
# in userspace (as tools/testing/memblock compiles mm/memblock.c), against
# libpramhdr. Two targets, half the time each: the tmpfs stream checker
# (mm/shmem_pram_check.c) and the node walker (mm/pram_check.c). Any input
# they judge differently fails, and so does any input that once did
# (regress/NAME/, replayed first).
# usage: tests/fuzz/diff/run.sh [SECONDS] [WORKDIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$here/../../..
secs=${1:-60}
work=${2:-$top/build/fuzz-diff}
rm -rf "$work/kernel"
mkdir -p "$work/kernel" "$work/corpus"

# The kernel files, from the series alone: every patch, only these paths.
files=(include/linux/pram.h include/linux/pram_format.h mm/pram_internal.h
	mm/pram_check.c mm/shmem_pram.h mm/shmem_pram_check.c)
# (Not inside the clone's git repository: git apply would then ignore them.)
(cd "$work/kernel" && GIT_CEILING_DIRECTORIES=$work git apply \
	$(printf -- "--include=%s " "${files[@]}") "$top"/kernel/patches/*.patch)
for f in "${files[@]}"; do
	[ -f "$work/kernel/$f" ] || { echo "fuzz-diff: the series has no $f" >&2; exit 1; }
done

lib=$top/libpramhdr/src
san="-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"
srcs=$(sed -n 's/^LIBPRAMHDR_SRCS *= *//p' "$top/libpramhdr/Makefile.libpramhdr")
kflags="-g -O1 -std=gnu11 -D__KERNEL__ -DCONFIG_PRAM -I$here/shim -I$work/kernel/include -I$work/kernel/mm -I$here"
clang $kflags ${san/fuzzer,/fuzzer-no-link,} -c -o "$work/shmem_pram_check.o" \
	"$work/kernel/mm/shmem_pram_check.c"
clang $kflags ${san/fuzzer,/fuzzer-no-link,} -c -o "$work/kernel_glue.o" "$here/kernel_glue.c"
clang $kflags ${san/fuzzer,/fuzzer-no-link,} -c -o "$work/kernel_glue_chain.o" \
	"$here/kernel_glue_chain.c"
for t in stream chain; do
	clang -g -O1 -std=gnu11 -I"$top/libpramhdr/include" -I"$here" $san \
		-o "$work/fuzz_${t}_diff" "$here/fuzz_${t}_diff.c" \
		"$work/shmem_pram_check.o" "$work/kernel_glue.o" "$work/kernel_glue_chain.o" \
		$(printf "$lib/%s " $srcs) -lelf -pthread
done
clang -g -O1 -std=gnu11 -I"$top/libpramhdr/include" -I"$top/tests/unit" \
	-o "$work/mkseeds" "$top/tests/fuzz/mkseeds.c" "$top/tests/unit/imgwriter.c" \
	"$lib/crc32c.c"
"$work/mkseeds" "$work/chain-seeds"
clang -g -O1 -std=gnu11 -I"$top/libpramhdr/include" -I"$top/tests/unit" \
	-o "$work/mkseeds_stream" "$here/mkseeds_stream.c" "$top/tests/unit/imgwriter.c" \
	"$lib/crc32c.c"
"$work/mkseeds_stream" "$work/seeds"

cd "$work"
# fuzz NAME SEEDS SECONDS MAXLEN: replay regress/NAME, then fuzz.
fuzz() {
	local name=$1 seeds=$2 secs=$3 maxlen=$4 status=0 artifacts
	local bin=./fuzz_${name}_diff
	rm -f crash-* leak-* timeout-* oom-* slow-unit-*
	mkdir -p "corpus-$name"
	shopt -s nullglob
	local regress=("$here/regress/$name"/*)
	shopt -u nullglob
	if [ ${#regress[@]} -gt 0 ] && ! $bin -runs=0 "${regress[@]}" >"regress-$name.log" 2>&1; then
		tail -20 "regress-$name.log"
		echo "fuzz-diff: a $name regression input divides the readers again" >&2
		return 1
	fi
	$bin -max_total_time="$secs" -max_len="$maxlen" -timeout=10 -print_final_stats=1 \
		-artifact_prefix="$work/" "corpus-$name" "$seeds" >"fuzz-$name.log" 2>&1 || status=$?
	echo "== $name: $(grep -o 'Done [0-9]* runs in [0-9]* second(s)' "fuzz-$name.log")"
	artifacts=$(shopt -s nullglob; echo crash-* leak-* timeout-* oom-*)
	if [ $status -ne 0 ] || [ -n "$artifacts" ]; then
		grep -m1 -B2 -A20 'readers disagree\|reads .* outside RAM\|ERROR\|runtime error' "fuzz-$name.log" || true
		echo "fuzz-diff: $name finding (status $status); reproduce with:" >&2
		for a in $artifacts; do echo "  $work/fuzz_${name}_diff $work/$a" >&2; done
		return 1
	fi
}
fuzz stream seeds $((secs / 2)) 16384
fuzz chain chain-seeds $((secs - secs / 2)) 262144
