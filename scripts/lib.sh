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

# Host packages the build and tests need (Debian 12 names).
PRAM_HOST_PACKAGES="build-essential bc bison flex libssl-dev libelf-dev cpio
libsmartcols-dev libmount-dev clang libclang-rt-14-dev libfdt-dev device-tree-compiler
xz-utils zstd qemu-system-x86 busybox-static kexec-tools cmake pkg-config
python3 perl git ca-certificates
gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-system-arm"

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
# untouched; used to fetch the kernel source from another suite, and the
# arm64 guest's packages (PRAM_APT_STATE names their own directory).
private_apt() {
	local tool=apt-get dir=${PRAM_APT_STATE:-$PRAM_CACHE/apt}
	[ -n "$PRAM_DEBIAN_MIRROR" ] ||
		die "no Debian archive in this host's apt sources: set PRAM_DEBIAN_MIRROR to one"
	case $1 in policy | show | madison) tool=apt-cache ;; esac
	mkdir -p "$dir/lists/partial" "$dir/archives/partial"
	cat >"$dir/sources.list" <<-EOS
		deb $PRAM_DEBIAN_MIRROR $PRAM_KERNEL_SUITE main
		deb-src $PRAM_DEBIAN_MIRROR $PRAM_KERNEL_SUITE main
	EOS
	$tool -q -o Dir::Etc::sourcelist="$dir/sources.list" \
		-o Dir::Etc::sourceparts=/nonexistent \
		-o Dir::State::Lists="$dir/lists" \
		-o Dir::Cache::Archives="$dir/archives" \
		-o Debug::NoLocking=1 -o APT::Sandbox::User=root "$@"
}
