# Once preserve reports success, nothing writes the saved pages, not even
# a page fault that was already under way: eight threads first-touch
# (write) a shared mapping of a preserved tmpfs file while a test hook
# (PRAM_DEBUG: fault_delay_ms) holds their faults after the check of the
# frozen state, and the preserve happens meanwhile. Their writes wait;
# the next kernel finds every CRC right and the file as it was.
boot_1() {
	mkdir -p /mnt/m
	check "mount" mount_pram touched /mnt/m noatime
	head -c 65536 /dev/urandom >/mnt/m/f
	sha256sum </mnt/m/f >/e2e/f.sum
	manifest /mnt/m >/e2e/touched.expected
	echo 2000 >/sys/kernel/debug/pram/fault_delay_ms
	/e2e/e2e-util mapwrite /mnt/m/f 8 171 &
	usleep 300000
	check "preserve" sh -c 'echo touched >/sys/kernel/mm/pram/preserve'
	sleep 3
	echo 0 >/sys/kernel/debug/pram/fault_delay_ms
	check "the file is as it was preserved" sh -c 'sha256sum </mnt/m/f | diff - /e2e/f.sum'
	kexec_next
}

boot_2() {
	check "every data CRC is right" pramdump verify --data
	restore_tree touched /mnt/m
	pass
}
