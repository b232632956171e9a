# Extended attributes (user., trusted., security.) and POSIX ACLs (access
# and default) come back identical after kexec, large values included, on
# files, directories and the root, with the saved mode after an access ACL.
xattr() { /e2e/e2e-util setxattr "$@"; }
acl() { /e2e/e2e-util setacl "$@"; }

boot_1() {
	mkdir -p /mnt/x
	check "mount" mount_pram attrs /mnt/x noatime
	mkdir -p /mnt/x/dir/sub
	echo data >/mnt/x/file
	ln /mnt/x/file /mnt/x/dir/hardlink
	check "user xattr" xattr /mnt/x/file user.app.version 1.2.3
	check "large user xattr" xattr /mnt/x/file user.big "$(head -c 60000 /dev/zero | tr '\0' x)"
	check "trusted xattr" xattr /mnt/x/file trusted.overlay.opaque y
	check "security xattr" xattr /mnt/x/dir security.label "system_u:object_r:tmp_t"
	check "xattr on the root" xattr /mnt/x user.root yes
	check "access ACL" acl /mnt/x/file access "u::rw-,u:1234:r--,g::r--,g:5678:rw-,m::rw-,o::---"
	check "default ACL" acl /mnt/x/dir default "u::rwx,u:4321:r-x,g::r-x,m::r-x,o::---"
	check "access ACL on a dir" acl /mnt/x/dir/sub access "u::rwx,g::r-x,g:42:rwx,m::rwx,o::r-x"
	settime /mnt/x/file 1000000000.5 1000000001.25
	manifest /mnt/x >/e2e/attrs.expected
	check "xattrs are in the manifest" grep -q "xattr:user.big=7878" /e2e/attrs.expected
	check "umount saves it" umount /mnt/x
	kexec_next
}

boot_2() {
	restore_tree attrs /mnt/x
	pass
}
