# Benchmark (scripts/bench; not a test: it asserts nothing about time).
# Measures, in one QEMU run, what preserving costs next to what it saves:
# copying the same data once inside RAM (tmpfs to tmpfs), which is the
# least any copying scheme pays (a disk round trip pays far more).
#   big:   one dense 1024 MiB file of 4 KiB pages
#   small: 100,000 files of ~12 bytes in 2,000 directories
# Each figure is printed as "BENCH: name seconds"; scripts/bench turns
# them into ratios.
# e2e: mem=3G timeout=1200
up() { cut -d' ' -f1 /proc/uptime; }
bench() { echo "BENCH: $1 $(awk "BEGIN {printf \"%.2f\", $3 - $2}")"; }

boot_1() {
	mkdir -p /mnt/big /mnt/small /mnt/copy
	check "mount big" mount_pram big /mnt/big noatime
	check "mount small" mount_pram small /mnt/small noatime,nr_inodes=200000
	check "mount copy" mount -t tmpfs -o noatime,nr_inodes=200000 none /mnt/copy
	check "write 1024 MiB" /e2e/e2e-util pattern write /mnt/big/f 1024 7
	check "make 100,000 files" /e2e/e2e-util mkfiles /mnt/small 100000 2000
	sync
	t0=$(up); cp /mnt/big/f /mnt/copy/f; t1=$(up)
	bench big.copy "$t0" "$t1"
	rm /mnt/copy/f
	t0=$(up); cp -a /mnt/small /mnt/copy/small; t1=$(up)
	bench small.copy "$t0" "$t1"
	rm -rf /mnt/copy/small
	t0=$(up); umount /mnt/big; t1=$(up)
	bench big.save "$t0" "$t1"
	t0=$(up); umount /mnt/small; t1=$(up)
	bench small.save "$t0" "$t1"
	kexec_next
}

boot_2() {
	mkdir -p /mnt/big /mnt/small
	t0=$(up); mount_pram big /mnt/big noatime; t1=$(up)
	bench big.restore "$t0" "$t1"
	t0=$(up); mount_pram small /mnt/small noatime; t1=$(up)
	bench small.restore "$t0" "$t1"
	check "big file intact" /e2e/e2e-util pattern check /mnt/big/f 1024 7
	check "100,000 files" test "$(find /mnt/small -type f | wc -l)" -eq 100000
	pass
}
