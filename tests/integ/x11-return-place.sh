#!/bin/bash
# x11-return-place: new-user trial 9 #5. The user moved a domain's window
# (a GTK one: no position hint of its own), then cut the domain off with
# the emergency hotkey and let it back (vitrinectl unblock). Its agent
# announces its windows again, where the user had put them; the window
# manager placed the new desktop window as a new one (top-left), and the
# user had to find and move it again. Now a window a domain announces again
# after its connection ended, at the place the daemon last had it, returns
# there (the position is a user's one: USPosition).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_xvfb DESK 1024x768
start_openbox "$DESK" click
start_daemon_x11 "$DESK" --domain work,label=blue
start_xvfb DW 1024x768
start_agent work "$DW"
start_gtk ed "$DW" editor - 300x200
wait_desk_id DE work editor
id=$(win_field work editor id)
# and one openbox placed (smart placement: beside the first), never moved
# (new-user trial 10 #4: came back 172 px higher)
start_gtk pl "$DW" placed - 200x150
wait_desk_id DP work placed

# the user moves it (as a pager does: the window manager honours it)
desk xdotool windowmove "$DE" 600 420
deadline=$((SECONDS + VT_TIMEOUT))
until (($(win_field work editor x) >= 500)); do
	((SECONDS < deadline)) || fail "the window did not move: $(win_line work editor)"
	sleep 0.05
done
x=$(win_field work editor x) y=$(win_field work editor y)
check "the user moved work's window to $x,$y"
px=$(win_field work placed x) py=$(win_field work placed y)

# cut off, then back
desk_click "$DE" 40 40
wait_win work "$id" focus=1
desk xdotool key ctrl+alt+shift+Escape
wait_gone work
ctl unblock work >/dev/null
wait_connected work 1
wait_win work "$id" mapped=1
wait_desk_id DE work editor
sleep 0.5 # (the window manager's placement, had it moved it)
nx=$(win_field work editor x) ny=$(win_field work editor y)
((nx == x && ny == y)) || fail "after vitrinectl unblock work's window came back at $nx,$ny, not where the user had put it ($x,$y)"
dx=$(desk_field "$DE" x) dy=$(desk_field "$DE" y)
((dx >= x - 4 && dx <= x + 4 && dy >= y - 4 && dy <= y + 4)) ||
	fail "on the desktop the window is at $dx,$dy, not $x,$y"
check "after the cut-off and vitrinectl unblock work's window came back where the user had put it ($nx,$ny)"
wait_desk_id DP work placed
nx=$(win_field work placed x) ny=$(win_field work placed y)
((nx == px && ny == py)) || fail "the window openbox had placed came back at $nx,$ny, not $px,$py"
check "and the one openbox had placed came back where it was ($nx,$ny)"
finish
