# Boot-time auto-restore: two tmpfs trees preserved in place by
# pram-kexec (which records their mountpoints and mount flags) come back,
# after the kexec, where they were and as they were mounted (nosuid,
# nodev, noexec, noatime), with one run of pram-restore (what its systemd
# unit does at boot): directories created, trees identical. A third tree,
# saved by a plain unmount, records no mountpoint and is left alone with a
# hint. A second run has nothing left to do.
# e2e: mem=1G
boot_1() {
	mkdir -p /mnt/deep/app /mnt/cache /mnt/plain
	check "mount app" mount_pram app /mnt/deep/app noatime,nosuid,nodev,noexec
	check "mount cache" mount_pram cache /mnt/cache noatime,size=64m
	check "mount plain" mount_pram plain /mnt/plain
	make_tree /mnt/deep/app
	manifest /mnt/deep/app >/e2e/app.expected
	echo cached >/mnt/cache/entry
	echo plain >/mnt/plain/file
	check "umount plain saves it without a mountpoint" umount /mnt/plain
	repack_initrd
	check "pram-kexec --preserve app and cache" pram-kexec --preserve=app \
		--preserve=cache -s -l $KERNEL_IMAGE --initrd=/run/initrd.cpio \
		--reuse-cmdline --append="e2e.boot=2"
	pram-kexec -e
	fail "pram-kexec -e returned"
}

boot_2() {
	check "no /mnt/deep yet (the repacked root leaves /mnt out)" test ! -e /mnt/deep
	command -v pram-restore >/dev/null || fail "pram-restore is not in the guest"
	pram-restore --dry-run >/run/plan
	cat /run/plan
	check "the plan names app's mountpoint" grep -q "app: would mount at /mnt/deep/app" /run/plan
	check "and cache's" grep -q "cache: would mount at /mnt/cache" /run/plan
	check "and has a hint for plain" grep -q "plain: no mountpoint recorded" /run/plan
	check "the plan shows app's mount flags" grep -q "app: with the options it was saved with: .*,nosuid,nodev,noexec,noatime" /run/plan
	check "pram-restore" pram-restore
	check "app is mounted where it was" grep -q " /mnt/deep/app tmpfs .*pram=app" /proc/mounts
	check "and as it was: nosuid, nodev, noexec, noatime" \
		grep -q " /mnt/deep/app tmpfs rw,nosuid,nodev,noexec,noatime," /proc/mounts
	manifest /mnt/deep/app >/run/app.actual
	check "app identical" diff -u /e2e/app.expected /run/app.actual
	check "cache is back with its size" sh -c 'grep -q cached /mnt/cache/entry && grep -q " /mnt/cache tmpfs .*size=65536k" /proc/mounts'
	expect_node plain "ready incoming"
	pram-restore >/run/again 2>&1 || fail "a second pram-restore failed"
	cat /run/again
	check "a second run mounts nothing" sh -c '! grep -q mounted /run/again'
	check "plain mounts by hand" sh -c 'mkdir -p /mnt/plain && mount -t tmpfs -o pram=plain none /mnt/plain && grep -q plain /mnt/plain/file'
	pass
}
