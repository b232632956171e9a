# shellcheck shell=sh
# Helpers for the Debian guest's scenarios (tests/debian/scenarios),
# sourced after the e2e lib.sh: systemd is PID 1, pram's tools come from
# their packages, the kernel from its package in /boot.

KERNEL_IMAGE=/boot/vmlinuz-$(uname -r)

# systemd_kexec [PRAM-KEXEC ARGS...]: load this kernel for boot N+1 with
# pram-kexec (-s, the command line reused), then systemctl kexec: systemd
# stops the services, unmounts, and jumps. Never returns.
systemd_kexec() {
	check "pram-kexec -l" pram-kexec -s -l "$KERNEL_IMAGE" --reuse-cmdline \
		--append="e2e.boot=$((BOOT + 1))" "$@"
	log "systemctl kexec into boot $((BOOT + 1))"
	systemctl kexec || fail "systemctl kexec failed"
	sleep infinity
}

# elapsed FROM TO: TO - FROM in seconds (wall clock), one decimal.
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f\n", b - a }'; }

# unit_time UNIT: when UNIT became active, in microseconds since boot.
unit_time() { systemctl show -P ActiveEnterTimestampMonotonic "$1"; }

# before UNIT1 UNIT2: UNIT1 became active before UNIT2 did.
before() {
	a=$(unit_time "$1")
	b=$(unit_time "$2")
	log "$1 active at ${a}us, $2 at ${b}us"
	[ "$a" -gt 0 ] && [ "$b" -gt 0 ] && [ "$a" -le "$b" ]
}

# A service that appends a counter to FILE ten times a second until it is
# stopped, then writes "stopped N"; started again, it goes on from N.
install_writer() {
	cat >/usr/local/bin/pram-e2e-writer <<-'EOS'
	#!/bin/bash
	f=$1
	n=$(grep -c '^[0-9]' "$f" 2>/dev/null)
	echo "started $n" >>"$f"
	trap 'echo "stopped $n" >>"$f"; exit 0' TERM
	while :; do
		n=$((n + 1))
		echo "$n" >>"$f"
		sleep 0.1
	done
	EOS
	chmod +x /usr/local/bin/pram-e2e-writer
	cat >"/etc/systemd/system/$1.service" <<-EOS
	[Unit]
	Description=writes to $2 until it is stopped
	RequiresMountsFor=$(dirname "$2")

	[Service]
	ExecStart=/usr/local/bin/pram-e2e-writer $2

	[Install]
	WantedBy=multi-user.target
	EOS
	systemctl daemon-reload
	systemctl enable --now "$1.service"
}

# check_writer FILE: the counter ran 1..N without a gap and was stopped at N.
check_writer() {
	awk '/^[0-9]+$/ { if ($1 != ++n) { print "gap at line " NR; exit 1 } next }
	     /^started/ { next }
	     /^stopped/ { if ($2 != n) { print "stopped " $2 " after " n; exit 1 }
			  stops++; next }
	     { print "stray line " NR ": " $0; exit 1 }
	     END { if (!stops) { print "never stopped"; exit 1 } }' "$1"
}

# The demos (scripts/demo --debian, --criu, --vm): a line of narration,
# and a command shown with its output.
demo() { echo "DEMO: $*"; }
run() {
	echo "DEMO: # $*"
	"$@" 2>&1 | sed 's/^/DEMO:   /'
}

# disk_round_trip PATH...: write PATH's files to the scratch disk (the
# scenario's "disk=", /dev/vdc: ext4, made here) and sync, then read them
# back with the page cache dropped: the I/O that keeping the same state on
# a disk instead of in RAM would add to a kernel switch. Prints "MIB WRITE
# READ" (MiB of data, seconds each). The disk is a file on the host,
# written through the host's page cache: a real disk is no faster.
disk_round_trip() {
	mkfs.ext4 -q -F /dev/vdc >/dev/null || return 1
	mkdir -p /mnt/disk && mount /dev/vdc /mnt/disk || return 1
	mib=$(du -scm "$@" | awk 'END { print $1 }')
	sync
	t0=$(date +%s.%N)
	cp -a --sparse=always "$@" /mnt/disk/ && sync || return 1
	t1=$(date +%s.%N)
	umount /mnt/disk && echo 3 >/proc/sys/vm/drop_caches && mount /dev/vdc /mnt/disk || return 1
	t2=$(date +%s.%N)
	find /mnt/disk -type f -exec cat {} + >/dev/null || return 1
	t3=$(date +%s.%N)
	umount /mnt/disk
	echo "$mib $(elapsed "$t0" "$t1") $(elapsed "$t2" "$t3")"
}

