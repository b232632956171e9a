# One flipped byte in a data page of one of two nodes: loading that node
# fails its data checksum, the mount fails with EIO and the node is dropped
# and freed; the other node restores byte-exact.
boot_1() {
	save_tree good /mnt/a
	save_tree bad /mnt/b
	check "inject data corruption" \
		sh -c 'echo "bad data" >/sys/kernel/debug/pram/corrupt'
	kexec_next
}

boot_2() {
	expect_node bad "ready incoming"
	mkdir -p /mnt/b
	if mount_pram bad /mnt/b 2>/run/err; then
		fail "a node with corrupted data was mounted"
	fi
	check "mount says I/O error" grep -qi "i/o error\|input/output" /run/err
	check "dmesg reports the checksum" dmesg_has "node 'bad': data CRC mismatch"
	check "dmesg reports the drop" dmesg_has "node 'bad' dropped"
	[ -z "$(node_state bad)" ] || fail "corrupted node still offered"
	restore_tree good /mnt/a
	pass
}
