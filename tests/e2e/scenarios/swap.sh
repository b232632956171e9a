# Pages of a tmpfs that were swapped out when it is preserved are brought
# back in and preserved: nothing is lost. The tmpfs is written from a
# memory cgroup limited to 48 MiB, so most of its 192 MiB go out to swap
# on a virtio disk. The limit stays: the pages swapped back in are still
# that cgroup's, and a full cgroup is no reason to lose them.
# e2e: mem=512M disk=1G timeout=900
swap_used_kb() { awk '/^SwapTotal:/ {t=$2} /^SwapFree:/ {f=$2} END {print t - f}' /proc/meminfo; }

boot_1() {
	check "mkswap" mkswap /dev/vda
	check "swapon" swapon /dev/vda
	mkdir -p /mnt/w
	check "mount" mount_pram swapped /mnt/w noatime,size=300m
	mkdir -p /sys/fs/cgroup
	check "cgroup2" mount -t cgroup2 none /sys/fs/cgroup
	echo +memory >/sys/fs/cgroup/cgroup.subtree_control
	mkdir /sys/fs/cgroup/small
	check "limit 48 MiB" sh -c 'echo 48M >/sys/fs/cgroup/small/memory.max'
	check "192 MiB of data written inside the limit" sh -c \
		'echo $$ >/sys/fs/cgroup/small/cgroup.procs && head -c $((192 << 20)) /dev/urandom >/mnt/w/data'
	sha256sum </mnt/w/data >/e2e/sum
	used=$(swap_used_kb)
	log "swap in use before preserving: $used kB"
	check "part of the tmpfs is in swap" test "$used" -gt 10240
	check "umount saves it, swapping back in" umount /mnt/w
	log "swap in use after saving: $(swap_used_kb) kB"
	dmesg_has "saving failed" && fail "the save failed"
	expect_node swapped "ready saved"
	kexec_next
}

boot_2() {
	mkdir -p /mnt/w
	check "mount restores it" mount_pram swapped /mnt/w noatime
	check "every byte is back" sh -c 'sha256sum </mnt/w/data | diff - /e2e/sum'
	pass
}
