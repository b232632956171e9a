# No allocation failure during a restore costs the tree: the mount is
# tried with its 1st, 2nd, 3rd... allocation failing (fault injection,
# /proc/self/fail-nth), until the restore does fewer allocations than the
# count. After every failed mount the node is still there and checks out;
# a mount that went through despite the failure has the whole tree (it is
# unmounted, which saves it again, and the count goes on); the tree that
# finally comes back is identical.
# e2e: mem=1G timeout=900
boot_1() {
	mkdir -p /mnt/f
	check "mount" mount_pram faults /mnt/f noatime
	mkdir -p /mnt/f/d/e /mnt/f/empty
	echo one >/mnt/f/d/one
	ln /mnt/f/d/one /mnt/f/d/e/hard
	head -c 300000 /dev/urandom >/mnt/f/d/e/data
	ln -s short /mnt/f/short
	ln -s "$(head -c 300 /dev/zero | tr '\0' t)" /mnt/f/long
	mkfifo /mnt/f/fifo
	check "xattr" /e2e/e2e-util setxattr /mnt/f/d/one user.note hello
	check "acl" /e2e/e2e-util setacl /mnt/f/d access u::rwx,u:1234:r-x,g::r-x,m::rwx,o::---
	settime /mnt/f/d 1400000000.5 1500000000.25
	manifest /mnt/f >/e2e/faults.expected
	check "umount saves it" umount /mnt/f
	kexec_next
}

boot_2() {
	fault_injection_on
	mkdir -p /mnt/f
	n=1 failed=0
	while :; do
		out=$(/e2e/e2e-util failnth "$n" mount /mnt/f pram=faults)
		case $out in
		not-reached*)
			break ;;
		"injected ok")
			# The kernel did without that allocation: all is back.
			manifest /mnt/f >/run/faults.actual
			diff -u /e2e/faults.expected /run/faults.actual ||
				fail "allocation $n failed, the mount went through, the tree differs"
			umount /mnt/f || fail "umount"
			;;
		injected*)
			failed=$((failed + 1))
			is_mounted /mnt/f && fail "allocation $n failed ($out) and a tmpfs is mounted"
			case $(node_state faults) in
			"ready incoming" | "ready saved") ;;
			*) fail "allocation $n failed ($out) and the node is '$(node_state faults)'" ;;
			esac
			;;
		*) fail "failnth $n: $out" ;;
		esac
		if [ $((n % 25)) = 0 ]; then
			check "the node checks out after $n tries" pramdump verify --data
		fi
		n=$((n + 1))
	done
	log "the restore does $((n - 1)) allocations; $failed failures made the mount fail; then: $out"
	check "some of them did" test "$failed" -gt 20
	is_mounted /mnt/f || fail "no tmpfs mounted at the end"
	manifest /mnt/f >/run/faults.actual
	check "tree identical" diff -u /e2e/faults.expected /run/faults.actual
	[ -z "$(node_state faults)" ] || fail "node not consumed by the restore"
	pass
}
