#!/bin/bash
# x11-xkill: a desktop client closes the daemon's connection to the desktop
# X server (xkill on a guest window, as a user does with a window that does
# not answer; a window manager's "kill" does the same, XKillClient). Every
# guest window is the daemon's, so before, the daemon ended and every
# sandbox with it (new-user trial 6). Now it goes on over a spare
# connection it opened at start (gui-daemon/backend/x11/x11-spare.c):
#  - both domains' xterms come back on the desktop, framed in their label
#    colours, as new desktop windows; the domains stay connected;
#  - work's tray icon (yad --notification; no tray on the desktop: a window
#    of its own) comes back;
#  - the keys still go where the user clicks: typed into work's xterm, then
#    into untrusted's, each reaching only its own;
#  - a hostile domain's popup (vt-hostile) over work's xterm stays below it
#    after the xkill, as before it (hostile-domain trial 6: the replay put
#    it under the bare window, and openbox stacked the new frame under it);
#  - a second xkill (of untrusted's window now) is survived the same way.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_xvfb DESK 1024x768
start_openbox "$DESK" click
start_daemon_x11 "$DESK" --domain work,label=blue --domain untrusted,label=red \
	--domain evil,label=orange,tint=none
start_xvfb DW 1024x768
start_xvfb DU 1024x768
start_agent work "$DW"
start_agent untrusted "$DU"
cat_term work "$DW" 50x8+40+60
wait_desk_id DWK work work
# no position: openbox places it, beside work's (mapped first, it was put
# at the top left, under work's, and the click meant for work went to it)
cat_term untrusted "$DU" 50x8
bg yad "$T/yad.log" env DISPLAY="$DW" GDK_BACKEND=x11 NO_AT_BRIDGE=1 yad --notification \
	--image=/usr/share/icons/Adwaita/24x24/places/folder-pictures.png --text=pictures
wait_desk_id DUT untrusted untrusted
# click_type DESK NAME OTHER TEXT WHAT: the user clicks NAME's xterm (desktop
# window DESK), NAME's window gets the keys, TEXT typed reaches it, not OTHER
click_type() {
	desk_click "$1" 30 30
	wait_win "$2" "$(win_field "$2" "$2" id)" focus=1
	type_to "$4" "$2" "$3" "$5"
}
click_type "$DWK" work untrusted before "before any xkill"
# evil's popup (magenta) right over work's xterm, mapped while work has the keys
hostile_start hw evil window
# (200x60 at 250,150: its right part beside the xterm, shown; its left
# part under the xterm, which ends near x 350, y 190)
hostile hw "create 30 250 150 200 60 1"
hostile hw "buffer 30 200 60 ff00ff"
hostile hw "map 30 1"
hostile hw "damage 30 0 0 200 60"
# popup_under WHAT: evil's magenta popup shown beside work's xterm (430,200)
# and under it (300,160: the xterm's white)
popup_under() {
	local deadline=$((SECONDS + VT_TIMEOUT)) s out in
	while :; do
		s=$(desk_shot popup-under)
		out=$("$VT_BIN/tests/pngpix" "$s" 430 200)
		in=$("$VT_BIN/tests/pngpix" "$s" 300 160)
		[[ $out == ff00ff && $in == ffffff ]] && break
		((SECONDS < deadline)) || fail "$1: at 430,200 (beside work's xterm) $out, at 300,160 (on it) $in: want evil's popup (ff00ff) beside it, the xterm's white on it ($s)"
		sleep 0.1
	done
	cp "$s" "$T/popup-under-$2.png"
	check "$1: evil's popup is shown beside work's xterm and stays below it (300,160 is the xterm's $in)"
}
popup_under "before any xkill" before

# tray_icon: the daemon's "[work] ..." tray icon window on the desktop (its id), or nothing
tray_icon() { desk xwininfo -root -tree 2>/dev/null | grep -F '"[work] ' | grep -F vitrine-tray | awk '{print $1}' | head -n 1; }
# wait_tray WHY: until work's tray icon is on the desktop (fails saying WHY)
wait_tray() {
	local deadline=$((SECONDS + VT_TIMEOUT))
	until [[ -n $(tray_icon) ]]; do
		((SECONDS < deadline)) || fail "$1"
		sleep 0.05
	done
}
wait_tray "work's tray icon is not on the desktop"
check "work's tray icon is on the desktop as a window of its own ($(tray_icon))"
# the user puts it elsewhere, away from where openbox would place it
desk xdotool windowmove --sync "$(tray_icon)" 520 610
sleep 0.3

# tray_at: where work's tray icon window is on the desktop (x,y)
tray_at() { desk xwininfo -id "$(tray_icon)" 2>/dev/null | awk '/Absolute upper-left X/ {x = $NF} /Absolute upper-left Y/ {y = $NF} END {print x "," y}'; }

