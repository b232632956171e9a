# scripts/demo --criu: a process tree carried across a kernel switch by
# CRIU and a pram tmpfs, narrated. The workload (tests/debian/guest/
# workload.c) runs as a service with 256 MiB of memory it checks, a
# counter, an open file, a pipe and a socket; pram-checkpoint dumps its
# cgroup into /srv/ckpt (pram=ckpt) and jumps; in the next kernel
# pram-checkpoint.service restores it and it ticks on. The downtime runs
# from the start of the dump to the workload's next tick (the guest's wall
# clock, within a second); next to it, the time to write the same images
# to a disk and read them back. Also a test (scripts/test --full).
# e2e: system=debian mem=2G timeout=1500 disk=2G
MIB=256

boot_1() {
	demo "---- Debian $(cat /etc/debian_version), kernel $(uname -r), $(criu --version | head -1) ----"
	mkdir -p /srv/ckpt /var/lib/demo
	run mount -t tmpfs -o pram=ckpt,size=768m,noatime none /srv/ckpt
	mkdir /srv/ckpt/data
	cp /e2e/workload /usr/local/bin/workload
	run systemd-run --unit=counter -p Type=forking \
		/usr/local/bin/workload start /srv/ckpt/data "$MIB"
	demo "(counter.service: a tick every 100 ms in anonymous memory, a record a tick"
	demo " read from an open file, values through a pipe to a child and back through"
	demo " a socket, and $MIB MiB of memory it checks: any loss shows as ERROR)"
	check "the workload runs" wait_grep 60 '^tick 30 ' /srv/ckpt/data/log
	run tail -n 2 /srv/ckpt/data/log
	date +%s.%N >/var/lib/demo/dump-at
	run pram-checkpoint dump --cgroup system.slice/counter.service /srv/ckpt
	ticks /srv/ckpt/data/log | tail -1 >/var/lib/demo/last-tick
	check "the workload is checkpointed" test -f /srv/ckpt/pram-checkpoint/info
	check "no fault before the dump" no_fault /srv/ckpt/data/log
	run pram-checkpoint list
	demo_checkpoint_kexec ckpt
}

boot_2() {
	demo "---- next kernel, $(uname -r) ----"
	last=$(cat /var/lib/demo/last-tick)
	check "the counter went on from tick $last" wait_grep 120 "^tick $((last + 150)) " /srv/ckpt/data/log
	run journalctl -b -o cat -u pram-checkpoint.service
	demo "# grep -B1 -A1 resumed /srv/ckpt/data/log"
	grep -B1 -A1 '^resumed' /srv/ckpt/data/log | sed 's/^/DEMO:   /'
	check "its memory checked whole after the restore" grep -q "^resumed after .*: $MIB MiB of memory intact" /srv/ckpt/data/log
	check "no fault: file offset, pipe, socket and memory intact" no_fault /srv/ckpt/data/log
	check "one run of ticks, none lost or repeated" ticks_unbroken /srv/ckpt/data/log
	resumed=$(resumed_at /srv/ckpt/data/log)
	dump_at=$(cat /var/lib/demo/dump-at)
	dumped=$(sed -n 's/^dumped=//p' /srv/ckpt/pram-checkpoint/info.restored)
	images=/srv/ckpt/pram-checkpoint/images
	demo "from the start of the dump to the first tick after the restore, $(du -sm "$images" | cut -f1) MiB of images kept in RAM:"
	check "the first tick after the restore comes after the dump" after "$resumed" "$dumped"
	check "one copy of the memory dumped" test "$(du -sm "$images" | cut -f1)" -lt $((MIB * 3 / 2))
	demo_downtime "$dump_at" "$dumped" "$resumed"
	log "downtime $(elapsed "$dump_at" "$resumed") s"
	disk=$(disk_round_trip "$images") || fail "the disk comparison failed"
	set -- $disk
	demo "the same images through a disk instead: $2 s to write $1 MiB and sync, $3 s to read them back"
	demo "(that is what a checkpoint on disk adds to the downtime; pram adds none of it)"
	log "disk: $1 MiB written in $2 s, read in $3 s"
	pass
}
