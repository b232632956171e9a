# arm64: the root is handed over in the device tree, as
# /chosen/linux,pram-root. kexec_file_load() writes it itself (no pram=
# anywhere); kexec_load() copies the running kernel's device tree, whose
# property names the root the boot before handed over, now consumed: the
# pram= given with it is taken instead, with a warning. Bad values in the
# property (unaligned, zero, outside RAM) are refused naming the property,
# and the kernel boots without preserved memory.
# e2e: mem=1G
# dtroot VALUE: the running device tree with linux,pram-root = VALUE (64
# bits), as /run/dt.dtb
dtroot() {
	cp /sys/firmware/fdt /run/dt.dtb
	fdtput -t x /run/dt.dtb /chosen linux,pram-root \
		"$(printf '%x' $(($1 >> 32)))" "$(printf '%x' $(($1 & 0xffffffff)))" ||
		fail "fdtput failed"
}
# kexec_around [KEXEC ARGS...]: load with kexec_load (kexec -c), which
# places segments without knowing preserved memory; each time the kernel
# refuses one naming the preserved range in the way, move --mem-min past
# it (what pram-kexec does by itself), and jump.
kexec_around() {
	min=0
	for try in $(seq 1 64); do
		if KEXEC_MODE=-c kexec_load --mem-min="$min" "$@"; then
			log "kexec into boot $((BOOT + 1)) (kexec_load, --mem-min=$min)"
			kexec -e
			fail "kexec -e returned"
		fi
		end=$(dmesg | sed -n 's/.*overlaps preserved memory \[0x[0-9a-f]*-\(0x[0-9a-f]*\)\].*/\1/p' | tail -n1)
		[ -n "$end" ] || fail "kexec load failed, not for preserved memory"
		min=$(printf '0x%x' $(((end + 1 + 0x1fffff) & ~0x1fffff)))
	done
	fail "no room for the kexec segments"
}
# kexec_dt VALUE: jump with kexec_load and a device tree naming VALUE
kexec_dt() {
	dtroot "$1"
	PRAM_ARG=0 kexec_around --dtb=/run/dt.dtb
}

boot_1() {
	save_tree dt /mnt/d
	kexec_next
}

boot_2() {
	grep -q 'pram=' /proc/cmdline && fail "pram= on the command line: $(cat /proc/cmdline)"
	check "the device tree names the root" test -f /proc/device-tree/chosen/linux,pram-root
	check "the root was taken from it" dmesg_has "reserved .* pages in .* extents from root"
	expect_node dt "ready incoming"
	# kexec_load with the device tree as it is: its root is stale now.
	PRAM_ARG=1 kexec_around
}

boot_3() {
	check "both named" dmesg_has "disagree: trying the device tree's first"
	# Consumed, its page freed and perhaps reused: stale or no root at all.
	check "the device tree's is refused" dmesg_has "ignored: .*; trying pram="
	expect_node dt "ready incoming"
	restore_tree dt /mnt/d
	kexec_dt 0x12345
}

boot_4() {
	check "unaligned is refused" \
		dmesg_has "/chosen/linux,pram-root=0x12345 is not page aligned"
	kexec_dt 0
}

boot_5() {
	check "zero is no root" dmesg_has "/chosen/linux,pram-root=0: no preserved memory"
	kexec_dt 0x100000000
}

boot_6() {
	check "outside RAM is refused" \
		dmesg_has "/chosen/linux,pram-root=0x0000000100000000 is outside RAM"
	check "and nothing is taken over" test "$(preserved_kb)" -eq 0
	pass
}
