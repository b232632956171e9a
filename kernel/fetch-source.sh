#!/bin/bash
# Fetch Debian's linux-source-6.12 into the cache and unpack it once.
# The version is the one kernel/BASE pins, checked against its SHA-256.
# Prints the path of the pristine source tree; records the exact version.
# Usage: kernel/fetch-source.sh
source "$(dirname "$0")/../scripts/lib.sh"

base=$PRAM_TOP/kernel/BASE
pinned=$(sed -n 's/^version=//p' "$base")
sha=$(sed -n 's/^sha256=//p' "$base")
want=${PRAM_KERNEL_BASE:-$pinned}

dir=$PRAM_CACHE/linux-src
if [ "$want" != candidate ] && [ -d "$dir/tree" ] &&
	[ "$(cat "$dir/VERSION" 2>/dev/null)" = "$want" ]; then
	echo "$dir/tree"
	exit 0
fi
mkdir -p "$dir"
say "fetching linux-source-6.12 from Debian $PRAM_KERNEL_SUITE"
private_apt update >/dev/null 2>&1 || private_apt update >&2 ||
	die "apt-get update for $PRAM_KERNEL_SUITE failed: is $PRAM_DEBIAN_MIRROR reachable?"
candidate=$(private_apt policy linux-source-6.12 2>/dev/null | awk '/Candidate:/ {print $2}')
[ "$want" = candidate ] && want=$candidate
[ -n "$want" ] && [ "$want" != "(none)" ] ||
	die "linux-source-6.12 not found in $PRAM_KERNEL_SUITE"
if [ "$(cat "$dir/VERSION" 2>/dev/null)" = "$want" ] && [ -d "$dir/tree" ]; then
	echo "$dir/tree"
	exit 0
fi
(cd "$dir" && rm -f ./*.deb && private_apt download "linux-source-6.12=$want" >/dev/null 2>&1) ||
	die "linux-source-6.12 $want is not in $PRAM_KERNEL_SUITE (its version now: $candidate). The series is pinned to $pinned (kernel/BASE): rebase it onto $candidate (docs/design.md, \"Rebasing the series\"), or build on another version at your own risk with PRAM_KERNEL_BASE=candidate or =VERSION"
if [ "$want" = "$pinned" ]; then
	got=$(sha256sum "$dir"/linux-source-6.12_*.deb | cut -d' ' -f1)
	[ "$got" = "$sha" ] ||
		die "linux-source-6.12 $want from $PRAM_KERNEL_SUITE has SHA-256 $got, kernel/BASE says $sha: not the tree the series was tested on"
else
	say "warning: building on linux-source-6.12 $want, not the pinned $pinned (PRAM_KERNEL_BASE)"
fi
rm -rf "$dir/deb" "$dir/tree.tmp"
dpkg-deb -x "$dir"/linux-source-6.12_*.deb "$dir/deb"
mkdir -p "$dir/tree.tmp"
tar -xf "$dir"/deb/usr/src/linux-source-6.12.tar.xz -C "$dir/tree.tmp" --strip-components=1
rm -rf "$dir/deb" "$dir"/*.deb "$dir/tree"
mv "$dir/tree.tmp" "$dir/tree"
echo "$want" >"$dir/VERSION"
say "linux-source-6.12 $want unpacked in $dir/tree"
echo "$dir/tree"
