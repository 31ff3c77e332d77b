#!/bin/bash
# x11-keymap-click: new-user trial 13 #1. The user's tool types characters
# the keyboard layout lacks into untrusted's xterm (xdotool, like a password
# manager's auto-type, maps a spare keycode to each for a moment: the
# desktop's keymap changes again and again), then the user clicks into
# work's xterm and types: the keys must follow the click.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

desk_two_terms
desk_click "$DUT" 30 30
wait_win untrusted "$(win_field untrusted untrusted id)" focus=1
for i in 1 2 3 4 5; do
	desk xdotool type --delay 20 "l$i aöbüc ñ ß é æ ø x"
	desk xdotool key Return
done
sleep 0.8 # (the domain may still be typing them: each maps a keycode of its own)
desk_click "$DWK" 30 30
# at once: openbox, busy with the keymap changes too, may focus work's
# window after these keys (to untrusted's, as on any X desktop)...
desk xdotool type --delay 20 "early-keys-before-the-focus"
wait_desk_focus "$DWK" "openbox focused work's xterm after the click"
# ...but once it did, the keys follow the click (they stayed with untrusted:
# the early keys had undone the click)
desk xdotool type --delay 20 "meant-for-work"
desk xdotool key Return
VT_TIMEOUT=60 wait_lines "$T/work.typed" "meant-for-work" 1 "what was typed after the click into work's xterm"
! grep -qs "meant-for-work" "$T/untrusted.typed" || fail "'meant-for-work' reached untrusted"
check "a click into work's xterm after typing through remapped keycodes into untrusted's: the keys after openbox's focus went to work"
finish