# wait_until SECONDS COMMAND...: COMMAND succeeds in time (tried five
# times a second).
wait_until() {
	n=$(($1 * 5))
	shift
	while [ "$n" -gt 0 ]; do
		"$@" && return 0
		sleep 0.2
		n=$((n - 1))
	done
	return 1
}

# wait_grep SECONDS REGEX FILE: FILE has a line matching REGEX in time.
wait_grep() { wait_until "$1" grep -a -q -- "$2" "$3" 2>/dev/null; }

# demo_checkpoint_kexec NODE: "pram-checkpoint kexec" into boot 2 of this
# kernel, shown. Never returns.
demo_checkpoint_kexec() {
	demo "# pram-checkpoint kexec $KERNEL_IMAGE -s"
	demo "(pram-kexec --preserve=$1 checks the whole chain, then systemctl kexec)"
	pram-checkpoint kexec "$KERNEL_IMAGE" -s --append="e2e.boot=2" 2>&1 |
		sed -u 's/^/DEMO:   /'
	sleep 120
	fail "no kexec two minutes after pram-checkpoint kexec"
}

# The workload's ticks (tests/debian/guest/workload.c) in its log FILE,
# whether they run 1, 2, 3, ... none lost or repeated, and whether it
# found no fault (it logs each as a line starting with ERROR).
ticks() { sed -n 's/^tick \([0-9]*\) .*/\1/p' "$1"; }
ticks_unbroken() {
	ticks "$1" | awk '$1 != ++n { print "tick " $1 " after " n - 1; exit 1 }'
}
no_fault() { ! grep -a '^ERROR' "$1"; }

# vm_start MOUNT MEM MIB: a VM of MEM whose init is the workload with MIB
# of memory to check, started by pram-checkpoint, its RAM in MOUNT, its
# console MOUNT/console.
vm_start() {
	pram-checkpoint vm-start "$1" --mem "$2" -- \
		qemu-system-x86_64 -nodefaults -no-user-config -display none -no-reboot \
		-machine pc -kernel "$KERNEL_IMAGE" -initrd /e2e/vm-initrd.gz \
		-append "console=ttyS0 quiet panic=-1 -- $3" \
		-chardev "file,id=ser,path=$1/console,append=on" -serial chardev:ser
}

# frames_kept BEFORE FILE: "SAME COUNT": of the COUNT pages in BEFORE (the
# output of "e2e-util pfns FILE" earlier), SAME are where they were.
frames_kept() {
	sort "$1" >/run/pfns.before
	/e2e/e2e-util pfns "$2" | sort >/run/pfns.after
	echo "$(comm -12 /run/pfns.before /run/pfns.after | wc -l) $(wc -l </run/pfns.before)"
}

# demo_downtime START DUMPED RESUMED: where the downtime of a checkpoint
# went, from the start of the dump (START) through its end (DUMPED, the
# checkpoint's info) to the workload's next tick (RESUMED), all wall clock
# times; the boot's part from systemd's monotonic timestamps.
demo_downtime() {
	boot_at=$(awk -v now="$(date +%s.%N)" '{ printf "%.3f", now - $1 }' /proc/uptime)
	unit=pram-checkpoint.service
	t_start=$(awk -v b="$boot_at" -v u="$(systemctl show -P InactiveExitTimestampMonotonic $unit)" \
		'BEGIN { printf "%.3f", b + u / 1e6 }')
	demo "downtime: $(elapsed "$1" "$3") s, of which"
	demo "  $(elapsed "$1" "$2") s the dump,"
	demo "  $(elapsed "$2" "$boot_at") s pram-kexec (preserve, check), systemd's shutdown, the jump,"
	demo "  $(elapsed "$boot_at" "$t_start") s the next kernel's boot up to $unit,"
	demo "  $(elapsed "$t_start" "$3") s the restore, to the next tick"
}

# after A B: time A is later than time B (seconds, with decimals).
after() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a > b) }'; }

# resumed_at FILE: the time of the workload's first tick after it was
# stopped (the tick after its "resumed" line; a tick whose write a dump
# caught is written again after the restore, with its time from before).
resumed_at() { awk '/^resumed/ { r = 1; next } r && /^tick / { print $NF; exit }' "$1"; }
