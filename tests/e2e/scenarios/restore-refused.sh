# A mount restores the whole tree or fails and leaves the node exactly as
# it was: listed, loadable, and carried across the next kexec.
#  - size= too small by the pages of long symlink targets, nr_inodes= too
#    small by the space of extended attributes (the new mount's options
#    win over the saved ones): refused before anything is built, saying
#    what to mount with;
#  - the restored pages are charged to the memory cgroup of the task that
#    mounts (as the pages it writes to a tmpfs are): a 96 MiB tree mounted
#    from a cgroup limited to 32 MiB fails half-way, without waking the
#    OOM killer, and gives every page back;
# then, after a kexec, a mount outside the cgroup brings it back exactly.
# e2e: mem=1G
long_target() { head -c 200 /dev/zero | tr '\0' "$1"; }

boot_1() {
	mkdir -p /mnt/t
	check "mount" mount_pram big /mnt/t noatime
	check "96 MiB of data" /e2e/e2e-util pattern write /mnt/t/data 96 7
	for c in a b c d; do ln -s "$(long_target $c)" "/mnt/t/link-$c"; done
	for i in 1 2 3 4; do
		echo "$i" >"/mnt/t/x$i"
		check "xattr" /e2e/e2e-util setxattr "/mnt/t/x$i" user.big "$(head -c 3000 /dev/zero | tr '\0' v)"
	done
	manifest /mnt/t >/e2e/big.expected
	check "umount saves it" umount /mnt/t
	kexec_next
}

# refused WHY OPTIONS: a mount with OPTIONS must fail and keep the node.
refused() {
	if mount_pram big /mnt/t "noatime,$2"; then
		fail "mount with $2 restored the tree ($1)"
	fi
	is_mounted /mnt/t && fail "a failed mount left a tmpfs at /mnt/t"
	expect_node big "ready incoming"
	log "ok: refused: $1"
}

boot_2() {
	mkdir -p /mnt/t /sys/fs/cgroup
	# 24576 data pages, 4 one-page files, 4 symlinks of a page each.
	refused "symlink pages not counted" "size=$((24580 * 4))k"
	check "dmesg says which size" dmesg_has "node 'big' needs 24584 pages"
	# 10 inodes, 9 names and 4 xattrs of 3048 bytes: 21408 bytes of
	# tmpfs' inode space, which nr_inodes=N sizes at N * 1024.
	refused "xattr space not counted" "nr_inodes=13"
	check "dmesg says which nr_inodes" dmesg_has "nr_inodes=22"

	check "cgroup2" mount -t cgroup2 none /sys/fs/cgroup
	echo +memory >/sys/fs/cgroup/cgroup.subtree_control
	mkdir /sys/fs/cgroup/small
	check "limit 32 MiB" sh -c 'echo 32M >/sys/fs/cgroup/small/memory.max'
	if sh -c 'echo $$ >/sys/fs/cgroup/small/cgroup.procs &&
		exec mount -t tmpfs -o pram=big,noatime none /mnt/t'; then
		fail "a 96 MiB tree was restored inside a 32 MiB memory cgroup"
	fi
	log "ok: the mount inside the cgroup failed"
	is_mounted /mnt/t && fail "a failed mount left a tmpfs at /mnt/t"
	expect_node big "ready incoming"
	check "dmesg says why" dmesg_has "node 'big': restoring the tree failed (-12"
	oom=$(awk '$1 == "oom_kill" {print $2}' /sys/fs/cgroup/small/memory.events)
	check "no OOM kill in the cgroup" test "${oom:-0}" -eq 0
	used=$(cat /sys/fs/cgroup/small/memory.current)
	log "the cgroup holds $used bytes after the failed mount"
	check "the cgroup was given its charges back" test "$used" -lt $((4 << 20))
	check "the node's data still checks out" pramdump verify --data
	kexec_next
}

boot_3() {
	expect_node big "ready incoming"
	restore_tree big /mnt/t
	check "every page of the data" /e2e/e2e-util pattern check /mnt/t/data 96 7
	pass
}
