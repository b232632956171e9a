# A virtual machine survives a switch of its host's kernel, its RAM never
# copied. The guest runs its own QEMU (TCG) through pram-checkpoint: the
# VM's RAM is a shared file on a pram tmpfs (memory-backend-file), its
# init the workload (a counter, an open file, a pipe and a socket,
# checked as they run: tests/debian/guest/workload.c). "pram-checkpoint
# dump --vm" runs QEMU's cpr-reboot migration with x-ignore-shared, which
# writes only the devices' state to the same tmpfs; "pram-checkpoint
# kexec" preserves it and runs systemctl kexec; in the next kernel
# pram-restore.service mounts the tmpfs back and pram-checkpoint.service
# starts QEMU with -incoming defer and reads the state back: the VM's
# ticks go on. The RAM file's pages are the very pages of before the
# kexec (same physical frames): pram hands them over in place, nobody
# read or copied them.
# e2e: system=debian mem=1536M timeout=1200
VM=/srv/vm
RAM=$VM/pram-checkpoint/ram

wait_for() { wait_grep "$1" "$2" "$VM/console"; }

boot_1() {
	mkdir -p "$VM" /var/lib/e2e
	check "mount" mount -t tmpfs -o pram=vm,size=256m,noatime none "$VM"
	start=$(date +%s)
	check "pram-checkpoint vm-start" vm_start "$VM" 96M 0
	check "the VM runs its ticks" wait_for 600 '^tick 20 '
	log "the VM booted and ticked 20 times in $(($(date +%s) - start)) s"
	date +%s.%N >/var/lib/e2e/dump-at
	check "pram-checkpoint dump --vm" pram-checkpoint dump --vm "$VM"
	ticks "$VM/console" | tail -1 >/var/lib/e2e/last-tick
	log "the VM stopped at tick $(cat /var/lib/e2e/last-tick)"
	check "no fault in the VM before" no_fault "$VM/console"
	check "the RAM file's frames" sh -c "/e2e/e2e-util pfns $RAM >/var/lib/e2e/pfns.before"
	check "pram-checkpoint kexec" pram-checkpoint kexec "$KERNEL_IMAGE" -s --append="e2e.boot=2"
	sleep infinity
}

boot_2() {
	check "pram-restore.service ran" systemctl is-active pram-restore.service
	check "pram-checkpoint.service ran" systemctl is-active pram-checkpoint.service
	journalctl -b -u pram-checkpoint.service -o cat | sed 's/^/E2E: /'
	last=$(cat /var/lib/e2e/last-tick)
	want=$((last + 20))
	check "the VM ticks again" wait_for 300 "^tick $((last + 1)) "
	# The guest's wall clock, set from the RTC at each boot: within a second.
	log "downtime: $(elapsed "$(cat /var/lib/e2e/dump-at)" "$(date +%s.%N)") s from the dump to the VM's next tick (wall clock, within 1 s)"
	check "the VM's ticks went on from $last to $want" wait_for 300 "^tick $want "
	check "no fault in the VM" no_fault "$VM/console"
	check "one run of ticks, 1 to $want, none lost or repeated" ticks_unbroken "$VM/console"
	set -- $(frames_kept /var/lib/e2e/pfns.before "$RAM")
	log "$2 pages of the VM's RAM before the kexec; at the same frame after it: $1"
	check "the VM's RAM is the same physical memory" test "$2" -gt 1000 -a "$1" -eq "$2"
	grep -a -A1 "^tick $last " "$VM/console" | sed 's/^/E2E: /'
	pass
}
