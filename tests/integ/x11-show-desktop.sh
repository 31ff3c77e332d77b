#!/bin/bash
# x11-show-desktop: new-user trial 13 #3. While the window manager's "show
# desktop" is on (openbox's Super+D: _NET_SHOWING_DESKTOP), it hides every
# window, new ones too: an application a domain started then never
# appeared, and nothing said why. The daemon does not end the user's "show
# desktop" for a domain's window (a domain may not change the desktop); its
# trusted notice says the new window is hidden, and why. A window mapped
# with the desktop's windows shown gets no such notice.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_xvfb DESK 1024x768
start_openbox "$DESK" click
start_daemon_x11 "$DESK" --domain a,label=blue
start_xvfb DA
start_agent a "$DA"
showing() { [[ $(desk xprop -root _NET_SHOWING_DESKTOP) == *"= $1" ]]; }
wait_showing() { # N WHAT: until _NET_SHOWING_DESKTOP is N
	local deadline=$((SECONDS + VT_TIMEOUT))
	until showing "$1"; do
		((SECONDS < deadline)) || fail "$2"
		sleep 0.05
	done
}
hint='a: a new window is hidden: the desktop is shown; show the windows again \(Show Desktop\) to see it'

start_pattern shown "$DA" --pattern solid --color 00ff00 --geometry 200x150+100+100 --title shown
d1=''
wait_desk_id d1 a shown
desk xdotool key super+d
wait_showing 1 "Super+D did not turn openbox's show desktop on"
wait_desk "$d1" mapped=0
check "Super+D: openbox shows the desktop, a's window is hidden"

start_pattern later "$DA" --pattern solid --color 0000ff --geometry 200x150+400+300 --title later
assert_log "$VT_DAEMON_LOG" "notice: $hint\$"
sleep 0.5
l=$(desk_line_title a later)
[[ -n $l && $(field_of "$l" mapped) == 0 ]] || fail "a's new window is shown (the test needs it hidden): '$l'"
showing 1 || fail "the desktop's show desktop was ended by a domain's window"
check "a window a maps while the desktop is shown stays hidden (the user's show desktop stays on), and the notice says why"

desk xdotool key super+d
wait_showing 0 "Super+D again did not turn show desktop off"

wait_desk_id d1 a later
check "Super+D again: a's new window is shown"
n=$(count_log "$VT_DAEMON_LOG" 'a new window is hidden')
start_pattern third "$DA" --pattern solid --color ff0000 --geometry 100x100+600+100 --title third

wait_desk_id d1 a third
sleep 0.5
[[ $(count_log "$VT_DAEMON_LOG" 'a new window is hidden') == "$n" ]] ||
	fail "a window mapped with the windows shown was said to be hidden"
check "a window mapped with the desktop's windows shown: no such notice"
finish
