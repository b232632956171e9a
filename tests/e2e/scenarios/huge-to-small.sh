# A tree of huge folios goes to a kernel that cannot take them: saved by
# a kernel with transparent huge pages as order-9 runs, it is restored by
# one without (the debug kernel, /bzImage.next), which makes the runs
# small folios on the way in. The data is the same; only the grouping of
# pages changes.
# e2e: mem=1G
boot_1() {
	[ -f /bzImage.next ] || fail "no second kernel (PRAM_NEXT_KERNEL_CONFIG)"
	mkdir -p /mnt/h
	check "mount huge=always" mount_pram huge /mnt/h noatime,huge=always
	check "a file of huge folios" /e2e/e2e-util pattern write /mnt/h/data 16 9
	check "huge folios back it" test "$(awk '/^ShmemHugePages:/ {print $2}' /proc/meminfo)" -ge $((16 << 10))
	manifest /mnt/h >/e2e/huge.expected
	check "umount saves it" umount /mnt/h
	check "the node has order-9 runs" sh -c 'pramdump show huge -r -n | awk "\$3 == 9" | grep -q .'
	KEXEC_IMAGE=/bzImage.next kexec_next
}

boot_2() {
	[ -e /sys/kernel/mm/transparent_hugepage ] &&
		fail "this kernel has transparent huge pages"
	log "no transparent huge pages here"
	restore_tree huge /mnt/h
	check "every page of it" /e2e/e2e-util pattern check /mnt/h/data 16 9
	pass
}
