#!/bin/bash
# x11-wm: the desktop backend under a real window manager (openbox). The
# desktop windows are managed (reparented into openbox's frames, titled
# "[work] ..."), the daemon's own 2-pixel frame is still exact inside them,
# and the desktop is compared with screenshots/x11-openbox.png around the two
# windows. What the user does on the desktop reaches the guest: resizing the
# desktop window resizes the guest's xterm, which lays itself out again (its
# terminal gets the new rows and columns); moving it moves the guest window;
# closing it (through the window manager, or WM_DELETE_WINDOW) asks the
# application to close. A guest-side resize is followed on the desktop.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

B=$VT_X11_BORDER
start_xvfb DESK 1024x768
start_openbox "$DESK"
start_daemon_x11 "$DESK" --domain work,label=blue
start_xvfb DW 1024x768
start_agent work "$DW"

# guest_geom ID: the guest window's inside, "X Y W H", from xwininfo on the
# domain's display (xwininfo's upper-left is the outer corner of the border).
guest_geom() {
	local info x y w h bw
	info=$(DISPLAY=$DW xwininfo -id "$1") || fail "xwininfo -id $1 on $DW failed"
	x=$(awk '/Absolute upper-left X:/ {print $4}' <<<"$info")
	y=$(awk '/Absolute upper-left Y:/ {print $4}' <<<"$info")
	w=$(awk '/  Width:/ {print $2}' <<<"$info")
	h=$(awk '/  Height:/ {print $2}' <<<"$info")
	bw=$(awk '/Border width:/ {print $3}' <<<"$info")
	echo "$((x + bw)) $((y + bw)) $w $h"
}

# desk_geom ID: "X Y W H" of desktop window ID.
desk_geom() {
	local l
	l=$(desk_line "$1")
	[[ -n $l ]] || fail "desktop window $1 is gone"
	echo "$(field_of "$l" x) $(field_of "$l" y) $(field_of "$l" w) $(field_of "$l" h)"
}

# agree WHAT DESKID DOMAIN GUESTID: the windows list, the guest's own window
# and the desktop window describe the same content rectangle (the desktop
# window is it plus the frame).
agree() {
	local what=$1 did=$2 dom=$3 gid=$4 dx dy dw dh gx gy gw gh
	read -r dx dy dw dh < <(desk_geom "$did")
	wait_win "$dom" "$gid" x=$((dx + B)) y=$((dy + B)) w=$((dw - 2 * B)) h=$((dh - 2 * B))
	local deadline=$((SECONDS + VT_TIMEOUT))
	while read -r gx gy gw gh < <(guest_geom "$gid") &&
		[[ "$gx $gy $gw $gh" != "$((dx + B)) $((dy + B)) $((dw - 2 * B)) $((dh - 2 * B))" ]]; do
		((SECONDS < deadline)) || fail "$what: the guest's window is $gw x$gh at $gx,$gy; the desktop window $dw x$dh at $dx,$dy minus the frame is $((dw - 2 * B))x$((dh - 2 * B)) at $((dx + B)),$((dy + B))"
		sleep 0.05
	done
	check "$what: desktop window ${dw}x$dh at $dx,$dy = content ${gw}x$gh at $gx,$gy + ${B}px frame, in the windows list and in the guest's X server"
}

# ---- the quad, then an xterm (mapped last: openbox gives it the focus)
start_pattern quad "$DW" --pattern quad --geometry 200x150+100+120 --title quad
gq=${PAT_ID[quad]}
wait_desk_id DQ work quad
s=$(wait_desk_content "$DQ" quad quad)
desk_check_frame "$s" "$DQ" blue "work/quad under openbox"
[[ $(desk_field "$DQ" top) != "$DQ" ]] || fail "openbox did not reparent the desktop window of work/quad"
check "openbox manages work/quad's desktop window (reparented into its frame $(desk_field "$DQ" top))"
agree "work/quad as placed by openbox" "$DQ" work "$gq"
wait_win work "$gq" x=100 y=120 w=200 h=150
check "work/quad is where vt-pattern put it (200x150+100+120, USPosition): openbox's frame is around it, not at its place"

SIZEF=$T/xterm-size
# The shell in the xterm writes its terminal's size at start and on SIGWINCH.
bg xterm "$T/xterm.log" env DISPLAY="$DW" xterm -geometry 60x10+400+300 -title vt-xterm \
	-e sh -c "trap 'stty size >$SIZEF.new && mv $SIZEF.new $SIZEF' WINCH
		stty size >$SIZEF.new && mv $SIZEF.new $SIZEF; echo hello vitrine
		while :; do sleep 0.1; done"
