#!/bin/bash
# Run the kernel tree's scripts/checkpatch.pl --strict on every patch of
# the series; fails on any ERROR, WARNING or CHECK.
source "$(dirname "$0")/../scripts/lib.sh"

src=$("$PRAM_TOP/kernel/fetch-source.sh")
bad=0
for p in "$PRAM_TOP"/kernel/patches/*.patch; do
	out=$(cd "$src" && ./scripts/checkpatch.pl --strict --quiet "$p" 2>&1 || true)
	if grep -qE '^(ERROR|WARNING|CHECK)' <<<"$out"; then
		echo "FAIL $(basename "$p")"
		echo "$out"
		bad=$((bad + 1))
	else
		echo "ok   $(basename "$p")"
	fi
done
[ $bad -eq 0 ]
