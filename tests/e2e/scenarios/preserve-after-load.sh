# A kexec image loaded first, the tree preserved afterwards: tmpfs pages
# that the loaded image's segments will overwrite are moved to safe pages
# when they are saved (the only copy PRAM makes), and kernel_kexec()
# checks once more before it jumps. The tree comes back intact.
boot_1() {
	repack_initrd
	check "load the next kernel first" kexec -s -l $KERNEL_IMAGE \
		--initrd=/run/initrd.cpio --append="$(next_cmdline) pram=$(cat /sys/kernel/mm/pram/root)"
	save_tree late /mnt/l
	dmesg | grep "saved node 'late'"
	# The initrd was packed before the manifest existed: carry it in a
	# second node (if PRAM lost it, boot 2 fails for want of it).
	mkdir -p /mnt/o
	check "mount pram=oracle" mount_pram oracle /mnt/o
	cp /e2e/late.expected /mnt/o/
	check "umount saves oracle" umount /mnt/o
	log "kexec into boot 2"
	kexec -e
	fail "kexec -e returned"
}

boot_2() {
	mkdir -p /mnt/o
	check "mount pram=oracle" mount_pram oracle /mnt/o
	check "the manifest came over" cp /mnt/o/late.expected /e2e/late.expected
	restore_tree late /mnt/l
	pass
}
