#!/bin/bash
# Build pram-kexec: Debian's kexec-tools source package (pinned in source.sh),
# tools/pram-kexec/patches/, and pram-kexec's own files (src/, pram.mk and
# libpramhdr) copied into kexec/pram/. GPL-2.0-only, like kexec-tools.
#
# usage: tools/pram-kexec/build.sh [--output FILE] [--host TRIPLET --sysroot DIR]
# Prints the path of the binary (copied to FILE too with --output).
# --host cross-builds (aarch64-linux-gnu) against the libraries of DIR
# (scripts/arm64-sysroot).
# CFLAGS, CPPFLAGS and LDFLAGS from the environment (dpkg-buildflags in a
# package build) reach kexec-tools' configure. Cached in
# $PRAM_CACHE/pram-kexec/<hash>.
source "$(dirname "$0")/../../scripts/lib.sh"

here=$PRAM_TOP/tools/pram-kexec
KEXEC_TOOLS_VERSION=$("$here/source.sh" --version)
lib=$PRAM_TOP/libpramhdr
fdt=$PRAM_TOP/fdt
output= host= sysroot=
while [ $# -gt 0 ]; do
	case $1 in
	--output) output=$2; shift ;;
	--host) host=$2; shift ;;
	--sysroot) sysroot=$2; shift ;;
	*) die "usage: tools/pram-kexec/build.sh [--output FILE] [--host TRIPLET --sysroot DIR]" ;;
	esac
	shift
done
cc=${CC:-gcc} configure_args=()
if [ -n "$host" ]; then
	[ -d "$sysroot" ] || die "--host $host needs --sysroot DIR (scripts/arm64-sysroot)"
	cc=$host-gcc
	configure_args=(--host="$host" CC="$cc --sysroot=$sysroot"
		LDFLAGS="${LDFLAGS:-} -Wl,-rpath-link,$sysroot/usr/lib/$host")
	export PKG_CONFIG_SYSROOT_DIR=$sysroot
	export PKG_CONFIG_LIBDIR=$sysroot/usr/lib/$host/pkgconfig:$sysroot/usr/share/pkgconfig
fi
# Print the binary's path, and copy it where asked.
finish() {
	[ -z "$output" ] || cp "$1" "$output"
	echo "$1"
	exit 0
}

key=$( {
	echo "kexec-tools $KEXEC_TOOLS_VERSION"
	echo "${host:-native} $sysroot ${CFLAGS:-} ${CPPFLAGS:-} ${LDFLAGS:-}"
	$cc --version | head -1
	cat "$0" "$here"/source.sh "$here"/pram.mk "$here"/patches/*.patch "$here"/src/*.[ch] \
		"$lib"/Makefile.libpramhdr "$lib"/src/*.[ch] "$lib"/include/*.h "$fdt"/src/*.c "$fdt"/include/*.h
} | sha256sum | cut -c1-16)
out=$PRAM_CACHE/pram-kexec/$key
[ -x "$out/pram-kexec" ] && finish "$out/pram-kexec"

srcdir=$("$here/source.sh") || die "no kexec-tools source"

work=$(mktemp -d "$PRAM_CACHE/pram-kexec-build.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -a "$srcdir" "$work/src"
for p in "$here"/patches/*.patch; do
	patch -d "$work/src" -p1 --batch --forward --silent <"$p" >"$work/patch.log" 2>&1 ||
		die "$(basename "$p") does not apply to kexec-tools $KEXEC_TOOLS_VERSION: $(cat "$work/patch.log")"
done
mkdir -p "$work/src/kexec/pram"
cp "$here"/pram.mk "$here"/src/*.[ch] "$lib"/Makefile.libpramhdr \
	"$lib"/src/*.[ch] "$lib"/include/*.h \
	"$fdt"/src/*.c "$fdt"/include/*.h "$work/src/kexec/pram/"

say "building pram-kexec${host:+ for $host}"
(cd "$work/src" && ./configure --without-xen --without-lzma "${configure_args[@]}" \
	>"$work/build.log" 2>&1 && make -j"$(nproc)" >>"$work/build.log" 2>&1) || {
	tail -20 "$work/build.log" >&2
	die "building pram-kexec failed"
}
mkdir -p "$out.tmp"
cp "$work/src/build/sbin/kexec" "$out.tmp/pram-kexec"
echo "kexec-tools $KEXEC_TOOLS_VERSION" >"$out.tmp/BUILD-INFO"
rm -rf "$out"
mv "$out.tmp" "$out"
finish "$out/pram-kexec"
