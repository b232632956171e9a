# A data run whose index wraps around with its length, in a node whose
# every checksum is right (as a buggy kernel could write it), is caught
# at boot: that node is dropped with a message and its memory freed; the
# other node comes back.
boot_1() {
	save_tree keep /mnt/k
	mkdir -p /mnt/w
	check "mount" mount_pram wrap /mnt/w
	echo data >/mnt/w/f
	check "umount saves it" umount /mnt/w
	check "give its first run a wrapping index" \
		sh -c 'echo "wrap index" >/sys/kernel/debug/pram/corrupt'
	kexec_next
}

boot_2() {
	[ -z "$(node_state wrap)" ] || fail "node wrap is still listed"
	check "dmesg says why" dmesg_has "('wrap') dropped: malformed data run"
	restore_tree keep /mnt/k
	pass
}
