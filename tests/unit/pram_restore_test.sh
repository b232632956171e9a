#!/bin/bash
# pram-restore on fake systems (--sysroot): what it would mount where.
# usage: pram_restore_test.sh PRAM_RESTORE MKFIXTURE
set -u
pr=$1
mk=$2
source "$(dirname "$0")/testlib.sh"

"$mk" "$tmp/sys" >/dev/null || exit 2

expect "dry run" 0 "$pr" --sysroot "$tmp/sys" --prefix "$tmp/target" --dry-run
grep -qx "pram-restore: cache: would mount at $tmp/target/srv/cache (mount -t tmpfs -o pram=cache tmpfs $tmp/target/srv/cache)" "$tmp/out" &&
	ok "the tmpfs tree goes to its recorded mountpoint, under the prefix" ||
	{ bad "dry-run line"; cat "$tmp/out"; }
grep -q raw "$tmp/out" && bad "a raw node is not a tmpfs tree" || ok "raw node left alone"
test ! -e "$tmp/target" && ok "a dry run creates nothing" || bad "dry run created $tmp/target"

# A directory on the way replaced by a symlink since: never followed.
mkdir -p "$tmp/target2" "$tmp/elsewhere"
ln -s "$tmp/elsewhere" "$tmp/target2/srv"
expect "a symlink on the path" 1 "$pr" --sysroot "$tmp/sys" --prefix "$tmp/target2" --dry-run
grep -q "cache: $tmp/target2/srv/cache leads through a symlink; not mounted" "$tmp/err" &&
	ok "says it will not follow the symlink" || { bad "symlink text"; cat "$tmp/out" "$tmp/err"; }

# A node name with spaces is a directory like any other.
nodes=$tmp/sys/sys/kernel/mm/pram/nodes
cp -r "$nodes/cache" "$nodes/two words"
expect "names with spaces" 1 "$pr" --sysroot "$tmp/sys" --prefix "$tmp/target" --dry-run
grep -q "^pram-restore: two words: its tree in preserved memory fails" "$tmp/err" &&
	grep -q "cache: would mount at" "$tmp/out" &&
	ok "a name with spaces is read whole" || { bad "spaces"; cat "$tmp/out" "$tmp/err"; }
rm -r "$nodes/two words"

expect "only the nodes named" 0 "$pr" --sysroot "$tmp/sys" --dry-run raw
test ! -s "$tmp/out" && ok "nothing for a name that is no tmpfs tree" || { bad "named filter"; cat "$tmp/out"; }

# Loaded already (the kernel no longer offers it): nothing to do.
echo loading >"$nodes/cache/state"
expect "nothing to restore" 0 "$pr" --sysroot "$tmp/sys" --dry-run --verbose
grep -q "no tmpfs tree from the previous kernel" "$tmp/out" && ok "says there is nothing" || { bad "nothing text"; cat "$tmp/out"; }

rm -r "$tmp/sys/sys/kernel/mm/pram"
expect "a kernel without PRAM is no error" 0 "$pr" --sysroot "$tmp/sys" --verbose
grep -q "no PRAM" "$tmp/out" && ok "says the kernel has no PRAM" || bad "no-PRAM text"

# A node listed, but the memory cannot be read: status 2, clear message.
"$mk" "$tmp/sys2" >/dev/null || exit 2
rm "$tmp/sys2/proc/kcore"
expect "unreadable preserved memory" 2 "$pr" --sysroot "$tmp/sys2" --dry-run
grep -q "reading the preserved trees" "$tmp/err" && ok "says what it could not read" || { bad "error text"; cat "$tmp/err"; }

# A tree whose metadata fails its checks: not mounted, and said so.
"$mk" "$tmp/sys3" badmeta >/dev/null || exit 2
expect "a damaged tree is not mounted" 1 "$pr" --sysroot "$tmp/sys3" --dry-run
grep -q "cache: its tree in preserved memory fails its checks" "$tmp/err" && ok "says the tree fails its checks" || { bad "damaged text"; cat "$tmp/out" "$tmp/err"; }

expect "bad option" 2 "$pr" --bogus
[ $fails = 0 ]
