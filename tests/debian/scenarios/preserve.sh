# pram-kexec --preserve --at-shutdown, then systemctl kexec: the tmpfs
# stays writable while the services stop (a service writing to it keeps
# writing until it is stopped, and nothing waits on a frozen
# filesystem), systemd's unmount saves it with the mountpoint pram-kexec
# recorded, and pram-restore.service mounts it back there in the next
# boot before sysinit.target, so a service ordered after it finds its
# data.
# e2e: system=debian mem=1536M timeout=900
boot_1() {
	mkdir -p /var/lib/ckpt /var/lib/e2e
	check "mount" mount -t tmpfs -o pram=ckpt,size=128m,mode=0750,noatime none /var/lib/ckpt
	make_tree /var/lib/ckpt/tree
	manifest /var/lib/ckpt/tree >/var/lib/e2e/ckpt.expected
	cat >/etc/systemd/system/ckpt-reader.service <<-'EOS'
	[Unit]
	Description=reads the checkpoint at boot

	[Service]
	Type=oneshot
	RemainAfterExit=yes
	ExecStart=/bin/sh -c 'test -f /var/lib/ckpt/tree/a/b/smth && echo "E2E: ckpt-reader found its data" >/dev/ttyS0 && touch /run/ckpt-found'

	[Install]
	WantedBy=multi-user.target
	EOS
	systemctl daemon-reload
	systemctl enable ckpt-reader.service
	install_writer ckpt-writer /var/lib/ckpt/log
	sleep 2
	n=$(grep -c '^[0-9]' /var/lib/ckpt/log)
	echo "$n" >/var/lib/e2e/writer-at-kexec
	log "the writer is at $n"
	systemd_kexec --preserve=ckpt --at-shutdown
}

boot_2() {
	check "pram-restore.service ran" systemctl is-active pram-restore.service
	check "ckpt is back where it was, as it was" \
		grep -q " /var/lib/ckpt tmpfs rw,noatime,.*mode=750,.*pram=ckpt" /proc/mounts
	check "before sysinit.target" before pram-restore.service sysinit.target
	check "ckpt-reader ran after it" before pram-restore.service ckpt-reader.service
	check "and found its data" test -f /run/ckpt-found
	manifest /var/lib/ckpt/tree >/run/ckpt.actual
	check "the tree is byte-exact" diff -u /var/lib/e2e/ckpt.expected /run/ckpt.actual
	check "the writer's log is whole up to its stop" check_writer /var/lib/ckpt/log
	at=$(cat /var/lib/e2e/writer-at-kexec)
	stopped=$(sed -n 's/^stopped //p' /var/lib/ckpt/log | head -1)
	log "the writer was at $at at systemctl kexec, stopped at $stopped"
	check "it kept writing until systemd stopped it" test "$stopped" -gt "$at"
	pass
}

# The console of boot 1: pram's shutdown hook found it saved.
host_check() {
	grep -a "pram-shutdown: pram=ckpt: saved, as pram-kexec --preserve asked" "$LOG"
}
