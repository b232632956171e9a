# Without kexec: umount then mount restores the tree in the same kernel
# (zero-copy: the very same folios go back), and two pram tmpfs live side
# by side, each restored from its own node.
boot_1() {
	save_tree one /mnt/one
	save_tree two /mnt/two
	restore_tree two /mnt/two
	restore_tree one /mnt/one
	# A second mount of a name in use is refused.
	mkdir -p /mnt/dup
	if mount_pram one /mnt/dup 2>/dev/null; then
		fail "a second tmpfs got pram=one while the first is mounted"
	fi
	log "ok: pram=one in use is refused for a second mount"
	# Round trip once more: saving what was restored.
	manifest /mnt/one >/e2e/one.expected
	check "umount saves one again" umount /mnt/one
	restore_tree one /mnt/one
	pass
}
