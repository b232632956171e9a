#!/bin/bash
# The Debian guest's disk: the trixie root filesystem (rootfs.sh) with
# pram's packages and the test kernel's package installed by dpkg, as a
# user would, and the unit that runs a scenario at boot. A raw ext4
# image, cached outside the clone by a hash of everything in it; QEMU
# opens it with snapshot=on, so every scenario starts from the same disk.
#
# usage: tests/debian/image.sh DEBDIR KERNELDIR    prints the image's path
#   DEBDIR     pram-tools and libpramhdr0 .debs (tests/package/build.sh)
#   KERNELDIR  a kernel/build.sh output with its linux-image .deb
source "$(dirname "$0")/../../scripts/lib.sh"

debdir=${1:?usage: tests/debian/image.sh DEBDIR KERNELDIR}
kdir=${2:?usage: tests/debian/image.sh DEBDIR KERNELDIR}
here=$PRAM_TOP/tests/debian
rootfs=$("$here/rootfs.sh")
debs=("$debdir"/pram-tools_*.deb "$debdir"/libpramhdr0_*.deb "$kdir"/linux-image-*.deb)
for d in "${debs[@]}"; do
	[ -f "$d" ] || die "no package $d"
done

key=$( {
	echo "$rootfs $(stat -c %Y "$rootfs")"
	sha256sum "${debs[@]}" "$0" "$here"/guest/{run-boot,pram-e2e.service} | cut -d' ' -f1
} | sha256sum | cut -c1-16)
img=$PRAM_CACHE/debian/image-$key.raw
if [ -f "$img" ]; then
	echo "$img"
	exit 0
fi
[ "$(id -u)" -eq 0 ] || die "making the Debian guest's disk needs root (chroot, device nodes)"

say "making the Debian guest's disk"
stage=$(mktemp -d "$PRAM_CACHE/debian/stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT
tar --numeric-owner -xpf "$rootfs" -C "$stage"
mkdir -p "$stage/tmp/debs"
cp "${debs[@]}" "$stage/tmp/debs/"
chroot "$stage" sh -c 'dpkg -i /tmp/debs/*.deb' >"$stage.dpkg.log" 2>&1 || {
	cat "$stage.dpkg.log" >&2
	die "installing pram's packages in the Debian guest failed"
}
rm -rf "$stage/tmp/debs" "$stage.dpkg.log"
[ -L "$stage/etc/systemd/system/sysinit.target.wants/pram-restore.service" ] ||
	die "pram-tools did not enable pram-restore.service"

# A machine that boots straight to the scenario: root on the virtio
# disk, a fixed machine id (no first-boot presets), the journal in RAM,
# no login prompt on the console the host reads, no timers.
echo "/dev/vda / ext4 rw,errors=remount-ro 0 1" >"$stage/etc/fstab"
head -c16 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$stage/etc/machine-id"
echo >>"$stage/etc/machine-id"
mkdir -p "$stage/etc/systemd/journald.conf.d"
printf '[Journal]\nStorage=volatile\n' >"$stage/etc/systemd/journald.conf.d/volatile.conf"
for u in serial-getty@ttyS0.service getty@tty1.service apt-daily.timer \
	apt-daily-upgrade.timer e2scrub_all.timer fstrim.timer dpkg-db-backup.timer; do
	ln -sf /dev/null "$stage/etc/systemd/system/$u"
done
install -m 0755 "$here/guest/run-boot" "$stage/usr/local/sbin/pram-e2e-run-boot"
install -m 0644 "$here/guest/pram-e2e.service" "$stage/etc/systemd/system/"
mkdir -p "$stage/etc/systemd/system/multi-user.target.wants"
ln -sf ../pram-e2e.service "$stage/etc/systemd/system/multi-user.target.wants/"

mkdir -p "$PRAM_CACHE/debian"
rm -f "$PRAM_CACHE"/debian/image-*.raw
mke2fs -q -t ext4 -L pram-root -d "$stage" "$img.tmp" 2G >&2 || {
	rm -f "$img.tmp"
	die "mke2fs of the Debian guest's disk failed"
}
mv "$img.tmp" "$img"
echo "$img"
