#!/bin/bash
# x11-minimize: minimize travels both ways and stays consistent, on a desktop
# with openbox (issue 11 item 5). A guest's iconify (XIconifyWindow, i.e. a
# WM_CHANGE_STATE client message: `xdotool windowminimize` on an xterm, and
# GTK's gtk_window_iconify) minimizes the desktop window; the user's restore
# on the desktop restores it in the guest (WM_STATE Normal, no
# _NET_WM_STATE_HIDDEN, GTK no longer iconified); the user's minimize on the
# desktop minimizes it in the guest as a window manager would (WM_STATE
# Iconic, _NET_WM_STATE_HIDDEN; GTK sees itself iconified). Nothing echoes
# back and forth: the domain goes quiet after each change, with the desktop
# still in the state the user left it in. A desktop window a desktop client
# destroys (xdotool windowclose) is made again.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_xvfb DESK 1024x768
start_openbox "$DESK"
start_daemon_x11 "$DESK" --domain work,label=blue
start_xvfb DW 1024x768
start_agent work "$DW"
dx='' dg='' dp='' # desktop window ids (wait_desk_id)

# wm_state DISPLAY ID: Normal, Iconic, Withdrawn, or nothing (no WM_STATE).
wm_state() { DISPLAY=$1 xprop -id "$2" WM_STATE 2>/dev/null | sed -n 's/.*window state: //p'; }
hidden() { DISPLAY=$1 xprop -id "$2" -notype _NET_WM_STATE 2>/dev/null | grep -q _NET_WM_STATE_HIDDEN; }

# wait_min WHAT DISPLAY ID Iconic|Normal: until ID on DISPLAY has that
# WM_STATE and _NET_WM_STATE_HIDDEN exactly when Iconic.
wait_min() {
	local what=$1 d=$2 id=$3 want=$4 deadline=$((SECONDS + VT_TIMEOUT)) h
	while :; do
		h=0
		hidden "$d" "$id" && h=1
		[[ $(wm_state "$d" "$id") == "$want" && $h == $([[ $want == Iconic ]] && echo 1 || echo 0) ]] && break
		((SECONDS < deadline)) || fail "$what: window $id on $d has WM_STATE '$(wm_state "$d" "$id")', _NET_WM_STATE '$(DISPLAY=$d xprop -id "$id" -notype _NET_WM_STATE 2>/dev/null)'; wanted $want"
		sleep 0.05
	done
	check "$what: $id on $d is $want"
}

# quiet WHAT: the domain sends nothing for 300 ms (no echo between the two
# sides), and the daemon logs no violation.
quiet() {
	ctl --timeout "$VT_TIMEOUT" wait-idle work 300 >/dev/null
	! grep -q violation "$VT_DAEMON_LOG" || fail "$1: $(grep violation "$VT_DAEMON_LOG")"
}

# ---- xterm: the guest minimizes (XIconifyWindow), the user restores
bg xterm "$T/xterm.log" env DISPLAY="$DW" xterm -title xmin -e sleep 600
wait_desk_id dx work xmin
xid=$(win_field work xmin id)
wait_min "xterm mapped" "$DW" "$xid" Normal
DISPLAY=$DW xdotool windowminimize "$xid"
wait_min "the guest minimized its xterm: the desktop window" "$DESK" "$dx" Iconic
wait_min "the guest minimized its xterm: in the domain" "$DW" "$xid" Iconic
quiet "after the guest's minimize"
wait_min "still minimized on the desktop once the domain is quiet" "$DESK" "$dx" Iconic

desk xdotool windowactivate "$dx"
wait_min "the user restored it on the desktop" "$DESK" "$dx" Normal
wait_min "the user's restore reaches the domain" "$DW" "$xid" Normal
quiet "after the user's restore"
wait_min "still restored once the domain is quiet" "$DESK" "$dx" Normal

