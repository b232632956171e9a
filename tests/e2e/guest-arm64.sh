#!/bin/bash
# The userland of the arm64 e2e guest, from Debian's arm64 packages of the
# suite the kernel comes from, unpacked without emulation: busybox (static),
# kexec-tools and fdtput (to write device tree properties) with the
# libraries they load. Fetched through a private
# apt state (scripts/lib.sh, private_apt), so the host needs no arm64
# architecture of its own. Prints a directory to copy into the initramfs
# as its root: bin/busybox, usr/sbin/kexec, usr/bin/fdtput, the loader
# and libraries.
# Cached in $PRAM_CACHE/guest-arm64, keyed by the package versions.
source "$(dirname "$0")/../../scripts/lib.sh"

pkgs=(busybox-static device-tree-compiler libc6 libfdt1)
kexec_src=$("$PRAM_TOP/tools/pram-kexec/source.sh") || die "no kexec-tools source"
apt_arm64() {
	PRAM_APT_STATE=$PRAM_CACHE/apt-arm64 private_apt "$1" -o APT::Architectures=arm64 "${@:2}"
}

base=$PRAM_CACHE/guest-arm64
mkdir -p "$base"
apt_arm64 update >/dev/null 2>&1 || apt_arm64 update >&2 ||
	die "apt-get update (arm64) for $PRAM_KERNEL_SUITE failed: is $PRAM_DEBIAN_MIRROR reachable?"
versions=$(for p in "${pkgs[@]}"; do
	apt_arm64 policy "$p:arm64" 2>/dev/null | awk -v p="$p" '/Candidate:/ {print p, $2}'
done)
key=$( {
	echo "$versions"
	"$PRAM_TOP/tools/pram-kexec/source.sh" --version
	aarch64-linux-gnu-gcc --version | head -1
} | sha256sum | cut -c1-16)
root=$base/$key
if [ -x "$root/bin/busybox" ] && [ -x "$root/usr/sbin/kexec" ] &&
	[ -x "$root/usr/bin/fdtput" ]; then
	echo "$root"
	exit 0
fi
debs=$(mktemp -d "$base/debs.XXXXXX")
trap 'rm -rf "$debs"' EXIT
(cd "$debs" && apt_arm64 download "${pkgs[@]/%/:arm64}" >/dev/null 2>&1) ||
	die "downloading ${pkgs[*]} (arm64) from $PRAM_KERNEL_SUITE failed"
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
# The loader and the libraries fdtput needs, at the paths it asks for
# (the loader's is /lib/ld-linux-aarch64.so.1; the rest are found in
# /lib/aarch64-linux-gnu).
mkdir -p "$root.tmp/lib/aarch64-linux-gnu"
for name in ld-linux-aarch64.so.1 libc.so.6 libfdt.so.1; do
	f=$(find "$full" -name "$name" \( -type f -o -type l \) | head -n1)
	[ -n "$f" ] || die "no $name in the arm64 packages"
	case $name in
	ld-*) cp -L "$f" "$root.tmp/lib/$name" ;;
	*) cp -L "$f" "$root.tmp/lib/aarch64-linux-gnu/$name" ;;
	esac
done
for f in bin/busybox usr/sbin/kexec usr/bin/fdtput; do
	readelf -h "$root.tmp/$f" 2>/dev/null | grep -q 'Machine:.*AArch64' ||
		die "no arm64 $f in the arm64 packages"
done
chmod 0755 "$root.tmp/bin/busybox" "$root.tmp/usr/sbin/kexec" "$root.tmp/usr/bin/fdtput"
rm -rf "$root"
mv "$root.tmp" "$root"
echo "$root"
