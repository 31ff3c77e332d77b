#!/bin/bash
# attack-limits: where a hostile domain meets the edges of the quotas and of
# the log's promises (attack-pending.sh's checks until the daemon was fixed):
#
# 1. Window ids refused at the window quota: messages for any of them are
#    ignored, also after 96 refused CREATEs; the daemon remembers up to 4096
#    of them, and one more refused CREATE is a violation.
# 2. A domain that goes away while the daemon sends to it is a plain
#    disconnect, not a violation: 20 sessions that send HELLO and close.
# 3. The violation line of an unknown type names the whole type (0x107 is
#    not DAMAGE).
# 4. The daemon raises its soft RLIMIT_NOFILE to the hard limit: started
#    with a soft limit of 64, 200 windows with buffers of one domain leave
#    room for another domain's buffer, a new connection and the control
#    socket. (A table that is really full: attack-pending.sh.)
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

# ---- 1: ids refused at the window quota
start_daemon --size 1280x800 --domain untrusted,label=red,max_windows=4 --domain third,label=green
hostile_start fw untrusted row5 windows 100 4
ctl --timeout "$VT_TIMEOUT" wait-idle untrusted 100 >/dev/null
[[ $(domain_field untrusted windows) == 4 ]] || fail "untrusted has $(domain_field untrusted windows) windows, quota 4"
for c in "title 104 41" "map 150" "damage 199 0 0 5 5"; do
	co_send fw "$c"
	co_read fw l
	[[ $l == sent ]] || break
done
ctl_try --timeout "$VT_TIMEOUT" wait-idle untrusted 100 >/dev/null || true
[[ $(domain_field untrusted connected) == 1 ]] ||
	fail "messages for window ids refused at the quota (104, 150, 199 of 96 refused) cut the domain off: $(grep violation "$VT_DAEMON_LOG" | tail -n 1)"
(($(violation_count untrusted) == 0)) || fail "a message for a refused id was logged as a violation"
check "messages for ids refused at the window quota (the first, the 47th, the last of 96) are ignored"
hostile_stop fw
wait_gone untrusted
expect_cut_off untrusted "too many windows refused at the window quota" row5 refuse 4101
check "4097 CREATEs refused at the quota: the last one is a violation (the daemon remembers 4096)"
stop_daemon

# ---- 2: going away while the daemon sends
VT_DAEMON_LOG=$T/daemon-2.log
start_daemon --size 1280x800 --domain untrusted,label=red
hostile_once untrusted row16 blind 20
[[ $HOSTILE_OUT == *done* ]] || fail "row16 blind: '$HOSTILE_OUT'"
ctl --timeout "$VT_TIMEOUT" wait-gone untrusted >/dev/null
wait_connected untrusted 0
n=$(violation_count untrusted)
((n == 0)) || fail "$n of 20 sessions that sent HELLO and closed were logged as violations: $(next_violation untrusted 0)"
check "20 sessions that sent HELLO and closed at once: no violation logged"

# ---- 3: the type named in the log line
before=$(violation_count untrusted)
hostile_once untrusted row3 type 0x107
why=$(next_violation untrusted "$before")
[[ $why != *DAMAGE* && $why == *107* ]] || fail "type 0x107 is logged as: $why"
check "type 0x107 is named as such: $why"
stop_daemon

# ---- 4: the daemon's descriptor table, with a low soft limit
hard=$(ulimit -Hn)
if [[ $hard != unlimited ]] && ((hard < 1024)); then
	say "the hard limit of descriptors is $hard: part 4 needs 1024; not run"
	finish
	exit 0
fi
ulimit -Sn 64
VT_DAEMON_LOG=$T/daemon-4.log
start_daemon --size 1280x800 --domain untrusted,label=red,max_windows=400 --domain third,label=green \
	--domain fourth,label=gray
limit=$(awk '/^Max open files/ {print $4}' "/proc/$VT_DAEMON_PID/limits")
[[ $limit == "$hard" ]] || fail "the daemon's soft limit of descriptors is $limit, not the hard limit $hard"
check "started with a soft limit of 64, the daemon raised its own to the hard limit, $limit"
hostile_start fw untrusted window
for ((i = 100; i < 300; i++)); do
	hostile fw "create $i 600 300 10 10"
	hostile fw "buffer $i 1 1 ff0000"
done
ctl --timeout "$VT_TIMEOUT" wait-idle untrusted 100 >/dev/null
[[ $(domain_field untrusted windows) == 201 ]] || fail "untrusted has $(domain_field untrusted windows) windows, expected 201"
say "untrusted holds $(find "/proc/$VT_DAEMON_PID/fd" -mindepth 1 | wc -l) of the daemon's descriptors"
hostile_start t3 third window
hostile t3 "buffer 7 160 100 00ff00 2"
hostile t3 "damage 7 0 0 160 100"
s=$(wait_content third 7 00ff00 fds-third)
check_frame_id third 7 green "$s"
hostile_start t4 fourth window
wait_pixels fourth 1
ctl --timeout 2 domains >/dev/null
(($(count_log "$VT_DAEMON_LOG" 'violation') == 0)) || fail "$(grep violation "$VT_DAEMON_LOG" | head -n 1)"
check "with 200 buffers of untrusted: third's new buffer is shown, fourth connects, the control socket answers"
hostile_stop t4
hostile_stop t3
hostile_stop fw

finish
