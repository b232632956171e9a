# pram-checkpoint carries a service's process tree across the kexec: the
# workload runs as a service (in a PID namespace of its own), and
# "pram-checkpoint dump --cgroup" dumps its cgroup's tree with CRIU into
# a pram tmpfs, "pram-checkpoint kexec" preserves that tmpfs and runs
# systemctl kexec, and in the next boot pram-checkpoint.service restores
# the tree once pram-restore.service mounted the tmpfs back. The
# workload's ticks go on without a gap; the checkpoint is restored once.
# e2e: system=debian mem=1536M timeout=900
boot_1() {
	mkdir -p /srv/ckpt /var/lib/e2e
	check "mount" mount -t tmpfs -o pram=ckpt,size=256m,noatime none /srv/ckpt
	mkdir /srv/ckpt/data
	check "the workload as a service" systemd-run --unit=counter -p Type=forking \
		/e2e/workload start /srv/ckpt/data
	sleep 3
	check "the workload runs" grep -q '^tick 20 ' /srv/ckpt/data/log
	check "refused: not a pram tmpfs" sh -c '! pram-checkpoint dump --tree 1 /var/lib/e2e'
	check "pram-checkpoint dump" pram-checkpoint dump --cgroup system.slice/counter.service /srv/ckpt
	check "the service's tree is gone" sh -c '! systemctl is-active counter.service'
	sed -n 's/^tick \([0-9]*\) .*/\1/p' /srv/ckpt/data/log | tail -1 >/var/lib/e2e/last-tick
	pram-checkpoint list | sed 's/^/E2E: /'
	check "pram-checkpoint kexec" pram-checkpoint kexec "$KERNEL_IMAGE" -s --append="e2e.boot=2"
	sleep infinity
}

boot_2() {
	check "pram-restore.service ran" systemctl is-active pram-restore.service
	check "pram-checkpoint.service ran" systemctl is-active pram-checkpoint.service
	journalctl -b -u pram-checkpoint.service -o cat | sed 's/^/E2E: /'
	last=$(cat /var/lib/e2e/last-tick)
	want=$((last + 20))
	check "the ticks went on from $last to $want" wait_grep 30 "^tick $want " /srv/ckpt/data/log
	check "one run of ticks, 1 to $want, none lost or repeated" awk '
		/^tick / { if ($2 != ++n) { print "tick " $2 " after " n - 1; exit 1 } next }
		/^(started|resumed|memory:)/ { next }
		{ print "line " NR ": " $0; exit 1 }' /srv/ckpt/data/log
	check "restored once" test -f /srv/ckpt/pram-checkpoint/info.restored
	check "nothing left to restore" test -z "$(pram-checkpoint list)"
	grep "^tick $((last + 1)) " /srv/ckpt/data/log | sed 's/^/E2E: /'
	pass
}
