#!/bin/bash
# Build the PRAM test kernel: Debian's linux-source-6.12 (the version
# kernel/BASE pins) + kernel/patches/ + a QEMU config fragment. The series
# must carry the format header exactly as libpramhdr has it.
#
# Prints the directory that holds the kernel (bzImage on x86_64, Image on
# arm64), .config and BUILD-INFO. A fragment's "# arch: ARCH" line picks
# the architecture (default x86_64); arm64 is cross-compiled with
# Debian's gcc-aarch64-linux-gnu.
# Results are cached in $PRAM_CACHE/kernel/<hash of every input>, so a
# rebuild with unchanged inputs takes a second; a changed input rebuilds
# incrementally in $PRAM_CACHE/kernel-work (only files whose patched text
# changed get new timestamps).
#
# A fragment's "# deb: yes" line also builds the kernel as a Debian
# package (make bindeb-pkg): linux-image-*.deb beside the image, which
# the Debian guest installs.
#
# usage: kernel/build.sh [--config NAME]   (default x86_64-qemu; the
#        debug kernel is x86_64-qemu-debug, arm64 is arm64-virt)
source "$(dirname "$0")/../scripts/lib.sh"

config=x86_64-qemu
[ "${1:-}" = --config ] && config=$2
here=$PRAM_TOP/kernel
header=$PRAM_TOP/libpramhdr/include/pram_format.h

# A fragment may build on another: "# base: NAME" merges NAME's first.
fragments=()
add_fragment() {
	local f=$here/config/$1.config base
	[ -f "$f" ] || die "no config fragment $f"
	base=$(sed -n 's/^# base: *//p' "$f")
	[ -z "$base" ] || add_fragment "$base"
	fragments+=("$f")
}
add_fragment "$config"
arch=$(sed -n 's/^# arch: *//p' "${fragments[@]}" | tail -n1)
deb=$(sed -n 's/^# deb: *//p' "$here/config/$config.config")
case ${arch:-x86_64} in
x86_64) kmake=(make) target=bzImage image=arch/x86/boot/bzImage ;;
arm64)
	kmake=(make ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-)
	target=Image image=arch/arm64/boot/Image ;;
*) die "config $config: unknown arch $arch" ;;
esac

src=$("$here/fetch-source.sh")
version=$(cat "$PRAM_CACHE/linux-src/VERSION")
patches=("$here"/patches/*.patch)
[ -e "${patches[0]}" ] || patches=()

key=$( {
	echo "linux-source-6.12 $version"
	gcc --version | head -1
	cat "${fragments[@]}" "$header" "$0"
	for p in "${patches[@]}"; do cat "$p"; done
} | sha256sum | cut -c1-16)
out=$PRAM_CACHE/kernel/$key
if [ -f "$out/$target" ]; then
	echo "$out"
	exit 0
fi

work=$PRAM_CACHE/kernel-work
tree=$work/src
obj=$work/obj-$config
mkdir -p "$work" "$obj"
if [ ! -f "$tree/.pram-base" ] || [ "$(cat "$tree/.pram-base")" != "$version" ]; then
	say "preparing a work tree of linux-source-6.12 $version"
	rm -rf "$tree" "$obj"
	mkdir -p "$obj"
	cp -a "$src" "$tree"
	echo "$version" >"$tree/.pram-base"
	: >"$tree/.pram-touched"
fi

# Patch a scratch copy of every file the old or new series touches, then
# copy over only what differs, so make rebuilds just what changed.
say "applying ${#patches[@]} patches"
scratch=$(mktemp -d "$work/scratch.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
touched=$( {
	cat "$tree/.pram-touched"
	for p in "${patches[@]}"; do
		sed -n 's|^+++ b/\(.*\)|\1|p; s|^--- a/\(.*\)|\1|p' "$p"
	done
} | sort -u)
for f in $touched; do
	if [ -f "$src/$f" ]; then
		mkdir -p "$scratch/$(dirname "$f")"
		cp -p "$src/$f" "$scratch/$f"
	fi
done
# git apply: exact, no fuzz, as git am applies them.
for p in "${patches[@]}"; do
	# A repository above the cache would make git apply skip every path.
	(cd "$scratch" && GIT_CEILING_DIRECTORIES=$work git apply -p1 "$p") \
		>"$scratch/.patch.log" 2>&1 ||
		die "$(basename "$p") does not apply to linux-source-6.12 $version:
$(cat "$scratch/.patch.log")"
done
cmp -s "$scratch/include/linux/pram_format.h" "$header" ||
	die "the series' include/linux/pram_format.h differs from $header: one definition, two copies that must be identical (kernel/devtree.sh init, copy the header into the tree, amend the patch that adds it, export)"
for f in $touched; do
	if [ -f "$scratch/$f" ]; then
		if ! cmp -s "$scratch/$f" "$tree/$f"; then
			mkdir -p "$tree/$(dirname "$f")"
			cp "$scratch/$f" "$tree/$f"
		fi
	elif [ -f "$src/$f" ]; then
		cmp -s "$src/$f" "$tree/$f" || cp "$src/$f" "$tree/$f"
	else
		rm -f "$tree/$f"
	fi
done
echo "$touched" >"$tree/.pram-touched"

say "configuring ($config)"
"${kmake[@]}" -s -C "$tree" O="$obj" tinyconfig >/dev/null
"$tree/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" "${fragments[@]}" >/dev/null
"${kmake[@]}" -s -C "$tree" O="$obj" olddefconfig >/dev/null
# Every setting the fragments ask for, the later fragment winning, must
# have survived (a dependency missing drops a line silently).
declare -A want=()
for f in "${fragments[@]}"; do
	while read -r line; do
		case $line in
		CONFIG_*=*) want[${line%%=*}]=$line ;;
		"# CONFIG_"*" is not set") name=${line#\# }; want[${name%% *}]=$line ;;
		esac
	done <"$f"
done
for name in "${!want[@]}"; do
	line=${want[$name]}
	case $line in
	"# "*) ! grep -q "^$name=" "$obj/.config" ;;
	*) grep -qx "$line" "$obj/.config" ;;
	esac || die "config fragment line '$line' did not survive olddefconfig"
done

# bindeb-pkg builds the image (make all) and packages it, in one go.
goal=$target
if [ "$deb" = yes ]; then
	goal=bindeb-pkg
	rm -f "$work"/*.deb "$work"/*.buildinfo "$work"/*.changes
	export KDEB_PKGVERSION=$version+pram KDEB_CHANGELOG_DIST=$PRAM_KERNEL_SUITE
	export KDEB_COMPRESS=gzip
fi
say "building the kernel (make -j$(nproc) $goal)"
start=$(date +%s)
if ! "${kmake[@]}" -C "$tree" O="$obj" -j"$(nproc)" "$goal" >"$work/build.log" 2>&1; then
	grep -E 'error|Error' "$work/build.log" | head -20 >&2
	die "kernel build failed; full log in $work/build.log"
fi
secs=$(($(date +%s) - start))
mkdir -p "$out.tmp"
cp "$obj/$image" "$obj/.config" "$obj/System.map" "$out.tmp/"
[ "$deb" != yes ] || cp "$work"/linux-image-[0-9]*.deb "$out.tmp/"
{
	echo "linux-source-6.12 $version"
	echo "config $config"
	echo "build seconds $secs"
	for p in "${patches[@]}"; do basename "$p"; done
} >"$out.tmp/BUILD-INFO"
rm -rf "$out"
mv "$out.tmp" "$out"
say "kernel built in ${secs}s: $out/$target"
echo "$out"
