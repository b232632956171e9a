# Large folios keep their order: a tmpfs with huge=always is backed by 2 MiB
# folios, saved as order-9 runs, and after kexec the restored file is made
# of huge folios again (ShmemHugePages), never split on the way.
# e2e: mem=1G
shmem_huge_kb() { awk '/^ShmemHugePages:/ {print $2}' /proc/meminfo; }

boot_1() {
	mkdir -p /mnt/h
	check "mount huge=always" mount_pram huge /mnt/h huge=always
	head -c $((16 << 20)) /dev/urandom >/mnt/h/big
	check "huge folios back the file" test "$(shmem_huge_kb)" -ge $((16 << 10))
	sha256sum /mnt/h/big >/e2e/sum
	check "umount saves it" umount /mnt/h
	kexec_next
}

boot_2() {
	before=$(shmem_huge_kb)
	mkdir -p /mnt/h
	check "mount huge=always loads it" mount_pram huge /mnt/h huge=always
	check "content intact" sh -c 'sha256sum /mnt/h/big | diff - /e2e/sum'
	after=$(shmem_huge_kb)
	log "ShmemHugePages: $before kB before the mount, $after kB after"
	check "restored as huge folios" test $((after - before)) -ge $((16 << 10))
	pass
}
