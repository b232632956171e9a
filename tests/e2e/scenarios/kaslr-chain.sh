# With KASLR on (the default), the decompressor must keep the kernel off
# preserved memory. Six boots, five kexecs in a row: each restores the
# tree, checks it, saves it again and notes the kernel's physical slot.
# The slots must differ, or KASLR was not exercised. A 512 MiB ballast
# node keeps over half of RAM preserved, so that a decompressor that did
# not avoid preserved memory would land on it in nearly every boot (its
# data CRCs, checked when it is mounted, would then fail).
# On arm64 the kernel runs where kexec places its image (the kernel
# itself, with kexec_file_load, off preserved memory): its randomization
# is virtual only, so there the slots are noted, not required to differ.
# e2e: mem=1G timeout=900
check_slots() {
	kernel_slot >>/e2e/slots
	log "kernel slots so far: $(tr '\n' ' ' </e2e/slots)"
}

ballast() {
	mkdir -p /mnt/ballast
	check "mount the ballast (its data CRCs are checked)" \
		mount_pram ballast /mnt/ballast size=600m
	[ "$1" = new ] && head -c $((512 << 20)) /dev/zero >/mnt/ballast/zero
	check "ballast is 512 MiB" test "$(stat -c %s /mnt/ballast/zero)" -eq $((512 << 20))
	check "umount saves the ballast" umount /mnt/ballast
}

boot_1() {
	check_slots
	save_tree chain /mnt/c
	ballast new
	kexec_next
}

next_round() {
	check_slots
	ballast
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
	ballast
	restore_tree chain /mnt/c
	distinct=$(sort -u /e2e/slots | wc -l)
	if [ "$KERNEL_IMAGE" = /bzImage ]; then
		check "KASLR used at least 4 different slots in 6 boots ($distinct)" \
			test "$distinct" -ge 4
	fi
	pass
}
