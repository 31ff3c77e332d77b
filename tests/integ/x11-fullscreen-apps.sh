#!/bin/bash
# x11-fullscreen-apps: real applications' fullscreen and maximize requests
# reach the policy on a desktop with openbox (issue 11 item 4). The agent is
# the domain's window manager as far as its applications can tell: GTK sees
# _NET_WM_STATE_FULLSCREEN supported (what Firefox asks before its F11 does
# anything); `xterm -fullscreen`, which sends its request with
# SubstructureRedirectMask alone (to a window manager only), becomes
# maximize on the desktop in a domain without allow_fullscreen and
# fullscreen in one with it; GTK's maximize and fullscreen calls on a mapped
# window do the same. The guest learns the result as from a window manager:
# its _NET_WM_STATE, and GTK's own idea of its state; a restore by the user
# on the desktop reaches GTK too, and leaving fullscreen brings back the
# place and size from before. A request made before the agent ever
# reached the daemon is passed on once it does.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_xvfb DESK 1024x768
start_openbox "$DESK"
# An xterm -fullscreen that asks before its agent ever reached the daemon:
# the agent takes the request as the domain's window manager and passes it
# on once connected.
start_xvfb DL 1024x768
bg "agent late" "$T/agent-late.log" env DISPLAY="$DL" VITRINE_SOCKET="$RUN/domain-late.sock" "$VT_BIN/vitrine-agent"
# (the agent is the domain's window manager once its check window is up;
# an application started before that sees no window manager at all)
deadline=$((SECONDS + VT_TIMEOUT))
until DISPLAY=$DL xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q 'window id'; do
	((SECONDS < deadline)) || fail "the agent did not become the domain's window manager"
	sleep 0.05
done
bg xterm-l "$T/xterm-l.log" env DISPLAY="$DL" xterm -fullscreen -title lfs -e sleep 600
lid=$(DISPLAY=$DL xdotool search --sync --name '^lfs$' | head -n 1)
deadline=$((SECONDS + VT_TIMEOUT))
until [[ $(DISPLAY=$DL xprop -id "$lid" -notype _NET_WM_STATE 2>/dev/null) == *_NET_WM_STATE_FULLSCREEN* ]]; do
	((SECONDS < deadline)) || fail "the agent (no daemon yet) did not take xterm's fullscreen request: $(DISPLAY=$DL xprop -id "$lid" _NET_WM_STATE)"
	sleep 0.05
done
check "xterm -fullscreen before the agent reached any daemon: its window has _NET_WM_STATE_FULLSCREEN"
start_daemon_x11 "$DESK" --domain work,label=blue --domain trusted,label=green,allow_fullscreen=1 \
	--domain late,label=gray
start_xvfb DW 1024x768
start_agent work "$DW"
start_xvfb DT 1024x768
start_agent trusted "$DT"

dl='' dg='' dx='' dt='' dtg='' # desktop window ids (wait_desk_id)
MAXV=_NET_WM_STATE_MAXIMIZED_VERT MAXH=_NET_WM_STATE_MAXIMIZED_HORZ FS=_NET_WM_STATE_FULLSCREEN

# has_state ID ATOM: the desktop window's _NET_WM_STATE lists ATOM.
has_state() { [[ ", $(desk_prop "$1" _NET_WM_STATE), " == *", $2, "* ]]; }

# wait_state ID WHAT ATOM... -ATOM...: until the desktop window's
# _NET_WM_STATE has every ATOM and none of the -ATOMs.
wait_state() {
	local id=$1 what=$2 a ok deadline=$((SECONDS + VT_TIMEOUT))
	shift 2
	while :; do
		ok=1
		for a in "$@"; do
			if [[ $a == -* ]]; then ! has_state "$id" "${a#-}" || ok=0; else has_state "$id" "$a" || ok=0; fi
		done
		((ok)) && break
		((SECONDS < deadline)) || fail "$what: the desktop window's _NET_WM_STATE is '$(desk_prop "$id" _NET_WM_STATE)', wanted $*"
		sleep 0.05
	done
	check "$what: desktop _NET_WM_STATE = $(desk_prop "$id" _NET_WM_STATE)"
}

