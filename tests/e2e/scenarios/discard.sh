# Discarding a node gives its memory back: MemTotal rises by exactly the
# node's pages, and free memory (MemFree plus the per-cpu free lists, which
# MemFree leaves out and the discard drains) by the same within 64 pages
# (0.35% of this node; the extent table is rewritten meanwhile).
# With init_on_free=1 a freed page reads as zeros at once: a free walk
# that read a node's page after freeing it would stop early and leak the
# rest of the node (MemTotal would rise by one page).
# e2e: append=init_on_free=1
boot_1() {
	save_tree keep /mnt/a
	save_tree drop /mnt/b
	# A tiny node: its discard first starts whatever worker threads
	# draining the per-cpu lists needs, so they do not count below.
	mkdir -p /mnt/w
	check "mount pram=warmup" mount_pram warmup /mnt/w
	check "umount saves warmup" umount /mnt/w
	kexec_next
}

boot_2() {
	pages=$(node_pages drop)
	total=$(cat /sys/kernel/mm/pram/total_bytes)
	check "discard warmup" sh -c 'echo warmup >/sys/kernel/mm/pram/discard'
	set -- $(/e2e/e2e-util discard-delta drop) || fail "discard failed"
	rise=$1
	total_rise=$2
	want=$((pages * 4))
	log "free memory rose by $rise kB, MemTotal by $total_rise kB; the node held $want kB"
	check "MemTotal rises by exactly the node" test "$total_rise" -eq "$want"
	check "the adoption saw every node" dmesg_has "took over 3 of 3 nodes"
	# Slab pages emptied or filled by the rewrite of the extent table (and
	# whatever else the kernel frees meanwhile) move free memory by a few
	# pages either way: seen -1 to +13 pages. MemTotal above is exact.
	[ $((rise - want)) -le 256 ] && [ $((want - rise)) -le 256 ] ||
		fail "free memory rose by $rise kB, expected $want kB within 64 pages"
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
