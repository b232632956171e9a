#!/bin/bash
# Set up a git tree for working on the patch series, or export it back.
#
#   kernel/devtree.sh init DIR     DIR = pristine linux-source-6.12 as the
#                                  first commit, the series on top (git am),
#                                  pram_format.h linked in from libpramhdr
#   kernel/devtree.sh export DIR   git format-patch the series back into
#                                  kernel/patches/ and run checkpatch
#
# Edit in DIR with ordinary git (commit --fixup + rebase --autosquash keeps
# one logical change per patch), then export.
source "$(dirname "$0")/../scripts/lib.sh"

cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || die "usage: kernel/devtree.sh init|export DIR"

case $cmd in
init)
	[ -e "$dir" ] && die "$dir exists"
	src=$("$PRAM_TOP/kernel/fetch-source.sh")
	cp -a "$src" "$dir"
	cd "$dir"
	# Debian's tree ignores everything at the top level; track it all.
	sed -i '/^# Debian packaging: ignore everything/,/^!\/debian\//d' .gitignore
	git init -q
	git add -A
	git commit -q -m "linux-source-6.12 $(cat "$PRAM_CACHE/linux-src/VERSION")"
	git tag pram-base
	ln -s "$PRAM_TOP/libpramhdr/include/pram_format.h" include/linux/pram_format.h
	echo include/linux/pram_format.h >>.git/info/exclude
	git am -q "$PRAM_TOP"/kernel/patches/*.patch
	say "$dir: $(git rev-list --count pram-base..HEAD) patches on pram-base"
	;;
export)
	cd "$dir"
	rm -f "$PRAM_TOP"/kernel/patches/*.patch
	git format-patch -q --no-signature -o "$PRAM_TOP/kernel/patches" pram-base..HEAD
	"$PRAM_TOP/kernel/checkpatch.sh"
	;;
*)
	die "usage: kernel/devtree.sh init|export DIR"
	;;
esac
