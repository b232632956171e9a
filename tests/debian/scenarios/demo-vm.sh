# scripts/demo --vm: a virtual machine carried across its host's kernel
# switch, its RAM never copied, narrated. pram-checkpoint starts the VM
# (QEMU, TCG) with its RAM a shared file on /srv/vm (pram=vm); its init is
# the workload (tests/debian/guest/workload.c): a counter, an open file, a
# pipe and a socket, and 128 MiB of memory it checks. "pram-checkpoint
# dump --vm" saves only the devices' state (cpr-reboot, x-ignore-shared),
# "pram-checkpoint kexec" jumps, pram-checkpoint.service starts QEMU again
# on the same RAM file. The downtime runs from the start of the dump to
# the VM's next tick on its console (the guest's wall clock, within a
# second); next to it, the time to write the same RAM and state to a disk
# and read them back. Also a test (scripts/test --full).
# e2e: system=debian mem=2G timeout=1500 disk=1G
VM=/srv/vm
RAM=$VM/pram-checkpoint/ram
MIB=128

# checked_after TICK: a whole pass of the VM's memory check ended after TICK.
checked_after() {
	grep -a '^memory: ' "$VM/console" | sed 's/.* tick //' |
		awk -v t="$1" '$1 > t { f = 1 } END { exit !f }'
}

wait_for() { wait_grep "$1" "$2" "$VM/console"; }

boot_1() {
	demo "---- Debian $(cat /etc/debian_version), kernel $(uname -r), $(qemu-system-x86_64 --version | head -1) ----"
	mkdir -p "$VM" /var/lib/demo
	run mount -t tmpfs -o pram=vm,size=512m,noatime none "$VM"
	demo "# pram-checkpoint vm-start $VM --mem 192M -- qemu-system-x86_64 -machine pc -kernel ... -initrd vm-initrd.gz -append '... -- $MIB' ..."
	vm_start "$VM" 192M "$MIB" 2>&1 | sed 's/^/DEMO:   /'
	demo "(the VM's init: a tick every 100 ms, a record a tick from an open file, a pipe"
	demo " and a socket to a child, and $MIB MiB of memory it checks: loss shows as ERROR)"
	check "the VM runs its ticks" wait_for 900 '^tick 30 '
	demo "# tail -n 2 $VM/console"
	grep -a '^tick' "$VM/console" | tail -n 2 | sed 's/^/DEMO:   /'
	date +%s.%N >/var/lib/demo/dump-at
	run pram-checkpoint dump --vm "$VM"
	ticks "$VM/console" | tail -1 >/var/lib/demo/last-tick
	check "the VM is checkpointed" test -f "$VM/pram-checkpoint/info"
	check "no fault in the VM before" no_fault "$VM/console"
	/e2e/e2e-util pfns "$RAM" >/var/lib/demo/pfns.before ||
		fail "cannot read the RAM file's frames"
	demo_checkpoint_kexec vm
}

boot_2() {
	demo "---- next kernel, $(uname -r) ----"
	last=$(cat /var/lib/demo/last-tick)
	check "the VM ticks again" wait_for 600 "^tick $((last + 1)) "
	resumed=$(date +%s.%N)
	run journalctl -b -o cat -u pram-checkpoint.service
	# A hundredth of the memory is checked each tick: the pass that ends
	# 100 ticks after the restore read all of it.
	wait_until 900 checked_after "$((last + 100))"
	demo "# grep -a -A1 'tick $last ' $VM/console; grep -a memory: $VM/console | tail -1"
	grep -a -A1 "^tick $last " "$VM/console" | sed 's/^/DEMO:   /'
	grep -a '^memory: ' "$VM/console" | tail -1 | sed 's/^/DEMO:   /'
	demo "(the VM's clock stopped with it: it saw a short gap; it checks its memory"
	demo " a hundredth a tick, so by then it had read all of it since the restore)"
	check "the VM checked all its memory after the restore" checked_after "$((last + 100))"
	check "no fault in the VM" no_fault "$VM/console"
	check "one run of ticks, none lost or repeated" ticks_unbroken "$VM/console"
	set -- $(frames_kept /var/lib/demo/pfns.before "$RAM")
	demo "the VM's RAM: $1 of its $2 pages at the same physical frames as before the kexec"
	check "the VM's RAM is the same memory" test "$2" -gt 1000 -a "$1" -eq "$2"
	dump_at=$(cat /var/lib/demo/dump-at)
	dumped=$(sed -n 's/^dumped=//p' "$VM/pram-checkpoint/info.restored")
	demo "from the start of the dump to the VM's tick $((last + 1)), its RAM ($(du -m "$RAM" | cut -f1) MiB in use) never copied:"
	demo_downtime "$dump_at" "$dumped" "$resumed"
	log "downtime $(elapsed "$dump_at" "$resumed") s"
	disk=$(disk_round_trip "$RAM" "$VM/pram-checkpoint/state") ||
		fail "the disk comparison failed"
	set -- $disk
	demo "the same RAM and state through a disk instead: $2 s to write $1 MiB and sync, $3 s to read them back"
	demo "(that is what saving the VM to disk adds to the downtime; pram adds none of it)"
	log "disk: $1 MiB written in $2 s, read in $3 s"
	pass
}
