# Benchmark scenario (scripts/bench; not a test: it asserts nothing about
# time). One case per run, named by bench.case= on the command line:
#   4k        1024 MiB of 4 KiB pages (huge=never)
#   huge      1024 MiB on huge=always
#   small     100,000 files of ~12 bytes in 2,000 directories
#   frag-N    N single-page runs: a file written page by page in turn with
#             a plain tmpfs file that is then deleted
# bench.verify=metadata on the command line (scripts/bench --append)
# restores with pram_verify=metadata: the restore without any CRC pass,
# measured rather than a difference of two long times.
# Boot 1 measures the floors (reading the data once, mapped and populated
# first; a write fault per page), a preserve in place (then cancelled) and
# the save by unmount; boot 2 the restore and the first full read
# (mapping, faults and reading). Every
# figure is a line "BENCH: KEY VALUE"; the host adds the kexec time from
# its own timestamps of the console.
# e2e: mem=3G timeout=1800
case=$(cmdline_get bench.case)
bench() { echo "BENCH: $1 $2"; }
# field TEXT REGEX: the first group of sed's REGEX in TEXT
field() { echo "$1" | sed -n "s/$2/\1/p" | head -n1; }
# timed WHAT CALL ARGS: the seconds one system call took, timed in the
# guest around the call alone (e2e-util timed), as the floors are
timed() {
	local what=$1 t
	shift
	# In a command substitution: the failure goes to the console.
	t=$(/e2e/e2e-util timed "$@") || fail "$what (e2e-util timed $*)" >&2
	echo "$t"
}

opts() {
	case $case in
	4k | frag-*) echo huge=never,size=2g ;;
	huge) echo huge=always,size=2g ;;
	small) echo nr_inodes=200000 ;;
	esac
}

fill() {
	case $case in
	4k | huge) /e2e/e2e-util pattern write /mnt/t/f 1024 7 ;;
	small) /e2e/e2e-util mkfiles /mnt/t 100000 2000 ;;
	frag-*)
		mount -t tmpfs -o size=1400m none /mnt/c &&
			/e2e/e2e-util interleave "${case#frag-}" 7 /mnt/t/f /mnt/c/x &&
			rm /mnt/c/x && umount /mnt/c ;;
	esac
}

boot_1() {
	mkdir -p /mnt/t /mnt/c /mnt/floor
	bench cpus "$(nproc)"
	timed "mount" mount /mnt/t "pram=bench,$(opts)" >/dev/null
	check "fill ($case)" fill
	sync
	set -- $(/e2e/e2e-util readall /mnt/t)
	bench floor.read "$1"
	bench bytes "$2"
	check "plain tmpfs" mount -t tmpfs -o huge=never,size=100m none /mnt/floor
	set -- $(/e2e/e2e-util faultpages /mnt/floor/f 64)
	bench floor.fault_ns "$(awk -v s="$1" -v n="$2" 'BEGIN {printf "%.0f", s * 1e9 / n}')"
	umount /mnt/floor
	# Preserved in place (as pram-kexec --preserve does), then cancelled
	# and saved again by the unmount, which is what the next kernel gets.
	bench preserve "$(timed "preserve in place" write /sys/kernel/mm/pram/preserve "bench /mnt/t")"
	msg=$(dmesg | grep "saved node 'bench'" | tail -n1)
	bench preserve.crc_ms "$(field "$msg" '.*CRCs in \([0-9]*\) ms.*')"
	check "cancel" sh -c 'echo bench >/sys/kernel/mm/pram/cancel'
	bench save "$(timed "umount saves" umount /mnt/t)"
	msg=$(dmesg | grep "saved node 'bench'" | tail -n1)
	bench pages "$(field "$msg" '.*: \([0-9]*\) data pages.*')"
	bench runs "$(field "$msg" '.* in \([0-9]*\) runs.*')"
	bench save.crc_ms "$(field "$msg" '.*CRCs in \([0-9]*\) ms.*')"
	kexec_next
}

boot_2() {
	mkdir -p /mnt/t
	d=$(dmesg)
	bench extents "$(field "$d" '.*pram: reserved [0-9]* pages in \([0-9]*\) extents.*')"
	bench reserve_us "$(field "$d" '.*pram: reserved .* in \([0-9]*\) us$')"
	bench adopt_us "$(field "$d" '.*pram: took over .* in \([0-9]*\) us$')"
	# What any mount costs: an empty tmpfs with the same options.
	mkdir -p /mnt/floor
	bench floor.mount "$(timed "empty tmpfs" mount /mnt/floor "$(opts)")"
	umount /mnt/floor
	verify=$(cmdline_get bench.verify)
	bench restore "$(timed "mount restores" mount /mnt/t "pram=bench,$(opts)${verify:+,pram_verify=$verify}")"
	d=$(dmesg)
	if [ "$verify" = metadata ]; then
		bench restore.crc_ms 0
	else
		bench restore.crc_ms "$(field "$d" ".*node 'bench': [0-9]* data pages match their CRCs (\([0-9]*\) ms).*")"
	fi
	bench inodes "$(field "$d" ".*node 'bench' restored: \([0-9]*\) inodes.*")"
	set -- $(/e2e/e2e-util readall /mnt/t)
	bench first_read "$3"
	pass
}
