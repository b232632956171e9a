#!/bin/bash
# The userland of the arm64 e2e guest, from Debian's arm64 packages of the
# host's release, unpacked without emulation: busybox (static), fdtput (to
# write device tree properties) and the libraries it loads (from the
# sysroot of scripts/arm64-sysroot, which pram's tools are built against),
# and kexec-tools cross-built from the same source as pram-kexec. Prints
# a directory to copy into the initramfs as its root: bin/busybox,
# usr/sbin/kexec, usr/bin/fdtput, the loader and libraries.
# Cached in $PRAM_CACHE/guest-arm64, keyed by the package versions.
source "$(dirname "$0")/../../scripts/lib.sh"

pkgs=(busybox-static device-tree-compiler)
kexec_src=$("$PRAM_TOP/tools/pram-kexec/source.sh") || die "no kexec-tools source"
sysroot=$("$PRAM_TOP/scripts/arm64-sysroot") || die "no arm64 sysroot"

base=$PRAM_CACHE/guest-arm64
mkdir -p "$base"
versions=$(arm64_versions "${pkgs[@]}")
key=$( {
	echo "$versions $sysroot"
	cat "$0" "$PRAM_TOP/scripts/lib.sh" | sha256sum
	"$PRAM_TOP/tools/pram-kexec/source.sh" --version
	aarch64-linux-gnu-gcc --version | head -1
} | sha256sum | cut -c1-16)
root=$base/$key
if [ -f "$root.complete" ] && [ -d "$root" ]; then
	echo "$root"
	exit 0
fi
debs=$(mktemp -d "$base/debs.XXXXXX")
trap 'rm -rf "$debs"' EXIT
(cd "$debs" && arm64_apt download "${pkgs[@]/%/:arm64}" >/dev/null 2>&1) ||
	die "downloading ${pkgs[*]} (arm64) from $PRAM_HOST_SUITE failed"
full=$debs/root
for d in "$debs"/*.deb; do
	dpkg-deb -x "$d" "$full"
done
rm -rf "$root.tmp"
mkdir -p "$root.tmp/bin" "$root.tmp/usr/sbin" "$root.tmp/usr/bin"
find "$full" -path '*bin/busybox' -type f -exec cp {} "$root.tmp/bin/busybox" \; -quit
cp -a "$kexec_src" "$debs/kexec"
(cd "$debs/kexec" && ./configure --host=aarch64-linux-gnu --without-xen \
	--without-lzma --without-zlib LDFLAGS=-static >"$debs/kexec.log" 2>&1 &&
	make -j"$(nproc)" >>"$debs/kexec.log" 2>&1) ||
	die "cross-building kexec for arm64 failed: $(tail -5 "$debs/kexec.log")"
cp "$debs/kexec/build/sbin/kexec" "$root.tmp/usr/sbin/kexec"
find "$full" -path '*bin/fdtput' -type f -exec cp {} "$root.tmp/usr/bin/fdtput" \; -quit
for f in bin/busybox usr/sbin/kexec usr/bin/fdtput; do
	readelf -h "$root.tmp/$f" 2>/dev/null | grep -q 'Machine:.*AArch64' ||
		die "no arm64 $f in the arm64 packages"
done
copy_needed "$sysroot" "$root.tmp" "$root.tmp/usr/bin/fdtput"
chmod 0755 "$root.tmp/bin/busybox" "$root.tmp/usr/sbin/kexec" "$root.tmp/usr/bin/fdtput"
rm -rf "$root" "$root.complete"
mv "$root.tmp" "$root"
touch "$root.complete"
echo "$root"
