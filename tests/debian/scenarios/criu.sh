# A process tree checkpointed with CRIU into a pram tmpfs comes back in
# the next kernel and carries on: its counter in anonymous memory goes on
# from where it was, its open file from the same offset, and the values
# in flight in its pipe and unix socket arrive, none lost (the workload
# checks each as it runs: tests/debian/guest/workload.c). CRIU's images
# and the workload's files cross the kexec in RAM: criu dump into
# /srv/ckpt (pram=ckpt), pram-kexec --preserve=ckpt, systemctl kexec;
# pram-restore.service mounts the tree back where it was, criu restore.
# e2e: system=debian mem=1536M timeout=900
boot_1() {
	criu check >/run/criu-check 2>&1
	sed 's/^/E2E: criu check: /' /run/criu-check
	check "criu check" grep -q "Looks good" /run/criu-check
	mkdir -p /srv/ckpt /var/lib/e2e
	check "mount" mount -t tmpfs -o pram=ckpt,size=256m,noatime none /srv/ckpt
	mkdir -p /srv/ckpt/images /srv/ckpt/data
	pid=$(/e2e/workload start /srv/ckpt/data) || fail "the workload did not start"
	sleep 3
	check "the workload runs" grep -q '^tick 20 ' /srv/ckpt/data/log
	date +%s.%N >/var/lib/e2e/dump-at
	check "criu dump" criu dump -t "$pid" -D /srv/ckpt/images -o dump.log
	date +%s.%N >/var/lib/e2e/dumped
	check "the tree is gone" sh -c "! kill -0 $pid 2>/dev/null"
	last=$(sed -n 's/^tick \([0-9]*\) .*/\1/p' /srv/ckpt/data/log | tail -1)
	echo "$last" >/var/lib/e2e/last-tick
	log "dumped at tick $last ($(du -sk /srv/ckpt/images | cut -f1) KiB of images)"
	check "no fault before the dump" no_fault /srv/ckpt/data/log
	systemd_kexec --preserve=ckpt
}

boot_2() {
	check "pram-restore.service ran" systemctl is-active pram-restore.service
	check "ckpt is back where it was" grep -q " /srv/ckpt tmpfs .*pram=ckpt" /proc/mounts
	check "criu restore" criu restore -D /srv/ckpt/images -d -o restore.log
	last=$(cat /var/lib/e2e/last-tick)
	want=$((last + 20))
	check "the counter went on from tick $last to $want" wait_grep 30 "^tick $want " /srv/ckpt/data/log
	check "one run of ticks, 1 to $want, none lost or repeated" awk '
		/^tick / { if ($2 != ++n) { print "tick " $2 " after " n - 1; exit 1 } next }
		/^(started|resumed|memory:)/ { next }
		{ print "line " NR ": " $0; exit 1 }' /srv/ckpt/data/log
	acked() { sed -n "s/^tick $1 acked \([0-9]*\) .*/\1/p" /srv/ckpt/data/log; }
	check "the child acknowledges through the socket again" \
		test "$(acked "$want")" -gt "$(acked "$last")"
	grep -A1 "^tick $last " /srv/ckpt/data/log | sed 's/^/E2E: /'
	# The guest's wall clock, set from the RTC at each boot: within a second.
	back=$(resumed_at /srv/ckpt/data/log)
	check "the first tick after the restore comes after the dump" after "$back" "$(cat /var/lib/e2e/dumped)"
	log "downtime: $(elapsed "$(cat /var/lib/e2e/dump-at)" "$back") s from criu dump to the next tick (wall clock, within 1 s)"
	pass
}
