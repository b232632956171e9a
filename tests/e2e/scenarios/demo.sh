# The README demo (scripts/demo): the user story, narrated. Also a test.
# e2e: mem=1G
demo() { echo "DEMO: $*"; }
run() {
	echo "DEMO: # $*"
	"$@" 2>&1 | sed 's/^/DEMO:   /'
}

boot_1() {
	demo "---- first kernel: $(uname -r), root at $(cat /sys/kernel/pram) ----"
	mkdir -p /mnt
	run mount -t tmpfs -o pram=mytmpfs none /mnt
	run mkdir -p /mnt/a/b
	echo something >/mnt/a/b/smth
	demo "# echo something > /mnt/a/b/smth"
	demo "# head -c 64M /dev/urandom > /mnt/big"
	head -c $((64 << 20)) /dev/urandom >/mnt/big
	run sha256sum /mnt/big /mnt/a/b/smth
	sha256sum /mnt/big /mnt/a/b/smth >/e2e/sums
	run umount /mnt
	run cat /sys/kernel/mm/pram/nodes
	demo "  (name type state origin pages generation)"
	run grep Pram: /proc/meminfo
	demo "# kexec -s -l /bzImage --initrd=/initrd --append=\"... pram=\$(cat /sys/kernel/pram)\""
	kexec_load || fail "kexec load failed"
	demo "# kexec -e"
	kexec -e
	fail "kexec -e returned"
}

boot_2() {
	demo "---- second kernel: booted with $(grep -o 'pram=[^ ]*' /proc/cmdline) ----"
	dmesg | grep 'pram:' | sed 's/^/DEMO:   dmesg: /'
	run cat /sys/kernel/mm/pram/nodes
	mkdir -p /mnt
	run mount -t tmpfs -o pram=mytmpfs none /mnt
	run cat /mnt/a/b/smth
	run sha256sum /mnt/big /mnt/a/b/smth
	sha256sum /mnt/big /mnt/a/b/smth | diff - /e2e/sums >/dev/null ||
		fail "files differ after kexec"
	demo "files are back, byte-exact; the node was consumed:"
	run cat /sys/kernel/mm/pram/nodes
	pass
}
