# No pram tmpfs is lost at kexec without a word: one unmounted lazily
# (umount -l) while a file is still open is neither saved nor frozen when
# the kernel jumps. pram-kexec names it when it loads, refuses to jump
# unless told to go on (--ignore-unpreserved), and the kernel says so in
# its log as it jumps.
boot_1() {
	mkdir -p /mnt/k /mnt/l
	check "mount kept" mount_pram kept /mnt/k noatime
	echo kept >/mnt/k/f
	manifest /mnt/k >/e2e/kept.expected
	check "mount lazy" mount_pram lazy /mnt/l noatime
	echo lazy >/mnt/l/f
	exec 3</mnt/l/f
	check "umount -l with a file open" umount -l /mnt/l
	repack_initrd
	load() {
		pram-kexec --preserve=kept -l $KERNEL_IMAGE --initrd=/run/initrd.cpio \
			--append="$(next_cmdline)" >/run/out 2>&1
		st=$?
		cat /run/out
		return $st
	}
	check "load" load
	check "the load names the tmpfs left behind" grep -q "pram=lazy is in use and not preserved" /run/out
	if pram-kexec -e >/run/out 2>&1; then
		fail "pram-kexec -e returned 0"
	fi
	cat /run/out
	check "pram-kexec -e refused, naming it" grep -q "error: the tmpfs mounted with pram=lazy" /run/out
	check "load again" load
	log "kexec into boot 2"
	pram-kexec -e --ignore-unpreserved
	fail "pram-kexec -e returned"
}

boot_2() {
	restore_tree kept /mnt/k
	pass
}

# The kernel named the tmpfs it could not keep as it jumped.
host_check() {
	grep -a "pram=lazy: still in use and not preserved" "$LOG"
}