# guest_state DISPLAY XID: the guest window's _NET_WM_STATE.
guest_state() { DISPLAY=$1 xprop -id "$2" -notype _NET_WM_STATE 2>/dev/null | sed -n 's/^_NET_WM_STATE = //p'; }

# wait_gtk NAME WHAT STATE: until vt-gtk NAME reports "state STATE".
wait_gtk() {
	local deadline=$((SECONDS + VT_TIMEOUT))
	while :; do
		gtk "$1" state
		[[ $GTK_REPLY == "state $3" ]] && break
		((SECONDS < deadline)) || fail "$2: GTK believes '$GTK_REPLY', wanted 'state $3'"
		sleep 0.05
	done
	check "$2: GTK's window state is $3"
}

wait_connected late 1
wait_desk_id dl late lfs
wait_state "$dl" "xterm -fullscreen asked before the agent was connected" $MAXV $MAXH -$FS

# ---- GTK: a window manager that supports fullscreen, as Firefox checks
start_gtk g "$DW" gtk-app
wait_desk_id dg work gtk-app
gtk g "supports $FS"
[[ $GTK_REPLY == yes ]] || fail "GTK in the domain says the window manager does not support $FS (gdk_x11_screen_supports_net_wm_hint: '$GTK_REPLY'): Firefox's F11 would do nothing"
gtk g "supports _NET_WM_STATE_HIDDEN"
[[ $GTK_REPLY == yes ]] || fail "GTK says _NET_WM_STATE_HIDDEN is not supported"
gtk g "supports _NET_WM_MOVERESIZE"
[[ $GTK_REPLY == no ]] || fail "the agent lists _NET_WM_MOVERESIZE, which it does not handle"
check "GTK in the domain sees a window manager supporting fullscreen and hidden, and not what the agent does not do"

# ---- GTK maximize and restore
gtk g maximize
wait_state "$dg" "GTK maximized its mapped window" $MAXV $MAXH -$FS
wait_desk "$dg" w=1024
wait_gtk g "GTK maximized" "fullscreen=0 maximized=1 iconified=0"
gtk g unmaximize
wait_state "$dg" "GTK unmaximized" -$MAXV -$MAXH
wait_gtk g "GTK unmaximized" "fullscreen=0 maximized=0 iconified=0"

