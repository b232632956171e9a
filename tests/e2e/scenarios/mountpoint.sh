# /sys/kernel/mm/pram/mountpoint: where a pram tmpfs is mounted, recorded
# without freezing it, for the save its unmount makes (systemctl kexec:
# systemd unmounts it, pram-restore mounts it back there). Refused: a
# relative path, a path that is not its mount, a bind mount of a
# directory in it, an unknown name, a tmpfs preserved already.
# pram-kexec -l records every pram tmpfs at its first mount of the whole
# tree, never at a bind mount of a directory in it; after the kexec,
# pram-restore mounts each where it was, with its mount flags.
# e2e: mem=1G
# sysfs_write FILE TEXT EXPECTED: the write fails with EXPECTED (a piece
# of strerror's text), or succeeds when EXPECTED is "ok".
sysfs_write() {
	if out=$( (echo "$2" >"$1") 2>&1); then
		[ "$3" = ok ]
	else
		echo "$out"
		case $out in *"$3"*) true ;; *) false ;; esac
	fi
}

mp=/sys/kernel/mm/pram/mountpoint

boot_1() {
	mkdir -p /mnt/a /mnt/b /mnt/sub /mnt/fz /mnt/rec /mnt/recsub /mnt/recb
	check "mount mp" mount_pram mp /mnt/a noatime,nosuid,nodev
	mkdir /mnt/a/dir
	echo data >/mnt/a/dir/file
	check "a relative path is refused" sysfs_write $mp "mp mnt/a" "Invalid argument"
	check "a path that is not its mount is refused" sysfs_write $mp "mp /mnt/b" "Invalid argument"
	check "a missing path is refused" sysfs_write $mp "mp /mnt/none" "No such file"
	check "an unknown name is refused" sysfs_write $mp "nosuch /mnt/a" "No such file"
	check "bind a directory of it" mount --bind /mnt/a/dir /mnt/sub
	check "a bind mount of a directory in it is refused" sysfs_write $mp "mp /mnt/sub" "Invalid argument"
	check "a preserve naming it is refused too" sysfs_write /sys/kernel/mm/pram/preserve "mp /mnt/sub" "Invalid argument"
	check "bind the whole tree" mount --bind /mnt/a /mnt/b
	check "a bind mount of the whole tree is accepted" sysfs_write $mp "mp /mnt/b" ok
	check "its first mount is accepted" sysfs_write $mp "mp /mnt/a" ok
	check "still writable" sh -c 'echo more >/mnt/a/more'
	umount /mnt/sub
	umount /mnt/b
	check "umount saves it" umount /mnt/a
	pramdump show mp | grep -E '^(mounted|options)' | tee /run/show
	check "with the mountpoint recorded" grep -qx "mounted   /mnt/a" /run/show
	check "and its mount flags" grep -q "^options .*nosuid,nodev" /run/show

	check "mount fz" mount_pram fz /mnt/fz
	check "preserve fz" sysfs_write /sys/kernel/mm/pram/preserve "fz /mnt/fz" ok
	check "a preserved tmpfs is refused" sysfs_write $mp "fz /mnt/fz" "already in progress"

	# pram-kexec -l: the first mount of the whole tree, not a bind mount
	# of it or of a directory in it that comes after it in mountinfo.
	check "mount rec" mount_pram rec /mnt/rec noexec
	mkdir /mnt/rec/dir
	check "bind a directory of rec" mount --bind /mnt/rec/dir /mnt/recsub
	check "bind the whole of rec" mount --bind /mnt/rec /mnt/recb
	repack_initrd
	check "pram-kexec -l" pram-kexec -s -l $KERNEL_IMAGE --initrd=/run/initrd.cpio \
		--reuse-cmdline --append="e2e.boot=2"
	umount /mnt/recsub
	umount /mnt/recb
	check "umount saves rec" umount /mnt/rec
	check "rec records /mnt/rec" sh -c 'pramdump show rec | grep -qx "mounted   /mnt/rec"'
	log "kexec into boot 2"
	pram-kexec -e
	fail "pram-kexec -e returned"
}

boot_2() {
	check "pram-restore" pram-restore
	check "mp is back at /mnt/a, nosuid,nodev" grep -q " /mnt/a tmpfs rw,nosuid,nodev,noatime,.*pram=mp" /proc/mounts
	check "with its files" sh -c 'grep -q data /mnt/a/dir/file && grep -q more /mnt/a/more'
	check "rec is back at /mnt/rec, noexec" grep -q " /mnt/rec tmpfs rw,noexec,.*pram=rec" /proc/mounts
	check "fz is back at /mnt/fz" grep -q " /mnt/fz tmpfs .*pram=fz" /proc/mounts
	pass
}
