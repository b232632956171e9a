# Discarding a node gives its memory back: MemFree rises by the node's
# pages, within a few pages (the extent table is rewritten meanwhile).
boot_1() {
	save_tree keep /mnt/a
	save_tree drop /mnt/b
	kexec_next
}

boot_2() {
	pages=$(node_pages drop)
	total=$(cat /sys/kernel/mm/pram/total_bytes)
	before=$(memfree_kb)
	check "discard the node" sh -c 'echo drop >/sys/kernel/mm/pram/discard'
	after=$(memfree_kb)
	rise=$((after - before))
	want=$((pages * 4))
	log "MemFree rose by $rise kB, node held $want kB"
	[ $((rise - want)) -le 16 ] && [ $((want - rise)) -le 16 ] ||
		fail "MemFree rose by $rise kB, expected $want kB"
	[ -z "$(node_state drop)" ] || fail "discarded node still listed"
	after_total=$(cat /sys/kernel/mm/pram/total_bytes)
	check "total_bytes fell by the node" \
		test $((total - after_total)) -ge $((pages * 4096))
	if echo nosuch >/sys/kernel/mm/pram/discard 2>/dev/null; then
		fail "discarding a missing node succeeded"
	fi
	restore_tree keep /mnt/a
	pass
}
