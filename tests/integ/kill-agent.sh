#!/bin/bash
# kill-agent: killing one domain's agent removes that domain's windows and
# nothing else; the other domain keeps drawing; the agent can come back. An
# agent started before its X server connects once it is up; one whose X
# server never comes gives up after 10 s, saying so (gui-agent/xconnect.c).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 1280x800 --domain work,label=blue --domain untrusted,label=red,tint=strong
# an X display that never comes (far above start_xvfb's numbers): tried
# meanwhile, looked at the end
never=$(free_display $((60000 + $$ % 1000)))
bg "agent without X" "$T/agent-nox.log" env DISPLAY=":$never" \
	VITRINE_SOCKET="$RUN/domain-nosuch.sock" "$VT_BIN/vitrine-agent"
nox=$VT_LAST_PID
start_xvfb DA
start_xvfb DB
start_agent untrusted "$DA"
start_agent work "$DB"
base=$(shot baseline)
start_pattern a "$DA" --pattern solid --color ffff00 --geometry 200x150+600+300 --title victim
start_pattern b "$DB" --pattern solid --color 00ffff --geometry 200x150+100+120 --title survivor
ida=${PAT_ID[a]} idb=${PAT_ID[b]}
wait_pixels untrusted 1
wait_pixels work 1
s=$(wait_content work "$idb" 00ffff before)
check_frame_id work "$idb" blue "$s"
check_frame_id untrusted "$ida" red "$s"
geometry
la=$(win_line_id untrusted "$ida")
area="$(($(field_of "$la" x) - VT_GEOM_B)),$(($(field_of "$la" y) - VT_GEOM_T - VT_GEOM_B)),$((200 + 2 * VT_GEOM_B)),$((150 + VT_GEOM_T + 2 * VT_GEOM_B))"

say "killing untrusted's agent with SIGKILL"
kill_agent untrusted KILL
wait_gone untrusted
wait_connected untrusted 0
check "untrusted: no windows left, connected=0"
[[ -n $(win_line_id work "$idb") ]] || fail "work's window disappeared with untrusted's agent"
check "work's window is still listed"

d=$(win_field_id work "$idb" damage)
pat b color ff00ff
wait_damage work "$idb" $((d + 1))
s=$(wait_content work "$idb" ff00ff after)
check "work's window still gets updates: damage went past $d, content is now ff00ff"
check_frame_id work "$idb" blue "$s"
"$VT_BIN/tests/pngcmp" "$base" "$s" --tolerance 0 --clip "$area" --diff "$T/gone-diff.png" ||
	fail "untrusted's old window area $area is not background (diff $T/gone-diff.png)"
check "untrusted's old window area $area shows only background"

say "restarting untrusted's agent"
start_agent untrusted "$DA"
wait_pixels untrusted 1
s=$(shot back)
check_frame_id untrusted "$ida" red "$s"
check "untrusted's window is back (same id $ida) with pixels and its frame"
check_frame_id work "$idb" blue "$s"

say "an agent started before its X server"
kill_agent untrusted
wait_connected untrusted 0
n=$(free_display)
bg "agent untrusted early" "$T/agent-early.log" env DISPLAY=":$n" \
	VITRINE_SOCKET="$RUN/domain-untrusted.sock" "$VT_BIN/vitrine-agent"
VT_AGENT[untrusted]=$VT_LAST_PID
wait_lines "$T/agent-early.log" ".*display \":$n\" does not take connections yet.*" 1 \
	"the early agent's first try"
check "the agent found no X server on :$n and said it tries again"
xvfb_on "$n" || fail "display :$n was taken meanwhile (another test's Xvfb): run again"
DC=":$n"
wait_connected untrusted 1
start_pattern c "$DC" --pattern solid --color 00ff00 --geometry 160x100+300+200 --title early
wait_pixels untrusted 1
s=$(shot early)
check_frame_id untrusted "${PAT_ID[c]}" red "$s"
check "the agent connected to :$n once its Xvfb took connections; its window is shown"

# its 100 tries take 10 s from its start; the rest of this test took some
VT_TIMEOUT=$((10 + 2 * VT_TIMEOUT)) wait_lines "$T/agent-nox.log" \
	"vitrine-agent: cannot open the X display \":$never\" \\(tried for 10 s\\)" 1 \
	"the agent without an X server giving up"
rc=0
wait "$nox" || rc=$?
[[ $rc == 1 ]] || fail "the agent without an X server ended with $rc, not 1 ($(cat "$T/agent-nox.log"))"
check "the agent without an X server gave up: $(tail -n 1 "$T/agent-nox.log")"

finish
