# The unmount that saves a tree takes its folios out of the page cache a
# batch at a time, not by truncation: the counts must come out as the
# truncation's would. A file of huge and small folios (huge=within_size:
# 4 MiB in two 2 MiB folios, a 12 KiB tail in small ones) is saved by
# unmount; Shmem and ShmemHugePages drop by exactly its pages, rise by
# them again when the same kernel restores it, and its folios are freed
# when the node is discarded. Without THP (the debug kernel) the file is
# all small folios.
# e2e: mem=1G
# kb FIELD: a /proc/meminfo figure, exact: each CPU's pending counts are
# folded in first (they can hide up to 20 pages a CPU here, more than the
# margin below).
kb() {
	echo 1 >/proc/sys/vm/stat_refresh
	awk -v k="$1:" '$1 == k {print $2}' /proc/meminfo
}
# near A B: A and B differ by at most 64 kB (other users of shmem)
near() { [ $(($1 - $2)) -le 64 ] && [ $(($2 - $1)) -le 64 ]; }
# step WHAT DSHMEM DHUGE: since the last step Shmem and ShmemHugePages
# moved by DSHMEM and DHUGE kB
step() {
	local s h
	s=$(kb Shmem)
	h=$(kb ShmemHugePages)
	log "$1: Shmem $((s - shmem)) kB (want $2), ShmemHugePages $((h - huge)) kB (want $3)"
	check "$1: Shmem" near $((s - shmem)) "$2"
	check "$1: ShmemHugePages" near $((h - huge)) "$3"
	shmem=$s
	huge=$h
}
file_kb=$((4096 + 12))
# Without THP (the debug kernel) the file is all small folios.
opts=huge=within_size
huge_kb=4096
if [ ! -d /sys/kernel/mm/transparent_hugepage ]; then
	opts=
	huge_kb=0
fi

boot_1() {
	mkdir -p /mnt/m
	shmem=$(kb Shmem)
	huge=$(kb ShmemHugePages)
	check "mount ${opts:-without THP}" mount_pram mix /mnt/m "$opts"
	truncate -s $((file_kb << 10)) /mnt/m/f
	head -c $((file_kb << 10)) /dev/urandom | dd of=/mnt/m/f conv=notrunc 2>/dev/null
	sum=$(sha256sum /mnt/m/f)
	step "filled" $file_kb $huge_kb
	check "umount saves it" umount /mnt/m
	check "node saved" test -d /sys/kernel/mm/pram/nodes/mix
	step "saved by unmount" -$file_kb -$huge_kb
	check "mount restores it" mount_pram mix /mnt/m "$opts"
	check "content intact" test "$(sha256sum /mnt/m/f)" = "$sum"
	step "restored" $file_kb $huge_kb
	check "umount saves it again" umount /mnt/m
	step "saved again" -$file_kb -$huge_kb
	# Freed folios leave the LRU (free memory may not show them yet: a
	# freed folio can wait on a per-CPU list). Other processes' pages
	# come and go on the same lists: a margin of 256 kB, where folios
	# left behind would show as nothing lost.
	lru=$(($(kb "Active(anon)") + $(kb "Inactive(anon)")))
	check "discard" sh -c 'echo mix >/sys/kernel/mm/pram/discard'
	lru=$((lru - $(kb "Active(anon)") - $(kb "Inactive(anon)")))
	log "the LRU lost $lru kB"
	check "its folios are freed" test $lru -ge $((file_kb - 256))
	pass
}
