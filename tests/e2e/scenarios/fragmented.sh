# A tmpfs whose memory is fragmented into single pages: two trees of
# 150,016 pages each, written interleaved with a plain tmpfs that is then
# deleted, so the handover has more than 300,000 extents (1,177 extent
# table pages). It survives five kexecs with physical KASLR, which keeps
# the kernel off every extent however many there are; early boot reserves
# them without quadratic work; discarding one tree and restoring the
# other run without a lockup or stall warning.
# e2e: mem=3G timeout=1500
pages=150016	# 586 MiB each

boot_1() {
	mkdir -p /mnt/a /mnt/b /mnt/c
	check "mount a" mount_pram frag-a /mnt/a noatime,size=700m
	check "mount b" mount_pram frag-b /mnt/b noatime,size=700m
	check "plain tmpfs" mount -t tmpfs -o size=1400m none /mnt/c
	check "interleaved writes" /e2e/e2e-util interleave $pages 100 \
		/mnt/a/data /mnt/c/x /mnt/b/data /mnt/c/y
	rm /mnt/c/x /mnt/c/y
	umount /mnt/c
	check "umount saves a" umount /mnt/a
	check "umount saves b" umount /mnt/b
	kexec_next
}

# The extents early boot reserved, from its message.
reserved_extents() {
	dmesg | sed -n 's/.*pram: reserved [0-9]* pages in \([0-9]*\) extents.*/\1/p'
}

next_boot() {
	n=$(reserved_extents)
	log "boot $BOOT: $n extents reserved, kernel at $(kernel_slot)"
	check "more than 300,000 extents" test "${n:-0}" -gt 300000
	expect_node frag-a "ready incoming"
	expect_node frag-b "ready incoming"
	kernel_slot >>/e2e/slots
}

boot_2() { next_boot; kexec_next; }
boot_3() { next_boot; kexec_next; }
boot_4() { next_boot; kexec_next; }
boot_5() { next_boot; kexec_next; }

boot_6() {
	next_boot
	check "KASLR moved the kernel" test "$(sort -u /e2e/slots | wc -l)" -gt 1
	set -- $(/e2e/e2e-util discard-delta frag-b) || fail "discard failed"
	check "discarding b gives its memory back" test "$2" -ge $((pages * 4))
	mkdir -p /mnt/a
	check "restore a" mount_pram frag-a /mnt/a noatime
	check "a is intact, page by page" /e2e/e2e-util pattern check /mnt/a/data $((pages / 256)) 100
	pass
}
