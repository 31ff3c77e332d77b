#!/bin/bash
# attack-logs: ATTACKS row 19 (filling the log), the lines issue 11 item 12
# left: a domain that repeats a refused request, and a domain cut off by the
# user whose agent reconnects five times a second.
#  - a hostile agent sends 100 CLIPBOARD_DATA nobody asked for, then 100
#    popup flag changes of a mapped window (REFUSAL_LIMIT: one more of a kind
#    cuts it off, attack-refusals.sh): at most RATELOG_BURST (5) lines
#    of each kind (one more per 10 s), the domain still connected; when it
#    disconnects, the rest is counted ("N lines suppressed (KIND)"), so that
#    every refusal is logged or counted;
#  - a real agent cut off with Ctrl+Alt+Shift+Escape (a notice says so and
#    how to let it back) keeps reconnecting: the daemon logs at most 5 refusals, the agent says once that it is refused
#    (not a line per attempt) and, when unblocked, how many were refused.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

BURST=5 N=100
start_daemon --size 1280x800 --domain e,label=red --domain r,label=blue
hostile_start e e window
wait_pixels e 1

# sync_e: everything e sent so far was handled (the daemon answers a
# CONFIGURE off the screen with SET_GEOMETRY, in order)
sync_e() {
	local n deadline=$((SECONDS + VT_TIMEOUT))
	n=$(hostile_got e '^got SET_GEOMETRY 7 ' | wc -l)
	hostile e "configure 7 -5000 200 160 100"
	until (($(hostile_got e '^got SET_GEOMETRY 7 ' | wc -l) > n)); do
		((SECONDS < deadline)) || fail "e got no SET_GEOMETRY for a CONFIGURE off the screen"
		sleep 0.05
	done
}
# lines_of REGEX: the daemon's lines about e matching REGEX
lines_of() { count_log "$VT_DAEMON_LOG" "^vitrine-daemon: domain e: $1"; }
# accounted REGEX KIND: lines logged + every count of suppressed ones
accounted() {
	local logged similar flushed
	logged=$(lines_of "$1")
	similar=$(grep -E "^vitrine-daemon: domain e: $1" "$VT_DAEMON_LOG" |
		sed -n 's/.*(\([0-9]*\) similar lines suppressed)$/\1/p' | awk '{s += $1} END {print s + 0}')
	flushed=$(grep -F "domain e: " "$VT_DAEMON_LOG" | grep -F "lines suppressed ($2)" |
		sed -n 's/.*domain e: \([0-9]*\) lines suppressed.*/\1/p' | awk '{s += $1} END {print s + 0}')
	echo $((logged + similar + flushed))
}

NOBODY='clipboard data nobody asked for dropped'
FLIP='window 7: popup flag change while mapped refused'

say "row 19: $N clipboard answers nobody asked for"
hostile e "clipflood $N 16"
sync_e
n=$(lines_of "$NOBODY")
((n >= 1 && n <= BURST + 1)) || fail "$n lines '$NOBODY' for $N such messages (at most $BURST + 1)"
check "$N CLIPBOARD_DATA nobody asked for: $n log lines"

say "row 19: $N popup flag changes of a mapped window"
hostile e "repeat $N configure 7 500 200 160 100 1"
sync_e
n=$(lines_of "$FLIP")
((n >= 1 && n <= BURST + 1)) || fail "$n lines '$FLIP' for $N refused changes (at most $BURST + 1)"
[[ $(domain_field e connected) == 1 ]] || fail "e was disconnected for refused requests"
check "$N refused popup flag changes: $n log lines; e still connected"

hostile_stop e
wait_connected e 0
assert_log "$VT_DAEMON_LOG" 'domain e: [0-9]+ lines suppressed \(clipboard data nobody asked for\)$'
assert_log "$VT_DAEMON_LOG" 'domain e: [0-9]+ lines suppressed \(popup flag changes\)$'
a=$(accounted "$NOBODY" 'clipboard data nobody asked for')
((a == N)) || fail "clipboard lines logged and counted: $a, expected $N"
a=$(accounted "$FLIP" 'popup flag changes')
((a == N)) || fail "popup flag change lines logged and counted: $a, expected $N"
check "on e's disconnect the suppressed lines were counted: each of the $N + $N refusals logged or counted"

say "row 19: a domain cut off by the user, its agent reconnecting"
start_xvfb DR
start_agent r "$DR"
start_pattern pr "$DR" --geometry 200x120+40+60 --title cut
wait_pixels r 1
ctl focus r "${PAT_ID[pr]}" >/dev/null
for k in Control_L Alt_L Shift_L; do ctl key $k press >/dev/null; done
ctl key Escape tap >/dev/null
for k in Shift_L Alt_L Control_L; do ctl key $k release >/dev/null; done
wait_gone r
assert_log "$VT_DAEMON_LOG" 'notice: r cut off; vitrinectl unblock r lets it back$'
REFUSED='domain r: refused a connection \(cut off by the user\)'
assert_log "$VT_DAEMON_LOG" "$REFUSED" $BURST
# (five refusals are five attempts; more follow while the bounds below hold)
sleep 1
n=$(count_log "$VT_DAEMON_LOG" "$REFUSED")
((n <= BURST + 1)) || fail "$n daemon lines for r's refused connections"
# the agent's log after its start (the connection, the layout, the monitors
# and dpi): the cut-off (2 lines), one line for the refusals
c=$(sed -n '/daemon closed the connection/,$p' "$T/agent-r.log" | grep -c .)
((c <= 3)) || fail "r's agent logged $c lines since the cut-off, after $BURST+ refused connections: $(tail -n 3 "$T/agent-r.log" | tr '\n' '|')"
check "r cut off, its agent refused at least $BURST times: $n daemon lines, $c agent lines since the cut-off"
ctl unblock r >/dev/null
wait_connected r 1
assert_log "$T/agent-r.log" 'vitrine-agent: accepted after [0-9]+ refused connections$'
k=$(sed -n 's/.*accepted after \([0-9]*\) refused connections$/\1/p' "$T/agent-r.log" | tail -n 1)
((k >= BURST)) || fail "the agent counted $k refused connections, the daemon logged $BURST"
check "unblocked: r's agent is accepted and says it was refused $k times"

finish
