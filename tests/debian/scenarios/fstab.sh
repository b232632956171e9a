# A tmpfs in /etc/fstab with pram=cache, and one as a .mount unit with
# pram=data, survive systemctl kexec on a Debian system. A service keeps
# writing to the cache until systemd stops it; systemd unmounts both
# (which saves them), the kernel jumps, and the next boot mounts them
# from the same fstab line and unit before local-fs.target: the trees
# are byte-exact, the writer's log is whole up to the moment it was
# stopped, and a service ordered after the mount finds its data.
# e2e: system=debian mem=1536M timeout=900
boot_1() {
	mkdir -p /srv/cache /srv/data /var/lib/e2e
	echo "none /srv/cache tmpfs pram=cache,size=256m,mode=0755,noatime 0 0" >>/etc/fstab
	cat >/etc/systemd/system/srv-data.mount <<-EOS
	[Unit]
	Description=pram tmpfs for data

	[Mount]
	What=none
	Where=/srv/data
	Type=tmpfs
	Options=pram=data,size=64m,noatime

	[Install]
	WantedBy=local-fs.target
	EOS
	# Runs at every boot, ordered after the cache mount: records whether
	# it found the tree the previous boot left.
	cat >/etc/systemd/system/cache-reader.service <<-EOS
	[Unit]
	Description=reads the cache at boot
	RequiresMountsFor=/srv/cache

	[Service]
	Type=oneshot
	RemainAfterExit=yes
	ExecStart=/bin/sh -c 'b=\$(cat /proc/sys/kernel/random/boot_id); if [ -f /var/lib/e2e/cache.sums ] && (cd /srv/cache && sha256sum --quiet -c /var/lib/e2e/cache.sums); then echo "\$b found" >>/var/lib/e2e/reader; echo "E2E: cache-reader found its data" >/dev/ttyS0; else echo "\$b missing" >>/var/lib/e2e/reader; fi'

	[Install]
	WantedBy=multi-user.target
	EOS
	systemctl daemon-reload
	check "fstab mount" systemctl start srv-cache.mount
	check "mount unit" systemctl enable --now srv-data.mount
	check "cache-reader enabled" systemctl enable cache-reader.service
	check "the cache is a pram tmpfs" grep -q " /srv/cache tmpfs .*pram=cache" /proc/mounts
	make_tree /srv/cache/tree
	(cd /srv/cache && find tree -type f -print0 | xargs -0 sha256sum) >/var/lib/e2e/cache.sums
	manifest /srv/cache/tree >/var/lib/e2e/cache.expected
	head -c 3M /dev/urandom >/srv/data/blob
	manifest /srv/data >/var/lib/e2e/data.expected
	install_writer cache-writer /srv/cache/log
	sleep 2
	n=$(grep -c '^[0-9]' /srv/cache/log)
	echo "$n" >/var/lib/e2e/writer-at-kexec
	log "the writer is at $n"
	systemd_kexec
}

boot_2() {
	show_pram_log
	check "the cache is back from its fstab line" grep -q " /srv/cache tmpfs .*pram=cache" /proc/mounts
	check "the data from its mount unit" grep -q " /srv/data tmpfs .*pram=data" /proc/mounts
	check "cache restored by the mount (dmesg)" dmesg_has "node 'cache' restored"
	check "srv-cache.mount before local-fs.target" before srv-cache.mount local-fs.target
	check "srv-data.mount before local-fs.target" before srv-data.mount local-fs.target
	manifest /srv/cache/tree >/run/cache.actual
	check "the cache tree is byte-exact" diff -u /var/lib/e2e/cache.expected /run/cache.actual
	manifest /srv/data >/run/data.actual
	check "the data is byte-exact" diff -u /var/lib/e2e/data.expected /run/data.actual
	check "cache-reader found its data" grep -q "$(cat /proc/sys/kernel/random/boot_id) found" /var/lib/e2e/reader
	check "the writer's log is whole up to its stop" check_writer /srv/cache/log
	at=$(cat /var/lib/e2e/writer-at-kexec)
	stopped=$(sed -n 's/^stopped //p' /srv/cache/log | head -1)
	log "the writer was at $at at systemctl kexec, stopped at $stopped"
	check "it kept writing until systemd stopped it" test "$stopped" -gt "$at"
	check "and writes again" sh -c 'sleep 1; tail -1 /srv/cache/log | grep -q "^[0-9]"'
	pass
}
