# A page with a hardware memory error (poisoned: MADV_HWPOISON stands in
# for a real one) is not handed to the next kernel, which would read it
# to check its CRC (a machine check in kernel mode on real hardware):
# preserve refuses, naming the file, and the tmpfs stays writable; once
# the file is gone, the rest is preserved. An unmount keeps the tree but
# that file, saying so.
boot_1() {
	mkdir -p /mnt/h
	check "mount" mount_pram poisoned /mnt/h noatime
	make_tree /mnt/h
	head -c 65536 /dev/urandom >/mnt/h/a/bad
	check "poison page 3 of a/bad" /e2e/e2e-util hwpoison /mnt/h/a/bad 3
	if echo poisoned >/sys/kernel/mm/pram/preserve 2>/dev/null; then
		fail "preserve took a poisoned page"
	fi
	check "dmesg names the file" dmesg_has "pram=poisoned: /a/bad has a poisoned page"
	[ -z "$(node_state poisoned)" ] || fail "a node was left"
	check "still writable" sh -c 'echo w >/mnt/h/w'
	rm /mnt/h/a/bad /mnt/h/w
	check "preserve without it" sh -c 'echo poisoned >/sys/kernel/mm/pram/preserve'
	manifest /mnt/h >/e2e/poisoned.expected

	mkdir -p /mnt/u
	check "mount" mount_pram unmounted /mnt/u noatime
	echo good >/mnt/u/good
	head -c 65536 /dev/urandom >/mnt/u/bad
	check "poison a page" /e2e/e2e-util hwpoison /mnt/u/bad 0
	check "umount saves the rest" umount /mnt/u
	check "dmesg names the file left out" dmesg_has "pram=unmounted: /bad has a poisoned page"
	kexec_next
}

boot_2() {
	restore_tree poisoned /mnt/h
	mkdir -p /mnt/u
	check "mount" mount_pram unmounted /mnt/u noatime
	check "the good file is back" grep -qx good /mnt/u/good
	[ -e /mnt/u/bad ] && fail "the poisoned file came back"
	pass
}