# xkill_back ID WHAT N: xkill the desktop window ID; the daemon goes on, its
# N-th spare connection in use; both xterms back as new desktop windows
xkill_back() {
	local id=$1 what=$2 n=$3 old_w=$DWK old_u=$DUT s at_w at_u at_t deadline
	at_t=$(tray_at)
	at_w="$(desk_field "$DWK" x),$(desk_field "$DWK" y)"
	at_u="$(desk_field "$DUT" x),$(desk_field "$DUT" y)"
	desk xkill -id "$id" >"$T/xkill.log" 2>&1 || fail "xkill -id $id failed: $(cat "$T/xkill.log")"
	wait_lines "$VT_DAEMON_LOG" ".*the desktop X server closed the daemon's connection \(xkill on a guest window, a window manager's kill\); every window is shown again over a spare connection.*" "$n" "the daemon's log after $what"
	alive "$VT_DAEMON_PID" || fail "the daemon ended after $what"
	wait_desk_id DWK work work
	wait_desk_id DUT untrusted untrusted
	[[ $DWK != "$old_w" && $DUT != "$old_u" ]] ||
		fail "after $what the xterms are the same desktop windows ($DWK, $DUT): not made again"
	[[ $(domain_field work connected) == 1 && $(domain_field untrusted connected) == 1 ]] ||
		fail "after $what: $(ctl domains)"
	check "after $what the daemon went on: both xterms are back as new desktop windows ($DWK, $DUT), both domains connected"
	settled "$DWK"
	settled "$DUT"
	# where they were (new-user trial 7: every window came back elsewhere,
	# a maximized one on the other monitor)
	[[ "$(desk_field "$DWK" x),$(desk_field "$DWK" y)" == "$at_w" &&
		"$(desk_field "$DUT" x),$(desk_field "$DUT" y)" == "$at_u" ]] ||
		fail "after $what the xterms are at $(desk_field "$DWK" x),$(desk_field "$DWK" y) and $(desk_field "$DUT" x),$(desk_field "$DUT" y), not $at_w and $at_u"
	check "after $what both xterms are where they were ($at_w, $at_u)"
	s=$(desk_shot "after-xkill-$n")
	desk_check_frame "$s" "$DWK" blue "work's xterm after $what"
	desk_check_frame "$s" "$DUT" red "untrusted's xterm after $what"
	wait_tray "work's tray icon did not come back after $what"
	check "work's tray icon is back after $what ($(tray_icon))"
	# where it was (new-user trial 17 #5: openbox placed it anew, under
	# another window)
	deadline=$((SECONDS + VT_TIMEOUT))
	until [[ $(tray_at) == "$at_t" ]]; do
		((SECONDS < deadline)) || fail "after $what work's tray icon is at $(tray_at), not where it was ($at_t)"
		sleep 0.05
	done
	check "after $what work's tray icon is where it was ($at_t)"
}

# the user moved untrusted's xterm, which gave no position (openbox's own
# placement would put it elsewhere again)
desk xdotool windowmove "$DUT" 600 500
wait_desk "$DUT" x=600 y=500
settled "$DUT"
# and the daemon took it: an xkill closes its connection with whatever it
# had not read yet (a CI-like run: the move, still unread, was lost with it,
# and the xterm came back at openbox's first place)
wait_win untrusted "$(win_field untrusted untrusted id)" x=$((600 + VT_X11_BORDER)) y=$((500 + VT_X11_BORDER))
xkill_back "$DWK" "xkill of work's xterm" 1
popup_under "after the xkill" after
# evil goes: once the user clicks untrusted's xterm, a popup below that one
# may lie over work's (the keys' window decides), and the second xkill's
# checks look at work's frame (a CI-like run: the popup over its border)
hostile_stop hw
# the keys' window shown active again without a click (its desktop focus)
wait_desk_focus "$DWK" "work's xterm, which had the keys, after the xkill"
type_to noclick work untrusted "typed after the xkill, no click: the window manager focused work's xterm again"
click_type "$DWK" work untrusted afterone "work's xterm clicked after the xkill"
click_type "$DUT" untrusted work aftertwo "untrusted's xterm clicked after the xkill"

xkill_back "$DUT" "a second xkill, of untrusted's xterm" 2
click_type "$DWK" work untrusted afterthree "work's xterm clicked after the second xkill"

# A window made again keeps its place also when its domain changes its
# hints before the window manager took it (a CI-like run of 2026-12-03:
# untrusted's xterm came back at openbox's own place, the hints the daemon
# set anew without the position). evil's window, moved by the user; openbox
# held (SIGSTOP) through a third xkill until evil's change is on the desktop.
hostile_start he evil window
hostile he "create 31 300 300 200 80"
hostile he "buffer 31 200 80 00ff00"
hostile he "title 31 $(printf moved | od -An -tx1 | tr -d ' \n')"
hostile he "map 31"
hostile he "damage 31 0 0 200 80"
wait_desk_id DEV evil moved
desk xdotool windowmove "$DEV" 650 420
wait_desk "$DEV" x=650 y=420
settled "$DEV"
wait_win evil 31 x=$((650 + VT_X11_BORDER)) y=$((420 + VT_X11_BORDER))
kill -STOP "$VT_OPENBOX_PID"
desk xkill -id "$DWK" >"$T/xkill.log" 2>&1 || fail "xkill -id $DWK failed: $(cat "$T/xkill.log")"
wait_lines "$VT_DAEMON_LOG" ".*the desktop X server closed the daemon's connection.*" 3 "the daemon's log after the third xkill"
hostile he "wmflags 31 1"
hostile he "title 31 $(printf moved2 | od -An -tx1 | tr -d ' \n')"
deadline=$((SECONDS + VT_TIMEOUT))
while desk_line_title_to l evil moved2 && [[ -z $l ]]; do
	((SECONDS < deadline)) || { kill -CONT "$VT_OPENBOX_PID"; fail "evil's new title never reached the desktop: $(desk_list)"; }
	sleep 0.05
done
kill -CONT "$VT_OPENBOX_PID"
wait_desk_id DEV evil moved2
settled "$DEV"
[[ "$(desk_field "$DEV" x),$(desk_field "$DEV" y)" == 650,420 ]] ||
	fail "after the third xkill, with evil's hints changed before openbox took its window, it is at $(desk_field "$DEV" x),$(desk_field "$DEV" y), not 650,420"
check "after the third xkill evil's window is back where the user moved it (650,420), its hints changed before openbox took it"
finish
