#!/bin/bash
# Debian's kexec-tools source package (the version pinned here), unpacked
# once (private apt state with the kernel's suite's deb-src); prints its
# tree. pram-kexec is built from it, and the arm64 guest's plain kexec.
#
# usage: tools/pram-kexec/source.sh [--version]
source "$(dirname "$0")/../../scripts/lib.sh"

version=1:2.0.29-2
if [ "${1:-}" = --version ]; then
	echo "$version"
	exit 0
fi
srcdir=$PRAM_CACHE/kexec-tools-src/$version
if [ ! -d "$srcdir/tree" ]; then
	say "fetching kexec-tools $version source from Debian $PRAM_KERNEL_SUITE"
	rm -rf "$srcdir"
	mkdir -p "$srcdir"
	private_apt update >/dev/null 2>&1 || die "apt-get update for $PRAM_KERNEL_SUITE failed"
	(cd "$srcdir" && private_apt source --download-only "kexec-tools=$version" >/dev/null 2>&1) ||
		die "downloading the kexec-tools $version source package failed"
	(cd "$srcdir" && dpkg-source -x --no-check kexec-tools_*.dsc tree >/dev/null) ||
		die "unpacking kexec-tools failed (is dpkg-dev installed?)"
fi
echo "$srcdir/tree"
