#!/bin/bash
# run-user: `vitrine run` as an ordinary user (the system user vitrine-test,
# with a headless daemon of its own), not as root as the other tests run it.
# --net gives the sandbox a network with slirp4netns and with pasta alone:
# the network namespace is joined from within the user namespace that owns
# it (bubblewrap's first; a new user had only lo, as the tools' setns was
# refused, while as root it worked, and vitrine run said nothing). Where the
# user may not open /dev/net/tun (this machine has no udev: it is 0600
# root; Debian's udev makes it 0666), --net fails with one line that says so,
# exit 1, no sandbox left and no domain added.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

if (($(id -u) != 0)); then
	say "SKIP: needs root to run vitrine as another user"
	exit 0
fi
command -v bwrap >/dev/null || fail "bwrap is not installed (tools/install-deps)"
user=vitrine-test
id -u "$user" >/dev/null 2>&1 ||
	useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$user" ||
	fail "cannot create the user $user"
U=$(mktemp -d /tmp/vitrine-user.XXXXXX)
mkdir -m 700 "$U/run" "$U/home"
chown "$user" "$U/run" "$U/home"
chmod 755 "$U"
tun_mode=$(stat -c %a /dev/net/tun)
restore() {
	local rc=$?
	chmod "$tun_mode" /dev/net/tun
	rm -rf "$U"
	return $rc
}
trap 'restore; cleanup' EXIT
as_user() { runuser -u "$user" -- env HOME="$U/home" PATH="$1" "${@:2}"; }
bg "daemon" "$T/daemon-user.log" runuser -u "$user" -- "$VT_BIN/vitrine-daemon" \
	--backend headless --runtime-dir "$U/run" --domain work,label=blue
until [[ -S $U/run/control.sock ]]; do
	alive "$VT_LAST_PID" || fail "the daemon as $user exited: $(cat "$T/daemon-user.log")"
	sleep 0.05
done
vrun() { as_user "$1" "$VT_BIN/vitrine" run --runtime-dir "$U/run" "${@:2}"; }

chmod 666 /dev/net/tun # as Debian's udev has it
for net in slirp4netns pasta; do
	command -v "$net" >/dev/null || continue
	mkdir -p "$U/path-$net"
	for p in bwrap Xvfb sh grep "$net"; do ln -sf "$(command -v "$p")" "$U/path-$net/$p"; done
	got=$(vrun "$U/path-$net" --domain "n$net" --net -- grep -cv '^ *lo:' /proc/net/dev </dev/null 2>&1) ||
		fail "--net with $net as $user: $got ($(cat "$U/run/sandbox-n$net.log"))"
	[[ $got == 3 ]] || fail "--net with $net as $user: $((got - 2)) interfaces besides lo"
	check "--net with $net as $user (not root): the sandbox has an interface besides lo"
done

chmod 600 /dev/net/tun # only root's
rc=0
got=$(vrun /usr/bin:/bin --domain nonet --net -- true </dev/null 2>&1) || rc=$?
((rc == 1)) || fail "--net without /dev/net/tun: exit $rc, '$got'"
[[ $(wc -l <<<"$got") == 1 && $got == *"did not start"*"no network for the sandbox (/dev/net/tun is not yours to open"* ]] ||
	fail "--net without /dev/net/tun said: $got (the log: $(cat "$U/run/sandbox-nonet.log" 2>&1))"
check "--net where $user may not open /dev/net/tun: exit 1, '$got'"
[[ ! -e $U/run/sandbox-nonet.sock ]] || fail "the sandbox of nonet is still there"
doms=$(as_user /usr/bin:/bin "$VT_BIN/vitrinectl" --socket "$U/run/control.sock" domains)
[[ $doms != *nonet* ]] || fail "the domain nonet stayed: $doms"
check "no sandbox left, no domain added"
finish
