# The tmpfs mount options come back with the tree: a mount with only
# pram=NAME gets size=, nr_inodes=, mode=, uid=, gid=, huge=, noswap,
# mpol= and the quota options as they were saved; an option the new mount
# gives itself wins. A memory policy the next kernel cannot follow (booted
# with numa=off, its nodes are gone) costs only the policy, with a warning.
# e2e: mem=1G numa=2
opts_of() { awk -v m="$1" '$2 == m {print $4}' /proc/mounts | tr , '\n' | grep -v '^rw$\|^relatime$\|^noatime$' | sort | tr '\n' ,; }

boot_1() {
	mkdir -p /mnt/o
	check "two NUMA nodes" test -d /sys/devices/system/node/node1
	check "mount with options" mount -t tmpfs \
		-o pram=opts,size=100m,nr_inodes=5000,mode=0750,uid=123,gid=456,huge=within_size,noswap,mpol=interleave:0-1,usrquota,grpquota,usrquota_block_hardlimit=50m,grpquota_inode_hardlimit=300 \
		none /mnt/o
	echo data >/mnt/o/file
	opts_of /mnt/o >/e2e/opts.expected
	cat /e2e/opts.expected; echo
	check "options are as given" grep -q "size=102400k" /e2e/opts.expected
	check "mpol is as given" grep -q "mpol=interleave:0-1" /e2e/opts.expected
	check "quotas are as given" grep -q "usrquota_block_hardlimit=52428800" /e2e/opts.expected
	check "umount saves" umount /mnt/o
	if command -v pramdump >/dev/null; then
		pramdump show opts | grep '^options' | tee /run/pd
		check "pramdump shows the options" grep -q \
			'^options   nr_blocks=25600,nr_inodes=5000,mode=0750,uid=123,gid=456,huge=within_size,inode64,noswap,mpol=interleave:0-1,usrquota,usrquota_block_hardlimit=52428800,grpquota,grpquota_inode_hardlimit=300$' /run/pd
	fi
	kexec_next
}

boot_2() {
	mkdir -p /mnt/o
	check "mount with pram= only" mount -t tmpfs -o pram=opts none /mnt/o
	opts_of /mnt/o >/run/opts.actual
	cat /run/opts.actual; echo
	check "the saved options are back" diff /e2e/opts.expected /run/opts.actual
	check "and the data" grep -q data /mnt/o/file
	check "umount saves again" umount /mnt/o
	check "mount giving size= and usrquota itself" mount -t tmpfs -o pram=opts,size=200m,usrquota none /mnt/o
	opts_of /mnt/o >/run/opts.own
	cat /run/opts.own; echo
	check "its own size wins" grep -q "size=204800k" /run/opts.own
	check "its own quota options win" sh -c '! grep -q "grpquota" /run/opts.own'
	check "the rest is saved" sh -c 'grep -q "nr_inodes=5000" /run/opts.own && grep -q "noswap" /run/opts.own && grep -q "huge=within_size" /run/opts.own && grep -q "mpol=interleave:0-1" /run/opts.own'
	check "it does not carry over where not saved" sh -c '! grep -q "size=102400k" /run/opts.own'
	check "umount saves a third time" umount /mnt/o
	NEXT_APPEND=numa=off kexec_next
}

boot_3() {
	mkdir -p /mnt/o
	check "one NUMA node now" test ! -d /sys/devices/system/node/node1
	check "mount with pram= only" mount -t tmpfs -o pram=opts none /mnt/o
	check "the data is back" grep -q data /mnt/o/file
	opts_of /mnt/o >/run/opts.numaoff
	cat /run/opts.numaoff; echo
	check "without the policy" sh -c '! grep -q mpol= /run/opts.numaoff'
	check "with the rest" grep -q "size=204800k" /run/opts.numaoff
	check "and the kernel says why" dmesg_has "memory policy mpol=interleave:0-1 cannot be used here"
	pass
}
