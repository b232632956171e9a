# shellcheck shell=sh
# Helpers for e2e scenario scripts, sourced by the guest /init.
# A scenario defines boot_1, boot_2, ... and ends each boot with pass,
# fail, or kexec_next (which starts boot N+1).

# Value of a KEY=VALUE word of the kernel command line; the last one wins.
cmdline_get() {
	v=
	for w in $(cat /proc/cmdline); do
		case $w in "$1="*) v=${w#*=} ;; esac
	done
	echo "$v"
}

log() { echo "E2E: $*"; }

# Print the kernel log lines of PRAM and tmpfs for the record.
show_pram_log() { dmesg | grep -E 'pram|PRAM' | sed 's/^/E2E-DMESG: /'; }

finish() {
	sync
	poweroff -f
	sleep 10
}

pass() {
	show_pram_log
	echo "E2E-RESULT: PASS"
	finish
}

fail() {
	echo "E2E-FAILURE: $*"
	show_pram_log
	dmesg | tail -40 | sed 's/^/E2E-DMESG-TAIL: /'
	echo "E2E-RESULT: FAIL"
	finish
}

# check DESCRIPTION COMMAND...: run a command, fail the scenario if it fails.
check() {
	desc=$1
	shift
	"$@" || fail "$desc (command: $*)"
	log "ok: $desc"
}

dmesg_has() { dmesg | grep -q -- "$1"; }

# Let fail-nth (e2e-util failnth) fail any slab or page allocation,
# quietly: by default fault injection spares allocations that may sleep
# and order-0 pages.
fault_injection_on() {
	for f in failslab fail_page_alloc; do
		echo N >"/sys/kernel/debug/$f/ignore-gfp-wait"
		echo 0 >"/sys/kernel/debug/$f/verbose"
	done
	echo 0 >/sys/kernel/debug/fail_page_alloc/min-order
	echo N >/sys/kernel/debug/fail_page_alloc/ignore-gfp-highmem
}

# is_mounted DIR: something is mounted at DIR (busybox has no mountpoint).
is_mounted() { awk -v d="$1" '$2 == d {f = 1} END {exit !f}' /proc/mounts; }

# The kernel command line for the next boot: this one, without e2e.boot=
# and pram=, with e2e.boot=N+1 and $NEXT_APPEND if set.
next_cmdline() {
	out=""
	for w in $(cat /proc/cmdline); do
		case $w in e2e.boot=* | pram=*) ;; *) out="$out $w" ;; esac
	done
	echo "$out e2e.boot=$((BOOT + 1))${NEXT_APPEND:+ $NEXT_APPEND}"
}

# Pack this root filesystem (which holds the kernel) as the next initrd.
repack_initrd() {
	(cd / && find . -xdev \( -path ./run -o -path ./proc -o -path ./sys \
		-o -path ./dev -o -path ./mnt -o -path ./tmp \) -prune -o -print |
		cpio -o -H newc 2>/dev/null) >/run/initrd.cpio
}

# This kernel, as the initramfs holds it, and how the next one learns the
# root: pram= on x86_64; on arm64 kexec_file_load() writes it into the
# device tree (/chosen/linux,pram-root), so no pram= unless PRAM_ARG=1.
case $(uname -m) in
aarch64) KERNEL_IMAGE=/Image ;;
*) KERNEL_IMAGE=/bzImage PRAM_ARG=${PRAM_ARG:-1} ;;
esac
pram_arg() {
	[ "${PRAM_ARG:-0}" = 1 ] && echo " pram=$(cat /sys/kernel/mm/pram/root)"
}

# handover_root: the root this kernel was handed by pram-kexec, as 0x<hex>:
# the one pram= on x86_64; on arm64 /chosen/linux,pram-root, with no
# pram= beside it. Fails if it was not handed over that way.
handover_root() {
	local dt=/proc/device-tree/chosen/linux,pram-root
	case $KERNEL_IMAGE in
	/Image)
		! grep -q 'pram=' /proc/cmdline && [ -f $dt ] &&
			printf '0x%x\n' "0x$(od -An -tx1 $dt | tr -d ' \n')" ;;
	*)
		[ "$(grep -o 'pram=' /proc/cmdline | wc -l)" -eq 1 ] &&
			printf '0x%x\n' "$(sed -n 's/.*pram=\([^ ]*\).*/\1/p' /proc/cmdline)" ;;
	esac
}

