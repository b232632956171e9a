# The kernel issue's user story: a tmpfs tree survives umount + kexec.
# Sizes around page and MiB boundaries, 0 and 1 byte files, a 64 MiB
# random file, nested and empty directories, owners, modes, ns times.
# e2e: mem=1G
boot_1() {
	mkdir -p /mnt/p
	check "mount a pram tmpfs" mount_pram mytmpfs /mnt/p noatime
	check "pram= shows in /proc/mounts" grep -q 'pram=mytmpfs' /proc/mounts
	make_tree /mnt/p
	manifest /mnt/p >/e2e/mytmpfs.expected
	check "umount saves the tree" umount /mnt/p
	expect_node mytmpfs "ready saved"
	big=$(cmdline_get e2e.bigmb)
	check "Pram: in /proc/meminfo counts the node" \
		test "$(preserved_kb)" -ge $((${big:-64} * 1024))
	kexec_next
}

boot_2() {
	expect_node mytmpfs "ready incoming"
	restore_tree mytmpfs /mnt/p
	check "nothing left preserved" test "$(preserved_kb)" -eq 0
	pass
}