XTERM_PID=$VT_LAST_PID
wait_pixels work 2
wait_desk_id DX work vt-xterm
gx=$(win_field work vt-xterm id)
ctl --timeout "$VT_TIMEOUT" wait-idle work 300 >/dev/null
s=$(wait_desk_frame openbox "$DX" blue "work/vt-xterm under openbox")
desk_check_frame "$s" "$DQ" blue "work/quad beside it"
desk_content "$s" "$DQ" quad "work/quad beside it"
[[ $(desk_prop "$DX" WM_CLASS) == '"work:xterm", "work:XTerm"' ]] ||
	fail "xterm's desktop window has WM_CLASS $(desk_prop "$DX" WM_CLASS), expected \"work:xterm\", \"work:XTerm\""
check "xterm's desktop window: WM_CLASS \"work:xterm\", \"work:XTerm\""
agree "work/vt-xterm as placed by openbox" "$DX" work "$gx"

# ---- the reference: both openbox frames and a margin of the desktop
read -r ax ay aw ah < <(desk xwininfo -id "$(desk_field "$DQ" top)" |
	awk '/Absolute upper-left X:/ {x=$4} /Absolute upper-left Y:/ {y=$4} /  Width:/ {w=$2} /  Height:/ {h=$2} END {print x, y, w, h}')
read -r bx by bw bh < <(desk xwininfo -id "$(desk_field "$DX" top)" |
	awk '/Absolute upper-left X:/ {x=$4} /Absolute upper-left Y:/ {y=$4} /  Width:/ {w=$2} /  Height:/ {h=$2} END {print x, y, w, h}')
x1=$((ax < bx ? ax : bx)) y1=$((ay < by ? ay : by))
x2=$((ax + aw > bx + bw ? ax + aw : bx + bw)) y2=$((ay + ah > by + bh ? ay + ah : by + bh))
clip="$((x1 - 8)),$((y1 - 8)),$((x2 - x1 + 16)),$((y2 - y1 + 16))"
ref=$VT_ROOT/screenshots/x11-openbox.png
if [[ ! -e $ref ]]; then
	cp "$s" "$ref"
	fail "new reference $ref written from this run's shot: look at it (clip $clip) and commit it if it is right"
fi
"$VT_BIN/tests/pngcmp" "$ref" "$s" --clip "$clip" --diff "$T/x11-openbox-diff.png" ||
	fail "desktop shot $s differs from $ref in $clip (diff: $T/x11-openbox-diff.png)"
check "the desktop matches $(basename "$ref") in $clip (tolerance 8)"

# ---- the user resizes the xterm's desktop window
read -r rows0 cols0 <"$SIZEF" || fail "the xterm's shell did not write its size"
read -r _ _ w0 h0 < <(guest_geom "$gx")
cw=$(((w0 - 4) / cols0)) ch=$(((h0 - 4) / rows0))
say "xterm: ${cols0}x$rows0 characters of ${cw}x$ch in ${w0}x$h0"
desk xdotool windowsize "$DX" 500 300
deadline=$((SECONDS + VT_TIMEOUT))
while read -r _ _ dw dh < <(desk_geom "$DX") && ((dw == w0 + 2 * B)); do
	((SECONDS < deadline)) || fail "the xterm's desktop window did not change size after xdotool windowsize"
	sleep 0.05
done
((dw > w0 + 2 * B + 100 && dh > h0 + 2 * B + 100)) ||
	fail "the xterm's desktop window is ${dw}x$dh after a resize to 500x300"
agree "work/vt-xterm resized from the desktop to ${dw}x$dh" "$DX" work "$gx"
read -r _ _ w1 h1 < <(guest_geom "$gx")
want="$(((h1 - 4) / ch)) $(((w1 - 4) / cw))"
deadline=$((SECONDS + VT_TIMEOUT))
until [[ $(cat "$SIZEF") == "$want" ]]; do
	((SECONDS < deadline)) || fail "the xterm's terminal is $(cat "$SIZEF") (rows cols), expected $want for ${w1}x$h1"
	sleep 0.05
