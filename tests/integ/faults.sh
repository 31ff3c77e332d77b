#!/bin/bash
# faults: the parts of a session dying or stopping under the daemon, and the
# daemon itself going away. Two domains with real agents, vt-pattern windows
# and key loggers: work (blue) and untrusted (red); a third, stall, for
# vt-hostile.
#
#   - untrusted's agent killed with SIGKILL while its window is busy changing
#     (kill-agent.sh has the quiet case): its windows go, no violation, work
#     is unaffected; a new agent brings the same window back;
#   - a hostile agent killed with SIGKILL halfway through a BUFFER whose
#     descriptor the daemon already holds: the descriptor is closed;
#   - untrusted's X server killed: its agent exits, the daemon drops its
#     windows, work is unaffected; a new X server and agent start over;
#   - untrusted's agent frozen (SIGSTOP) while the user types into it and
#     then works elsewhere: nobody waits for it; thawed, it catches up (a
#     message stopped halfway forever: malformed.sh and attack-protocol.sh);
#   - the daemon stopped with SIGTERM (while a domain is stalled
#     mid-message) and started again with the same runtime dir, then killed
#     with SIGKILL and started again over its stale sockets: both times the
#     agents reconnect by themselves, within a bounded time, and their
#     windows come back with the same ids (row 16 of ATTACKS.md for a real
#     agent: no "window id already exists");
#   - the daemon's descriptors: as many after all this as before.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

# shellcheck disable=SC2054 # the commas are inside --domain specs
DAEMON_ARGS=(--size 1280x800 --domain work,label=blue --domain untrusted,label=red,tint=none
	--domain stall,label=purple)
start_daemon "${DAEMON_ARGS[@]}"
start_xvfb DW
start_xvfb DU
XU_PID=$VT_LAST_PID
start_keylog work "$DW"
start_keylog untrusted "$DU"
start_agent work "$DW"
start_agent untrusted "$DU"
start_pattern w "$DW" --pattern solid --color 00ff00 --geometry 200x150+40+60 --title steady
start_pattern u "$DU" --pattern solid --color ffff00 --geometry 200x150+600+300 --title victim
idw=${PAT_ID[w]} idu=${PAT_ID[u]}
wait_pixels work 1
wait_pixels untrusted 1
other_ok work w start
s=$(wait_content untrusted "$idu" ffff00 start-u)
check_frame_id untrusted "$idu" red "$s"

# no_violation WHAT: nothing so far was a violation
no_violation() {
	local n
	n=$(count_log "$VT_DAEMON_LOG" 'violation:')
	((n == 0)) || fail "$1: violation logged: $(grep 'violation:' "$VT_DAEMON_LOG" | head -n 2)"
}

# ---- an agent killed while its window keeps changing
say "untrusted's agent killed with SIGKILL mid-session"
for c in ff0000 00ff00 0000ff ff00ff 00ffff ffffff 808080 ffff00; do
	co_send u "color $c"
	co_send u "resize $((150 + ${#c} * 5)) 150"
done
kill_agent untrusted KILL
wait_gone untrusted
wait_connected untrusted 0
for ((i = 0; i < 16; i++)); do
	co_read u l
	[[ $l == ok ]] || fail "vt-pattern u: '$l'"
done
no_violation "agent killed"
other_ok work w "untrusted's agent killed"
start_agent untrusted "$DU"
wait_pixels untrusted 1
s=$(wait_content untrusted "$idu" ffff00 agent-back)
check_frame_id untrusted "$idu" red "$s"
check "a new agent brings back window $idu with its pixels"

# ---- a hostile agent killed halfway through a BUFFER with its descriptor
say "a hostile agent killed with SIGKILL mid-message, holding a descriptor in the daemon"
fds=$(find "/proc/$VT_DAEMON_PID/fd" -mindepth 1 | wc -l)
hostile_start st stall row4 stall-fd
wait_pixels stall 1
with=$(find "/proc/$VT_DAEMON_PID/fd" -mindepth 1 | wc -l)
stop_pid "${CO_PID[st]}" KILL || true
wait_gone stall
wait_connected stall 0
deadline=$((SECONDS + VT_TIMEOUT))
until (($(find "/proc/$VT_DAEMON_PID/fd" -mindepth 1 | wc -l) == fds)); do
	((SECONDS < deadline)) || fail "the daemon has $(find "/proc/$VT_DAEMON_PID/fd" -mindepth 1 | wc -l) descriptors after the hostile agent died, $fds before it"
	sleep 0.05
done
hostile_stop st
no_violation "hostile agent killed"
check "descriptors: $fds, $with with the hostile's connection, buffer and half-sent one, $fds again after its death"

# ---- the domain's X server killed
say "untrusted's X server killed with SIGKILL"
apid=${VT_AGENT[untrusted]}
upid=${CO_PID[u]}
stop_pid "$XU_PID" KILL || true
deadline=$((SECONDS + VT_TIMEOUT))
while alive "$apid"; do
	((SECONDS < deadline)) || fail "untrusted's agent still runs ${VT_TIMEOUT}s after its X server died"
	sleep 0.05
