# A save at unmount goes through while kexec is busy: a crash kernel is
# loaded and unloaded in a loop (each holds the kexec lock for a while)
# as a tmpfs of 10,000 files is unmounted. A busy lock is no reason to
# give up a page, nor the tree.
# e2e: mem=1G append=crashkernel=96M timeout=900
boot_1() {
	mkdir -p /mnt/t
	check "mount" mount_pram busy /mnt/t noatime
	check "10,000 files" /e2e/e2e-util mkfiles /mnt/t 10000 100
	manifest /mnt/t >/e2e/busy.expected
	(cd /e2e && echo lib.sh | cpio -o -H newc 2>/dev/null) >/run/crash.cpio
	check "a crash kernel loads" kexec -s -p /bzImage --initrd=/run/crash.cpio --append=console=ttyS0
	(
		i=0
		while [ ! -e /run/stop ]; do
			kexec -s -p /bzImage --initrd=/run/crash.cpio --append=console=ttyS0
			kexec -s -p -u
			i=$((i + 1))
		done
		echo "$i" >/run/loads
	) &
	loader=$!
	sleep 1
	check "umount saves it while kexec -p runs" umount /mnt/t
	touch /run/stop
	wait $loader
	log "crash kernel loaded and unloaded $(cat /run/loads) times meanwhile"
	dmesg_has "saving failed" && fail "the save failed"
	expect_node busy "ready saved"
	kexec_next
}

boot_2() {
	restore_tree busy /mnt/t
	pass
}
