#!/bin/bash
# input-x11: the desktop backend's input path, with a real desktop (Xvfb +
# openbox) and real input on it (xdotool's XTEST): keys typed on the desktop
# reach only the domain whose window the user focused (a click on its title
# bar, which openbox turns into its focus),
# clicks land at the right window coordinates, and the reserved clipboard
# hotkeys are not forwarded (DESIGN promise 3; ATTACKS 11: no input stolen).
# Each domain's server is watched by vt-keylog (XInput2 raw events: every
# key its devices produce) and a vt-input window (what the client got).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

B=$VT_X11_BORDER
start_xvfb DESK 1024x768
start_openbox "$DESK" click
start_daemon_x11 "$DESK" --domain a,label=blue --domain b,label=red
start_xvfb DA
start_xvfb DB
start_keylog a "$DA"
start_keylog b "$DB"
start_agent a "$DA"
start_agent b "$DB"
start_input ia "$DA" --geometry 300x200+50+60 --title ia
start_input ib "$DB" --geometry 300x200+500+300 --title ib
wait_pixels a 1
wait_pixels b 1
ida=${PAT_ID[ia]} idb=${PAT_ID[ib]}
dia='' dib=''
wait_desk_id dia a ia
wait_desk_id dib b ib
say "desktop windows: a/ia $dia, b/ib $dib"

# activate DESKID DOMAIN ID: the user clicks the desktop window's title bar
# (openbox focuses it), then wait until the daemon gives that guest window
# focus=1.
activate() {
	desk_choose "$@"
	check "the user clicked the title bar of desktop window $1: the daemon gives $2/$3 the focus"
}

# ---- typing on the desktop into a's window
activate "$dia" a "$ida"
n=$(wc -l <"$T/input-ia.txt")
desk xdotool type --delay 30 hello
wait_lines "$T/input-ia.txt" "keyup 32 [0-9]+" 1 "typing hello on the desktop into a's window"
ma=$(keylog_mark a Shift_R)
got=$(input_since ia "$n" | awk '$1 == "key" {printf "%s,", $2}')
[[ $got == 43,26,46,46,32,* ]] || fail "ia got keycodes '$got' for hello, expected 43,26,46,46,32 first"
check "ia got h e l l o (keycodes 43 26 46 46 32) typed on the desktop"

# ---- the reserved hotkeys never reach the domain
desk xdotool key ctrl+shift+c ctrl+shift+v
ma1=$(keylog_mark a Shift_R)
between=$(keys_in a $((ma + 2)) $((ma1 - 1)))
say "a's server during Ctrl+Shift+C, Ctrl+Shift+V on the desktop: $(echo "$between" | tr '\n' ',')"
! grep -qE ' (54|55)$' <<<"$between" || fail "a's server got the C or V of a reserved hotkey: $(echo "$between" | tr '\n' ',')"
grep -q '^key press 37$' <<<"$between" || fail "a's server never saw the Control of the hotkeys: does the check see anything?"
check "Ctrl+Shift+C and Ctrl+Shift+V typed on the desktop: a saw the modifiers, never C or V"

# ---- a click lands at window coordinates
l=$(win_line_id a "$ida")
cx=$(($(field_of "$l" x) + 10)) cy=$(($(field_of "$l" y) + 20))
n=$(wc -l <"$T/input-ia.txt")
desk xdotool mousemove --sync "$cx" "$cy" click 1
wait_lines "$T/input-ia.txt" "release 1 10 20" 1 "click on the desktop at $cx,$cy (ia's content +10+20)"
got=$(input_since ia "$n" | grep -E '^(button|release) ' | tr '\n' ',')
[[ $got == "button 1 10 20,release 1 10 20," ]] || fail "ia got '$got' for a click at its +10+20"
check "a click on the desktop at ia's content +10+20 reached ia at 10,20"

# ---- b's server saw none of it; typing into b after the WM focused it
activate "$dib" b "$idb"
mb=$(keylog_mark b Shift_R)
got=$(keys_in b 1 $((mb - 1)) | tr '\n' ',')
[[ -z $got ]] || fail "b's server got keys while a's window had the desktop's focus: $got"
check "b's server recorded zero key events while a was focused"
n=$(wc -l <"$T/input-ib.txt")
desk xdotool type --delay 30 world
wait_lines "$T/input-ib.txt" "keyup 40 [0-9]+" 1 "typing world on the desktop into b's window"
got=$(input_since ib "$n" | awk '$1 == "key" {printf "%s,", $2}')
[[ $got == 25,32,27,46,40,* ]] || fail "ib got keycodes '$got' for world, expected 25,32,27,46,40 first"
check "ib got w o r l d typed on the desktop"

activate "$dia" a "$ida"
ma2=$(keylog_mark a Shift_R)
got=$(keys_in a $((ma1 + 2)) $((ma2 - 1)) | tr '\n' ',')
[[ -z $got ]] || fail "a's server got keys while b's window had the desktop's focus: $got"
check "a's server recorded zero key events while b was focused"

finish
