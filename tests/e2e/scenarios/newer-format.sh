# A tree saved in a tmpfs format newer than this kernel knows (made here
# by raising its SUPER version through the debug interface, checksums
# sealed again) is not damaged: the mount fails with EOPNOTSUPP and says
# why, the node is kept and carried to the next kernel, and it goes only
# when discarded. The other node restores as usual.
boot_1() {
	save_tree good /mnt/a
	save_tree future /mnt/f
	check "make node future look saved by a newer format" \
		sh -c 'echo "future newer" >/sys/kernel/debug/pram/corrupt'
	kexec_next
}

boot_2() {
	expect_node future "ready incoming"
	mkdir -p /mnt/f
	mount_pram future /mnt/f 2>/run/err && fail "a tree of a newer format was mounted"
	cat /run/err
	check "the mount says why" grep -q "not supported" /run/err
	check "dmesg says what it did not know" \
		dmesg_has "node 'future' uses tree format version this kernel does not know"
	expect_node future "ready incoming"
	restore_tree good /mnt/a
	kexec_next
}

boot_3() {
	check "the kept node is carried on" dmesg_has "took over 1 of 1 nodes"
	expect_node future "ready incoming"
	check "and goes when discarded" sh -c 'echo future >/sys/kernel/mm/pram/discard'
	[ -z "$(node_state future)" ] || fail "node future still offered after discard"
	pass
}
