# A dense file larger than 1 GiB (1280 MiB of 4 KiB pages, every word
# depending on its offset) survives kexec byte-exact: any page lost,
# moved or changed would be found. Prints how long the save (umount), the
# restore (mount, which checks every data CRC first) and the check took.
# e2e: mem=3G timeout=900
up() { cut -d' ' -f1 /proc/uptime; }
secs() { awk "BEGIN {print $2 - $1}"; }

boot_1() {
	mkdir -p /mnt/b
	check "mount" mount_pram big /mnt/b noatime
	t0=$(up)
	check "write 1280 MiB" /e2e/e2e-util pattern write /mnt/b/big 1280 42
	t1=$(up)
	echo "E2E-TIMING write 1280 MiB: $(secs "$t0" "$t1") s (TCG)"
	settime /mnt/b/big 1300000000.123456789 1400000000.987654321
	manifest /mnt/b >/e2e/big.expected
	check "dense: no holes" grep -q '^/big file .* blocks=2621440 map=0-1342177280, ' /e2e/big.expected
	t0=$(up)
	check "umount saves it" umount /mnt/b
	t1=$(up)
	echo "E2E-TIMING save of 1280 MiB: $(secs "$t0" "$t1") s (TCG)"
	# 327,680 data pages, plus the metadata and link pages
	check "1280 MiB preserved" test "$(node_pages big)" -ge 327680
	kexec_next
}

boot_2() {
	mkdir -p /mnt/b
	t0=$(up)
	check "mount restores it" mount_pram big /mnt/b noatime
	t1=$(up)
	echo "E2E-TIMING restore of 1280 MiB (data CRCs checked): $(secs "$t0" "$t1") s (TCG)"
	manifest /mnt/b >/run/big.actual
	check "size, blocks, map and times identical" diff -u /e2e/big.expected /run/big.actual
	t0=$(up)
	check "every byte as written" /e2e/e2e-util pattern check /mnt/b/big 1280 42
	t1=$(up)
	echo "E2E-TIMING check of 1280 MiB: $(secs "$t0" "$t1") s (TCG)"
	pass
}
