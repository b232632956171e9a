# kexec_load with a segment forced onto preserved pages (--mem-min and
# --mem-max around a preserved extent) is refused with EADDRNOTAVAIL and a
# message naming the range; nothing is lost and kexec_file_load, which
# places its segments itself, then goes through.
boot_1() {
	save_tree t /mnt/t
	# kexec-tools places segments top-down: with --mem-max at the last
	# byte of a preserved extent the first segment lands on it.
	ext=$(tail -1 /sys/kernel/debug/pram/extents)
	end=0x${ext#*-}
	start=$(printf '0x%x' $((end - (512 << 20))))
	log "forcing kexec_load segments into preserved $start-$end"
	repack_initrd
	if kexec -c -l "$KERNEL_IMAGE" --initrd=/run/initrd.cpio --mem-min="$start" \
		--mem-max="$end" --append="$(next_cmdline)" 2>/run/err; then
		fail "kexec_load onto preserved memory was accepted"
	fi
	cat /run/err
	check "kexec saw EADDRNOTAVAIL" grep -q "Cannot assign requested address" /run/err
	check "dmesg names segment and range" dmesg_has "overlaps preserved memory"
	check "nothing is loaded" grep -q 0 /sys/kernel/kexec_loaded
	expect_node t "ready saved"
	kexec_next
}

boot_2() {
	restore_tree t /mnt/t
	pass
}
