# Bad pram= values: each boot continues normally with one clear message.
# Boot 1 preserves a node and hands it over properly (boot 2 takes it and
# so marks that root consumed); then 0, garbage, unaligned, outside RAM
# and that stale root each get a boot of their own.
boot_1() {
	save_tree t /mnt/t
	echo "$(cat /sys/kernel/mm/pram/root)" >/e2e/old-root
	kexec_next
}

boot_2() {
	restore_tree t /mnt/t
	kexec_with_pram 0
}

expect_msg() {
	check "$2" dmesg_has "$1"
	check "boot goes on with nothing preserved" test "$(preserved_kb)" -eq 0
}

boot_3() {
	expect_msg "pram=0: no preserved memory" "pram=0 is noted"
	kexec_with_pram garbage
}

boot_4() {
	expect_msg "pram=garbage is not an address" "garbage is refused"
	kexec_with_pram 0x12345
}

boot_5() {
	expect_msg "pram=0x12345 is not page aligned" "unaligned is refused"
	kexec_with_pram 0x7f00000000
}

boot_6() {
	expect_msg "pram=0x0000007f00000000 is outside RAM" "outside RAM is refused"
	kexec_with_pram "$(cat /e2e/old-root)"
}

boot_7() {
	dmesg | grep -q "root at .* ignored: stale" ||
		dmesg | grep -q "root at .* ignored: no PRAM root there" ||
		fail "stale root not reported"
	expect_msg "booting without preserved memory" "stale root is refused"
	pass
}
