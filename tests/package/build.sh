#!/bin/bash
# Build pram's Debian packages (debian/) from this tree with
# dpkg-buildpackage, check them with lintian, and check what they hold:
# pram-tools (pram-kexec, pramdump, pram-restore and pram-checkpoint with
# their units, the systemd-shutdown hook, man pages), libpramhdr0 and
# libpramhdr-dev.
#
# usage: tests/package/build.sh OUTDIR
# Leaves the .deb files in OUTDIR (the Debian guest installs them).
source "$(dirname "$0")/../../scripts/lib.sh"

out=${1:?usage: tests/package/build.sh OUTDIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/pram-deb.XXXXXX")
trap '[ -n "${PRAM_KEEP:-}" ] || rm -rf "$work"' EXIT
version=$(dpkg-parsechangelog -l "$PRAM_TOP/debian/changelog" -S Version)
src=$work/pram-$version
mkdir -p "$src"
# The source as committed or not, without build trees.
tar -C "$PRAM_TOP" --exclude=./.git --exclude=./build --exclude='./build-*' \
	--exclude='./obj-*' --exclude=./debian/.debhelper --exclude=./debian/tmp \
	-cf - . | tar -C "$src" -xf -

say "dpkg-buildpackage (pram $version)"
(cd "$src" && PRAM_CACHE=$PRAM_CACHE dpkg-buildpackage -us -uc -b \
	>"$work/build.log" 2>&1) || {
	tail -40 "$work/build.log" >&2
	die "dpkg-buildpackage failed"
}
arch=$(dpkg --print-architecture)
changes=$work/pram_${version}_$arch.changes
[ -f "$changes" ] || die "no $changes"

say "lintian"
lintian --fail-on error,warning --display-info "$changes" >"$work/lintian.log" 2>&1 || {
	cat "$work/lintian.log" >&2
	die "lintian found problems"
}
cat "$work/lintian.log"

# What each package must hold.
expect() {
	local deb=$work/${1}_${version}_$arch.deb path
	[ -f "$deb" ] || die "no package $1"
	for path in "${@:2}"; do
		grep -qx "./$path" <<<"$(dpkg-deb -c "$deb" | awk '{print $6}')" ||
			die "$1 lacks $path"
	done
}
multiarch=$(dpkg-architecture -q DEB_HOST_MULTIARCH)
expect pram-tools usr/sbin/pram-kexec usr/bin/pramdump usr/sbin/pram-restore \
	usr/sbin/pram-checkpoint \
	"$(pkg-config --variable=systemdsystemunitdir systemd | sed 's|^/||')/pram-restore.service" \
	"$(pkg-config --variable=systemdsystemunitdir systemd | sed 's|^/||')/pram-checkpoint.service" \
	"$(pkg-config --variable=systemdshutdowndir systemd | sed 's|^/||')/pram" \
	usr/share/man/man8/pram-kexec.8.gz usr/share/man/man1/pramdump.1.gz \
	usr/share/man/man8/pram-restore.8.gz usr/share/man/man8/pram-checkpoint.8.gz
expect pram-tools usr/share/doc/pram-tools/copyright.kexec-tools
expect libpramhdr0 "usr/lib/$multiarch/libpramhdr.so.0"
expect libpramhdr-dev usr/include/pramhdr.h usr/include/pram_format.h \
	"usr/lib/$multiarch/libpramhdr.so" "usr/lib/$multiarch/pkgconfig/libpramhdr.pc"
# pram-tools' programs load the packaged library, and it exports the API only.
grep -q 'Depends:.*libpramhdr0' <<<"$(dpkg-deb -I "$work/pram-tools_${version}_$arch.deb")" ||
	die "pram-tools does not depend on libpramhdr0"
dpkg-deb -x "$work/libpramhdr0_${version}_$arch.deb" "$work/lib"
if nm -D --defined-only "$work/lib/usr/lib/$multiarch/libpramhdr.so.0" |
	awk '$3 != "" {print $3}' | grep -v -e '^pramhdr_' -e '^LIBPRAMHDR_0$'; then
	die "libpramhdr.so.0 exports symbols outside its API (above)"
fi
cp "$work"/*.deb "$out/"
say "packages in $out: $(cd "$out" && ls ./*.deb | tr '\n' ' ')"
