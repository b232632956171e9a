# One flipped byte in a metadata page of one of two nodes: the next kernel
# boots, says which node it dropped and why, frees it; the other restores.
boot_1() {
	save_tree good /mnt/a
	save_tree bad /mnt/b
	check "inject metadata corruption" \
		sh -c 'echo "bad meta" >/sys/kernel/debug/pram/corrupt'
	kexec_next
}

boot_2() {
	check "dmesg names the dropped node" dmesg_has "('bad') dropped: a metadata page fails its checks"
	[ -z "$(node_state bad)" ] || fail "corrupted node still offered"
	expect_node good "ready incoming"
	restore_tree good /mnt/a
	mkdir -p /mnt/b
	check "pram=bad now mounts empty" mount_pram bad /mnt/b
	check "and is empty" test -z "$(ls -A /mnt/b)"
	pass
}
