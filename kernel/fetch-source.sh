#!/bin/bash
# Fetch Debian's linux-source-6.12 into the cache and unpack it once.
# Prints the path of the pristine source tree; records the exact version.
# Usage: kernel/fetch-source.sh
source "$(dirname "$0")/../scripts/lib.sh"

dir=$PRAM_CACHE/linux-src
if [ -f "$dir/VERSION" ] && [ -d "$dir/tree" ]; then
	echo "$dir/tree"
	exit 0
fi
mkdir -p "$dir"
say "fetching linux-source-6.12 from Debian $PRAM_KERNEL_SUITE"
private_apt update >/dev/null 2>&1 || private_apt update >&2 ||
	die "apt-get update for $PRAM_KERNEL_SUITE failed: is $PRAM_DEBIAN_MIRROR reachable?"
ver=$(private_apt policy linux-source-6.12 2>/dev/null | awk '/Candidate:/ {print $2}')
[ -n "$ver" ] && [ "$ver" != "(none)" ] ||
	die "linux-source-6.12 not found in $PRAM_KERNEL_SUITE"
(cd "$dir" && rm -f ./*.deb && private_apt download "linux-source-6.12=$ver" >/dev/null 2>&1) ||
	die "downloading linux-source-6.12=$ver failed"
rm -rf "$dir/deb" "$dir/tree.tmp"
dpkg-deb -x "$dir"/linux-source-6.12_*.deb "$dir/deb"
mkdir -p "$dir/tree.tmp"
tar -xf "$dir"/deb/usr/src/linux-source-6.12.tar.xz -C "$dir/tree.tmp" --strip-components=1
rm -rf "$dir/deb" "$dir"/*.deb "$dir/tree"
mv "$dir/tree.tmp" "$dir/tree"
echo "$ver" >"$dir/VERSION"
say "linux-source-6.12 $ver unpacked in $dir/tree"
echo "$dir/tree"
