# Kernels of different page sizes (arm64: the 4 KiB kernel /Image, and the
# 16 KiB one as /Image.next). The root records the page size of the kernel
# that saved it: the 16 KiB kernel refuses a 4 KiB root with a message
# naming both sizes, takes nothing and boots normally; the 4 KiB root is
# moved off a 16 KiB boundary if a few saves can do it. The series works
# with 16 KiB pages: a tree saved by the 16 KiB kernel comes back,
# byte-exact, in the next boot of it. Then the 4 KiB
# kernel refuses the 16 KiB kernel's root the same way.
# e2e: mem=1G
pagesize() { /e2e/e2e-util pagesize; }

# root_unaligned: save small nodes, up to 32, until the root's address is
# not a multiple of 16 KiB (each save writes a new root; where it lands is
# the page allocator's choice). Either way the 16 KiB kernel takes the
# same path (it reads the root's first 4 KiB first); off a boundary is
# where a kernel without that path said only "not page aligned".
root_unaligned() {
	local i=0
	while [ $(($(cat /sys/kernel/mm/pram/root) & 0x3fff)) -eq 0 ] && [ $i -lt 32 ]; do
		i=$((i + 1))
		mkdir -p /mnt/pad$i
		mount_pram pad$i /mnt/pad$i || fail "mount pad$i"
		echo $i >/mnt/pad$i/n
		umount /mnt/pad$i || fail "umount pad$i"
	done
	log "root $(cat /sys/kernel/mm/pram/root) after $i more saves"
}

boot_1() {
	[ -f "$KERNEL_IMAGE.next" ] || fail "no second kernel (PRAM_NEXT_KERNEL_CONFIG)"
	check "this kernel has 4 KiB pages" test "$(pagesize)" -eq 4096
	save_tree small /mnt/s
	root_unaligned
	KEXEC_IMAGE=$KERNEL_IMAGE.next kexec_next
}

boot_2() {
	check "this kernel has 16 KiB pages" test "$(pagesize)" -eq 16384
	check "the 4 KiB root is refused, both sizes named" \
		dmesg_has "ignored: saved with 4 KiB pages, this kernel has 16 KiB"
	check "nothing is taken over" test "$(preserved_kb)" -eq 0
	save_tree large /mnt/l
	KEXEC_IMAGE=$KERNEL_IMAGE.next kexec_next
}

boot_3() {
	check "still 16 KiB pages" test "$(pagesize)" -eq 16384
	restore_tree large /mnt/l
	check "umount saves it again" umount /mnt/l
	kexec_next
}

boot_4() {
	check "4 KiB pages again" test "$(pagesize)" -eq 4096
	check "the 16 KiB root is refused, both sizes named" \
		dmesg_has "ignored: saved with 16 KiB pages, this kernel has 4 KiB"
	check "nothing is taken over" test "$(preserved_kb)" -eq 0
	pass
}
