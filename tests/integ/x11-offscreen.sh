#!/bin/bash
# x11-offscreen: the user moves a window partly off the screen, under openbox
# (issue 11 item 19). Dragged partly off the right edge, it stays there (the
# guest is told, and its echo does not snap it back); openbox's title bar
# stays on the screen, reachable, with the "[work]" name in its visible part,
# and the daemon's frame in the label colour runs down the visible left edge.
# Dragged all but off the right edge, it is brought back just enough: the
# start of the title bar and over half the window (openbox centres the title:
# "[work]" is just left of the middle) stay on the screen. Dragged off
# the left edge, it is put back on (the label starts there).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

B=$VT_X11_BORDER SW=1024 SH=768
start_xvfb DESK ${SW}x$SH
start_openbox "$DESK"
start_daemon_x11 "$DESK" --domain work,label=blue
start_xvfb DW ${SW}x$SH
start_agent work "$DW"

# desk_geom ID: "X Y W H" of desktop window ID.
desk_geom() {
	local l
	l=$(desk_line "$1")
	[[ -n $l ]] || fail "desktop window $1 is gone"
	echo "$(field_of "$l" x) $(field_of "$l" y) $(field_of "$l" w) $(field_of "$l" h)"
}
# top_geom ID: "X Y W H" of openbox's frame around desktop window ID.
top_geom() {
	desk xwininfo -id "$(desk_field "$1" top)" |
		awk '/Absolute upper-left X:/ {x=$4} /Absolute upper-left Y:/ {y=$4} /  Width:/ {w=$2} /  Height:/ {h=$2} END {print x, y, w, h}'
}
# guest_xy ID: "X Y" of the guest window's inside in its X server.
guest_xy() {
	local info
	info=$(DISPLAY=$DW xwininfo -id "$1") || fail "xwininfo -id $1 on $DW failed"
	awk '/Absolute upper-left X:/ {x=$4} /Absolute upper-left Y:/ {y=$4} /Border width:/ {b=$3} END {print x + b, y + b}' <<<"$info"
}
# move_to X Y: the user moves the quad's desktop window to X,Y (through
# openbox); waits until the core, the guest's X server and the desktop agree
# on where it is now. Prints "X Y W H" of the desktop window.
move_to() {
	local dx dy dw dh gx gy n deadline=$((SECONDS + VT_TIMEOUT))
	read -r dx dy _ _ < <(desk_geom "$DQ")
	desk xdotool windowmove "$DQ" "$1" "$2"
	while read -r n _ _ _ < <(desk_geom "$DQ") && ((n == dx)); do
		((SECONDS < deadline)) || fail "the desktop window did not move after xdotool windowmove $1 $2"
		sleep 0.05
	done
	while :; do
		read -r dx dy dw dh < <(desk_geom "$DQ")
		read -r gx gy < <(guest_xy "$gq")
		l=$(win_line_id work "$gq")
		[[ "$gx $gy" == "$((dx + B)) $((dy + B))" && $(field_of "$l" x) == $((dx + B)) &&
			$(field_of "$l" y) == $((dy + B)) ]] && break
		((SECONDS < deadline)) || fail "moved to $1,$2: the desktop window is at $dx,$dy, the guest's at $gx,$gy, the core's: $l"
		sleep 0.05
	done
	ctl --timeout "$VT_TIMEOUT" wait-idle work 200 >/dev/null # the guest's echo, if any
	read -r dx dy dw dh < <(desk_geom "$DQ")
	echo "$dx $dy $dw $dh"
}

start_pattern quad "$DW" --pattern quad --geometry 300x200+100+120 --title quad
gq=${PAT_ID[quad]}
wait_desk_id DQ work quad
s=$(wait_desk_content "$DQ" quad quad)
desk_check_frame "$s" "$DQ" blue "work/quad under openbox"

# ---- partly off the right edge: it stays
read -r x y w h < <(move_to $((SW - 240)) 300)
((x == SW - 240 && y == 300)) ||
	fail "moved partly off the right edge to $((SW - 240)),300, the window is at $x,$y ${w}x$h"
((x + w > SW)) || fail "the window is not partly off the screen: $x,$y ${w}x$h"
check "moved to $x,$y (${w}x$h on a ${SW}px screen): it stays partly off the right edge, the guest told"
read -r tx ty tw th < <(top_geom "$DQ")
((ty >= 0 && ty < y && tx < SW - 100)) ||
	fail "openbox's frame $tx,$ty ${tw}x$th: its title bar is not on the screen"
s=$(desk_shot partly)
desk_rect_is "$s" "$x" "$y" "$B" "$h" blue "the frame's visible left edge"
desk_rect_is "$s" "$x" "$y" $((SW - x)) "$B" blue "the frame's visible top edge"
desk_rect_is "$s" $((x + B)) $((y + B)) $(((w - 2 * B) / 2)) $(((h - 2 * B) / 2)) ff0000 "the quad's top-left quadrant"
desk_rect_is "$s" $((x + B)) $((y + h / 2)) $(((w - 2 * B) / 2)) $(((h - 2 * B) / 2)) 0000ff "the quad's bottom-left quadrant"
[[ $(pix "$s" --rect "$tx" "$ty" $((SW - tx)) $((y - ty - B))) == mixed* ]] ||
	fail "openbox's title bar has no text in its visible part"
check "openbox's title bar ($tx,$ty) is on the screen with its text, the blue frame down the visible left edge, the content exact"

# ---- all but off the right edge: brought back so the label shows
read -r x y w h < <(move_to $((SW + 400)) 300)
((x + w > SW && x <= SW - w / 2 - 40 && y == 300)) ||
	fail "moved to $((SW + 400)),300: the window is at $x,$y ${w}x$h, expected partly on the screen, over half of it"
check "moved to $((SW + 400)),300: brought back to $x,$y, over half of it (the title's middle and left) on the screen"
read -r tx ty tw th < <(top_geom "$DQ")
s=$(desk_shot brought-back)
desk_rect_is "$s" "$x" "$y" "$B" "$h" blue "the frame's visible left edge, brought back"
[[ $(pix "$s" --rect "$tx" "$ty" $((SW - tx)) $((y - ty - B))) == mixed* ]] ||
	fail "openbox's title bar has no text in its visible part, brought back"
check "brought back: openbox's title bar ($tx,$ty) with its text and the blue left edge are on the screen"

# ---- off the left edge: put back on
read -r x y w h < <(move_to -150 300)
((x == 0 && y == 300)) || fail "moved off the left edge to -150,300: the window is at $x,$y, expected 0,300"
check "moved off the left edge to -150,300: put back at 0,300"

finish
