# Removing nodes cannot leave the root pointing at freed memory, whatever
# allocation fails on the way: a discard, and a drop of every node
# (writing 0 to /sys/kernel/mm/pram/root), are tried with their 1st, 2nd, 3rd...
# allocation failing (fault injection). After each, the chain as
# pramdump reads it from /proc/kcore checks out and the node is either
# gone or intact; freed pages read as zeros at once (init_on_free=1).
# e2e: append=init_on_free=1 timeout=900
small_node() {
	mkdir -p /mnt/v
	mount_pram "$1" /mnt/v || fail "mount $1"
	echo "$1" >/mnt/v/f
	umount /mnt/v || fail "umount $1"
}

# try_failing WHAT FILE TEXT: write TEXT to FILE with allocation 1, 2, ...
# failing until the write does fewer allocations.
try_failing() {
	n=1
	while :; do
		small_node victim
		out=$(/e2e/e2e-util failnth "$n" write "$2" "$3")
		pramdump verify >/run/verify.out 2>&1 ||
			fail "$1 with allocation $n failing ($out) left a broken chain: $(cat /run/verify.out)"
		case $out in not-reached*) break ;; esac
		case $(node_state victim) in
		"" | "ready saved") ;;
		*) fail "$1, allocation $n failing: node victim is '$(node_state victim)'" ;;
		esac
		n=$((n + 1))
	done
	log "ok: $1 with each of its $n allocations failing"
	[ -z "$(node_state victim)" ] || fail "$1 without failures kept the node"
}

boot_1() {
	fault_injection_on
	save_tree keep /mnt/k
	try_failing "discard" /sys/kernel/mm/pram/discard victim
	expect_node keep "ready saved"
	kexec_next
}

boot_2() {
	expect_node keep "ready incoming"
	small_node victim
	save_tree other /mnt/o
	try_failing "dropping every node" /sys/kernel/mm/pram/root 0
	[ -z "$(node_state keep)" ] || fail "node keep survived the drop"
	kexec_next
}

boot_3() {
	[ -z "$(ls /sys/kernel/mm/pram/nodes)" ] || fail "dropped nodes came back: $(ls /sys/kernel/mm/pram/nodes)"
	pass
}
