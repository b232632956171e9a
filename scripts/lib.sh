# shellcheck shell=bash
# Shared helpers for the project's scripts: paths, logging, cache, apt.
set -euo pipefail

PRAM_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Build cache lives outside the clone so fresh clones and reruns reuse it.
PRAM_CACHE=${PRAM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pram}
mkdir -p "$PRAM_CACHE"

say()  { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die()  { printf 'error: %s\n' "$*" >&2; exit 1; }

# The Debian archive this host's apt uses (whatever mirror or proxy it is
# configured for): the first main-archive URI of its sources, deb822
# (/etc/apt/sources.list.d/*.sources) or one-line style. PRAM_DEBIAN_MIRROR
# overrides it.
host_debian_mirror() {
	local f
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk 'tolower($1) == "uris:" && $2 !~ /security/ { print $2; exit }' "$f"
	done | head -1
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		awk '$1 == "deb" {
			i = 2
			if ($i ~ /^\[/) { while (i < NF && $i !~ /\]$/) i++; i++ }
			if ($i !~ /security/) { print $i; exit }
		}' "$f"
	done | head -1
}

# The suite that provides linux-source-6.12 (trixie's main archive).
PRAM_DEBIAN_MIRROR=${PRAM_DEBIAN_MIRROR:-$(host_debian_mirror | head -1)}
PRAM_KERNEL_SUITE=${PRAM_KERNEL_SUITE:-trixie}
# The host's own release: its cross compiler's C library is this suite's,
# so the arm64 userland (sysroot and guest) comes from it too.
PRAM_HOST_SUITE=${PRAM_HOST_SUITE:-$(. /etc/os-release && echo "${VERSION_CODENAME:-}")}

# Host packages the build and tests need (Debian 12 names).
PRAM_HOST_PACKAGES="build-essential bc bison flex libssl-dev libelf-dev cpio
libsmartcols-dev libmount-dev clang libclang-rt-14-dev libfdt-dev device-tree-compiler
xz-utils zstd qemu-system-x86 busybox-static kexec-tools cmake pkg-config
python3 perl git ca-certificates
gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-system-arm
debhelper lintian systemd kmod rsync mmdebstrap e2fsprogs"

# Install missing host packages; quiet when everything is there already.
ensure_host_packages() {
	local missing=() p
	for p in $PRAM_HOST_PACKAGES; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
			missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	[ "$(id -u)" -eq 0 ] || die "missing packages: ${missing[*]} (run as root or install them)"
	say "installing: ${missing[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Run apt-get against a private state directory so the host's apt setup is
# untouched; used to fetch the kernel source from another suite
# (PRAM_APT_SUITE, default the kernel's; PRAM_APT_STATE names a directory
# of its own for another suite or architecture).
private_apt() {
	local tool=apt-get dir=${PRAM_APT_STATE:-$PRAM_CACHE/apt}
	local suite=${PRAM_APT_SUITE:-$PRAM_KERNEL_SUITE}
	[ -n "$PRAM_DEBIAN_MIRROR" ] ||
		die "no Debian archive in this host's apt sources: set PRAM_DEBIAN_MIRROR to one"
	case $1 in policy | show | madison) tool=apt-cache ;; esac
	mkdir -p "$dir/lists/partial" "$dir/archives/partial"
	cat >"$dir/sources.list" <<-EOS
		deb $PRAM_DEBIAN_MIRROR $suite main
		deb-src $PRAM_DEBIAN_MIRROR $suite main
	EOS
	$tool -q -o Dir::Etc::sourcelist="$dir/sources.list" \
		-o Dir::Etc::sourceparts=/nonexistent \
		-o Dir::State::Lists="$dir/lists" \
		-o Dir::Cache::Archives="$dir/archives" \
		-o Debug::NoLocking=1 -o APT::Sandbox::User=root "$@"
}

# private_apt for the arm64 packages of the host's release (the arm64
# sysroot and guest userland), in a state directory of its own.
arm64_apt() {
	[ -n "$PRAM_HOST_SUITE" ] || die "no VERSION_CODENAME in /etc/os-release: set PRAM_HOST_SUITE"
	PRAM_APT_STATE=$PRAM_CACHE/apt-arm64-$PRAM_HOST_SUITE PRAM_APT_SUITE=$PRAM_HOST_SUITE \
		private_apt "$1" -o APT::Architectures=arm64 "${@:2}"
}

# arm64_versions PACKAGE...: "PACKAGE VERSION" lines for the arm64
# packages of the host's release; dies naming any that is missing.
arm64_versions() {
	local out missing lists=$PRAM_CACHE/apt-arm64-$PRAM_HOST_SUITE/lists
	# Lists younger than 12 hours are used as they are: one run of the
	# tests sees one set of versions (and needs no network once cached).
	if [ -z "$(find "$lists" -maxdepth 1 -name '*_Packages' -mmin -720 -print -quit 2>/dev/null)" ]; then
		arm64_apt update >/dev/null 2>&1 || arm64_apt update >&2 ||
			die "apt-get update (arm64) for $PRAM_HOST_SUITE failed: is $PRAM_DEBIAN_MIRROR reachable?"
	fi
	out=$(arm64_apt policy "${@/%/:arm64}" 2>/dev/null | awk '
		/^[^ ].*:$/ { sub(/:arm64:$/, ""); sub(/:$/, ""); p = $0 }
		/^  Candidate:/ && $2 != "(none)" { print p, $2 }')
	missing=$(for p in "$@"; do grep -q "^$p " <<<"$out" || echo "$p"; done)
	[ -z "$missing" ] || die "no arm64" $missing "in $PRAM_HOST_SUITE"
	echo "$out"
}

# copy_needed SYSROOT DEST PROGRAM...: copy the shared libraries the
# programs load, and those they load in turn, from SYSROOT (an arm64
# sysroot: no ldd for another architecture) to DEST's lib/TRIPLET, and
# the loader where the programs look for it.
copy_needed() {
	local sysroot=$1 dest=$2 todo=("${@:3}") f name interp lib d
	local triplet=aarch64-linux-gnu
	local -A seen=()
	mkdir -p "$dest/lib/$triplet"
	while [ ${#todo[@]} -gt 0 ]; do
		f=${todo[0]}
		todo=("${todo[@]:1}")
		interp=$(readelf -l "$f" 2>/dev/null | sed -n 's/.*interpreter: \(.*\)]$/\1/p')
		if [ -n "$interp" ] && [ ! -e "$dest$interp" ]; then
			mkdir -p "$dest$(dirname "$interp")"
			cp -L "$sysroot$interp" "$dest$interp" || die "no loader $interp in $sysroot"
		fi
		for name in $(readelf -d "$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'); do
			[ -z "${seen[$name]:-}" ] || continue
			seen[$name]=1
			lib=
			for d in lib usr/lib; do
				[ -e "$sysroot/$d/$triplet/$name" ] && lib=$sysroot/$d/$triplet/$name && break
			done
			[ -n "$lib" ] || die "$(basename "$f") needs $name, not in $sysroot"
			cp -L "$lib" "$dest/lib/$triplet/$name"
			todo+=("$lib")
		done
	done
}
