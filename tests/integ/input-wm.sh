#!/bin/bash
# input-wm: the daemon's own window management on a composited output (no
# window manager: headless here, drm the same, grab.c): a drag of the title
# bar moves a window, Super+left drag anywhere on it moves it, Super+right
# drag resizes it (the guest learns the new size: its client redraws at it),
# the title bar cannot be dragged off the output, and none of these presses
# reaches a guest; the close box asks the guest (its client gets
# WM_DELETE_WINDOW and goes); while Alt is held after Alt+Tab an overlay
# lists the windows in their domains' colours, the chosen one marked
# (switcher.c), and Alt's release focuses it and takes the overlay away.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

start_daemon --size 1280x800 --domain a,label=blue --domain b,label=red
start_xvfb DA
start_xvfb DB
start_agent a "$DA"
start_agent b "$DB"
start_pattern pa "$DA" --geometry 300x200+100+100 --title pa
start_input ib "$DB" --geometry 300x200+700+400 --title ib
wait_pixels a 1
wait_pixels b 1
geometry
B=$VT_GEOM_B TB=$VT_GEOM_T
ida=${PAT_ID[pa]} idb=${PAT_ID[ib]}
xy() { echo "$(win_field_id "$1" "$2" x) $(win_field_id "$1" "$2" y)"; }
nb() { grep -c '^\(button\|release\) ' "$T/input-ib.txt" || true; }

# ---- the title bar: a drag moves the window by as much
read -r x y <<<"$(xy a "$ida")"
ctl drag $((x + 40)) $((y - TB / 2)) $((x + 190)) $((y - TB / 2 + 80)) >/dev/null
wait_win a "$ida" x=$((x + 150)) y=$((y + 80))
check "a drag of pa's title bar by +150+80 moved it from $x,$y to $((x + 150)),$((y + 80))"
# the guest was told: its X window is there too
deadline=$((SECONDS + VT_TIMEOUT))
until [[ $(DISPLAY=$DA xwininfo -id "$ida" | awk '/Absolute upper-left X/ {x=$NF} /Absolute upper-left Y/ {print x, $NF}') == "$((x + 150)) $((y + 80))" ]]; do
	((SECONDS < deadline)) || fail "pa's X window in its domain did not follow the drag"
	sleep 0.05
done
check "pa's X window in domain a is at $((x + 150)),$((y + 80)) too (SET_GEOMETRY)"

# dragged far above and left of the output: the frame stays on it
read -r x y <<<"$(xy a "$ida")"
ctl drag $((x + 40)) $((y - TB / 2)) -2000 -3000 >/dev/null
wait_win a "$ida" x="$B" y=$((B + TB))
check "a title bar dragged off the top-left corner stops at the edge (frame at 0,0)"
read -r x y <<<"$(xy a "$ida")"
ctl drag $((x + 40)) $((y - TB / 2)) 5000 5000 >/dev/null
l=$(win_line_id a "$ida")
fx=$(field_of "$l" x) fy=$(field_of "$l" y)
((fx > 1000 && fx <= 1280 - 60 && fy > 600 && fy <= 800 - 30)) ||
	fail "a title bar dragged far off the bottom-right corner left the window at $fx,$fy"
check "dragged far off the bottom-right corner, pa stays partly on the output (at $fx,$fy)"
ctl drag $((fx + 40)) $((fy - TB / 2)) 240 200 >/dev/null

# ---- Super+left drag anywhere on the window moves it; ib sees no button
ctl click 800 500 >/dev/null # focus b, a marker in ib's log
wait_lines "$T/input-ib.txt" "release 1 100 100" 1 "the click into ib"
n=$(nb)
read -r x y <<<"$(xy b "$idb")"
ctl drag $((x + 150)) $((y + 100)) $((x + 50)) $((y + 60)) 1 super >/dev/null
wait_win b "$idb" x=$((x - 100)) y=$((y - 40))
check "Super+drag on ib's content by -100-40 moved it to $((x - 100)),$((y - 40))"
ctl click $((x - 100 + 5)) $((y - 40 + 5)) >/dev/null
wait_lines "$T/input-ib.txt" "release 1 5 5" 1 "the click after the Super+drag"
got=$(tail -n +$((n + 1)) <(grep '^\(button\|release\) ' "$T/input-ib.txt") | tr '\n' ,)
[[ $got == "button 1 5 5,release 1 5 5," ]] || fail "ib got '$got' around the Super+drag: only the later click's"
check "ib got no button of the Super+drag (only the click after it)"

