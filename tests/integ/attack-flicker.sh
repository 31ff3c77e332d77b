#!/bin/bash
# attack-flicker: ATTACKS row 11, hostile-domain trials 6 (#3) and 7 (#2).
# untrusted has the keys (the user clicked its window). The user clicks
# work's title bar to switch to work and types a password; untrusted maps,
# damages and unmaps a popup over that title bar, again and again (within
# its rate of window changes, so the popup is there most of the time). Before
# the click guard the popup caught the click (4 of 4 runs): the press went
# to untrusted, openbox never focused work, and the password went to
# untrusted with no notice. Now a window shown less than CLICK_GUARD_MS
# before a press over another domain's window takes no press: the click
# chooses work's window (clickguard.h) and the keys go there.
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

# round N: untrusted has the keys; the popup flickers while the user clicks
# work's title bar and types; 0 if the click fell on the popup (the attack
# was played), 1 if it missed it
round() {
	local n=$1 word="secret$1" user got
	desk_click "$DH" 30 30
	wait_win untrusted 7 focus=1
	local before
	before=$(hostile_got hw '^got KEY ' | wc -l)
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
		hostile hw "map 40 1"
		hostile hw "damage 40 0 0 60 16"
		sleep 0.15
		hostile hw "unmap 40"
	done
	wait "$user"
	sleep 0.5
	got=$(($(hostile_got hw '^got KEY ' | wc -l) - before))
	((got == 0)) || fail "round $n: untrusted got $got key events after the click on work's title bar: $(hostile_got hw '^got (KEY|BUTTON|FOCUS) ' | tail -n 4)"
	wait_lines "$T/work.typed" "$word" 1 "round $n: '$word' in work's xterm"
	if grep -q "domain untrusted: a click on its window 40, shown [0-9]* ms before over work's window" \
		"$VT_DAEMON_LOG"; then
		check "round $n: the click fell on untrusted's popup just shown over work's title bar; it chose work's window: '$word' typed there, none of it at untrusted ($(grep -o "a click on its window 40, shown [0-9]* ms before over work's window [0-9]*, went to that window" "$VT_DAEMON_LOG" | tail -n 1))"
		return 0
	fi
	say "round $n: the click missed the popup; again"
	return 1
}
for n in 1 2 3 4; do
	round "$n" && break
	((n < 4)) || fail "the click never fell on the flickering popup in 4 rounds: the attack was not played"
done
# no press of the user's reached the popup
got=$(hostile_got hw '^got BUTTON 40 ' | wc -l)
((got == 0)) || fail "untrusted's popup got $got button events: $(hostile_got hw '^got BUTTON 40 ' | head -n 2)"
check "untrusted's popup got no button event"
hostile_stop hw
finish
