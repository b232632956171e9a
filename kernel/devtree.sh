#!/bin/bash
# Set up a git tree for working on the patch series, or export it back.
#
#   kernel/devtree.sh init DIR     DIR = pristine linux-source-6.12 (the
#                                  kernel/BASE version) as the first commit,
#                                  tagged pram-base, the series on top (git am)
#   kernel/devtree.sh header DIR   after a change to libpramhdr's
#                                  pram_format.h: fold it into the patch that
#                                  adds include/linux/pram_format.h
#   kernel/devtree.sh export DIR   git format-patch the series back into
#                                  kernel/patches/ and run checkpatch
#
# Edit in DIR with ordinary git (commit --fixup + rebase --autosquash keeps
# one logical change per patch), then export.
source "$(dirname "$0")/../scripts/lib.sh"

cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || die "usage: kernel/devtree.sh init|header|export DIR"

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
	git am -q "$PRAM_TOP"/kernel/patches/*.patch
	say "$dir: $(git rev-list --count pram-base..HEAD) patches on pram-base"
	;;
header)
	# libpramhdr's header changed: fold it into the patch that adds it.
	cd "$dir"
	cp "$PRAM_TOP/libpramhdr/include/pram_format.h" include/linux/pram_format.h
	git diff --quiet include/linux/pram_format.h && exit 0
	adds=$(git log --format=%H --diff-filter=A pram-base..HEAD -- include/linux/pram_format.h)
	git commit -q --fixup="$adds" include/linux/pram_format.h
	GIT_SEQUENCE_EDITOR=true git rebase -q -i --autosquash pram-base
	say "folded the header into $(git log -1 --format=%s "$adds")"
	;;
export)
	cd "$dir"
	rm -f "$PRAM_TOP"/kernel/patches/*.patch
	git format-patch -q --no-signature -o "$PRAM_TOP/kernel/patches" pram-base..HEAD
	"$PRAM_TOP/kernel/checkpatch.sh"
	;;
*)
	die "usage: kernel/devtree.sh init|header|export DIR"
	;;
esac
