#!/bin/bash
# x11-place: where a guest window lands on a desktop with a window manager
# (issue 11, item 2). A real GTK dialog (yad, no position of its own) in
# domain work, under openbox: the window manager places it, so its title bar
# -- its close button and the "[work]" name -- is on the screen; the guest
# is told where it went, and it stays there when its application resizes
# it. A window whose client asked for a position (vt-pattern sets
# USPosition) keeps it, as before. With panels (vt-dock: docks reserving
# rows on top and at the bottom), windows asking for 0,0, the whole screen
# or the bottom edge, and a maximized one, are kept between them, title bars
# and all; one shown when they appear moves. A client's minimum size of
# 8000x8000 (vt-hints) gives a desktop window no larger than the work area.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_xvfb DESK 1024x768
start_openbox "$DESK"
start_daemon_x11 "$DESK" --domain work,label=blue
start_xvfb DW 1024x768
start_agent work "$DW"

# frame_top DESKID: the absolute Y of the window manager's frame around it.
frame_top() {
	local top
	top=$(desk_field "$1" top)
	desk xwininfo -id "$top" | awk '/Absolute upper-left Y:/ {print $4}'
}

bg yad "$T/yad.log" env DISPLAY="$DW" NO_AT_BRIDGE=1 yad --title placed \
	--text "A GTK dialog with no position of its own" --button=OK:0
wait_desk_id id work placed
y=$(desk_field "$id" y) ft=$(frame_top "$id")
[[ -n $ft ]] || fail "no window manager frame around the dialog: $(desk_line "$id")"
((ft >= 0 && ft < y)) ||
	fail "the dialog's title bar is off the screen: frame top $ft, window at y=$y (client asked no position)"
check "a GTK dialog with no position: openbox placed it, its title bar on the screen (frame top $ft, window y=$y)"
# the guest learns where it is (the daemon's scene and the desktop agree)
wl=$(win_lines | grep -F 'title="placed"' | head -n 1)
[[ -n $wl ]] || fail "the daemon lists no window titled placed: $(win_lines)"
check "the daemon lists it at x=$(field_of "$wl" x) y=$(field_of "$wl" y)"

# the application resizes its window itself (GTK's mode switches, a dialog
# that grows): it stays where it is, each time (openbox reads a configure's
# x,y with the window's gravity: NorthWest put its frame there, and the
# window moved down by the title bar at every resize)
gid=$(DISPLAY=$DW xdotool search --onlyvisible --name '^placed$' | head -n 1)
[[ -n $gid ]] || fail "yad's window is not in work's X server"
x0=$(desk_field "$id" x) y0=$(desk_field "$id" y) w0=$(desk_field "$id" w) h0=$(desk_field "$id" h)
for d in 40 0 40; do
	DISPLAY=$DW xdotool windowsize "$gid" $((w0 - 2 * VT_X11_BORDER + d)) $((h0 - 2 * VT_X11_BORDER + d))
	wait_desk "$id" w=$((w0 + d)) h=$((h0 + d))
	wait_desk "$id" x="$x0" y="$y0"
done
check "the dialog resized by its application three times stays at x=$x0 y=$y0"

# a client that asks for a position keeps it
start_pattern p "$DW" --pattern quad --geometry 200x150+300+200 --title asked
wait_desk_id d work asked
wait_desk "$d" mapped=1 x=$((300 - VT_X11_BORDER)) y=$((200 - VT_X11_BORDER))
check "a window with USPosition 300,200 is where it asked"

# title_on_screen ID WHAT: the window manager's frame top of desktop window
# ID comes to be on the screen (the daemon places it again once openbox
# says how high its title bar is), within 10 s.
title_on_screen() {
	local deadline=$((SECONDS + 10)) ft
	until ft=$(frame_top "$1") && [[ -n $ft ]] && ((ft >= 0)); do
		((SECONDS < deadline)) || fail "$2: its title bar is off the screen (frame top $ft): $(desk_line "$1")"
		sleep 0.1
	done
	check "$2: its title bar on the screen (frame top $ft)"
}

# one that asks for the whole screen at 0,0 (USPosition): openbox would put
# its title bar, which names the domain, above the screen (and take it for
# an old-style fullscreen window); the daemon keeps the title bar on it
b='' bp='' # set by wait_desk_id
start_pattern big "$DW" --pattern quad --geometry 1024x768+0+0 --title whole
wait_desk_id b work whole
title_on_screen "$b" "a window asking for the whole screen at 0,0"
# a popup as large (shown as a managed window: the 90% rule), the same
start_pattern bigp "$DW" --popup --pattern quad --geometry 1024x768+0+0 --title wholepopup
wait_desk_id bp work wholepopup
title_on_screen "$bp" "a popup covering the whole screen, shown managed"

