# scripts/demo --debian: the fstab story on a Debian system, narrated. A
# tmpfs in /etc/fstab with pram=cache, a service writing to it, pram-kexec
# -l and systemctl kexec; in the next kernel the same fstab line brings the
# files back and the service carries on. Also a test.
# e2e: system=debian mem=1536M timeout=900
boot_1() {
	demo "---- Debian $(cat /etc/debian_version), systemd $(systemctl --version | awk 'NR == 1 {print $2}'), kernel $(uname -r) from its package ----"
	run dpkg-query -W pram-tools libpramhdr0 "linux-image-$(uname -r)"
	mkdir -p /srv/cache
	echo "none /srv/cache tmpfs pram=cache,size=256m,noatime 0 0" >>/etc/fstab
	demo "# echo 'none /srv/cache tmpfs pram=cache,size=256m,noatime 0 0' >> /etc/fstab"
	systemctl daemon-reload
	run systemctl start srv-cache.mount
	run findmnt -n /srv/cache
	demo "# head -c 64M /dev/urandom > /srv/cache/big"
	head -c 64M /dev/urandom >/srv/cache/big
	install_writer cache-writer /srv/cache/log
	demo "(cache-writer.service appends a counter to /srv/cache/log ten times a second)"
	sleep 2
	run sha256sum /srv/cache/big
	sha256sum /srv/cache/big >/var/lib/demo.sums
	run tail -n 2 /srv/cache/log
	run pram-kexec -l "$KERNEL_IMAGE" --reuse-cmdline --append=e2e.boot=2
	demo "# systemctl kexec"
	demo "(systemd stops cache-writer, unmounts /srv/cache, which saves it, and jumps)"
	systemctl kexec
	sleep infinity
}

boot_2() {
	demo "---- next kernel, $(uname -r) ----"
	run findmnt -n /srv/cache
	run sha256sum -c /var/lib/demo.sums
	sha256sum --quiet -c /var/lib/demo.sums || fail "the file changed"
	demo "# grep -A1 stopped /srv/cache/log"
	grep -A1 '^stopped' /srv/cache/log | sed 's/^/DEMO:   /'
	check_writer /srv/cache/log >/dev/null || fail "the writer's log has a gap"
	run systemctl is-active cache-writer.service
	demo "# journalctl -k -b | grep pram"
	journalctl -k -b -o cat | grep -E '^(tmpfs )?pram:' | sed 's/^/DEMO:   /'
	pass
}
