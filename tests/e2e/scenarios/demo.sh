# The README demo (scripts/demo): the user story, narrated. Also a test.
# e2e: mem=1G
demo() { echo "DEMO: $*"; }
run() {
	echo "DEMO: # $*"
	"$@" 2>&1 | sed 's/^/DEMO:   /'
}

boot_1() {
	demo "---- first kernel: $(uname -r), root at $(cat /sys/kernel/mm/pram/root) ----"
	mkdir -p /mnt
	run mount -t tmpfs -o pram=mytmpfs none /mnt
	run mkdir -p /mnt/a/b
	echo something >/mnt/a/b/smth
	demo "# echo something > /mnt/a/b/smth"
	demo "# head -c 64M /dev/urandom > /mnt/big"
	head -c $((64 << 20)) /dev/urandom >/mnt/big
	run sha256sum /mnt/big /mnt/a/b/smth
	sha256sum /mnt/big /mnt/a/b/smth >/e2e/sums
	demo "(the tmpfs stays mounted: pram-kexec --preserve freezes and saves it in place)"
	repack_initrd
	run pram-kexec --preserve=mytmpfs -l $KERNEL_IMAGE --initrd=/run/initrd.cpio \
		--reuse-cmdline --append=e2e.boot=2
	[ "$(cat /sys/kernel/kexec_loaded)" = 1 ] || fail "pram-kexec loaded nothing"
	run pramdump
	run pramdump verify
	run grep Pram: /proc/meminfo
	demo "# pram-kexec -e"
	pram-kexec -e
	fail "pram-kexec -e returned"
}

boot_2() {
	if [ "$KERNEL_IMAGE" = /Image ]; then
		demo "---- second kernel: its device tree says /chosen/linux,pram-root = $(handover_root) ----"
	else
		demo "---- second kernel: booted with $(grep -o 'pram=[^ ]*' /proc/cmdline) ----"
	fi
	dmesg | grep 'pram:' | sed 's/^/DEMO:   dmesg: /'
	run pramdump
	run pramdump files mytmpfs
	mkdir -p /mnt
	run mount -t tmpfs -o pram=mytmpfs none /mnt
	run cat /mnt/a/b/smth
	run sha256sum /mnt/big /mnt/a/b/smth
	sha256sum /mnt/big /mnt/a/b/smth | diff - /e2e/sums >/dev/null ||
		fail "files differ after kexec"
	demo "files are back, byte-exact; the node was consumed:"
	run ls /sys/kernel/mm/pram/nodes/
	pass
}
