# Every kind of tree entry comes back identical: deep and empty
# directories, a sparse 2 GiB file (holes stay holes: blocks and the
# SEEK_DATA/SEEK_HOLE map are compared), symlinks (PATH_MAX-1 target,
# dangling, with their own owner and times), hard links across
# directories, fifo, unix socket, character and block devices, setuid,
# setgid and sticky bits, ids without passwd entries, names of 255 bytes
# with UTF-8, spaces, a newline and a leading dash, chattr flags
# (immutable and append-only keep working), ns times everywhere.
# e2e: mem=1G
boot_1() {
	d=/mnt/k
	mkdir -p $d
	check "mount" mount_pram kinds $d noatime
	make_kinds_tree $d
	manifest $d >/e2e/kinds.expected
	check "the manifest groups hard links" grep -q 'deep/1/hard file .* links-with=/deep/1/2/3/hard-too' /e2e/kinds.expected
	check "the manifest sees holes" grep -q 'sparse file .* blocks=24 map=0-4096,1073745920-1073750016,2147479552-2147483648,' /e2e/kinds.expected
	check "the manifest sees chattr flags" grep -q '^/attrs/immutable file .* flags=0x10' /e2e/kinds.expected
	check "umount saves it" umount $d
	# pramdump shows the same tree: types, modes, sizes, link targets.
	if command -v pramdump >/dev/null; then
		pramdump files kinds -r -n -o PATH,TYPE,MODE,SIZE,TARGET -b >/run/pd
		check "pramdump lists every name" test "$(wc -l </run/pd)" -eq \
			"$(grep -c '^/' /e2e/kinds.expected)"
		check "pramdump: sparse file" grep -q '^/sparse file -rw-r--r-- 2147483648' /run/pd
		check "pramdump: dangling symlink" grep -q '^/dangling symlink lrwxrwxrwx 19 /nonexistent/target' /run/pd
		check "pramdump: setuid file" grep -q '^/suid file -rwsr-xr-x 2 ' /run/pd
		check "pramdump: block device" grep -q '^/loop0 blk brw-r--r-- 0' /run/pd
		check "pramdump: sticky dir" grep -q '^/sticky dir drwxrwxrwt ' /run/pd
		pramdump files kinds -r -n -o PATH,FLAGS >/run/pdf
		check "pramdump: chattr flags" grep -qx '/attrs/nodump dA' /run/pdf
	fi
	kexec_next
}

boot_2() {
	restore_tree kinds /mnt/k
	check "an immutable file stays immutable" sh -c '! echo x >>/mnt/k/attrs/immutable'
	check "an append-only file takes appends" sh -c 'echo more >>/mnt/k/attrs/append-only'
	check "but cannot be truncated" sh -c '! echo x >/mnt/k/attrs/append-only'
	pass
}
