# A busy tmpfs (open file, working directory, shared mapping) is preserved
# without unmounting: writers wait while it is frozen, reads go on; cancel
# makes it writable again and discards the node; preserving again and
# kexec brings back the state at the time of preservation.
boot_1() {
	mkdir -p /mnt/busy
	check "mount" mount_pram busy /mnt/busy noatime
	make_tree /mnt/busy
	# Keep it busy: a shell with its cwd there and a file open.
	(cd /mnt/busy/a && exec 3>>/mnt/busy/a/b/smth && sleep 1000) &
	holder=$!
	sleep 1
	if umount /mnt/busy 2>/dev/null; then
		fail "busy tmpfs unmounted"
	fi
	log "ok: busy tmpfs cannot be unmounted"

	check "preserve now" sh -c 'echo busy >/sys/kernel/mm/pram/preserve'
	expect_node busy "ready saved"
	check "reads work while frozen" sha256sum /mnt/busy/big
	sh -c 'echo more >>/mnt/busy/a/b/smth' &
	writer=$!
	sleep 2
	kill -0 $writer 2>/dev/null || fail "a write to the frozen tmpfs did not wait"
	grep -q more /mnt/busy/a/b/smth && fail "a write landed while frozen"
	log "ok: writes wait while frozen"
	if echo busy >/sys/kernel/mm/pram/preserve 2>/dev/null; then
		fail "preserving twice succeeded"
	fi

	check "cancel" sh -c 'echo busy >/sys/kernel/mm/pram/cancel'
	[ -z "$(node_state busy)" ] || fail "cancel left the node"
	check "the waiting write finishes after thaw" wait $writer
	check "and its data is there" grep -q more /mnt/busy/a/b/smth
	check "writable after cancel" sh -c 'echo after-cancel >>/mnt/busy/a/b/smth'

	check "preserve again" sh -c 'echo busy >/sys/kernel/mm/pram/preserve'
	manifest /mnt/busy >/e2e/busy.expected
	kexec_next
}

boot_2() {
	restore_tree busy /mnt/busy
	check "content at preservation time" grep -q after-cancel /mnt/busy/a/b/smth
	pass
}
