# What is not part of the tree gets a clear answer: a file unlinked while
# still open is not preserved and the kernel says so; a MAP_PRIVATE copy of
# a page is the process's memory, not the file's, so the file comes back
# as read() showed it. Everything visible in the tree comes back.
boot_1() {
	mkdir -p /mnt/n
	check "mount" mount_pram gone /mnt/n noatime
	echo original >/mnt/n/mapped
	echo visible >/mnt/n/kept
	echo secret >/mnt/n/unlinked
	exec 3</mnt/n/unlinked
	rm /mnt/n/unlinked
	/e2e/e2e-util privwrite /mnt/n/mapped 30 &
	sleep 1
	check "the private change is not in the file" grep -q '^original$' /mnt/n/mapped
	manifest /mnt/n >/e2e/gone.expected
	check "preserve while the file is open" sh -c 'echo gone >/sys/kernel/mm/pram/preserve'
	check "the kernel says what it left out" \
		dmesg_has "pram=gone: 1 unlinked file(s) still open are not in the tree and not preserved"
	kexec_next
}

boot_2() {
	restore_tree gone /mnt/n
	check "the file reads as before the private write" grep -q '^original$' /mnt/n/mapped
	pass
}
