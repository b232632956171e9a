# The seed story driven only by pram-kexec: --preserve freezes and saves a
# mounted (busy) tmpfs, the chain is checked, the root is handed over and
# segments are kept off preserved memory. First with kexec_file_load
# (-s), then with kexec_load (-c; kexec-tools 2.0.29 tries kexec_file_load
# first otherwise), given a stale pram= (and on x86_64 reusing a command
# line that holds one; on arm64 copying a device tree whose
# linux,pram-root is stale), which pram-kexec must replace: the next
# kernel is handed the one root, as pram= on x86_64, in its device tree on
# arm64 (handover_root), and sees no disagreement. The tree, restored and
# saved again by a plain unmount, keeps its recorded mountpoint.
# e2e: mem=1G
boot_1() {
	mkdir -p /mnt/p
	check "mount" mount_pram mytmpfs /mnt/p noatime
	make_tree /mnt/p
	manifest /mnt/p >/e2e/mytmpfs.expected
	cd /mnt/p/a	# keep it busy: no unmount possible
	repack_initrd
	check "pram-kexec --check prints the plan" sh -c \
		"pram-kexec --check -c -l $KERNEL_IMAGE --initrd=/run/initrd.cpio --reuse-cmdline --append=\"e2e.boot=2\" >/run/plan"
	cat /run/plan
	check "the plan lists segments" grep -q "segment 0 " /run/plan
	check "nothing loaded by --check" grep -q 0 /sys/kernel/kexec_loaded
	check "pram-kexec -s -l --preserve (kexec_file_load)" pram-kexec --preserve=mytmpfs \
		-s -l $KERNEL_IMAGE --initrd=/run/initrd.cpio --reuse-cmdline --append="e2e.boot=2"
	check "the tmpfs is frozen, still readable" cat /mnt/p/a/b/smth
	if command -v pramdump >/dev/null; then
		pramdump show mytmpfs | head -9
		check "the node records its mountpoint" sh -c 'pramdump show mytmpfs | grep -q "^mounted   /mnt/p$"'
	fi
	expect_node mytmpfs "ready saved"
	log "pram-kexec -e"
	pram-kexec -e
	fail "pram-kexec -e returned"
}

boot_2() {
	check "the root handed over once" handover_root
	taken=$(dmesg | sed -n 's/.*extents from root \(0x[0-9a-f]*\).*/\1/p')
	check "it is the root the kernel took ($taken)" \
		test "$(handover_root)" = "$(printf 0x%x "$taken")"
	handover_root >/e2e/root1
	restore_tree mytmpfs /mnt/p
	manifest /mnt/p >/e2e/mytmpfs.expected
	check "umount saves it again" umount /mnt/p
	if command -v pramdump >/dev/null; then
		check "saved by unmount, it keeps its mountpoint" sh -c \
			'pramdump show mytmpfs | grep -q "^mounted   /mnt/p$"'
	fi
	cat /sys/kernel/mm/pram/root >/e2e/root2
	repack_initrd
	check "pram-kexec -c (kexec_load), a stale pram= given" \
		pram-kexec -c -l $KERNEL_IMAGE --initrd=/run/initrd.cpio --reuse-cmdline \
		--append="e2e.boot=3 pram=$(cat /e2e/root1)"
	pram-kexec -e
	fail "pram-kexec -e returned"
}

boot_3() {
	check "the new root handed over once" test "$(handover_root)" = "$(printf 0x%x "$(cat /e2e/root2)")"
	dmesg_has "disagree" && fail "the next kernel was given two roots"
	restore_tree mytmpfs /mnt/p
	pass
}