# map_state DISPLAY ID: IsViewable, IsUnMapped...
map_state() { DISPLAY=$1 xwininfo -id "$2" 2>/dev/null | sed -n 's/.*Map State: //p'; }
wait_map_state() { # WHAT ID STATE: in the domain
	local deadline=$((SECONDS + VT_TIMEOUT))
	until [[ $(map_state "$DW" "$2") == "$3" ]]; do
		((SECONDS < deadline)) || fail "$1: the xterm in the domain is $(map_state "$DW" "$2"), not $3"
		sleep 0.05
	done
}

# ---- the user minimizes on the desktop, then the guest minimizes again
desk xdotool windowminimize "$dx"
wait_min "the user minimized it on the desktop" "$DESK" "$dx" Iconic
wait_min "the user's minimize reaches the domain" "$DW" "$xid" Iconic
# unmapped in the domain, as a window manager does, so that its application
# stops drawing (new-user trial 16 #3: a minimized gtk4-widget-factory kept
# 1.7 cores busy); still a window of the daemon's, minimized on the desktop
wait_map_state "minimized on the desktop" "$xid" IsUnMapped
quiet "after the user's minimize"
wait_win work "$xid" mapped=1
wait_min "still minimized on the desktop, the xterm unmapped in its domain" "$DESK" "$dx" Iconic
desk xdotool windowactivate "$dx"
wait_min "restored on the desktop again" "$DW" "$xid" Normal
wait_map_state "restored on the desktop" "$xid" IsViewable
check "minimized on the desktop: the xterm unmapped in its domain, still the daemon's window; restored: mapped again"
DISPLAY=$DW xdotool windowminimize "$xid"
wait_min "the guest minimized it a second time" "$DESK" "$dx" Iconic
desk xdotool windowactivate "$dx"
wait_min "and the user restored it a second time" "$DW" "$xid" Normal
quiet "after the second round"
wait_min "the desktop window stays restored" "$DESK" "$dx" Normal

# ---- GTK: its own idea of being iconified follows the desktop
start_gtk g "$DW" gtk-min
wait_desk_id dg work gtk-min
wait_gtk() {
	local deadline=$((SECONDS + VT_TIMEOUT))
	while :; do
		gtk g state
		[[ $GTK_REPLY == *"iconified=$2" ]] && break
		((SECONDS < deadline)) || fail "$1: GTK believes '$GTK_REPLY', wanted iconified=$2"
		sleep 0.05
	done
	check "$1: GTK's window state: $GTK_REPLY"
}
desk xdotool windowminimize "$dg"
wait_gtk "the user minimized GTK's window on the desktop" 1
desk xdotool windowactivate "$dg"
wait_gtk "the user restored it" 0
gtk g iconify
wait_min "GTK iconified itself: the desktop window" "$DESK" "$dg" Iconic
wait_gtk "GTK iconified itself" 1
desk xdotool windowactivate "$dg"
wait_gtk "the user restored it on the desktop" 0
wait_min "restored" "$DW" "${GTK_ID[g]}" Normal
quiet "after GTK's round"
co_close g

# ---- a trusted desktop client destroys a desktop window (xdotool
# windowclose: XDestroyWindow): the guest's window is still there, so the
# daemon makes its desktop window again, framed, with its content
start_pattern p "$DW" --pattern quad --geometry 160x120+200+150 --title closed
wait_desk_id dp work closed
wait_desk_content "$dp" quad closed-before >/dev/null
desk xdotool windowclose "$dp"
deadline=$((SECONDS + VT_TIMEOUT))
while :; do
	desk_line_title_to l work closed
	m=
	[[ -n $l ]] && field_to m "$l" mapped
	[[ -n $l && ${l%% *} != "$dp" && $m == 1 ]] && break
	((SECONDS < deadline)) || fail "no new desktop window for [work] closed after $dp was destroyed: $(desk_list)"
	sleep 0.05
done
dn=${l%% *}
wait_desk_content "$dn" quad closed-after >/dev/null
wait_desk_frame closed-frame "$dn" blue "the window made again" >/dev/null
[[ -n $(win_line_id work "${PAT_ID[p]}") ]] || fail "the guest's window is gone: $(win_lines)"
check "desktop window $dp destroyed by a desktop client: made again as $dn, framed blue, its content shown"

finish