# ---- GTK fullscreen without allow_fullscreen: maximized, GTK believes fullscreen
gtk g fullscreen
wait_state "$dg" "GTK asked for fullscreen (work: not allowed)" $MAXV $MAXH -$FS
wait_gtk g "GTK's fullscreen, shown maximized" "fullscreen=1 maximized=0 iconified=0"
# the user restores it on the desktop (openbox's maximize button does this)
desk "$VT_BIN/tests/vt-desk" net-state "$dg" remove $MAXV $MAXH
wait_state "$dg" "the user restored it on the desktop" -$MAXV -$MAXH
wait_gtk g "the user's restore on the desktop" "fullscreen=0 maximized=0 iconified=0"
[[ " $(guest_state "$DW" "${GTK_ID[g]}") " != *"$FS"* ]] || fail "the guest window still has $FS after the user's restore: $(guest_state "$DW" "${GTK_ID[g]}")"
# fullscreen asked of a window the user maximized: shown so already, GTK is
# told fullscreen at once; asked off, back to normal (new-user trial 4:
# qterminal's F11 did nothing on a window maximized with openbox's button)
desk "$VT_BIN/tests/vt-desk" net-state "$dg" add $MAXV $MAXH
wait_gtk g "the user maximized it on the desktop" "fullscreen=0 maximized=1 iconified=0"
gtk g fullscreen
wait_gtk g "GTK's fullscreen on the window the user maximized" "fullscreen=1 maximized=0 iconified=0"
gtk g unfullscreen
wait_state "$dg" "GTK left fullscreen" -$MAXV -$MAXH
wait_gtk g "GTK left fullscreen" "fullscreen=0 maximized=0 iconified=0"
# fullscreen, off, on at once (F11 pressed three times quickly): the desktop
# answers each in turn; GTK ends fullscreen, shown maximized, not told it is
# maximized (new-user trial 4: stuck maximized, F11 dead)
gtk g fullscreen
gtk g unfullscreen
gtk g fullscreen
wait_state "$dg" "fullscreen, off, on at once" $MAXV $MAXH
wait_gtk g "fullscreen, off, on at once" "fullscreen=1 maximized=0 iconified=0"
sleep 1
wait_gtk g "fullscreen, off, on at once, a second later" "fullscreen=1 maximized=0 iconified=0"
gtk g unfullscreen
wait_state "$dg" "and off again" -$MAXV -$MAXH
wait_gtk g "and off again" "fullscreen=0 maximized=0 iconified=0"
# ---- leaving fullscreen brings back the place and size from before, near
# the right edge too: openbox restores in two steps (the maximized size at
# the old place, then the old size); the daemon put the first step back
# inside the screen, that reached openbox after the second, and the window
# kept its maximized size half off the screen (qterminal's F11 twice, mpv,
# mousepad with allow_fullscreen: new-user trial 3).
# fs_cycles GTK DESKID ATOM...: vt-gtk GTK's window, moved near the right
# edge, enters fullscreen (the desktop shows it with ATOM...) and leaves it,
# twice: back where and as large as it was each time.
fs_cycles() {
	local g=$1 id=$2 cycle f before='' after=''
	shift 2
	desk xdotool windowmove "$id" 760 120
	wait_desk "$id" x=760
	settled "$id"
	desk_line_to before "$id"
	for cycle in 1 2; do
		gtk "$g" fullscreen
		wait_state "$id" "$g: fullscreen near the right edge ($cycle)" "$@"
		gtk "$g" unfullscreen
		wait_state "$id" "$g: fullscreen left ($cycle)" "${@/#/-}"
		settled "$id"
		desk_line_to after "$id"
		for f in x y w h; do
			[[ $(field_of "$after" $f) == "$(field_of "$before" $f)" ]] ||
				fail "$g left fullscreen ($cycle): not back where and as large as it was: before '$before', after '$after'"
		done
	done
	check "$g: fullscreen left twice near the right edge: back at x=$(field_of "$before" x) y=$(field_of "$before" y) w=$(field_of "$before" w) h=$(field_of "$before" h) each time"
}
fs_cycles g "$dg" $MAXV $MAXH
co_close g

# ---- xterm -fullscreen: the request goes to a window manager only
bg xterm-w "$T/xterm-w.log" env DISPLAY="$DW" xterm -fullscreen -title xfs -e sleep 600
wait_desk_id dx work xfs
wait_state "$dx" "xterm -fullscreen in work (not allowed)" $MAXV $MAXH -$FS
wait_desk "$dx" w=1024
xid=$(win_field work xfs id)
[[ " $(guest_state "$DW" "$xid") " == *"$FS"* ]] ||
	fail "xterm's own window has _NET_WM_STATE '$(guest_state "$DW" "$xid")' after its request: no $FS"
check "xterm's window in the domain carries $FS, as a window manager would set it"

bg xterm-t "$T/xterm-t.log" env DISPLAY="$DT" xterm -fullscreen -title tfs -e sleep 600
wait_desk_id dt trusted tfs
wait_state "$dt" "xterm -fullscreen in trusted (allow_fullscreen=1)" $FS
wait_desk "$dt" x=0 y=0 w=1024 h=768
check "trusted's xterm -fullscreen covers the desktop"
start_gtk t "$DT" trusted-app
wait_desk_id dtg trusted trusted-app
fs_cycles t "$dtg" $FS
co_close t

finish
