#!/bin/bash
# attack-flicker: ATTACKS row 11, hostile-domain trials 6 (#3), 7 (#2), 8.
# untrusted has the keys (the user clicked its window). The user clicks
# work's title bar to switch to work; untrusted maps, damages and unmaps a
# popup over that title bar, again and again (within its rate of window
# changes, so the popup is there most of the time). Before the click guard
# the popup caught the click (4 of 4 runs): the press went to untrusted,
# openbox never focused work, and the password typed next went to
# untrusted with no notice. Now a window shown less than CLICK_GUARD_MS
# before a press over another domain's window takes no press: the click
# reaches no domain and chooses nothing, and a notice says the keys still
# go to untrusted (clickguard.h); the user's next click on work's window
# gives work the keys. The same with a managed window (openbox's title bar
# of it over work's: the raw press path, review 8 #1). (Maximized title
# bars, #2, and minimized windows: unit test-clickguard.)
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

desk_work_and_hostile 50x8+40+200

# the middle of work's title bar (openbox's frame, above the window)
title_middle "$DWK"
hostile hw "create 40 $((cx - 30)) $((cy - 8)) 60 16 1"
hostile hw "buffer 40 60 16 ff00ff"

# round N FLAG ID: untrusted has the keys; its window ID (FLAG 1: a popup,
# 0: a managed window) flickers while the user clicks work's title bar;
# 0 if the click fell on it (the attack was played), 1 if it missed
round() {
	local id=$3 w=60 h=16 user taken shown=0.15
	((id == 41)) && w=200 h=40 shown=0.3
	desk_click "$DH" 30 30
	wait_win untrusted 7 focus=1
	taken=$(grep -c "domain untrusted: a click on its window $id, .* was taken" "$VT_DAEMON_LOG" || true)
	(
		sleep 1
		desk xdotool mousemove --sync "$cx" "$cy" click 1
	) &
	user=$!
	local end=$((SECONDS + 2))
	while ((SECONDS < end)); do
		hostile hw "map $id $2"
		hostile hw "damage $id 0 0 $w $h"
		sleep "$shown" # (openbox frames a managed window first: longer)
		hostile hw "unmap $id"
	done
	wait "$user"
	sleep 0.3
	if (($(grep -c "domain untrusted: a click on its window $id, .* was taken" "$VT_DAEMON_LOG" || true) > taken)); then
		grep -q "notice: untrusted's window appeared where you clicked: no click; keys still go to untrusted" \
			"$VT_DAEMON_LOG" || fail "round $n: no notice for the click taken"
		wait_win untrusted 7 focus=1 # as the notice says
		# the user, told, clicks into work's window: work has the keys
		desk_click "$DWK" 30 30
		wait_win work "$(win_field work work id)" focus=1
		type_to "again$1" work untrusted "round $1: after the click taken, a click into work's xterm"
		check "round $1: the click fell on untrusted's window $id just shown over work's title bar: taken (no click anywhere), the notice that the keys still go to untrusted; the next click gave work the keys"
		return 0
	fi
	say "round $1: the click missed window $id; again"
	return 1
}

# play KIND FLAG ID: rounds until the click falls on window ID
play() {
	local n
	for n in 1 2 3 4 5 6 7 8; do
		round "$1$n" "$2" "$3" && return 0
	done
	fail "$1: the click never fell on the flickering window in 8 rounds: the attack was not played"
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
hostile_stop hw
finish