done
rc=0
wait "$apid" 2>/dev/null || rc=$?
unset "VT_AGENT[untrusted]"
((rc != 0)) || fail "untrusted's agent exited with status 0 after losing its X server"
assert_log "$T/agent-untrusted.log" 'lost the X server'
check "untrusted's agent exited (status $rc): lost the X server"
wait_gone untrusted
wait_connected untrusted 0
stop_pid "$upid" KILL || true
hostile_stop u
no_violation "X server killed"
other_ok work w "untrusted's X server killed"
start_xvfb DU
start_keylog untrusted2 "$DU"
start_agent untrusted "$DU"
start_pattern u "$DU" --pattern solid --color 00ffff --geometry 200x150+600+300 --title reborn
idu=${PAT_ID[u]}
wait_pixels untrusted 1
s=$(wait_content untrusted "$idu" 00ffff x-back)
check_frame_id untrusted "$idu" red "$s"
check "a new X server and agent for untrusted: window $idu shown"

# ---- an agent that stops (SIGSTOP): nobody waits for it
say "untrusted's agent frozen with SIGSTOP"
apid=${VT_AGENT[untrusted]}
ctl focus untrusted "$idu" >/dev/null
kill -STOP "$apid"
t0=$SECONDS
ctl type 'frozen\n' >/dev/null
other_ok work w "untrusted's agent frozen (1)"
ctl focus untrusted "$idu" >/dev/null
ctl type 'still frozen\n' >/dev/null
other_ok work w "untrusted's agent frozen (2)"
[[ $(domain_field untrusted connected) == 1 ]] || fail "the frozen agent was disconnected"
check "a frozen agent did not hold up work for $((SECONDS - t0)) s (typing into it included)"
kill -CONT "$apid"
ctl focus untrusted "$idu" >/dev/null
m=$(keylog_mark untrusted2 Shift_R)
n=$(keylog_range untrusted2 1 $((m - 1)) | grep -c '^key press ' || true)
((n == 20)) || fail "untrusted's X server got $n key presses, expected the 20 typed while its agent was frozen"
d=$(win_field_id untrusted "$idu" damage)
pat u color ff00ff
wait_damage untrusted "$idu" $((d + 1))
s=$(wait_content untrusted "$idu" ff00ff thawed)
check_frame_id untrusted "$idu" red "$s"
check "thawed, the agent catches up: the 20 keys typed meanwhile arrive, its window updates"
no_violation "agent frozen"

# ---- the daemon stopped with SIGTERM and started again
say "the daemon stopped (SIGTERM) while domain stall is stalled mid-message"
hostile_start st stall row4 stall-body
stop_daemon
co_read st l
[[ $l == closed ]] || fail "vt-hostile on stall: '$l' when the daemon stopped"
hostile_stop st
# restarted: the agents reconnect within a bounded time (they retry every
# 200 ms), with the same window ids
restart() { # WHAT LOG
	local t0=$EPOCHREALTIME ms s
	VT_DAEMON_LOG=$T/$2
	start_daemon "${DAEMON_ARGS[@]}"
	wait_pixels work 1
	wait_pixels untrusted 1
	ms=$(((${EPOCHREALTIME/./} - ${t0/./}) / 1000))
	((ms < VT_TIMEOUT * 500)) || fail "$1: the agents took $ms ms to come back"
	[[ -n $(win_line_id work "$idw") && -n $(win_line_id untrusted "$idu") ]] ||
		fail "$1: the windows came back with other ids: $(win_lines)"
	s=$(wait_content untrusted "$idu" ff00ff "$2-u")
	check_frame_id untrusted "$idu" red "$s" >/dev/null
	check_frame_id work "$idw" blue "$s" >/dev/null
	[[ $(count_log "$VT_DAEMON_LOG" 'already exists|violation') == 0 ]] ||
		fail "$1: $(grep -E 'already exists|violation' "$VT_DAEMON_LOG" | head -n 1)"
	check "$1: both agents back in $ms ms with windows $idw and $idu, frames exact, no violation"
	other_ok work w "$1"
	ctl focus untrusted "$idu" >/dev/null
	keylog_mark untrusted2 Shift_R >/dev/null
	check "$1: untrusted gets the user's keys again"
}
restart "daemon restarted after SIGTERM" daemon-2.log

# ---- the daemon killed: its sockets stay behind
say "the daemon killed with SIGKILL"
stop_pid "$VT_DAEMON_PID" KILL || true
VT_DAEMON_PID=
[[ -S $CONTROL && -S $RUN/domain-work.sock ]] || fail "the killed daemon's sockets are gone?"
restart "daemon restarted over the stale sockets of a SIGKILL" daemon-3.log

# ---- descriptors: one more round of connections, then as many as before
fds_now=$(find "/proc/$VT_DAEMON_PID/fd" -mindepth 1 | wc -l)
hostile_start st stall row2 seals
hostile st "buffer 7 160 100 ff0000 2"
hostile_stop st
wait_gone stall
wait_connected stall 0
deadline=$((SECONDS + VT_TIMEOUT))
until (($(find "/proc/$VT_DAEMON_PID/fd" -mindepth 1 | wc -l) == fds_now)); do
	((SECONDS < deadline)) || fail "the daemon has $(find "/proc/$VT_DAEMON_PID/fd" -mindepth 1 | wc -l) descriptors, $fds_now before a hostile session"
	sleep 0.05
done
check "the restarted daemon has $fds_now descriptors before and after a session with two buffers"

finish
