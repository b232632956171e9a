# The seed story driven only by pram-kexec: --preserve freezes and saves a
# mounted (busy) tmpfs, the chain is checked, the root is handed over and
# segments are kept off preserved memory. First with kexec_load (-c -l;
# kexec-tools 2.0.29 tries kexec_file_load first otherwise), then with
# kexec_file_load (-s); the second jump reuses a command line that
# holds a stale pram=, which pram-kexec must replace. The tree, restored
# and saved again by a plain unmount, keeps its recorded mountpoint.
# e2e: mem=1G
boot_1() {
	mkdir -p /mnt/p
	check "mount" mount_pram mytmpfs /mnt/p noatime
	make_tree /mnt/p
	manifest /mnt/p >/e2e/mytmpfs.expected
	cd /mnt/p/a	# keep it busy: no unmount possible
	repack_initrd
	check "pram-kexec --check prints the plan" sh -c \
		'pram-kexec --check -c -l /bzImage --initrd=/run/initrd.cpio --reuse-cmdline --append="e2e.boot=2" >/run/plan'
	cat /run/plan
	check "the plan lists segments" grep -q "segment 0 " /run/plan
	check "nothing loaded by --check" grep -q 0 /sys/kernel/kexec_loaded
	check "pram-kexec -c -l --preserve (kexec_load)" pram-kexec --preserve=mytmpfs \
		-c -l /bzImage --initrd=/run/initrd.cpio --reuse-cmdline --append="e2e.boot=2"
	check "the tmpfs is frozen, still readable" cat /mnt/p/a/b/smth
	if command -v pramdump >/dev/null; then
		pramdump show mytmpfs | head -9
		check "the node records its mountpoint" sh -c 'pramdump show mytmpfs | grep -q "^mounted   /mnt/p$"'
	fi
	expect_node mytmpfs "ready saved"
	echo "$(cat /sys/kernel/mm/pram/root)" >/run/root1
	log "pram-kexec -e"
	pram-kexec -e
	fail "pram-kexec -e returned"
}

boot_2() {
	check "one pram= on the command line" test "$(grep -o 'pram=' /proc/cmdline | wc -l)" -eq 1
	restore_tree mytmpfs /mnt/p
	manifest /mnt/p >/e2e/mytmpfs.expected
	check "umount saves it again" umount /mnt/p
	if command -v pramdump >/dev/null; then
		check "saved by unmount, it keeps its mountpoint" sh -c \
			'pramdump show mytmpfs | grep -q "^mounted   /mnt/p$"'
	fi
	cat /sys/kernel/mm/pram/root >/e2e/root2
	repack_initrd
	check "pram-kexec -s (kexec_file_load), stale pram= in --reuse-cmdline" \
		pram-kexec -s -l /bzImage --initrd=/run/initrd.cpio --reuse-cmdline --append="e2e.boot=3"
	pram-kexec -e
	fail "pram-kexec -e returned"
}

boot_3() {
	check "exactly one pram=, the new root" sh -c \
		"test \"\$(grep -o 'pram=[^ ]*' /proc/cmdline)\" = \"pram=\$(cat /e2e/root2)\""
	restore_tree mytmpfs /mnt/p
	pass
}
