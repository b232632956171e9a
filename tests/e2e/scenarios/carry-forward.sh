# A node nobody loads survives a further kexec and loads after it.
boot_1() {
	save_tree first /mnt/a
	save_tree second /mnt/b
	kexec_next
}

boot_2() {
	expect_node first "ready incoming"
	expect_node second "ready incoming"
	restore_tree first /mnt/a
	kexec_next
}

boot_3() {
	expect_node second "ready incoming"
	[ -z "$(node_state first)" ] || fail "consumed node first came back"
	restore_tree second /mnt/b
	pass
}
