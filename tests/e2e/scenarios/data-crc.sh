# The data CRCs as the next kernel checks them: in parallel, in chunks of
# 2 MiB that are put back together per run. The last byte of the longest
# run (longer than one chunk, so only its last chunk sees the byte) is
# flipped in two nodes: the default mount refuses its node with EIO and
# drops it; pram_verify=metadata restores the other without the data
# check, with exactly that byte changed (what the option gives up). A
# node with a damaged metadata page is refused even with that option, and
# the option takes no other value than all or metadata.
# e2e: mem=1G
big() {
	mkdir -p "$2"
	check "mount pram=$1" mount_pram "$1" "$2" noatime,huge=always
	check "write 64 MiB to $1" /e2e/e2e-util pattern write "$2/f" 64 3
	check "umount saves $1" umount "$2"
}

boot_1() {
	big checked /mnt/a
	big trusted /mnt/b
	save_tree meta /mnt/c
	for n in checked trusted; do
		check "flip the last byte of a run of $n" \
			sh -c "echo '$n data-tail' >/sys/kernel/debug/pram/corrupt"
	done
	check "flip a metadata byte of meta" \
		sh -c 'echo "meta meta" >/sys/kernel/debug/pram/corrupt'
	runs=$(dmesg | sed -n "s/.*last byte of a run of \([0-9]*\) pages of node 'checked'.*/\1/p")
	log "the run flipped is $runs pages long"
	check "that run is split into more than one chunk" test "${runs:-0}" -gt 512
	kexec_next
}

boot_2() {
	mkdir -p /mnt/a /mnt/b /mnt/c
	if mount -t tmpfs -o pram=trusted,pram_verify=none none /mnt/b 2>/run/err; then
		fail "pram_verify=none was taken"
	fi
	check "the refusal names pram_verify" dmesg_has "Bad value for 'pram_verify'"
	if mount_pram checked /mnt/a 2>/run/err; then
		fail "a node with a changed byte was mounted"
	fi
	check "the mount says I/O error" grep -qi "input/output" /run/err
	check "dmesg names the run" dmesg_has "node 'checked': data CRC mismatch in run"
	[ -z "$(node_state checked)" ] || fail "the damaged node is still offered"

	check "pram_verify=metadata mounts it" mount_pram trusted /mnt/b pram_verify=metadata
	check "dmesg says the data was not checked" \
		dmesg_has "node 'trusted': data CRCs not checked (pram_verify=metadata)"
	if /e2e/e2e-util pattern check /mnt/b/f 64 3 >/run/out 2>&1; then
		fail "the changed byte came back unchanged"
	fi
	log "pattern check: $(cat /run/out)"

	check "pram=meta mounts, with pram_verify=metadata" \
		mount_pram meta /mnt/c pram_verify=metadata
	check "and is empty" test -z "$(ls -A /mnt/c)"
	check "dmesg names the dropped node" dmesg_has "('meta') dropped: a metadata page fails its checks"
	pass
}
