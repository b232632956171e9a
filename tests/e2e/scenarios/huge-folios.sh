# Large folios keep their order: tmpfs with huge=always and with
# huge=within_size are backed by 2 MiB folios, saved as order-9 runs, and
# after kexec the restored files are made of huge folios again
# (ShmemHugePages), never split on the way.
# e2e: mem=1G
shmem_huge_kb() { awk '/^ShmemHugePages:/ {print $2}' /proc/meminfo; }

boot_1() {
	mkdir -p /mnt/h
	check "mount huge=always" mount_pram huge /mnt/h huge=always
	head -c $((16 << 20)) /dev/urandom >/mnt/h/big
	check "huge folios back the file" test "$(shmem_huge_kb)" -ge $((16 << 10))
	sha256sum /mnt/h/big >/e2e/sum
	check "umount saves it" umount /mnt/h
	mkdir -p /mnt/w
	check "mount huge=within_size" mount_pram within /mnt/w huge=within_size
	before=$(shmem_huge_kb)
	truncate -s 8M /mnt/w/sized
	head -c $((8 << 20)) /dev/urandom | dd of=/mnt/w/sized conv=notrunc 2>/dev/null
	check "within_size uses huge folios" test $(($(shmem_huge_kb) - before)) -ge $((8 << 10))
	sha256sum /mnt/w/sized >/e2e/sum2
	check "umount saves it" umount /mnt/w
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
	before=$(shmem_huge_kb)
	mkdir -p /mnt/w
	check "mount huge=within_size loads it" mount_pram within /mnt/w huge=within_size
	check "content intact" sh -c 'sha256sum /mnt/w/sized | diff - /e2e/sum2'
	check "restored as huge folios too" test $(($(shmem_huge_kb) - before)) -ge $((8 << 10))
	pass
}
