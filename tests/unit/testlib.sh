# Shared by the shell unit tests: a scratch directory, ok/bad counters and
# expect, which runs a command and checks its exit status (its output is
# left in $tmp/out and $tmp/err for the checks that follow).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fails=$((fails + 1)); }
expect() { # expect DESC WANT_RC CMD...
	local desc=$1 want=$2 rc
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" = "$want" ]; then ok "$desc"; else
		bad "$desc: exit $rc, wanted $want"; cat "$tmp/out" "$tmp/err"; fi
}
