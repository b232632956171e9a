# With KASLR on (the default), the decompressor must keep the kernel off
# preserved memory. Six boots, five kexecs in a row: each restores the
# tree, checks it, saves it again and notes the kernel's physical slot.
# The slots must differ, or KASLR was not exercised.
# e2e: mem=1G timeout=900
check_slots() {
	kernel_slot >>/e2e/slots
	log "kernel slots so far: $(tr '\n' ' ' </e2e/slots)"
}

boot_1() {
	check_slots
	save_tree chain /mnt/c
	kexec_next
}

next_round() {
	check_slots
	restore_tree chain /mnt/c
	manifest /mnt/c >/e2e/chain.expected
	check "umount saves it again" umount /mnt/c
	kexec_next
}

boot_2() { next_round; }
boot_3() { next_round; }
boot_4() { next_round; }
boot_5() { next_round; }

boot_6() {
	check_slots
	restore_tree chain /mnt/c
	distinct=$(sort -u /e2e/slots | wc -l)
	check "KASLR used at least 4 different slots in 6 boots ($distinct)" \
		test "$distinct" -ge 4
	pass
}
