#!/bin/bash
# x11-iconify-anim: new-user trial 14 #4 (trial 12 #1, trial 11 D1): with
# openbox's iconify animation (its default) and a task bar that says where
# its button is (_NET_WM_ICON_GEOMETRY), a window minimized and restored
# came back at the task bar's button, mostly below the screen: the frame
# positions openbox animates through were taken for the user's moves (the
# code before: restored at 603,736, the button's place). No settle while the
# window manager's frame is smaller than the window.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_xvfb DESK 1024x768
VT_OPENBOX_ANIMATE=yes start_openbox "$DESK" click
start_daemon_x11 "$DESK" --domain a,label=blue
start_xvfb DA
start_agent a "$DA"
start_pattern w "$DA" --pattern solid --color 00ff00 --geometry 200x150+100+200 --title w
dw=''
wait_desk_id dw a w
id=$(win_field a w id)
ctl --timeout "$VT_TIMEOUT" wait-idle a 300 >/dev/null
before=$(win_line_id a "$id")
x0=$(field_of "$before" x) y0=$(field_of "$before" y)
# the task bar's button, at the bottom
desk xprop -id "$dw" -f _NET_WM_ICON_GEOMETRY 32c -set _NET_WM_ICON_GEOMETRY "600,740,150,28"
for round in 1 2; do
	desk xdotool windowminimize "$dw"
	wait_desk "$dw" mapped=0
	sleep 1 # the animation's end
	desk wmctrl -i -a "$dw" # as a task bar's click: _NET_ACTIVE_WINDOW
	wait_desk "$dw" mapped=1
	sleep 1
	ctl --timeout "$VT_TIMEOUT" wait-idle a 300 >/dev/null
	l=$(win_line_id a "$id")
	[[ $(field_of "$l" x) == "$x0" && $(field_of "$l" y) == "$y0" ]] ||
		fail "round $round: restored at $(field_of "$l" x),$(field_of "$l" y), not at $x0,$y0 where it was minimized ($l)"
	info=$(desk xwininfo -id "$dw")
	ax=$(awk '/Absolute upper-left X/ {print $NF}' <<<"$info")
	ay=$(awk '/Absolute upper-left Y/ {print $NF}' <<<"$info")
	((ax == x0 - VT_X11_BORDER && ay == y0 - VT_X11_BORDER)) ||
		fail "round $round: the desktop shows it at $ax,$ay, not $((x0 - VT_X11_BORDER)),$((y0 - VT_X11_BORDER))"
done
check "minimized and restored twice with openbox's animation towards a task bar's button: back at $x0,$y0"
finish
