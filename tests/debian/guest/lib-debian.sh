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
