#!/bin/bash
# attack-alttab: hostile-domain trial 11 #5. openbox puts every window it
# maps without focusing it next in its Alt+Tab order. untrusted mapped its
# window again every 0.7 s; the user, in work's w1, pressed Alt+Tab once to
# go back to work's w2 and typed: openbox focused untrusted's window, the
# daemon followed (the window manager's focus right after the user's key
# binding) and the keys went to untrusted, 4 of 4. Now the window manager's
# key binding chooses another domain's window only if it was shown a second
# before the key and not mapped again since the keys came to theirs
# (focus.c user_chose): the keys stay in work.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

desk_work_untrusted work
cat_term w1 "$DW" 60x10+50+60
cat_term w2 "$DW" 60x10+300+400
wait_desk_id D1 work w1
wait_desk_id D2 work w2
desk_click "$D2" 40 40
wait_win work "$(win_field work w2 id)" focus=1
desk_click "$D1" 40 40
wait_win work "$(win_field work w1 id)" focus=1
hostile_start h untrusted window
wait_desk_id DH untrusted hostile
# mapped again and again, as the trial's domain did
(
	while sleep 0.7; do
		co_send h "unmap 7"
		co_send h "map 7"
	done
) &
loop=$!
track "$loop" remap-loop
sleep 3
desk xdotool key alt+Tab
sleep 0.3
desk xdotool type --delay 30 secret
desk xdotool key Return
sleep 1
kill "$loop" 2>/dev/null || true
presses=$(grep -c 'got KEY .*pressed=1' "$T/h.log" || true)
((presses == 0)) || fail "Alt+Tab, then 'secret' typed: $presses key presses reached untrusted's window mapped again and again"
wait_lines "$T/w1.typed" secret 1 "the keys typed after Alt+Tab"
check "Alt+Tab with untrusted's window mapped again every 0.7 s: no key reached untrusted; 'secret' stayed in work's w1"
finish
