#!/bin/bash
# run-user: `vitrine run` as an ordinary user (the system user vitrine-test,
# with a headless daemon of its own), not as root as the other tests run it.
# --net gives the sandbox a network with slirp4netns and with pasta alone:
# the network namespace is joined from within the user namespace that owns
# it (bubblewrap's first; a new user had only lo, as the tools' setns was
# refused, while as root it worked, and vitrine run said nothing). Where the
# user may not open /dev/net/tun (this machine has no udev: it is 0600
# root; Debian's udev makes it 0666), --net fails with one line that says so,
# exit 1, no sandbox left and no domain added. With --net, a service of the
# host's listening on all addresses is reached on none of its addresses.
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
later=
restore() {
	local rc=$?
	chmod "$tun_mode" /dev/net/tun
	[[ -z $later ]] || ip addr del "$later/32" dev lo 2>/dev/null || true
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

# a service of the host's on all addresses: the sandbox reaches it on none
# of the host's addresses (hostile-domain trial 18 F2: pasta took it to
# the host's link-local, from the host itself)
command -v ip >/dev/null || fail "ip (iproute2) is not installed (tools/install-deps)"
PORT=$((47000 + RANDOM % 1000))
bg listener "$T/listener.out" "$PYTHON" -c "
import socket
s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
s.bind(('::', $PORT)); s.listen(8); print('listening', flush=True)
while True:
    c, a = s.accept(); c.sendall(b'HOST-SERVICE\\n'); c.close()"
until grep -q listening "$T/listener.out"; do
	alive "$VT_LAST_PID" || fail "the host's listener: $(cat "$T/listener.out")"
	sleep 0.05
done
# (each address, a link-local one with its interface)
mapfile -t addrs < <(ip -o addr show | awk '$2 != "lo" { a = $4; sub("/.*", "", a);
	print (a ~ /^fe80/ ? a "%" $2 : a) }')
((${#addrs[@]})) || fail "the host has no address but the loopback's"
probe="
import socket, sys, time
time.sleep(2)  # (the namespace's link-local leaves its tentative state)
nic = [n for i, n in socket.if_nameindex() if n != 'lo'][0]  # (tap0, eth0)
for a in sys.argv[1:]:
    f = socket.AF_INET6 if ':' in a else socket.AF_INET
    s = socket.socket(f, socket.SOCK_STREAM); s.settimeout(5)
    try:
        s.connect(socket.getaddrinfo(a.split('%')[0] + ('%' + nic if '%' in a else ''), $PORT, f)[0][4])
        print(a, 'REACHED', s.recv(64))
    except OSError as e:
        print(a, type(e).__name__)"

probe_later="
import socket, sys
nic = [n for i, n in socket.if_nameindex() if n != 'lo'][0]
for name, f, a in (('mcast6', socket.AF_INET6, 'ff02::1%' + nic), ('mcast4', socket.AF_INET, '224.0.0.1'),
                   ('bcast4', socket.AF_INET, '255.255.255.255')):
    u = socket.socket(f, socket.SOCK_DGRAM)
    u.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    try:
        u.sendto(b'x', socket.getaddrinfo(a, $PORT, f, socket.SOCK_DGRAM)[0][4]); print(name, 'SENT')
    except OSError as e:
        print(name, type(e).__name__)
print('ready', flush=True)
sys.stdin.readline()
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM); s.settimeout(5)
try:
    s.connect((sys.argv[1], $PORT)); print(sys.argv[1], 'REACHED')
except OSError as e:
    print(sys.argv[1], type(e).__name__)"
# the sandbox of NAME ended (its keeper stops pasta by the pid file in the
# runtime directory, which the test's end removes: it was left running)
sandbox_gone_u() {
	local deadline=$((SECONDS + VT_TIMEOUT))
	while [[ -e $U/run/sandbox-$1.sock ]]; do
		((SECONDS < deadline)) || fail "the sandbox of $1 did not end"
		sleep 0.05
	done
}

chmod 666 /dev/net/tun # as Debian's udev has it
for net in slirp4netns pasta; do
	command -v "$net" >/dev/null || continue
	mkdir -p "$U/path-$net"
	for p in bwrap Xvfb sh grep python3 "$net"; do ln -sf "$(command -v "$p")" "$U/path-$net/$p"; done
	got=$(vrun "$U/path-$net" --domain "n$net" --net -- grep -cv '^ *lo:' /proc/net/dev </dev/null 2>&1) ||
		fail "--net with $net as $user: $got ($(cat "$U/run/sandbox-n$net.log"))"
	[[ $got == 3 ]] || fail "--net with $net as $user: $((got - 2)) interfaces besides lo"
	check "--net with $net as $user (not root): the sandbox has an interface besides lo"
	got=$(vrun "$U/path-$net" --domain "n$net" --net -- python3 -c "$probe" "${addrs[@]}" </dev/null 2>&1) ||
		fail "--net with $net: the probe: $got"
	# (refused: an address pasta copied into the namespace, the sandbox's own)
	[[ $got != *REACHED* && $(grep -cE ' (PermissionError|ConnectionRefusedError)$' <<<"$got") == "${#addrs[@]}" ]] ||
		fail "--net with $net: the host's service on all addresses, from the sandbox: $got"
	check "--net with $net: the host's service on all addresses is not reached on any of the host's addresses: $(tr '\n' ' ' <<<"$got")"
	# an address the host gets while the sandbox lives is fenced too (review
	# of 2026-12-04: only those it had at the start were)
	later=198.51.100.$((RANDOM % 200 + 20))
	rm -f "$T/go-$net"
	mkfifo "$T/go-$net"
	vrun "$U/path-$net" --domain "n$net" --net -- python3 -c "$probe_later" "$later" \
		<"$T/go-$net" >"$T/later-$net.out" 2>&1 &
	lp=$!
	exec 7>"$T/go-$net"
	until grep -q '^ready' "$T/later-$net.out"; do
		alive "$lp" || fail "--net with $net, the later probe: $(cat "$T/later-$net.out")"
		sleep 0.05
	done
	ip addr add "$later/32" dev lo || fail "cannot add $later to lo"
	sleep 2 # (the fence's rule: a netlink event away)
	echo go >&7
	exec 7>&-
	wait "$lp" || fail "--net with $net, the later probe: $(cat "$T/later-$net.out")"
	ip addr del "$later/32" dev lo
	got=$(grep "^$later " "$T/later-$net.out" || true)
	[[ $got == "$later PermissionError" ]] ||
		fail "--net with $net: the host's service on an address it got later: '$got'"
	later=
	check "--net with $net: the host's service on an address the host got while the sandbox ran: $got"
	# multicast and broadcast: the host's own sockets got a copy (hostile-
	# domain trial 20 F2: a UDP service on [::] answered through ff02::1)
	got=$(grep -E '^(mcast6|mcast4|bcast4) ' "$T/later-$net.out" | paste -sd ' ')
	[[ $got == "mcast6 PermissionError mcast4 PermissionError bcast4 PermissionError" ]] ||
		fail "--net with $net: multicast and broadcast from the sandbox: '$got'"
	check "--net with $net: multicast and broadcast refused: $got"
	sandbox_gone_u "n$net"
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