# kexec_load [KEXEC ARGS...]: load this kernel again (or $KEXEC_IMAGE) with
# the current root (pram_arg), through kexec_file_load (-s) unless the
# arguments say -l style options themselves. Returns kexec's status.
kexec_load() {
	repack_initrd
	kexec ${KEXEC_MODE:--s} -l "${KEXEC_IMAGE:-$KERNEL_IMAGE}" --initrd=/run/initrd.cpio \
		--append="$(next_cmdline)$(pram_arg)" "$@"
}

# kexec_next [KEXEC ARGS...]: load and jump; never returns on success.
kexec_next() {
	kexec_load "$@" || fail "kexec load failed"
	log "kexec into boot $((BOOT + 1))"
	kexec -e
	fail "kexec -e returned"
}

# Times in the past with nanoseconds, so restores are not accidental.
settime() { /e2e/e2e-util settime "$@"; }

# manifest DIR: metadata (type, mode, owner, links, size, ns times, symlink
# target, blocks and data/hole map, xattrs) and content hash of every
# entry, sorted; names escaped.
manifest() {
	/e2e/e2e-util manifest "$1" | sort
	# Files of 128 MiB and more: e2e-util hashes their data regions.
	(cd "$1" && find . -type f -size -262144 -print0 | xargs -0 -r sha256sum | sort)
}

# make_tree DIR: the standard tree of the kernel issue: file sizes around
# page and MiB boundaries, empty and one-byte files, a 64 MiB random file
# (e2e.bigmb=N on the command line makes it N MiB: the debug kernel's runs
# are about pages, not volume), nested directories, owners and modes, past
# times with nanoseconds.
make_tree() {
	d=$1
	big=$(cmdline_get e2e.bigmb)
	mkdir -p "$d/a/b/c/d" "$d/empty" "$d/sizes"
	echo something >"$d/a/b/smth"
	: >"$d/sizes/0"
	printf x >"$d/sizes/1"
	for n in 4095 4096 4097 8191 8193 65537 1048576 1048577 3145728 2999999; do
		head -c "$n" /dev/urandom >"$d/sizes/$n"
	done
	head -c $((${big:-64} << 20)) /dev/urandom >"$d/big"
	echo deep >"$d/a/b/c/d/leaf"
	chown 1234:5678 "$d/a/b/smth"
	chown 4242:0 "$d/a/b/c"
	chmod 0600 "$d/sizes/4095"
	chmod 0751 "$d/a/b"
	chmod 1777 "$d/empty"
	chmod 0444 "$d/a/b/c/d/leaf"
	settime "$d/big" 1000000000.123456789 1100000000.987654321
	settime "$d/a/b/smth" 1200000000.000000001 1300000000.999999999
	settime "$d/a/b/c" 1400000000.5 1500000000.25
	settime "$d/empty" 1600000000.1 1600000001.2
}

# Mount a pram tmpfs; extra options may follow.
mount_pram() {
	mount -t tmpfs -o "pram=$1${3:+,$3}" none "$2"
}

# preserved_kb: the Pram: line of /proc/meminfo, in kB.
preserved_kb() { awk '/^Pram:/ {print $2}' /proc/meminfo; }

memfree_kb() { awk '/^MemFree:/ {print $2}' /proc/meminfo; }

# kexec_with_pram VALUE: jump to the next boot passing pram=VALUE as is.
kexec_with_pram() {
	repack_initrd
	kexec -s -l "$KERNEL_IMAGE" --initrd=/run/initrd.cpio \
		--append="$(next_cmdline) pram=$1" || fail "kexec load failed"
	log "kexec into boot $((BOOT + 1)) with pram=$1"
	kexec -e
	fail "kexec -e returned"
}

# node_state NAME: "STATE ORIGIN" of a node, empty if there is none.
node_state() {
	local d=/sys/kernel/mm/pram/nodes/$1
	[ ! -d "$d" ] || echo "$(cat "$d/state") $(cat "$d/origin")"
}

# node_pages NAME: pages a node holds.
node_pages() {
	cat "/sys/kernel/mm/pram/nodes/$1/pages" 2>/dev/null
}

# expect_node NAME "STATE ORIGIN"
expect_node() {
	[ "$(node_state "$1")" = "$2" ] ||
		fail "node $1 is '$(node_state "$1")', expected '$2'"
	log "ok: node $1 is $2"
}

