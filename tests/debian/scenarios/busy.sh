# A pram tmpfs still in use at the final unmount of systemctl kexec is
# saved, not lost. A process systemd does not stop (KillMode=none) and
# spares from its final kill (argv[0] starting with '@', as storage
# daemons are) keeps the tmpfs open and writes to it; systemd's unmount
# fails, and systemd-shutdown detaches it. pram's systemd-shutdown hook
# then freezes and saves it by name, says so on the console, and
# pram-restore.service mounts it back where it was at the next boot (the
# mountpoint pram-kexec -l recorded), byte-exact.
# e2e: system=debian mem=1536M timeout=900
boot_1() {
	mkdir -p /srv/busy /var/lib/e2e
	check "mount" mount -t tmpfs -o pram=busy,size=128m,noatime none /srv/busy
	make_tree /srv/busy/tree
	manifest /srv/busy/tree >/var/lib/e2e/busy.expected
	# No child processes (the final kill would take them): read -t waits.
	cat >/usr/local/bin/pram-e2e-holder <<-'EOS'
	#!/bin/bash
	cd /srv/busy || exit 1
	mkfifo wait
	exec 3>>held 4<>wait
	while :; do
		echo "$EPOCHREALTIME" >&3
		read -r -t 0.2 -u 4
	done
	EOS
	chmod +x /usr/local/bin/pram-e2e-holder
	cat >/etc/systemd/system/busy-holder.service <<-'EOS'
	[Unit]
	Description=holds /srv/busy open through the shutdown

	[Service]
	ExecStart=@/bin/bash @busy-holder /usr/local/bin/pram-e2e-holder
	KillMode=none
	EOS
	systemctl daemon-reload
	check "holder started" systemctl start busy-holder.service
	sleep 1
	check "the holder writes" test -s /srv/busy/held
	echo "$EPOCHREALTIME" >/var/lib/e2e/kexec-at
	systemd_kexec
}

boot_2() {
	check "pram-restore.service ran" systemctl is-active pram-restore.service
	check "busy is back where it was" grep -q " /srv/busy tmpfs .*pram=busy" /proc/mounts
	manifest /srv/busy/tree >/run/busy.actual
	check "the tree is byte-exact" diff -u /var/lib/e2e/busy.expected /run/busy.actual
	last=$(tail -n 1 /srv/busy/held)
	log "systemctl kexec at $(cat /var/lib/e2e/kexec-at), the holder's last write at $last"
	check "the holder's writes during the shutdown are there" \
		awk -v a="$(cat /var/lib/e2e/kexec-at)" -v b="$last" 'BEGIN { exit !(b > a + 1) }'
	pass
}

# The console of boot 1: the hook said what it did.
host_check() {
	grep -a "pram-shutdown: pram=busy: still in use at the final unmount.*: frozen and saved in place" "$LOG"
	grep -a "pram-shutdown: the preserved memory passes its checks: busy" "$LOG"
}
