# Preserve and cancel racing never leave a preserved node of a writable
# tmpfs: whenever the node is ready, writes wait. A test hook
# (PRAM_DEBUG: preserve_delay_ms) holds each preserve between the freeze
# and the save, where a cancel could once slip in, find no node yet, thaw
# the tmpfs and let the save go on.
boot_1() {
	mkdir -p /mnt/r
	check "mount" mount_pram race /mnt/r noatime
	make_tree /mnt/r
	echo 400 >/sys/kernel/debug/pram/preserve_delay_ms
	for i in 1 2 3 4 5 6; do
		sh -c 'echo race >/sys/kernel/mm/pram/preserve' 2>/dev/null &
		p=$!
		# Cancel early and late in the preserve's window.
		[ $((i % 2)) = 1 ] && usleep 100000 || usleep 300000
		echo race >/sys/kernel/mm/pram/cancel 2>/dev/null
		wait $p
		state=$(node_state race)
		log "round $i: node '$state'"
		if [ "$state" = "ready saved" ]; then
			sh -c 'echo more >>/mnt/r/a/b/smth' &
			w=$!
			sleep 1
			kill -0 $w 2>/dev/null ||
				fail "round $i: the node is ready but the tmpfs took a write"
			check "cancel" sh -c 'echo race >/sys/kernel/mm/pram/cancel'
			wait $w
		fi
		check "round $i: writable again" sh -c 'echo "$0" >/mnt/r/round' "$i"
	done
	echo 0 >/sys/kernel/debug/pram/preserve_delay_ms
	check "preserve" sh -c 'echo race >/sys/kernel/mm/pram/preserve'
	manifest /mnt/r >/e2e/race.expected
	kexec_next
}

boot_2() {
	restore_tree race /mnt/r
	pass
}
