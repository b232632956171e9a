# A node with pages the next kernel cannot see is dropped alone, with a
# message; the other node survives. The next kernel here is told that a
# run of node b is not RAM (memmap=SIZE$ADDR, reserved): the same as
# memory above its mem=, or hot-plugged memory it does not know. pram-kexec
# refuses a command line whose mem= or memmap= would hide preserved
# memory.
save_small_tree() {
	mkdir -p "/mnt/$1"
	check "mount $1" mount_pram "$1" "/mnt/$1" noatime
	mkdir -p "/mnt/$1/d"
	echo "$1" >"/mnt/$1/d/f"
	check "16 MiB in $1" /e2e/e2e-util pattern write "/mnt/$1/data" 16 "$2"
	manifest "/mnt/$1" >"/e2e/$1.expected"
	check "umount saves $1" umount "/mnt/$1"
}

# refused ARG: pram-kexec must not load a kernel with ARG on its command line.
refused() {
	if pram-kexec -l /bzImage --initrd=/run/initrd.cpio \
		--append="$(next_cmdline) $1" >/run/out 2>&1; then
		cat /run/out
		fail "pram-kexec loaded a kernel with $1, which hides preserved memory"
	fi
	grep -q -F "$1 on the command line hides preserved memory" /run/out ||
		fail "pram-kexec did not say why: $(cat /run/out)"
	log "ok: pram-kexec refuses $1"
}

boot_1() {
	save_small_tree a 1
	save_small_tree b 2
	set -- $(pramdump show b -r -n | awk '$1 ~ /^0x/ {print $1, $2; exit}')
	[ -n "$2" ] || fail "no run in node b"
	hide="memmap=$(($2 * 4))K\$$1"
	repack_initrd
	refused "$hide"
	refused "mem=64M"
	kexec -s -l /bzImage --initrd=/run/initrd.cpio \
		--append="$(next_cmdline) $hide pram=$(cat /sys/kernel/mm/pram/root)" ||
		fail "kexec load failed"
	log "kexec into boot 2 with $hide"
	kexec -e
	fail "kexec -e returned"
}

boot_2() {
	[ -z "$(node_state b)" ] || fail "node b is still listed"
	check "dmesg names the hidden node" dmesg_has "('b') dropped: .*not in this kernel's memory"
	restore_tree a /mnt/a
	pass
}
