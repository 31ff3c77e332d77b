#!/bin/bash
# attack-held-under: ATTACKS row 11 continued, hostile-domain trial 9 #1.
# untrusted has the keys; the user clicks work's title bar to switch to
# work. untrusted's popup A flickers there, as in attack-flicker, and under
# it lies B, a managed window of untrusted whose map its rate of window
# changes holds (props.h): mapped and on top in the core, never on the
# desktop (tests/clients/vt-heldunder.py has the timeline). The click
# guard took B for what the user aimed at (a window of A's own domain: no
# guard), and the click went to A with no notice, in 6 of 6 rounds where
# it fell on A; the password typed next went to untrusted. Now only what
# the desktop shows can be under a press (clickguard.c on_screen): the
# click on A is taken, as any other.
# vt: no-asan (timing of the domain's rate; unit test-clickguard covers the rule under ASan)
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_xvfb DESK 1024x768
start_openbox "$DESK" click
start_daemon_x11 "$DESK" --domain work,label=blue --domain untrusted,label=red,tint=none
start_xvfb DW 1024x768
start_agent work "$DW"
cat_term work "$DW" 50x8+40+200
wait_desk_id DWK work work
title_middle "$DWK"
start_co hb "$T/hb.log" "$PYTHON" "$VT_CLIENTS/vt-heldunder.py" "$RUN/domain-untrusted.sock" "$cx" "$cy"
while :; do
	co_read hb l "$VT_TIMEOUT"
	[[ $l == ready ]] && break
done
wait_desk_id DH untrusted hostile

buttons() { grep -c '^got BUTTON 40 ' "$T/hb.log" || true; }
taken() { grep -c 'domain untrusted: a click on its window 40, .* was taken' "$VT_DAEMON_LOG" || true; }
guarded=0
for round in 1 2 3 4 5 6 7 8; do
	desk_click "$DH" 30 30 # the user works in untrusted
	wait_win untrusted 7 focus=1
	sleep 2.5 # the domain's burst refills
	t0=$(taken) b0=$(buttons)
	desk xdotool mousemove --sync "$cx" "$cy" # the user switches to work:
	base=$(under_pointer)
	co_send hb round
	click_when_new "$base" # the click as A appears (B is not on the desktop)
	co_read hb l "$VT_TIMEOUT"
	[[ $l == "done" ]] || fail "vt-heldunder said '$l'"
	sleep 0.3
	t=$(($(taken) - t0)) b=$(($(buttons) - b0))
	((b == 0)) || fail "round $round: the click on work's title bar reached untrusted's popup ($b button events; taken: $t); B, its window held off the desktop, was under it"
	if ((t > 0)); then
		guarded=$((guarded + 1))
		check "round $round: the click fell on untrusted's popup just shown over work's title bar, with untrusted's window held off the desktop under it: taken"
		((guarded < 2)) || break
	else
		say "round $round: the click came before or after the popup; again"
	fi
done
((guarded > 0)) || fail "the click never fell on the popup in 8 rounds: the attack was not played"
finish
