# pramdump sees what the kernel preserved: live in the guest through
# /proc/kcore, and on the host from a QEMU dump-guest-memory core.
# e2e: mem=1G
boot_1() {
	command -v pramdump >/dev/null || fail "pramdump is not in the initramfs (build it first)"
	save_tree dumpme /mnt/d
	check "pramdump lists the node" sh -c 'pramdump | grep -q "^dumpme  *shmem  *ok"'
	# Physical addresses of other users' data are root's to see, as in
	# /proc/iomem and /proc/self/pagemap.
	for f in /sys/kernel/mm/pram/root /sys/kernel/debug/pram/extents; do
		if /e2e/e2e-util as 1000 1000 cat "$f" >/dev/null 2>&1; then
			fail "a user can read $f"
		fi
	done
	log "ok: users cannot read where preserved memory is"
	pramdump -o NAME,TYPE,STATE,PAGES,DATA,RUNS,CHECKSUM,GEN
	t0=$(cut -d' ' -f1 /proc/uptime)
	check "verify --data is clean" pramdump verify --data
	t1=$(cut -d' ' -f1 /proc/uptime)
	kb=$(preserved_kb)
	echo "E2E-TIMING verify --data: $kb kB in $(awk "BEGIN {print $t1 - $t0}") s" \
		"= $(awk "BEGIN {printf \"%.1f\", ($t1 - $t0) * 1048576 / $kb}") s/GiB (TCG guest)"
	pramdump files dumpme | head -20
	check "the node is preserved after unmount: cat from memory" \
		sh -c 'pramdump cat dumpme /big >/run/big && test -s /run/big'
	echo "E2E-SHA $(sha256sum </run/big | cut -d' ' -f1)"
	grep ' ./big$' /e2e/dumpme.expected | sed 's/^/E2E-EXPECT /'
	check "cat matches the saved file" sh -c \
		"grep -q \"^\$(sha256sum </run/big | cut -d' ' -f1)  ./big\$\" /e2e/dumpme.expected"
	echo "E2E-ROOT $(cat /sys/kernel/mm/pram/root)"
	echo "E2E-DUMP-REQUEST"
	read -r reply
	[ "$reply" = dumped ] || fail "the host could not dump memory ($reply)"
	log "host dumped guest memory"
	check "inject data corruption" sh -c 'echo "dumpme data" >/sys/kernel/debug/pram/corrupt'
	pramdump verify --data
	[ $? -eq 1 ] || fail "verify --data did not report the flipped byte"
	check "metadata-only verify still clean" pramdump verify
	pass
}

host_check() {
	set -e
	root=$(sed -n 's/^E2E-ROOT //p' "$LOG" | tr -d '\r')
	want=$(sed -n 's/^E2E-SHA //p' "$LOG" | tr -d '\r')
	[ -s "$DUMP" ] || { echo "no dump"; return 1; }
	"$PRAMDUMP" -c "$DUMP" --root "$root" list
	"$PRAMDUMP" -c "$DUMP" --root "$root" list -n -o NAME,STATE | grep -q '^dumpme  *ok'
	"$PRAMDUMP" -c "$DUMP" --root "$root" verify --data
	got=$("$PRAMDUMP" -c "$DUMP" --root "$root" cat dumpme /big | sha256sum | cut -d' ' -f1)
	echo "guest sha256 $want, host sha256 $got"
	[ "$got" = "$want" ]
	"$PRAMDUMP" -c "$DUMP" scan | grep -q "^$root live"
	rm -f "$DUMP"
}
