#!/bin/bash
# attack-pending: two daemon bugs the attack tests found, now fixed, each
# checked for what should happen (the file keeps its name; it ran only with
# VT_PENDING=1 while they were open):
#
# 1. A descriptor table that is really full (a hard RLIMIT_NOFILE of 64,
#    filled by one domain's window buffers): another domain's next BUFFER
#    is refused as at the buffer quota (RELEASE, a log line of the daemon's
#    own trouble), no violation; the control socket still answers (the
#    reserve descriptor serves the user's tool).
#
# 2. A long reply on the control socket comes whole, however long: two
#    domains at the default window quota (2 x 256 windows) and
#    `vitrinectl windows` gives all 512 lines and its `ok`.
#
# VT_PENDING=fds or VT_PENDING=reply runs only that one.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

VT_PENDING=${VT_PENDING:-1}

# ---- 2: long replies
if [[ $VT_PENDING == 1 || $VT_PENDING == reply ]]; then
VT_DAEMON_LOG=$T/daemon-reply.log
start_daemon --size 1280x800 --domain untrusted,label=red --domain third,label=green
hostile_start w1 untrusted row5 windows 256
hostile_start w2 third row5 windows 256
ctl --timeout "$VT_TIMEOUT" wait-idle untrusted 100 >/dev/null
ctl --timeout "$VT_TIMEOUT" wait-idle third 100 >/dev/null
for ((i = 0; i < 5; i++)); do
	listing=$(ctl_try --timeout 5 windows 2>&1) ||
		fail "vitrinectl windows with 512 windows: no 'ok' after $(printf '%s\n' "$listing" | wc -l) lines"
done
check "vitrinectl windows lists 512 windows in full, five times"
hostile_stop w1
hostile_stop w2
stop_daemon
fi
[[ $VT_PENDING == 1 || $VT_PENDING == fds ]] || { finish; exit 0; }

# ---- 1: a full descriptor table
ulimit -n 64
VT_DAEMON_LOG=$T/daemon-fds.log
start_daemon --size 1280x800 --domain untrusted,label=red,max_windows=1000 --domain third,label=green \
	--domain fourth,label=gray
limit=$(awk '/^Max open files/ {print $4}' "/proc/$VT_DAEMON_PID/limits")
((limit == 64)) || fail "the daemon's limit of descriptors is $limit, not 64"
hostile_start t3 third window
wait_pixels third 1
hostile_start fw untrusted window
# fds: descriptors the daemon holds below the limit (one inherited from the
# test's shell may sit above it, taking no slot)
fds() { find "/proc/$VT_DAEMON_PID/fd" -mindepth 1 -printf '%f\n' | awk -v l="$limit" '$1 < l' | wc -l; }
# (a connection takes three while it starts — the one accepted, the pair of
# sockets to its domain process — and keeps two: leave it those)
for ((i = 100; i < 200; i++)); do
	(($(fds) < limit - 3)) || break
	hostile fw "create $i 600 300 10 10"
	hostile fw "buffer $i 1 1 ff0000"
	ctl --timeout 5 wait-idle untrusted 20 >/dev/null
done
[[ $(domain_field untrusted connected) == 1 ]] || fail "untrusted was cut off while filling the table"
# the last free descriptor: a connection
hostile_start t4 fourth stall
say "the daemon holds $(fds) descriptors of $limit ($((i - 100)) buffers of untrusted, three connections)"
t0=$EPOCHREALTIME
ctl_try --timeout 3 domains >/dev/null ||
	fail "with its descriptor table full the daemon's control socket does not answer"
check "the control socket answers with the table full ($(((${EPOCHREALTIME/./} - ${t0/./}) / 1000)) ms)"
before=$(violation_count third)
co_send t3 "buffer 7 160 100 00ff00 2"
co_read t3 l
sleep 0.5
(($(violation_count third) == before)) ||
	fail "domain third was cut off for another domain's descriptors: $(next_violation third "$before")"
check "third's buffer refused without a violation"
hostile_stop t4
hostile_stop t3
hostile_stop fw

finish
