#!/bin/bash
# The Debian 13 (trixie) root filesystem of the Debian guest: systemd as
# PID 1 and what pram's packages need, made with mmdebstrap from the
# archive the host's apt uses. Cached as a tarball outside the clone,
# keyed by the suite and the package list; a tarball older than 30 days
# is made again (the suite's newer packages), or kept, with a warning, if
# the archive cannot be reached.
#
# usage: tests/debian/rootfs.sh      prints the tarball's path
source "$(dirname "$0")/../../scripts/lib.sh"

suite=$PRAM_KERNEL_SUITE
# systemd, udev and dbus as on any Debian host; pram-tools' and libpramhdr0's
# dependencies (so the guest installs our .debs without a network);
# procps, psmisc and kmod for the scenarios (pgrep, fuser); criu and
# qemu-system-x86 for the workloads kept across a kexec (criu.sh, vm.sh);
# e2fsprogs for the demos' disk to compare with (demo-criu.sh, demo-vm.sh).
packages="systemd-sysv udev dbus libmount1 libelf1t64 libsmartcols1 libfdt1
zlib1g procps psmisc kmod criu qemu-system-x86 e2fsprogs"

key=$(echo "$suite $packages" | sha256sum | cut -c1-16)
dir=$PRAM_CACHE/debian/$key
tar=$dir/rootfs.tar
if [ -f "$tar" ] && [ -z "$(find "$tar" -mtime +30)" ]; then
	echo "$tar"
	exit 0
fi
[ -n "$PRAM_DEBIAN_MIRROR" ] ||
	die "no Debian archive in this host's apt sources: set PRAM_DEBIAN_MIRROR to one"
command -v mmdebstrap >/dev/null || die "mmdebstrap is missing (apt install mmdebstrap)"
mkdir -p "$dir"
say "making a Debian $suite root filesystem with mmdebstrap (a few minutes, once)"
# Root mode: the tarball keeps owners and device-less /dev as a real
# installation has them. apt's own sources point at the same archive.
mmdebstrap --mode=root --variant=minbase --format=tar \
	--include="$(echo $packages | tr ' ' ,)" \
	--customize-hook='echo pram-debian >"$1/etc/hostname"' \
	"$suite" "$tar.tmp" "deb $PRAM_DEBIAN_MIRROR $suite main" \
	>"$dir/mmdebstrap.log" 2>&1 || {
	rm -f "$tar.tmp"
	if [ -f "$tar" ]; then
		warn "mmdebstrap failed (log in $dir/mmdebstrap.log): using the root filesystem of $(date -r "$tar" +%F)"
		echo "$tar"
		exit 0
	fi
	tail -30 "$dir/mmdebstrap.log" >&2
	die "mmdebstrap failed; log in $dir/mmdebstrap.log"
}
mv "$tar.tmp" "$tar"
echo "$tar"