# save_tree NAME DIR: a pram tmpfs NAME with the standard tree, its
# manifest kept in the initramfs (/e2e/NAME.expected), then unmounted.
save_tree() {
	mkdir -p "$2"
	check "mount pram=$1" mount_pram "$1" "$2" noatime
	make_tree "$2"
	manifest "$2" >"/e2e/$1.expected"
	check "umount saves $1" umount "$2"
	expect_node "$1" "ready saved"
}

# restore_tree NAME DIR: mount it back and compare with the manifest.
restore_tree() {
	mkdir -p "$2"
	check "mount pram=$1 loads it" mount_pram "$1" "$2" noatime
	manifest "$2" >"/run/$1.actual"
	check "tree $1 identical (sha256, type, mode, owner, times)" \
		diff -u "/e2e/$1.expected" "/run/$1.actual"
	[ -z "$(node_state "$1")" ] || fail "node $1 not consumed by loading"
}

# kernel_slot: physical address the kernel runs at (KASLR slot).
kernel_slot() { awk -F'[- ]+' '/Kernel code/ {print $2; exit}' /proc/iomem; }

# make_kinds_tree DIR: every kind of entry a tmpfs can hold, the fixture of
# the whole-tree scenarios: deep and empty directories, a sparse 2 GiB
# file, long/dangling/directory symlinks with their own owner and times,
# hard links across directories, fifo, socket, devices, setuid/setgid/
# sticky, ids without passwd entries, 255-byte and odd names, chattr
# flags (immutable, append-only, nodump, noatime), ns times.
make_kinds_tree() {
	d=$1
	mkdir -p "$d/deep/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16/17/18/19/20" "$d/empty"
	chmod 0700 "$d/empty"
	echo leaf >"$d/deep/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16/17/18/19/20/leaf"
	# Sparse, larger than 1 GiB: three data pages in 2 GiB of holes.
	truncate -s 2G "$d/sparse"
	printf start | dd of="$d/sparse" conv=notrunc 2>/dev/null
	printf middle | dd of="$d/sparse" bs=4096 seek=262145 conv=notrunc 2>/dev/null
	printf end | dd of="$d/sparse" bs=1 seek=$((2147483648 - 3)) conv=notrunc 2>/dev/null
	# Symlinks.
	long=$(head -c 4095 /dev/zero | tr '\0' a)
	ln -s "$long" "$d/longlink"
	ln -s /nonexistent/target "$d/dangling"
	ln -s deep/1 "$d/dirlink"
	chown -h 4000:4001 "$d/dangling"
	settime "$d/dangling" 1111111111.111111111 1222222222.222222222
	# Hard links across directories.
	echo shared >"$d/deep/1/hard"
	ln "$d/deep/1/hard" "$d/empty2" 2>/dev/null || true
	ln "$d/deep/1/hard" "$d/deep/1/2/3/hard-too"
	# Special files.
	mkfifo "$d/fifo"
	/e2e/e2e-util mksock "$d/sock" || fail "mksock"
	mknod "$d/null" c 1 3
	mknod "$d/loop0" b 7 0
	# Mode bits and ids without passwd entries.
	echo x >"$d/suid"; chmod 4755 "$d/suid"
	mkdir "$d/sgid"; chmod 2775 "$d/sgid"
	mkdir "$d/sticky"; chmod 1777 "$d/sticky"
	chown 65000:65001 "$d/suid"; chmod 4755 "$d/suid"
	# Names.
	name255=$(head -c 255 /dev/zero | tr '\0' n)
	echo long >"$d/$name255"
	echo utf >"$d/ünïcödé ☃ snow"
	echo spaced >"$d/with  two  spaces"
	echo nl >"$d/$(printf 'new\nline')"
	echo dash >"$d/-rf"
	for f in "$d/suid" "$d/fifo" "$d/null" "$d/sparse" "$d/$name255" "$d/deep/1"; do
		settime "$f" 1300000000.123456789 1400000000.987654321
	done
	# chattr flags last: an immutable inode takes no more changes.
	mkdir "$d/attrs"
	echo frozen >"$d/attrs/immutable"
	echo log >"$d/attrs/append-only"
	echo skip >"$d/attrs/nodump"
	/e2e/e2e-util chattr "$d/attrs/immutable" 10 || fail "chattr +i"
	/e2e/e2e-util chattr "$d/attrs/append-only" 20 || fail "chattr +a"
	/e2e/e2e-util chattr "$d/attrs/nodump" c0 || fail "chattr +dA"
	/e2e/e2e-util chattr "$d/attrs" 40 || fail "chattr +d on a directory"
}
