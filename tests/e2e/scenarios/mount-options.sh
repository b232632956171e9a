# The tmpfs mount options come back with the tree: a mount with only
# pram=NAME gets size=, nr_inodes=, mode=, uid=, gid=, huge= and noswap as
# they were saved; an option the new mount gives itself wins.
# e2e: mem=1G
opts_of() { awk -v m="$1" '$2 == m {print $4}' /proc/mounts | tr , '\n' | grep -v '^rw$\|^relatime$\|^noatime$' | sort | tr '\n' ,; }

boot_1() {
	mkdir -p /mnt/o
	check "mount with options" mount -t tmpfs \
		-o pram=opts,size=100m,nr_inodes=5000,mode=0750,uid=123,gid=456,huge=within_size,noswap \
		none /mnt/o
	echo data >/mnt/o/file
	opts_of /mnt/o >/e2e/opts.expected
	cat /e2e/opts.expected; echo
	check "options are as given" grep -q "size=102400k" /e2e/opts.expected
	check "umount saves" umount /mnt/o
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
	check "mount giving size= itself" mount -t tmpfs -o pram=opts,size=200m none /mnt/o
	opts_of /mnt/o >/run/opts.own
	cat /run/opts.own; echo
	check "its own size wins" grep -q "size=204800k" /run/opts.own
	check "the rest is saved" sh -c 'grep -q "nr_inodes=5000" /run/opts.own && grep -q "noswap" /run/opts.own && grep -q "huge=within_size" /run/opts.own'
	check "it does not carry over where not saved" sh -c '! grep -q "size=102400k" /run/opts.own' 
	pass
}
