# A page pinned for the long term (an io_uring fixed buffer: the kernel
# writes it through the pin, with no page fault and past any freeze) is
# saved as a copy: what the next kernel gets is the file as it was when
# preserve returned, whatever the pin wrote afterwards.
boot_1() {
	mkdir -p /mnt/p
	check "mount" mount_pram pinned /mnt/p noatime
	head -c 16384 /dev/urandom >/mnt/p/f
	head -c 4096 /dev/urandom >/run/src
	/e2e/e2e-util iouring-pin /mnt/p/f /run/src /run/go >/run/pin.out 2>&1 &
	pin=$!
	for i in 1 2 3 4 5 6 7 8 9 10; do
		grep -q pinned /run/pin.out && break
		sleep 1
	done
	grep -q pinned /run/pin.out || fail "io_uring pin: $(cat /run/pin.out)"
	# As preserved: pinning for writing faulted the page in, a write.
	manifest /mnt/p >/e2e/pinned.expected
	check "preserve" sh -c 'echo pinned >/sys/kernel/mm/pram/preserve'
	touch /run/go
	check "the pin writes the page after the preserve" wait $pin
	cat /run/pin.out
	kexec_next
}

boot_2() {
	check "every data CRC is right" pramdump verify --data
	restore_tree pinned /mnt/p
	pass
}

# The kernel said that it copied the pinned page (boot 1's log).
host_check() {
	grep -a "pram=pinned: 1 pinned page(s) saved as copies" "$LOG"
}
