# pram-kexec refuses, loads nothing and leaves everything intact when:
# the tmpfs to preserve does not exist; the chain is corrupted (the data
# stays in RAM and a cancel gives a writable tmpfs back); --mem-min and
# --mem-max would put segments on preserved memory. A chain damaged after
# the load stops -e: the kernel is unloaded and nothing jumps. Then it
# goes through.
boot_1() {
	repack_initrd
	if pram-kexec --preserve=nosuch -l $KERNEL_IMAGE --initrd=/run/initrd.cpio 2>/run/err; then
		fail "--preserve of a missing tmpfs loaded something"
	fi
	cat /run/err
	check "says why" grep -q "no tmpfs is mounted with pram=nosuch" /run/err
	check "nothing loaded" grep -q 0 /sys/kernel/kexec_loaded

	mkdir -p /mnt/p
	check "mount" mount_pram keep /mnt/p noatime
	make_tree /mnt/p
	check "preserve now" sh -c 'echo keep >/sys/kernel/mm/pram/preserve'
	check "corrupt its metadata" sh -c 'echo "keep meta" >/sys/kernel/debug/pram/corrupt'
	if pram-kexec -l $KERNEL_IMAGE --initrd=/run/initrd.cpio --append="$(next_cmdline)" 2>/run/err; then
		fail "pram-kexec loaded over a corrupted chain"
	fi
	cat /run/err
	check "lists the problem" grep -q "problem: crc" /run/err
	check "nothing loaded" grep -q 0 /sys/kernel/kexec_loaded
	check "tmpfs still readable" sha256sum /mnt/p/big
	check "cancel gives it back writable" sh -c 'echo keep >/sys/kernel/mm/pram/cancel'
	check "writable" sh -c 'echo more >>/mnt/p/a/b/smth'
	manifest /mnt/p >/e2e/keep.expected
	check "umount saves it cleanly" umount /mnt/p

	ext=$(tail -1 /sys/kernel/debug/pram/extents)
	if pram-kexec -c -l $KERNEL_IMAGE --initrd=/run/initrd.cpio --append="$(next_cmdline)" \
		--mem-min="0x${ext%-*}" --mem-max="0x${ext#*-}" 2>/run/err; then
		fail "segments were placed on preserved memory"
	fi
	cat /run/err
	# The window is one preserved extent: with it taken out of the free
	# ranges, there is no room at all.
	check "no room but preserved memory" grep -q "Could not find a free area of memory" /run/err
	check "nothing loaded" grep -q 0 /sys/kernel/kexec_loaded
	# Damage found only at -e: unloaded, no jump.
	mkdir -p /mnt/v
	check "mount pram=victim" mount_pram victim /mnt/v
	echo victim >/mnt/v/f
	check "umount saves victim" umount /mnt/v
	repack_initrd	# now with the manifest
	check "pram-kexec loads normally now (kexec_load)" pram-kexec -c -l $KERNEL_IMAGE \
		--initrd=/run/initrd.cpio --append="$(next_cmdline)"
	check "loaded" grep -q 1 /sys/kernel/kexec_loaded
	check "corrupt victim after the load" sh -c 'echo "victim meta" >/sys/kernel/debug/pram/corrupt'
	if pram-kexec -e 2>/run/err; then
		fail "pram-kexec -e returned success"
	fi
	cat /run/err
	check "-e says why it does not jump" grep -q "not jumping" /run/err
	check "-e unloaded the kernel" grep -q 0 /sys/kernel/kexec_loaded
	check "discard victim" sh -c 'echo victim >/sys/kernel/mm/pram/discard'
	check "load again" pram-kexec -s -l $KERNEL_IMAGE --initrd=/run/initrd.cpio \
		--append="$(next_cmdline)"
	pram-kexec -e
	fail "pram-kexec -e returned"
}

boot_2() {
	restore_tree keep /mnt/p
	pass
}
