# Benchmark (scripts/bench-systemd): the downtime of systemctl kexec on the
# Debian guest, from "systemctl kexec" to a service running again, with
# its data when the tmpfs is a pram one. e2e.bench.mode=pram: a tmpfs in
# fstab with pram=cache holding e2e.bench.mb MiB; plain: the same tmpfs
# without pram= (its data is lost), as a host without pram reboots. The
# host stamps the BENCH: lines as they arrive on the console.
# e2e: system=debian mem=2G timeout=900
boot_1() {
	mode=$(cmdline_get e2e.bench.mode)
	mb=$(cmdline_get e2e.bench.mb)
	opts=size=$((mb + 64))m,noatime
	[ "$mode" = pram ] && opts=pram=cache,$opts
	mkdir -p /srv/cache
	echo "none /srv/cache tmpfs $opts 0 0" >>/etc/fstab
	cat >/etc/systemd/system/cache-user.service <<-'EOS'
	[Unit]
	Description=a service that uses the cache
	RequiresMountsFor=/srv/cache

	[Service]
	Type=oneshot
	RemainAfterExit=yes
	ExecStart=/bin/sh -c 'if [ -s /srv/cache/data ]; then echo "BENCH: back with data" >/dev/ttyS0; else echo "BENCH: back without data" >/dev/ttyS0; fi'

	[Install]
	WantedBy=multi-user.target
	EOS
	systemctl daemon-reload
	systemctl enable cache-user.service
	check "mount" systemctl start srv-cache.mount
	check "fill" sh -c "head -c ${mb}M /dev/urandom >/srv/cache/data"
	check "pram-kexec -l" pram-kexec -s -l "$KERNEL_IMAGE" --reuse-cmdline \
		--append="e2e.boot=2"
	echo "BENCH: systemctl kexec"
	systemctl kexec
	sleep infinity
}

boot_2() {
	show_pram_log
	pass
}
