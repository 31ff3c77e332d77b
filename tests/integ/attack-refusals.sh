#!/bin/bash
# attack-refusals: ATTACKS row 19, issue 12 item 5: a domain that repeats a
# refused request is cut off. The kinds no well-behaved agent repeats
# (gui-daemon/refusal.c) count: more than REFUSAL_LIMIT (100) within
# REFUSAL_PERIOD_MS (10 s) cut the domain off with one violation line,
# "repeated refused requests (KIND): 101 in 10 s".
#  - q, a hostile agent, sends 100 of each (dock window types, popup flag
#    changes of a mapped window, clipboard data nobody asked for): the bound
#    itself is allowed, q stays connected; its log lines stay rate-limited;
#  - e, a hostile agent, sends 300 of one kind, three times (one per kind):
#    each time it is cut off after the 101st, with one violation line, and
#    the daemon answers.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

LIMIT=100 BURST=5
start_daemon --size 1280x800 --domain e,label=red --domain q,label=blue

# sync NAME: everything vt-hostile NAME sent so far was handled (the daemon
# answers a CONFIGURE off the screen with SET_GEOMETRY, in order)
sync() {
	local n deadline=$((SECONDS + VT_TIMEOUT))
	n=$(hostile_got "$1" '^got SET_GEOMETRY 7 ' | wc -l)
	hostile "$1" "configure 7 -5000 200 160 100"
	until (($(hostile_got "$1" '^got SET_GEOMETRY 7 ' | wc -l) > n)); do
		((SECONDS < deadline)) || fail "$1 got no SET_GEOMETRY for a CONFIGURE off the screen"
		sleep 0.05
	done
}

CMDS=("wintype 7 12" "configure 7 500 200 160 100 1" "clipflood 1 16")
KINDS=("window types refused" "popup flag changes" "clipboard data nobody asked for")
LINES=("window 7: window type dock refused; shown as normal"
	"window 7: popup flag change while mapped refused"
	"clipboard data nobody asked for dropped")

say "q: $LIMIT refusals of each kind, the bound itself"
hostile_start q q window
wait_pixels q 1
for i in 0 1 2; do
	hostile q "repeat $LIMIT ${CMDS[i]}"
done
sync q
[[ $(domain_field q connected) == 1 ]] || fail "q was cut off for $LIMIT refusals of each kind"
(($(violation_count q) == 0)) || fail "a violation line for q"
for i in 0 1 2; do
	n=$(count_log "$VT_DAEMON_LOG" "^vitrine-daemon: domain q: ${LINES[i]}")
	((n >= 1 && n <= BURST + 1)) || fail "$n lines '${LINES[i]}' for $LIMIT refusals"
done
check "q: $LIMIT refusals of each of 3 kinds: still connected, each kind's lines rate-limited"
hostile_stop q

for i in 0 1 2; do
	say "e: 300 times '${CMDS[i]}'"
	hostile_start e e window
	wait_pixels e 1
	before=$(violation_count e)
	l=$(hostile_ask e "repeat 300 ${CMDS[i]}")
	[[ $l == sent || $l == closed ]] || fail "vt-hostile e answered '$l'"
	why=$(next_violation e "$before")
	re="^repeated refused requests \(${KINDS[i]}\): $((LIMIT + 1)) in 10 s \("
	[[ $why =~ $re ]] || fail "violation '$why' does not match /$re/"
	wait_connected e 0
	(($(violation_count e) == before + 1)) || fail "more than one violation line for one cut-off"
	[[ $(domain_field e windows) == 0 ]] || fail "e still has windows after its cut-off"
	daemon_ok "e cut off"
	check "e cut off after $((LIMIT + 1)) refusals ($(domain_field e connected) connected): violation: $why"
	hostile_stop e
done
[[ $(domain_field q connected) == 0 ]] || fail "q still connected after it stopped"

finish
