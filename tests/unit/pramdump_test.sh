#!/bin/bash
# pramdump on fake systems (--sysroot) and images: output, JSON, exit codes.
# usage: pramdump_test.sh PRAMDUMP MKFIXTURE
set -u
pd=$1
mk=$2
source "$(dirname "$0")/testlib.sh"

root=$("$mk" "$tmp/good") || exit 2
"$mk" "$tmp/bad" corrupt >/dev/null || exit 2

expect "list" 0 "$pd" --sysroot "$tmp/good"
grep -q '^cache  *shmem  *ok' "$tmp/out" && ok "list shows cache ok" || { bad "list content"; cat "$tmp/out"; }
grep -q '^raw  *raw  *ok' "$tmp/out" && ok "list shows raw ok" || bad "list raw"

expect "list -J" 0 "$pd" --sysroot "$tmp/good" -J -o NAME,DATA,RUNS
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); n=d["nodes"]; assert n[0]["name"]=="cache" and n[0]["data"]=="4" and n[0]["runs"]=="3", n' "$tmp/out" &&
	ok "JSON parses, columns as asked" || { bad "JSON"; cat "$tmp/out"; }

expect "verify clean" 0 "$pd" --sysroot "$tmp/good" verify --data
grep -q 'no problems' "$tmp/out" && ok "verify says no problems" || bad "verify text"

expect "verify finds corrupted data" 1 "$pd" --sysroot "$tmp/bad" verify --data
grep -q 'data-crc  *cache' "$tmp/out" && ok "problem names kind and node" || { bad "verify problem row"; cat "$tmp/out"; }
expect "metadata-only verify does not read data" 0 "$pd" --sysroot "$tmp/bad" verify

expect "files" 0 "$pd" --sysroot "$tmp/good" -r -o PATH,TYPE,MODE,SIZE,TARGET -b files cache
grep -qx '/dir/link symlink lrwxrwxrwx 8 ../hello' "$tmp/out" && ok "symlink row" || { bad "files rows"; cat "$tmp/out"; }
grep -qE '^/dir/big file -rw------- 12298 ?$' "$tmp/out" && ok "file row" || bad "file row"

expect "cat" 0 "$pd" --sysroot "$tmp/good" cat cache /dir/big
python3 - "$tmp/out" <<'PY' && ok "cat bytes: data, hole as zeros, size" || bad "cat bytes"
import sys
d = open(sys.argv[1], 'rb').read()
assert len(d) == 3 * 4096 + 10, len(d)
assert d[:4096] == bytes([1]) * 4096          # run 1: index 0, pattern index+1
assert d[4096:8192] == bytes(4096)            # hole
assert d[8192:12288] == bytes([3]) * 4096     # run 2: index 2
assert d[12288:] == bytes([4]) * 10
PY

expect "extents" 0 "$pd" --sysroot "$tmp/good" extents -r -n -o START,END,PAGES
python3 - "$tmp/out" <<'PY' && ok "extents: sorted, apart, ends inclusive" || { bad "extents"; cat "$tmp/out"; }
import sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
assert rows, "no extents"
prev = -1
for start, end, pages in rows:
    s, e = int(start, 16), int(end, 16)
    assert s % 4096 == 0 and (e + 1) % 4096 == 0 and e > s > prev, rows
    assert (e + 1 - s) // 4096 == int(pages), rows
    prev = e + 1
PY

expect "raw image with --root" 0 "$pd" "$tmp/good/image.raw@0x40000000" --root "$root" list
expect "core with --root" 0 "$pd" -c "$tmp/good/proc/kcore" --root "$root" show cache
grep -q 'data      4 pages in 3 runs' "$tmp/out" && ok "show header" || bad "show header"
expect "scan finds the root" 0 "$pd" -c "$tmp/good/proc/kcore" scan
grep -q "^$root live" "$tmp/out" && ok "scan output" || { bad "scan output"; cat "$tmp/out"; }

expect "core without --root is a usage error" 2 "$pd" -c "$tmp/good/proc/kcore"
expect "unknown node" 2 "$pd" --sysroot "$tmp/good" files nosuch
grep -q "no node named 'nosuch'" "$tmp/err" && ok "says which node" || bad "unknown node message"
expect "no PRAM in the kernel" 2 "$pd" --sysroot "$tmp/none"
grep -q 'no PRAM' "$tmp/err" && ok "says no PRAM" || bad "no PRAM message"
printf 'KDUMP   xxxxxxxx' >"$tmp/kd"
expect "kdump-compressed refused" 2 "$pd" -c "$tmp/kd" --root 0x1000
grep -q 'makedumpfile -E' "$tmp/err" && ok "says how to convert" || bad "kdump message"

echo "$((fails == 0 ? 1 : 0)) passed, $((fails > 0 ? 1 : 0)) failed"
[ $fails -eq 0 ]
