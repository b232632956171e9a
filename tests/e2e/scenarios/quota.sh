# Quotas come back with the tree: the mount's quota options, the grace
# periods, every user's and group's own limits and running grace timers,
# and usage charged to the right owners (the loader creates the files, so
# the charges must move to each file's owner). The limits still hold
# after the restore: a user's own hard limit, and the mount's default
# limit for a user who had no files before. A second round preserves the
# mounted tmpfs in place (frozen) instead of unmounting it.
# e2e: mem=1G
as() { /e2e/e2e-util as "$@"; }
report() { /e2e/e2e-util quota "$1"; }

boot_1() {
	d=/mnt/q
	mkdir -p $d
	check "mount with quotas" mount -t tmpfs \
		-o pram=q,noatime,usrquota,grpquota,usrquota_block_hardlimit=8m none $d
	chmod 1777 $d
	check "user 1000 writes" as 1000 100 sh -c \
		'head -c 1048576 /dev/urandom >/mnt/q/a && echo b >/mnt/q/b && mkdir /mnt/q/dir && echo c >/mnt/q/dir/c'
	check "user 1001 writes" as 1001 101 sh -c 'head -c 2097152 /dev/urandom >/mnt/q/big'
	echo root >$d/rootfile
	check "grace periods" sh -c '/e2e/e2e-util setgrace /mnt/q usr 3600 7200 && /e2e/e2e-util setgrace /mnt/q grp 600 900'
	# Soft limits below usage: the grace timers start now.
	check "user 1000's own limits" /e2e/e2e-util setquota $d usr 1000 512 4096 2 10
	check "group 101's own limits" /e2e/e2e-util setquota $d grp 101 1024 0 0 0
	report $d >/e2e/quota.expected
	cat /e2e/quota.expected
	check "user 1000 is charged its files" grep -q '^usr 1000 space=1056768 inodes=4 ' /e2e/quota.expected
	check "user 1000's grace timers run" grep -q '^usr 1000 .* btime=[1-9][0-9]* itime=[1-9]' /e2e/quota.expected
	manifest $d >/e2e/q.expected
	check "umount saves" umount $d
	if command -v pramdump >/dev/null; then
		pramdump show q | grep '^options\|^quota'
		check "pramdump shows user 1000's limits" sh -c \
			'pramdump show q | grep -q "^quota     user 1000: space 524288/4194304 bytes, inodes 2/10 (soft/hard), space grace until"'
	fi
	kexec_next
}

boot_2() {
	d=/mnt/q
	mkdir -p $d
	check "mount with pram= only" mount -t tmpfs -o pram=q,noatime none $d
	report $d >/run/quota.actual
	check "quotas identical: grace, usage per owner, limits, timers" \
		diff -u /e2e/quota.expected /run/quota.actual
	manifest $d >/run/q.actual
	check "tree identical" diff -u /e2e/q.expected /run/q.actual
	# (dd, since busybox head reports any failed write as an I/O error)
	as 1000 100 dd if=/dev/zero of=/mnt/q/more bs=1M count=4 2>/run/err1
	check "user 1000's own hard limit holds" grep -q "Disk quota exceeded" /run/err1
	as 1002 102 dd if=/dev/zero of=/mnt/q/new bs=1M count=9 2>/run/err2
	check "a new user gets the mount's default limit" grep -q "Disk quota exceeded" /run/err2
	rm /mnt/q/new
	check "and can write below it" as 1002 102 sh -c 'head -c 7340032 /dev/zero >/mnt/q/new'
	# Second round: preserved in place (frozen), not unmounted.
	report $d >/e2e/quota2.expected
	check "preserve in place" sh -c 'echo "q /mnt/q" >/sys/kernel/mm/pram/preserve'
	kexec_next
}

boot_3() {
	d=/mnt/q
	mkdir -p $d
	check "mount with pram= only" mount -t tmpfs -o pram=q,noatime none $d
	report $d >/run/quota2.actual
	check "quotas identical after a preserve in place" \
		diff -u /e2e/quota2.expected /run/quota2.actual
	check "user 1002 is charged its file" grep -q '^usr 1002 space=7340032 inodes=1 ' /run/quota2.actual
	pass
}
