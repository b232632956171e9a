# 100,000 files in 2,000 directories survive kexec; prints how long the
# save (umount), the next kernel's boot-time check and the restore (mount)
# took. A content hash of the whole tree is compared, not a full manifest
# per file (that would take minutes of TCG time and test nothing more than
# the other scenarios do).
# e2e: mem=2G timeout=1200
up() { cut -d' ' -f1 /proc/uptime; }

boot_1() {
	mkdir -p /mnt/s
	check "mount" mount_pram scale /mnt/s size=1g,nr_inodes=200000
	check "make 100,000 files" /e2e/e2e-util mkfiles /mnt/s 100000 2000
	(cd /mnt/s && find . | sort | md5sum) >/e2e/names
	(cd /mnt/s && cat d*/f* | md5sum) >/e2e/data
	t0=$(up)
	check "umount saves it" umount /mnt/s
	t1=$(up)
	echo "E2E-TIMING save of 100,000 files: $(awk "BEGIN {print $t1 - $t0}") s (TCG)"
	kexec_next
}

boot_2() {
	t0=$(up)
	mkdir -p /mnt/s
	check "mount restores it" mount_pram scale /mnt/s
	t1=$(up)
	echo "E2E-TIMING restore of 100,000 files: $(awk "BEGIN {print $t1 - $t0}") s (TCG)"
	dmesg | grep "took over" | sed 's/^/E2E-TIMING boot check: /'
	check "100,000 files" test "$(find /mnt/s -type f | wc -l)" -eq 100000
	check "names identical" sh -c '(cd /mnt/s && find . | sort | md5sum) | diff - /e2e/names'
	check "contents identical" sh -c '(cd /mnt/s && cat d*/f* | md5sum) | diff - /e2e/data'
	pass
}
