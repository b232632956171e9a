# A virtual machine survives a switch of its host's kernel, its RAM never
# copied. The guest runs its own QEMU (TCG) with the VM's RAM in a file on
# a pram tmpfs (memory-backend-file, share=on); the VM runs the workload
# as its init (a counter, an open file, a pipe and a socket, checked as
# they run: tests/debian/guest/workload.c). QEMU's cpr-reboot migration
# with x-ignore-shared writes only the devices' state to the same tmpfs;
# pram-kexec --preserve=vm, systemctl kexec; in the next kernel
# pram-restore.service mounts the tmpfs back, QEMU starts with -incoming
# defer and migrate_incoming reads the state: the VM's ticks go on. The
# RAM file's pages are the very pages of before the kexec (same physical
# frames): pram hands them over in place, nobody read or copied them.
# e2e: system=debian mem=1536M timeout=1200
VM=/srv/vm
MON=/run/vm-mon

# vm_start [QEMU ARGS...]: the VM, its console appended to $VM/console,
# its monitor (HMP) on the fifos $MON.in and $MON.out.
vm_start() {
	rm -f "$MON.in" "$MON.out"
	mkfifo "$MON.in" "$MON.out"
	cat "$MON.out" >>/run/vm-mon.log &
	qemu-system-x86_64 -nodefaults -no-user-config -display none -no-reboot \
		-machine pc,memory-backend=ram0 -m 96M \
		-object memory-backend-file,id=ram0,size=96M,mem-path=$VM/ram,share=on \
		-kernel "$KERNEL_IMAGE" -initrd /e2e/vm-initrd.gz \
		-append "console=ttyS0 quiet panic=-1" \
		-chardev file,id=ser,path=$VM/console,append=on -serial chardev:ser \
		-chardev pipe,id=mon,path=$MON -mon chardev=mon,mode=readline \
		"$@" </dev/null >/run/vm-qemu.out 2>&1 &
	echo $! >/run/vm-qemu.pid
}

# hmp COMMAND: one monitor command (its answer goes to /run/vm-mon.log).
hmp() {
	log "(qemu) $*"
	echo "$*" >"$MON.in"
}

# wait_for SECONDS FILE REGEX: FILE has a line matching REGEX in time.
wait_for() {
	for _ in $(seq "$(($1 * 2))"); do
		grep -q "$3" "$2" 2>/dev/null && return 0
		sleep 0.5
	done
	return 1
}

ticks() { sed -n 's/^tick \([0-9]*\) .*/\1/p' "$VM/console"; }
# The VM's ticks run 1, 2, 3, ... on its console, and it saw no fault.
ticks_unbroken() { ticks | awk '$1 != ++n { print "tick " $1 " after " n - 1; exit 1 }'; }
no_fault() { ! grep -a '^ERROR' "$VM/console"; }

cpr_reboot_mode() {
	hmp "migrate_set_capability x-ignore-shared on"
	hmp "migrate_set_parameter mode cpr-reboot"
}

boot_1() {
	mkdir -p "$VM" /var/lib/e2e
	check "mount" mount -t tmpfs -o pram=vm,size=256m,noatime none "$VM"
	start=$(date +%s)
	vm_start
	check "the VM runs its ticks" wait_for 600 "$VM/console" '^tick 20 '
	log "the VM booted and ticked 20 times in $(($(date +%s) - start)) s"
	cpr_reboot_mode
	date +%s.%N >/var/lib/e2e/migrate-at
	hmp "migrate -d file:$VM/state"
	for _ in $(seq 120); do
		hmp "info migrate"
		sleep 1
		grep -q "Migration status: completed" /run/vm-mon.log && break
	done
	check "cpr-reboot migration completed" grep -q "Migration status: completed" /run/vm-mon.log
	grep -a -i "transferred ram\|status" /run/vm-mon.log | tail -4 | sed 's/^/E2E: /'
	hmp "quit"
	pid=$(cat /run/vm-qemu.pid)
	for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
	check "QEMU quit" sh -c "! kill -0 $pid 2>/dev/null"
	ticks | tail -1 >/var/lib/e2e/last-tick
	log "the VM stopped at tick $(cat /var/lib/e2e/last-tick); its state: $(stat -c %s "$VM/state") bytes, its RAM: $(du -k "$VM/ram" | cut -f1) KiB in $VM"
	check "no fault in the VM before" no_fault
	check "the RAM file's frames" sh -c "/e2e/e2e-util pfns $VM/ram >/var/lib/e2e/pfns.before"
	systemd_kexec --preserve=vm
}

boot_2() {
	check "pram-restore.service ran" systemctl is-active pram-restore.service
	check "vm is back where it was" grep -q " $VM tmpfs .*pram=vm" /proc/mounts
	last=$(cat /var/lib/e2e/last-tick)
	want=$((last + 20))
	vm_start -incoming defer
	cpr_reboot_mode
	hmp "migrate_incoming file:$VM/state"
	check "the VM ticks again" wait_for 300 "$VM/console" "^tick $((last + 1)) "
	# The guest's wall clock, set from the RTC at each boot: within a second.
	log "downtime: $(elapsed "$(cat /var/lib/e2e/migrate-at)" "$(date +%s.%N)") s from the migration to the VM's next tick (wall clock, within 1 s)"
	check "the VM's ticks went on from $last to $want" wait_for 300 "$VM/console" "^tick $want "
	hmp "info status"
	check "no fault in the VM" no_fault
	check "one run of ticks, 1 to $want, none lost or repeated" ticks_unbroken
	/e2e/e2e-util pfns "$VM/ram" >/run/pfns.after
	n=$(wc -l </var/lib/e2e/pfns.before)
	moved=$(comm -23 /var/lib/e2e/pfns.before /run/pfns.after | wc -l)
	log "$n pages of the VM's RAM before the kexec; at another frame after it: $moved"
	check "the VM's RAM is the same physical memory" test "$n" -gt 1000 -a "$moved" -eq 0
	grep -a -A1 "^tick $last " "$VM/console" | sed 's/^/E2E: /'
	hmp "quit"
	pass
}