done
check "the xterm laid itself out again: its terminal is now $want (rows cols), was $rows0 $cols0"
ctl --timeout "$VT_TIMEOUT" wait-idle work 300 >/dev/null
s=$(wait_desk_frame resized "$DX" blue "work/vt-xterm after the resize")

# ---- the guest resizes the quad: the desktop window follows
read -r qx qy _ _ < <(desk_geom "$DQ")
pat quad resize 260 180
wait_desk "$DQ" w=$((260 + 2 * B)) h=$((180 + 2 * B))
agree "work/quad resized by the guest to 260x180" "$DQ" work "$gq"
s=$(wait_desk_content "$DQ" quad quad-resized)
desk_check_frame "$s" "$DQ" blue "work/quad resized by the guest"
read -r nx ny _ _ < <(desk_geom "$DQ")
# (the daemon configures X and Y with every size change; without StaticGravity
# in its WM_NORMAL_HINTS openbox would take them as its frame's position and
# move the window by its decoration each time)
[[ "$nx $ny" == "$qx $qy" ]] ||
	fail "a guest resize moved the desktop window from $qx,$qy to $nx,$ny"
check "a guest resize leaves the desktop window where it was ($qx,$qy)"

# ---- the user moves the quad's desktop window
read -r qx qy _ _ < <(desk_geom "$DQ")
desk xdotool windowmove "$DQ" 60 450
deadline=$((SECONDS + VT_TIMEOUT))
while read -r nx ny _ _ < <(desk_geom "$DQ") && [[ "$nx $ny" == "$qx $qy" ]]; do
	((SECONDS < deadline)) || fail "the quad's desktop window did not move after xdotool windowmove"
	sleep 0.05
done
((nx >= 50 && nx <= 70 && ny >= 440 && ny <= 480)) ||
	fail "the quad's desktop window is at $nx,$ny after a move to 60,450"
agree "work/quad moved from the desktop to $nx,$ny" "$DQ" work "$gq"
s=$(wait_desk_content "$DQ" quad moved)
desk_check_frame "$s" "$DQ" blue "work/quad after the move"

# ---- the window manager moves it partly off the screen (ATTACKS 10): the
# daemon puts it back, its frame whole on the screen
desk xdotool windowmove "$DQ" -120 -60
deadline=$((SECONDS + VT_TIMEOUT))
until read -r nx ny nw nh < <(desk_geom "$DQ") && ((nx >= 0 && ny >= 0 && nx + nw <= 1024 && ny + nh <= 768)) &&
	[[ "$nx $ny" != "$qx $qy" ]]; do
	((SECONDS < deadline)) || fail "after openbox moved it to -120,-60 the quad's desktop window is at $nx,$ny ${nw}x$nh, not inside the screen"
	sleep 0.05
done
check "openbox moved work/quad's desktop window to -120,-60: it is back inside the screen at $nx,$ny"
agree "work/quad put back on the screen" "$DQ" work "$gq"
s=$(wait_desk_content "$DQ" quad offscreen)
desk_check_frame "$s" "$DQ" blue "work/quad after being moved off the screen"

# ---- close, through the window manager: vt-pattern is asked to close
desk "$VT_BIN/tests/vt-desk" net-close "$DQ"
co_read quad l
[[ $l == closed ]] || fail "vt-pattern said '$l' after openbox closed its desktop window, expected 'closed'"
check "closing work/quad's desktop window through openbox (_NET_CLOSE_WINDOW) asked vt-pattern to close (WM_DELETE_WINDOW): it said 'closed'"
wait_win work "$gq" gone
deadline=$((SECONDS + VT_TIMEOUT))
while [[ -n $(desk_line "$DQ") ]]; do
	((SECONDS < deadline)) || fail "desktop window $DQ stayed after vt-pattern closed"
	sleep 0.05
done
check "vt-pattern exited: its window and desktop window are gone"

# ---- close the xterm with WM_DELETE_WINDOW on its desktop window
desk "$VT_BIN/tests/vt-desk" close "$DX"
deadline=$((SECONDS + VT_TIMEOUT))
while alive "$XTERM_PID" && [[ $(ps -o stat= -p "$XTERM_PID" || true) != Z* ]]; do
	((SECONDS < deadline)) || fail "xterm did not exit after WM_DELETE_WINDOW on its desktop window"
	sleep 0.05
done
wait_win work "$gx" gone
check "WM_DELETE_WINDOW on the xterm's desktop window closed the xterm"
wait_gone work

finish