# a client whose minimum size (WM_NORMAL_HINTS) is 8000x8000: openbox
# enforces a minimum over the daemon's configures, and made the desktop
# window that large, the centre of its title bar (where "[work]" is) far off
# the screen; the daemon's hints are never larger than the work area
hm='' line='' l='' # set by wait_desk_id, co_read
start_co hints "$T/hints.log" env DISPLAY="$DW" "$VT_TOOLS/vt-hints" 300x200+50+50 hugemin min 8000 8000
co_read hints line
wait_desk_id hm work hugemin
title_on_screen "$hm" "a window with a minimum size of 8000x8000"
deadline=$((SECONDS + 10))
until l=$(desk_line "$hm") && (($(field_of "$l" w) <= 1024 && $(field_of "$l" h) <= 768)); do
	((SECONDS < deadline)) || fail "a window with a minimum size of 8000x8000 is larger than the screen: $l ($(desk xprop -id "$hm" WM_NORMAL_HINTS | tr -s '\n\t' ' '))"
	sleep 0.1
done
check "its desktop window fits the screen ($(field_of "$l" w)x$(field_of "$l" h)), the title's centre on it"

# ---- panels: a dock of 30 rows on top and one of 40 at the bottom, each
# reserving its rows (_NET_WM_STRUT_PARTIAL, as a taskbar does); openbox
# leaves them out of _NET_WORKAREA, and the daemon keeps the managed windows
# (their title bars naming the domain, maximized ones too) between them
TOP=30 BOTTOM=$((768 - 40)) line='' o='' w2='' lo='' mx='' # set by wait_desk_id
for e in top:$TOP bottom:40; do
	start_co "dock${e%:*}" "$T/dock-${e%:*}.log" env DISPLAY="$DESK" "$VT_TOOLS/vt-dock" "${e%:*}" "${e#*:}"
	co_read "dock${e%:*}" line
	[[ $line == "dock "* ]] || fail "vt-dock ${e%:*} said '$line'"
done
deadline=$((SECONDS + VT_TIMEOUT))
until [[ $(desk xprop -root _NET_WORKAREA) == *"= 0, $TOP, 1024, $((BOTTOM - TOP))"* ]]; do
	((SECONDS < deadline)) || fail "openbox's work area with the panels: $(desk xprop -root _NET_WORKAREA)"
	sleep 0.05
done
check "two panels (vt-dock, DOCK with struts): openbox's work area is 0,$TOP 1024x$((BOTTOM - TOP))"

# between_panels ID WHAT: desktop window ID comes to be between the panels,
# the top of the window manager's frame (its title bar) too (within 10 s).
between_panels() {
	local deadline=$((SECONDS + 10)) l ft wb
	until l=$(desk_line "$1") && ft=$(frame_top "$1") && [[ -n $ft ]] &&
		wb=$(($(field_of "$l" y) + $(field_of "$l" h))) && ((ft >= TOP && wb <= BOTTOM)); do
		((SECONDS < deadline)) || fail "$2: its frame's top at row $ft, its bottom at $wb, not between the panels ($TOP to $BOTTOM): $l"
		sleep 0.1
	done
	check "$2: between the panels, title bar and all (rows $ft to $wb)"
}
# the window shown, asking for the whole screen, moves out from under them
between_panels "$b" "the window asking for the whole screen, when the panels appeared"
# the minimum size's window too: its hints follow the smaller work area
between_panels "$hm" "the window with a minimum size of 8000x8000, when the panels appeared"
# new ones asking for 0,0, for the whole screen, for the bottom edge
start_pattern origin "$DW" --pattern quad --geometry 200x150+0+0 --title origin
wait_desk_id o work origin
between_panels "$o" "a window asking for 0,0"
start_pattern whole2 "$DW" --pattern quad --geometry 1024x768+0+0 --title whole2
wait_desk_id w2 work whole2
between_panels "$w2" "a window asking for the whole screen at 0,0"
start_pattern low "$DW" --pattern quad --geometry 300x150+400+618 --title low
wait_desk_id lo work low
between_panels "$lo" "a window asking for the bottom edge"
# fullscreen asked (work may not: maximized), for the whole screen
start_pattern max "$DW" --pattern quad --geometry 1024x768+0+0 --title max --fullscreen
wait_desk_id mx work max
between_panels "$mx" "a window maximized (fullscreen asked) asking for the whole screen"
s=$(desk_shot panels)
[[ $(pix "$s" --rect 0 0 1024 $TOP) == 808080 && $(pix "$s" --rect 0 $BOTTOM 1024 40) == 808080 ]] ||
	fail "a panel is covered in $s"
check "both panels are whole on the desktop ($s)"
finish