# ---- Super+right drag from near the bottom-right corner resizes
read -r x y <<<"$(xy a "$ida")"
ctl drag $((x + 290)) $((y + 190)) $((x + 390)) $((y + 240)) 3 super >/dev/null
wait_win a "$ida" x="$x" y="$y" w=400 h=250
s=$(wait_content a "$ida" quad wm-resized)
check "Super+right drag by +100+50 made pa 400x250, and its client drew its pattern at that size"
# and from near the top-left corner: that corner moves
ctl drag $((x + 10)) $((y + 10)) $((x + 60)) $((y + 30)) 3 super >/dev/null
wait_win a "$ida" x=$((x + 50)) y=$((y + 20)) w=350 h=230
check "Super+right drag of the top-left corner by +50+20 moved that corner (350x230)"

# ---- Alt+Tab: the overlay while Alt is held, the chosen one marked
ctl focus a "$ida" >/dev/null
ctl key Alt_L press >/dev/null
ctl key Tab >/dev/null
s=$(shot wm-alt-tab)
# two rows (deco-switcher.c: 520 wide, a 2 px border, 28 px heading, 24 px
# rows, 10 px padding; centred); a is on top, ib chosen (below it)
bw=520 bh=$((4 + 28 + 2 * 24 + 10))
bx=$(((1280 - bw) / 2)) by=$(((800 - bh) / 2))
expect_rect "$s" "$bx" "$by" "$bw" 2 ffffff "the overlay's top border"
expect_rect "$s" $((bx + 112)) $((by + 2 + 28 + 5)) 20 8 blue "row 1: a's chip in blue"
expect_rect "$s" $((bx + 112)) $((by + 2 + 28 + 24 + 5)) 20 8 red "row 2: b's chip in red"
expect_rect "$s" $((bx + bw - 30)) $((by + 2 + 28 + 8)) 10 8 000000 "row 1 is not marked"
expect_rect "$s" $((bx + bw - 30)) $((by + 2 + 28 + 24 + 8)) 10 8 555753 "row 2 (the chosen) is marked"
check "while Alt is held after Alt+Tab, the overlay lists a (blue) then b (red), b marked ($s)"
ctl key Alt_L release >/dev/null
expect_focus b "$idb" "after Alt's release"
s=$(shot wm-alt-released)
got=$(pix "$s" $((bx + 112)) $((by + 2 + 28 + 5 + 24)))
[[ $got != cc0000 ]] || fail "the overlay is still shown after Alt's release ($s)"
check "Alt's release focused ib and took the overlay away"

# ---- the close box asks the guest: vt-pattern gets WM_DELETE_WINDOW and goes
read -r x y <<<"$(xy a "$ida")"
w=$(win_field_id a "$ida" w)
ctl click $((x + w - 10)) $((y - TB / 2)) >/dev/null
co_read pa line
[[ $line == closed ]] || fail "pa said '$line' after a click on its close box, not 'closed'"
wait_win a "$ida" gone
check "a click on pa's close box: its client got WM_DELETE_WINDOW (closed) and its window went"
# a press on the close box released elsewhere closes nothing
read -r x y <<<"$(xy b "$idb")"
w=$(win_field_id b "$idb" w)
ctl drag $((x + w - 10)) $((y - TB / 2)) $((x + w - 100)) $((y + 50)) >/dev/null
ctl click $((x + 5)) $((y + 5)) >/dev/null
wait_lines "$T/input-ib.txt" "release 1 5 5" 2 "a click into ib after the cancelled close"
win_line_id b "$idb" | grep -q mapped=1 || fail "ib went after a press on its close box released outside"
check "a press on ib's close box released outside it closes nothing"

finish
