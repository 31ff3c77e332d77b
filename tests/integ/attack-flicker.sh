#!/bin/bash
# attack-flicker: ATTACKS row 11, hostile-domain trials 6 (#3), 7 (#2), 8.
# untrusted has the keys (the user clicked its window). The user clicks
# work's title bar to switch to work and types a password; untrusted maps,
# damages and unmaps a popup over that title bar, again and again (within
# its rate of window changes, so the popup is there most of the time). Before
# the click guard the popup caught the click (4 of 4 runs): the press went
# to untrusted, openbox never focused work, and the password went to
# untrusted with no notice. Now a window shown less than CLICK_GUARD_MS
# before a press over another domain's window takes no press: the click is
# taken, the keys go to no window, a notice says "click again"
# (clickguard.h); the password reaches no domain, and the user's next click
# on work's window gives work the keys. Then the same with a managed window
# (openbox's title bar of it over work's: the raw press path, review 8 #1)
# and over work's window maximized (openbox keeps its title bar: #2).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_xvfb DESK 1024x768
start_openbox "$DESK" click
start_daemon_x11 "$DESK" --domain work,label=blue --domain untrusted,label=red,tint=none
start_xvfb DW 1024x768
start_agent work "$DW"
cat_term work "$DW" 50x8+40+200
wait_desk_id DWK work work
hostile_start hw untrusted window
wait_desk_id DH untrusted hostile

# the middle of work's title bar (openbox's frame, above the window)
frame=$(desk_field "$DWK" top)
fy=$(desk xwininfo -id "$frame" | awk '/Absolute upper-left Y:/ { print $4 }')
wy=$(desk_field "$DWK" y)
wx=$(desk_field "$DWK" x)
ww=$(desk_field "$DWK" w)
cx=$((wx + ww / 2)) cy=$(((fy + wy) / 2))
((wy - fy >= 10)) || fail "work's window has no title bar above it: frame at y=$fy, window at y=$wy"
hostile hw "create 40 $((cx - 30)) $((cy - 8)) 60 16 1"
hostile hw "buffer 40 60 16 ff00ff"

# round N FLAG ID: untrusted has the keys; its window ID (FLAG 1: a popup,
# 0: a managed window) flickers while the user clicks work's title bar and
# types; 0 if the click fell on it (the attack was played), 1 if it missed
round() {
	local id=$3 w=60 h=16
	((id == 41)) && w=200 h=40
	local n=$1 word="secret$1" user got
	if [[ -n ${MAXED:-} ]]; then # its window is under work's maximized one
		ctl focus untrusted 7 >/dev/null
	else
		desk_click "$DH" 30 30
	fi
	wait_win untrusted 7 focus=1
	local before
	before=$(hostile_got hw '^got KEY ' | wc -l)
	local taken
	taken=$(grep -c "domain untrusted: a click on its window $id, .* was taken" "$VT_DAEMON_LOG" || true)
	(
		sleep 1
		desk xdotool mousemove --sync "$cx" "$cy" click 1
		sleep 0.5
		desk xdotool type --delay 20 "$word"
		desk xdotool key Return
	) &
	user=$!
	local end=$((SECONDS + 3))
	while ((SECONDS < end)); do
		hostile hw "map $id $2"
		hostile hw "damage $id 0 0 $w $h"
		sleep 0.15
		hostile hw "unmap $id"
	done
	wait "$user"
	sleep 0.5
	got=$(($(hostile_got hw '^got KEY ' | wc -l) - before))
	((got == 0)) || fail "round $n: untrusted got $got key events after the click on work's title bar: $(hostile_got hw '^got (KEY|BUTTON|FOCUS) ' | tail -n 4)"
	if (($(grep -c "domain untrusted: a click on its window $id, .* was taken" "$VT_DAEMON_LOG" || true) > taken)); then
		! grep -q "$word" "$T/work.typed" || fail "round $n: '$word' reached work after a click that was taken"
		grep -q "notice: untrusted's window appeared where you clicked: no click" "$VT_DAEMON_LOG" ||
			fail "round $n: no notice for the click taken"
		# the user clicks again, into work's window: work has the keys
		desk_click "$DWK" "${KX:-30}" "${KY:-30}"
		wait_win work "$(win_field work work id)" focus=1
		type_to "again$n" work none "round $n: after the click taken, a click into work's xterm"
		check "round $n: the click fell on untrusted's window $id just shown over work's title bar: taken, the keys to no window ('$word' reached no domain), the notice; the next click gave work the keys"
		return 0
	fi
	say "round $n: the click missed window $id; again"
	return 1
}
# play KIND FLAG ID: rounds until the click falls on window ID
play() {
	local n
	for n in 1 2 3 4; do
		round "$1$n" "$2" "$3" && return 0
	done
	fail "$1: the click never fell on the flickering window in 4 rounds: the attack was not played"
}
play popup 1 40
# no press of the user's reached the popup
got=$(hostile_got hw '^got BUTTON 40 ' | wc -l)
((got == 0)) || fail "untrusted's popup got $got button events: $(hostile_got hw '^got BUTTON 40 ' | head -n 2)"
check "untrusted's popup got no button event"
# a managed window (openbox frames it, at its USPosition): its title bar
# over work's; a click on a window manager's frame sends the raw press only
tb=$((wy - fy))
hostile hw "create 41 $((cx - 100)) $((cy + tb / 2 + 1)) 200 40 0"
hostile hw "raw 0b0000002900000024000000100000000000000000000000000000000000000000000000000000000000000000000000"
hostile hw "buffer 41 200 40 ff00ff"
play managed 0 41
# work's window maximized: openbox keeps its title bar there
desk "$VT_BIN/tests/vt-desk" net-state "$DWK" add _NET_WM_STATE_MAXIMIZED_VERT _NET_WM_STATE_MAXIMIZED_HORZ
deadline=$((SECONDS + VT_TIMEOUT))
until [[ $(desk_field "$DWK" y) != "$wy" ]]; do
	((SECONDS < deadline)) || fail "work's xterm did not maximize"
	sleep 0.1
done
frame=$(desk_field "$DWK" top)
fy=$(desk xwininfo -id "$frame" | awk '/Absolute upper-left Y:/ { print $4 }')
wy=$(desk_field "$DWK" y)
cy=$(((fy + wy) / 2))
hostile hw "configure 40 $((cx - 30)) $((cy - 8)) 60 16 1"
MAXED=1 KX=600 KY=300 # (untrusted's window 7 is over the xterm's corner now)
play maximized 1 40
hostile_stop hw
finish
